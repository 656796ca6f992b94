import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { validate } from '../validate';
import { scenarioInput } from '../../core/api/coverage';
import { notFound } from '../errors';
import { createScenario, deleteScenario, getScenario, listScenarios, updateScenario } from '../coverage/scenarioStore';

/**
 * Scenarios (issue 3): `GET /scenarios` (array, newest first), `POST /scenarios` (201 + the scenario),
 * `GET|PUT|DELETE /scenarios/:id` (404 when unknown). Body: core/api/coverage.ts `scenarioInput`.
 */
export function scenariosRoutes(deps: AppDeps) {
  return new Hono()
    .get('/scenarios', async (c) => c.json(await listScenarios(deps.userDb)))
    .post('/scenarios', validate('json', scenarioInput), async (c) => c.json(await createScenario(deps.userDb, c.req.valid('json')), 201))
    .get('/scenarios/:id', async (c) => {
      const s = await getScenario(deps.userDb, c.req.param('id'));
      if (!s) throw notFound(`No scenario "${c.req.param('id')}"`);
      return c.json(s);
    })
    .put('/scenarios/:id', validate('json', scenarioInput), async (c) => {
      const s = await updateScenario(deps.userDb, c.req.param('id'), c.req.valid('json'));
      if (!s) throw notFound(`No scenario "${c.req.param('id')}"`);
      return c.json(s);
    })
    .delete('/scenarios/:id', async (c) => {
      if (!(await deleteScenario(deps.userDb, c.req.param('id')))) throw notFound(`No scenario "${c.req.param('id')}"`);
      return c.json({ deleted: c.req.param('id') });
    });
}
