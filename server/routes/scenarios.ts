import { Hono } from 'hono';
import type { AppContext } from '../services';
import { validateJsonInPool } from './validateInPool';
import { pacedJson } from '../http/pacedJson';
import { operation } from './operation';
import { scenarioInput } from '../../core/api/coverage';
import { badRequest, notFound } from '../errors';
import type { GeoData } from '../geo/geoData';
import { resolveOwnNetwork } from '../../core/network/ownNetwork';
import type { z } from 'zod';

/** Check a scenario against the data: its base network exists, and every closed/moved branch id is a known branch. */
async function checkAgainstData(geoData: () => Promise<GeoData>, s: z.output<typeof scenarioInput>): Promise<void> {
  const geo = await geoData();
  if (s.baseNetwork !== 'all') resolveOwnNetwork(geo.branches, s.baseNetwork, 'baseNetwork');
  const known = new Set(geo.branches.branchId);
  s.closed.forEach((id, k) => { if (!known.has(id)) throw badRequest(`closed[${k}]: no branch ${id} with valid coordinates`, `closed.${k}`); });
  s.moved.forEach((m, k) => { if (!known.has(m.branchId)) throw badRequest(`moved[${k}]: no branch ${m.branchId} with valid coordinates`, `moved.${k}.branchId`); });
}
import { ScenarioConflict } from '../coverage/scenarioStore';
import { AppError } from '../errors';
import type { Context } from 'hono';
import { audit } from '../auth/middleware';

/** The version an `If-Match` header names (`"3"`, `W/"3"`), or null when absent. @throws 400 when malformed. */
function ifMatchVersion(c: Context): number | null {
  const h = c.req.header('if-match');
  if (h === undefined) return null;
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(h.trim());
  if (!m) throw new AppError(400, 'bad_request', `If-Match must be the scenario's ETag, e.g. "3" (from GET /api/scenarios/:id), got ${h.slice(0, 40)}`, { field: 'If-Match' });
  return Number(m[1]);
}

const etag = (version: number) => `"${version}"`;

/**
 * Scenarios (issue 3): `GET /scenarios` (array, newest first), `POST /scenarios` (201 + the scenario),
 * `GET|PUT|DELETE /scenarios/:id` (404 when unknown). Body: core/api/coverage.ts `scenarioInput`.
 */
export function scenariosRoutes(ctx: AppContext) {
  const store = ctx.services.scenarios;
  return new Hono()
    .get('/scenarios', operation({ role: 'viewer', tag: 'coverage', summary: 'Saved scenarios, newest first' }),
      // stringified one scenario a piece: six of 3 MB each at once held the event loop ≈ 200 ms
      async (c) => pacedJson(c, await store.list(), 1))
    .post('/scenarios', operation({ role: 'analyst', tag: 'coverage', summary: 'Create a scenario', status: [201] }), validateJsonInPool(ctx, 'scenarioInput', scenarioInput), async (c) => {
      await checkAgainstData(ctx.services.geo, c.req.valid('json'));
      const s = await store.create(c.req.valid('json'));
      await audit(c, 'create', 'scenario', s.id, s.name);
      return c.json(s, 201);
    })
    .get('/scenarios/:id', operation({ role: 'viewer', tag: 'coverage', summary: 'One scenario (ETag = its version)' }), async (c) => {
      const s = await store.get(c.req.param('id'));
      if (!s) throw notFound(`No scenario "${c.req.param('id')}"`);
      c.header('ETag', etag(s.version));
      return c.json(s);
    })
    .put('/scenarios/:id', operation({ role: 'analyst', tag: 'coverage', summary: 'Replace a scenario (If-Match: the ETag of the version edited; 409 when it changed, 428 without)' }),
      validateJsonInPool(ctx, 'scenarioInput', scenarioInput), async (c) => {
      const id = c.req.param('id');
      const expected = ifMatchVersion(c);
      const current = await store.get(id);
      if (!current) throw notFound(`No scenario "${id}"`);
      if (expected === null) {
        throw new AppError(428, 'precondition_required', `Send If-Match: "${current.version}"-style ETag of the version you edited (GET /api/scenarios/${id} gives it), so a concurrent change is not overwritten`, { field: 'If-Match' });
      }
      await checkAgainstData(ctx.services.geo, c.req.valid('json'));
      let s;
      try {
        s = await store.update(id, c.req.valid('json'), expected);
      } catch (err) {
        if (err instanceof ScenarioConflict) throw new AppError(409, 'version_conflict', err.message, { field: 'If-Match' });
        throw err;
      }
      if (!s) throw notFound(`No scenario "${id}"`);
      c.header('ETag', etag(s.version));
      await audit(c, 'update', 'scenario', s.id, s.name);
      return c.json(s);
    })
    .delete('/scenarios/:id', operation({ role: 'analyst', tag: 'coverage', summary: 'Delete a scenario' }), async (c) => {
      if (!(await store.delete(c.req.param('id')))) throw notFound(`No scenario "${c.req.param('id')}"`);
      await audit(c, 'delete', 'scenario', c.req.param('id'));
      return c.json({ deleted: c.req.param('id') });
    });
}
