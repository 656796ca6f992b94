import { Hono } from 'hono';
import type { AppContext } from '../services';
import { operation } from './operation';
import { validateJsonInPool } from './validateInPool';
import { optimizeRequest } from '../../core/api/coverage';
import { notFound } from '../errors';
import { audit, currentUser } from '../auth/middleware';
import type { Context } from 'hono';
import { Cancelled, runOptimizeNow } from '../coverage/optimize';
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
export function optimizeRoutes(ctx: AppContext) {
  return new Hono()
    .post('/optimize', operation({ role: 'analyst', tag: 'coverage', status: [200, 202],
      summary: 'MCLP site selection / closure, saved as a scenario; with async: true answers 202 { jobId } (at most 2 running per user)' }),
      validateJsonInPool(ctx, 'optimizeRequest', optimizeRequest), async (c) => {
      const req = c.req.valid('json');
      const onSaved = auditScenarioCreate(c);
      if (req.async) return c.json({ jobId: ctx.services.optimizeJobs.start(ctx.services, req, onSaved, currentUser(c).id) }, 202);
      let res;
      try {
        res = await runOptimizeNow(ctx.services, req, c.req.raw.signal, currentUser(c).id);
      } catch (err) {
        if (err instanceof Cancelled) throw new AppError(503, 'cancelled', 'The optimisation stopped because the request was closed; nothing was saved');
        throw err;
      }
      await onSaved(res.scenarioId);
      return c.json(res);
    })
    .get('/optimize/jobs/:id', operation({ role: 'viewer', tag: 'coverage', summary: 'Progress and result of a background optimisation job' }), (c) => {
      const job = ctx.services.optimizeJobs.get(c.req.param('id'));
      if (!job) throw notFound(`No optimisation job "${c.req.param('id')}"`);
      return c.json(job);
    })
    .delete('/optimize/jobs/:id', operation({ role: 'analyst', tag: 'coverage', summary: 'Cancel a background optimisation job' }), (c) => {
      const job = ctx.services.optimizeJobs.cancel(c.req.param('id'));
      if (!job) throw notFound(`No optimisation job "${c.req.param('id')}"`);
      return c.json(job);
    });
}
