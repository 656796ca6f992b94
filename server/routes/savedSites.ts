import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { validate } from '../validate';
import { saveSiteRequest, siteIdParam } from '../../core/api/plans';
import { getSavedSite, saveSite } from '../plans/savedSiteStore';

/** Saved sites: `POST /api/sites` stores a scored-site snapshot → `{ id }`; `GET /api/sites/:id` reads it. */
export function savedSitesRoutes(deps: AppDeps) {
  return new Hono()
    .post('/sites', validate('json', saveSiteRequest), async (c) => c.json(await saveSite(deps.userDb, c.req.valid('json')), 201))
    .get('/sites/:id', validate('param', siteIdParam), async (c) => c.json(await getSavedSite(deps.userDb, c.req.valid('param').id)));
}
