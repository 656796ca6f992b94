import { Hono } from 'hono';
import type { AppContext } from '../services';
import type { SavedSiteStore } from '../plans/savedSiteStore';
import { validate } from '../validate';
import { validateJsonInPool } from './validateInPool';
import { operation } from './operation';
import { createPlanRequest, planIdParam, planVersionParam, pruneVersionsRequest, restoreVersionRequest, saveVersionRequest, siteIdParam, versionNumberText } from '../../core/api/plans';
import type { FloorPlan } from '../../core/floorplan/model';
import type { PruneVersionsResponse } from '../../core/api/plans';
import { AppError, badRequest } from '../errors';
import { z } from 'zod';
import { ZONE_KINDS } from '../../core/floorplan/zoneKinds';
import { planToSvg } from '../../core/floorplan/export/svg';
import { planToDxf } from '../../core/floorplan/export/dxf';
import { planToGeoJson } from '../../core/floorplan/export/geojson';
import { parsePlanOrThrow } from '../plans/planStore';
import { audit } from '../auth/middleware';

/**
 * Floor plans with append-only versions (issue 4 item 3) and the zone-kind catalogue.
 * Plans arrive in any supported units/version and are stored in metres.
 */
const exportParam = planIdParam.extend({ format: z.enum(['svg', 'dxf', 'geojson', 'json']) });
const exportQuery = z.object({
  version: versionNumberText.optional(),
  scale: z.coerce.number().int().min(1).max(10_000).optional(),
  locale: z.enum(['en', 'zh']).optional(),
});
const EXPORT_TYPES = { svg: 'image/svg+xml', dxf: 'application/dxf', geojson: 'application/geo+json', json: 'application/json' } as const;

/**
 * Parse an untrusted plan body (400 naming the field inside `plan`) and check that a linked saved site exists:
 * the standards check sizes the branch from `plan.siteId`, so a dangling link is refused at save time.
 * @throws AppError 400 naming `plan.<field>` or `plan.siteId`.
 */
async function parseLinkedPlan(savedSites: Pick<SavedSiteStore, 'get'>, raw: unknown): Promise<FloorPlan> {
  const plan = parsePlanOrThrow(raw);
  if (plan.siteId !== undefined) {
    const bad = (why: string) => badRequest(`plan.siteId: ${why}; save the site first (POST /api/sites) and link its id, or leave siteId out`, 'plan.siteId');
    if (!siteIdParam.shape.id.safeParse(plan.siteId).success) throw bad(`"${plan.siteId}" is not a saved site id (site-<hex>)`);
    try {
      await savedSites.get(plan.siteId);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw bad(`no saved site with id "${plan.siteId}"`);
      throw err;
    }
  }
  return plan;
}

export function plansRoutes(ctx: AppContext) {
  const store = () => ctx.services.plans;
  return new Hono()
    .get('/zone-kinds', operation({ role: 'viewer', tag: 'floorplans', summary: 'Floor-plan zone kinds' }), (c) => c.json({ kinds: ZONE_KINDS }))
    .get('/plans', operation({ role: 'viewer', tag: 'floorplans', summary: 'Floor plans (samples first), newest version number in each row' }), async (c) => c.json({ plans: await store().list() }))
    .post('/plans', operation({ role: 'designer', tag: 'floorplans', summary: 'Create a floor plan (its version 1)', status: [201] }), validateJsonInPool(ctx, 'createPlanRequest', createPlanRequest), async (c) => {
      const body = c.req.valid('json');
      const plan = await parseLinkedPlan(ctx.services.savedSites, body.plan);
      const ref = await store().create(plan, body.message);
      await audit(c, 'create', 'plan_version', `${ref.id}@${ref.version}`, 'new plan');
      return c.json(ref, 201);
    })
    .get('/plans/:id', operation({ role: 'viewer', tag: 'floorplans', summary: 'Latest version of a plan' }), validate('param', planIdParam), async (c) => c.json(await store().getVersion(c.req.valid('param').id)))
    .get('/plans/:id/versions', operation({ role: 'viewer', tag: 'floorplans', summary: 'Version history of a plan (oldest first)' }), validate('param', planIdParam), async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ id, versions: await store().versions(id) });
    })
    .post('/plans/:id/versions', operation({ role: 'designer', tag: 'floorplans', summary: 'Append a plan version (never overwrites; 409 on a stale baseVersion)', status: [201] }), validate('param', planIdParam), validateJsonInPool(ctx, 'saveVersionRequest', saveVersionRequest), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const plan = await parseLinkedPlan(ctx.services.savedSites, body.plan);
      const ref = await store().saveVersion(id, body.baseVersion, plan, body.message);
      await audit(c, 'create', 'plan_version', `${ref.id}@${ref.version}`, `on version ${body.baseVersion}`);
      return c.json(ref, 201);
    })
    // versions kept per plan are capped (MAX_PLAN_VERSIONS; a save beyond it → 409 version_limit): only an
    // administrator deletes old versions, explicitly, here — and it is audited
    .post('/plans/:id/versions/prune', operation({ role: 'admin', tag: 'floorplans', summary: 'Delete all but the newest keepLatest versions of a plan (audited; the newest is always kept)' }),
      validate('param', planIdParam), validate('json', pruneVersionsRequest), async (c) => {
      const { id } = c.req.valid('param');
      const { keepLatest } = c.req.valid('json');
      const r = await store().prune(id, keepLatest);
      if (r.pruned.length) {
        await audit(c, 'delete', 'plan_version', `${id}@${r.pruned[0]}..${r.pruned[r.pruned.length - 1]}`,
          `pruned ${r.pruned.length} version(s) ${r.pruned.join(', ')}; kept ${r.kept.join(', ')}`);
      }
      const out: PruneVersionsResponse = { id, ...r };
      return c.json(out);
    })
    .get('/plans/:id/versions/:v', operation({ role: 'viewer', tag: 'floorplans', summary: 'One version of a plan' }), validate('param', planVersionParam), async (c) => {
      const { id, v } = c.req.valid('param');
      return c.json(await store().getVersion(id, v));
    })
    /** Download a version (newest by default) as SVG (1:scale, default 1:100), DXF (metres), GeoJSON or our JSON. */
    .get('/plans/:id/export/:format', operation({ role: 'viewer', tag: 'floorplans', summary: 'Download a plan version as svg (1:scale), dxf (metres), geojson or json',
      produces: [...new Set(Object.values(EXPORT_TYPES))] }), validate('param', exportParam), validate('query', exportQuery), async (c) => {
      const { id, format } = c.req.valid('param');
      const q = c.req.valid('query');
      const { plan, version } = await store().getVersion(id, q.version);
      const body = format === 'svg' ? planToSvg(plan, { scale: q.scale, locale: q.locale })
        : format === 'dxf' ? planToDxf(plan)
        : JSON.stringify(format === 'geojson' ? planToGeoJson(plan) : plan, null, 1);
      c.header('content-type', EXPORT_TYPES[format] + (format === 'dxf' ? '' : '; charset=utf-8'));
      c.header('content-disposition', `attachment; filename="${id}-v${version}.${format === 'json' ? 'plan.json' : format}"`);
      return c.body(body);
    })
    .post('/plans/:id/versions/:v/restore', operation({ role: 'designer', tag: 'floorplans', summary: 'Restore an old version as the newest (409 on a stale baseVersion)',
      status: [201], body: restoreVersionRequest }), validate('param', planVersionParam), async (c) => {
      const { id, v } = c.req.valid('param');
      const text = await c.req.text();
      let raw: unknown = null;
      if (text.trim()) {
        try { raw = JSON.parse(text); } catch { raw = null; }
      }
      const parsed = restoreVersionRequest.safeParse(raw);
      if (!parsed.success) {
        return c.json({ error: { code: 'bad_request', message: 'Invalid json: body must be { "baseVersion": <integer ≥ 1> } (the newest version you have seen)', field: 'baseVersion' } }, 400);
      }
      const ref = await store().restore(id, v, parsed.data.baseVersion);
      await audit(c, 'create', 'plan_version', `${ref.id}@${ref.version}`, `restored version ${v}`);
      return c.json(ref, 201);
    });
}
