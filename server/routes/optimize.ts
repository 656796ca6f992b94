import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { validate } from '../validate';
import { optimizeRequest } from '../../core/api/coverage';
import { notFound } from '../errors';
import { audit, currentUser } from '../auth/middleware';
import type { Context } from 'hono';
import { Cancelled, cancelOptimizeJob, getOptimizeJob, runOptimizeNow, startOptimizeJob } from '../coverage/optimize';
import { AppError } from '../errors';

/** Audit the scenario an optimisation saves, as created by the caller (also for a job that finishes later). */
function auditScenarioCreate(c: Context) {
  return (scenarioId: string) => audit(c, 'create', 'scenario', scenarioId, 'saved by optimisation');
}

/**
 * Optimisation (issue 3): `POST /optimize` — MCLP (`p` sites) or closure (`k` outlets), answered with the result
 * and the id of the scenario it was saved as; with `async: true` it answers 202 `{ jobId }` at once, then
 * `GET /optimize/jobs/:id` reports `{ status, progress, phase, result? }` and `DELETE /optimize/jobs/:id` cancels.
 */
export function optimizeRoutes(deps: AppDeps) {
  return new Hono()
    .post('/optimize', validate('json', optimizeRequest), async (c) => {
      const req = c.req.valid('json');
      const onSaved = auditScenarioCreate(c);
      if (req.async) return c.json({ jobId: startOptimizeJob(deps, req, onSaved, currentUser(c).id) }, 202);
      let res;
      try {
        res = await runOptimizeNow(deps, req, c.req.raw.signal);
      } catch (err) {
        if (err instanceof Cancelled) throw new AppError(503, 'cancelled', 'The optimisation stopped because the request was closed; nothing was saved');
        throw err;
      }
      await onSaved(res.scenarioId);
      return c.json(res);
    })
    .get('/optimize/jobs/:id', (c) => {
      const job = getOptimizeJob(c.req.param('id'));
      if (!job) throw notFound(`No optimisation job "${c.req.param('id')}"`);
      return c.json(job);
    })
    .delete('/optimize/jobs/:id', (c) => {
      const job = cancelOptimizeJob(c.req.param('id'));
      if (!job) throw notFound(`No optimisation job "${c.req.param('id')}"`);
      return c.json(job);
    });
}
