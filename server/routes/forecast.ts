import { Hono } from 'hono';
import type { AppContext } from '../services';
import { operation } from './operation';
import { validateJsonInPool } from './validateInPool';
import { audit, currentUser } from '../auth/middleware';
import { validate } from '../validate';
import { parameterSetParam, parameterSetsQuery, refitRequestSchema } from '../../core/api/forecast';

/**
 * The deposit forecast's parameter sets (issue "Scores that predict real branches", items 4–6):
 * - `GET /parameter-sets` → `[{ status: "ready", name, kind, target, params, fit: { spearmanHoldout, spearmanBaseline,
 *   withinBankSpearman, temporalSpearman, n, folds, protocol }, dataVintage, createdAt, calibrationSeconds }]` — the set
 *   fitted on FDIC SOD (calibrated in the background at start-up and cached) and the users' refits. It answers at once:
 *   while the SOD set is still being calibrated it is listed as `{ status: "calibrating", name, kind, target,
 *   calibratingSince }` with null figures; `?wait=true` waits for the calibration instead (every entry `ready`);
 * - `GET /parameter-sets/:name/validation` → the validation report behind `fit` (table, exclusion counts, hold-out
 *   points, coefficients with intervals): the Model view;
 * - `POST /parameter-sets` (role analyst) `{ name, target?, ownNetwork?, outcomes | csv }` refits the location model on
 *   the user's own outcomes (`id, lng, lat, outcome`) into a new set → 201; 409 when the name is taken.
 */
export function forecastRoutes(ctx: AppContext) {
  const services = ctx.services;
  return new Hono()
    .get('/parameter-sets', operation({ role: 'viewer', tag: 'forecast', summary: 'Deposit-forecast parameter sets: the one fitted on FDIC SOD (status "calibrating" with no figures while it is fitted; ?wait=true waits for it) and the users\' refits, each with its fit summary' }),
      validate('query', parameterSetsQuery), async (c) => c.json(await services.forecast.parameterSets({ wait: c.req.valid('query').wait === 'true' })))
    .get('/parameter-sets/:name/validation', operation({ role: 'viewer', tag: 'forecast', summary: 'The validation report behind a parameter set\'s fit (table, exclusions, hold-out points, coefficients)' }),
      validate('param', parameterSetParam), async (c) =>
      c.json(await services.forecast.validation(c.req.valid('param').name)))
    .post('/parameter-sets', operation({ role: 'analyst', tag: 'forecast', status: [201], summary: 'Refit the location model on your own outcomes into a new parameter set (409 when the name is taken)' }),
      validateJsonInPool(ctx, 'refitRequest', refitRequestSchema), async (c) => {
      const req = c.req.valid('json');
      const set = await services.forecast.refit(req, req.csv ? 'outcomes.csv' : 'outcomes (JSON)', { user: currentUser(c).id, signal: c.req.raw.signal });
      await audit(c, 'create', 'parameter_set', set.name, `refit on ${set.fit.n} outcomes (${set.target})`);
      return c.json(set, 201);
    });
}
