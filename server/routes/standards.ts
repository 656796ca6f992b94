/**
 * Standards check and queue sizing (issue 5).
 * POST /standards/check   { plan, profile, sizing? } → { profile, units, findings, summary, sizing }
 * POST /standards/sizing  { siteId? | expectedCustomers? | visitsPerDay?, …assumptions } → sizing with labelled assumptions
 * GET  /standards/profiles → the rule sets as data (ids, titles, sources, verification status)
 */
import { Hono } from 'hono';
import type { AppContext } from '../services';
import { validate } from '../validate';
import { operation } from './operation';
import { validateJsonInPool } from './validateInPool';
import { AppError, badRequest } from '../errors';
import { CheckRequest, SizingRequest, type CheckResponse, type SizingResponse } from '../../core/api/standards';
import { parsePlan, type PlanIssue } from '../../core/floorplan/load';
import { parseGeoJsonPlan } from '../../core/floorplan/export/geojson';
import type { FloorPlan } from '../../core/floorplan/model';
import { checkPlan } from '../../core/standards/checkPlan';
import { RULE_SETS } from '../../core/standards/ruleSets';
import { currentUser } from '../auth/middleware';
import { SizingInputError, sizingFromRequest } from '../../core/queueing/sizingRequest';
import type { SavedSiteStore } from '../plans/savedSiteStore';

function unmeasurable(issues: PlanIssue[], why: string): AppError {
  const named = issues.map((i) => ({ path: i.path === '(root)' ? 'plan' : `plan.${i.path}`, message: i.message }));
  return new AppError(400, 'bad_request', `${why}: ` + named.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; '), { issues: named, field: named[0]?.path });
}

/** Read our plan JSON or a planar GeoJSON FeatureCollection; @throws 400 saying why it cannot be measured. */
function readPlan(raw: unknown): { plan: FloorPlan; units: 'm' | 'cm' | 'mm' } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw unmeasurable([{ path: '(root)', message: 'not a plan: send an outlet-planner/floorplan object or a GeoJSON FeatureCollection with top-level units' }], 'Plan cannot be measured');
  }
  const obj = raw as Record<string, unknown>;
  const units = obj.units as 'm' | 'cm' | 'mm';
  if (obj.type === 'FeatureCollection') {
    const r = parseGeoJsonPlan(obj);
    if (!r.plan) throw unmeasurable(r.issues, 'GeoJSON plan cannot be measured');
    return { plan: r.plan, units };
  }
  if (obj.type !== 'outlet-planner/floorplan') {
    throw unmeasurable([{ path: 'type', message: `not a plan: type must be "outlet-planner/floorplan" or "FeatureCollection", got ${JSON.stringify(obj.type)}` }], 'Plan cannot be measured');
  }
  const r = parsePlan(obj);
  if (!r.plan) throw unmeasurable(r.issues, 'Plan cannot be measured');
  return { plan: r.plan, units };
}

/**
 * Size counters/ATMs/seats for a request, or for the plan's linked site when the request gives none.
 * @throws 400 naming `<fieldPrefix><field>` when the demand or target cannot be met by one branch (SizingInputError).
 */
async function sizing(savedSites: Pick<SavedSiteStore, 'get'>, req: SizingRequest | undefined, planSiteId?: string, fieldPrefix = ''): Promise<SizingResponse | null> {
  const siteId = req?.siteId ?? (req ? undefined : planSiteId);
  if (!req && !siteId) return null;
  const site = siteId ? await savedSites.get(siteId) : undefined;
  try {
    return sizingFromRequest({ ...(req ?? {}), ...(siteId ? { siteId } : {}) } as SizingRequest, site?.expectedCustomers);
  } catch (err) {
    if (err instanceof SizingInputError) throw badRequest(err.message, fieldPrefix + err.field);
    throw err;
  }
}

/**
 * Plans with at least this many polygon vertices (outline + zones) are checked in the compute pool. 800 vertices (a
 * 200-zone plan) take ≈ 50 ms on an idle machine and held the event loop 480–650 ms on a loaded one (reliability
 * benchmark, 2026-12-04); 200 vertices (≈ 50 zones) stay near 10 ms, below what a worker round trip adds.
 */
const POOL_MIN_VERTICES = 200;

function planVertexCount(plan: FloorPlan): number {
  return plan.zones.reduce((n, z) => n + z.polygon.length, plan.outline.polygon.length);
}

export function standardsRoutes(ctx: AppContext) {
  return new Hono()
    .get('/standards/profiles', operation({ role: 'viewer', tag: 'floorplans', summary: 'Standards rule sets (rules, sources, verification status)' }), (c) => c.json(Object.values(RULE_SETS)))
    .post('/standards/sizing', operation({ role: 'viewer', tag: 'floorplans', summary: 'Erlang C sizing of counters, ATMs and seats, assumptions labelled' }), validate('json', SizingRequest), async (c) => {
      const body = c.req.valid('json');
      return c.json(await sizing(ctx.services.savedSites, body));
    })
    .post('/standards/check', operation({ role: 'viewer', tag: 'floorplans', summary: 'Check a plan against a rule set (measured vs required, clause, status)' }), validateJsonInPool(ctx, 'standardsCheck', CheckRequest), async (c) => {
      const body = c.req.valid('json');
      const { plan, units } = readPlan(body.plan);
      // sizing typed in the request: its bad input is a 400; sizing from the plan's linked site must not stop the
      // geometric checks: the demand rules are skipped with the reason instead
      let s: SizingResponse | null = null;
      let sizingNote: string | undefined;
      try {
        s = await sizing(ctx.services.savedSites, body.sizing, plan.siteId, 'sizing.');
      } catch (err) {
        if (body.sizing || !(err instanceof AppError) || err.status !== 400) throw err;
        sizingNote = `linked site ${plan.siteId}: ${err.message}`;
      }
      const opts = { sizing: s?.sizing ?? null, ...(sizingNote ? { sizingNote } : {}) };
      // a large plan takes seconds to check (20,000 vertices: 4–36 s): in a worker thread (server/work), stopped at the
      // pool's deadline or when the client goes away; a drawn plan of fewer than 200 vertices is checked here at once
      const result = planVertexCount(plan) >= POOL_MIN_VERTICES
        ? await ctx.services.compute.run('standardsCheck', { plan, profile: body.profile, opts }, { user: currentUser(c).id, signal: c.req.raw.signal })
        : checkPlan(plan, RULE_SETS[body.profile], opts);
      const out: CheckResponse = { profile: body.profile, units, findings: result.findings, summary: result.summary, sizing: s };
      return c.json(out);
    });
}
