import { Hono } from 'hono';
import type { AppContext } from '../services';
import { validate } from '../validate';
import { operation } from './operation';
import { saveSiteRequest, siteIdParam } from '../../core/api/plans';

/** Saved sites: `POST /api/sites` stores a scored-site snapshot → `{ id }`; `GET /api/sites/:id` reads it. */
export function savedSitesRoutes(ctx: AppContext) {
  return new Hono()
    .post('/sites', operation({ role: 'designer', tag: 'sites', summary: 'Save a scored-site snapshot → { id }', status: [201] }), validate('json', saveSiteRequest), async (c) => c.json(await ctx.services.savedSites.save(c.req.valid('json')), 201))
    .get('/sites/:id', operation({ role: 'viewer', tag: 'sites', summary: 'A saved site snapshot' }), validate('param', siteIdParam), async (c) => c.json(await ctx.services.savedSites.get(c.req.valid('param').id)));
}
