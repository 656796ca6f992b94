import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { validate } from '../validate';
import { scenarioInput } from '../../core/api/coverage';
import { badRequest, notFound } from '../errors';
import { getGeoData } from '../geo/geoData';
import { ownBranchPositions } from '../coverage/network';
import type { z } from 'zod';

/** Check a scenario against the data: its base network exists, and every closed/moved branch id is a known branch. */
async function checkAgainstData(deps: AppDeps, s: z.output<typeof scenarioInput>): Promise<void> {
  const geo = await getGeoData(deps.db);
  if (s.baseNetwork !== 'all') ownBranchPositions(geo, s.baseNetwork, 'baseNetwork');
  const known = new Set(geo.branches.branchId);
  s.closed.forEach((id, k) => { if (!known.has(id)) throw badRequest(`closed[${k}]: no branch ${id} with valid coordinates`, `closed.${k}`); });
  s.moved.forEach((m, k) => { if (!known.has(m.branchId)) throw badRequest(`moved[${k}]: no branch ${m.branchId} with valid coordinates`, `moved.${k}.branchId`); });
}
import { createScenario, deleteScenario, getScenario, listScenarios, updateScenario } from '../coverage/scenarioStore';
import { audit } from '../auth/middleware';

/**
 * Scenarios (issue 3): `GET /scenarios` (array, newest first), `POST /scenarios` (201 + the scenario),
 * `GET|PUT|DELETE /scenarios/:id` (404 when unknown). Body: core/api/coverage.ts `scenarioInput`.
 */
export function scenariosRoutes(deps: AppDeps) {
  return new Hono()
    .get('/scenarios', async (c) => c.json(await listScenarios(deps.userDb)))
    .post('/scenarios', validate('json', scenarioInput), async (c) => {
      await checkAgainstData(deps, c.req.valid('json'));
      const s = await createScenario(deps.userDb, c.req.valid('json'));
      await audit(c, 'create', 'scenario', s.id, s.name);
      return c.json(s, 201);
    })
    .get('/scenarios/:id', async (c) => {
      const s = await getScenario(deps.userDb, c.req.param('id'));
      if (!s) throw notFound(`No scenario "${c.req.param('id')}"`);
      return c.json(s);
    })
    .put('/scenarios/:id', validate('json', scenarioInput), async (c) => {
      await checkAgainstData(deps, c.req.valid('json'));
      const s = await updateScenario(deps.userDb, c.req.param('id'), c.req.valid('json'));
      if (!s) throw notFound(`No scenario "${c.req.param('id')}"`);
      await audit(c, 'update', 'scenario', s.id, s.name);
      return c.json(s);
    })
    .delete('/scenarios/:id', async (c) => {
      if (!(await deleteScenario(deps.userDb, c.req.param('id')))) throw notFound(`No scenario "${c.req.param('id')}"`);
      await audit(c, 'delete', 'scenario', c.req.param('id'));
      return c.json({ deleted: c.req.param('id') });
    });
}
