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
import { planNumberCount, readPlan } from '../plans/readPlan';
import type { FloorPlan } from '../../core/floorplan/model';
import { checkPlan } from '../../core/standards/checkPlan';
import { RULE_SETS } from '../../core/standards/ruleSets';
import { currentUser } from '../auth/middleware';
import { SizingInputError, sizingFromRequest } from '../../core/queueing/sizingRequest';
import type { SavedSiteStore } from '../plans/savedSiteStore';

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
/** Plans of at least this many numbers (coordinates and other values, ≈ 1,000 vertices) are parsed and validated in the compute pool. */
const POOL_MIN_PLAN_NUMBERS = 2_000;

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
      // a large plan's parse and validation (20,000 vertices: ≈ 100 ms) run in the pool too, a drawn plan's here at once
      const { plan, units } = planNumberCount(body.plan, POOL_MIN_PLAN_NUMBERS) >= POOL_MIN_PLAN_NUMBERS
        ? await ctx.services.compute.run('readPlan', { raw: body.plan }, { user: currentUser(c).id, signal: c.req.raw.signal })
        : readPlan(body.plan);
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
