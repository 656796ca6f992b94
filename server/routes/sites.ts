import { Hono, type TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AppContext } from '../services';
import { loadScoringLayers } from '../datasets/scoringLayers';
import { operation } from './operation';
import { chunkedBody } from '../http/chunkedBody';
import { pacedJson } from '../http/pacedJson';
import { validateJsonInPool } from './validateInPool';
import { currentUser } from '../auth/middleware';
import { withForecasts } from '../forecast/forecastTask';
import { scoreRequestSchema, scoreResponseSchema, sensitivityRequestSchema, sensitivityResponseSchema, type ScoreResponse } from '../../core/api/sites';

/**
 * Site scoring (issue 2, item 5): `POST /sites/score` with `{ sites | grid, ownNetwork?, weights?, normalization?, params? }`
 * → per site `id, lng, lat, score, rank, factors.{transit,demand,competition}` with `raw, normalized, weight,
 * contribution` and the named stats, plus `params` and the data `vintage`. Bad input → 400 naming the field.
 * `datasets` (issue 10) adds the users' own demand layers, transit feeds, own outlets and competitors.
 */
/** Score requests with at least this many explicit sites are scored in the compute pool (999 sites held /api/health 113 ms here; 200 ≈ 20 ms). */
const POOL_MIN_SITES = 200;
/** A request that lists {@link POOL_MIN_SITES} or more sites (no grid): scored in the compute pool. */
const manyListed = (req: { grid?: unknown; sites?: readonly unknown[] }) => !req.grid && (req.sites?.length ?? 0) >= POOL_MIN_SITES;
/** Forecast-mode sites stringified in one piece (≈ 600 KB, 5–10 ms; 250 took 15–20 ms of CPU, 60–70 ms on a loaded machine) between two turns of the event loop. */
const FORECAST_SITES_PER_SLICE = 100;

export function sitesRoutes(ctx: AppContext) {
  const service = () => ctx.services.scoring;
  return new Hono()
    .post('/sites/score', operation({ role: 'viewer', tag: 'sites', response: scoreResponseSchema,
      summary: 'Score candidate sites or a study area\'s H3 grid (res 8–10) on transit access, target-customer density and competition (Huff); factors without data at a site are excluded with a warning; see SITE-MODEL.md' }),
      validateJsonInPool(ctx, 'scoreRequest', scoreRequestSchema), async (c) => {
      const req = c.req.valid('json');
      if (req.mode === 'forecast') {
        // The weighted-criteria response plus each site's deposit forecast; `rank` follows the forecast.
        const layers = await loadScoringLayers(ctx.services.datasets, req.datasets);
        const task = { user: currentUser(c).id, signal: c.req.raw.signal };
        if (manyListed(req)) {
          // many listed sites: scored, forecast and stringified in a worker (10,000 held the event loop ≈ 300 ms here);
          // what needs this thread (the network, the set, the poverty shares) is read first, in the order scoring would
          await service().checkNetwork(req.ownNetwork);
          const sites = await service().sitesInput(req, layers);
          const posted = await ctx.services.forecast.scoreTaskInput(req.sites!, req.ownNetwork, req.parameterSet);
          if (posted) {
            return c.body(chunkedBody(await ctx.services.compute.runJson('scoreSitesForecast', { sites, ...posted }, task)), 200,
              { 'content-type': 'application/json' }) as unknown as Response & TypedResponse<JSONParsed<ScoreResponse>, 200, 'json'>;
          }
        }
        const res = await service().score(req, undefined, layers);
        const { forecasts, echo } = await ctx.services.forecast.forecastSites(res.sites, req.ownNetwork, req.parameterSet, task);
        // ≈ 6 KB a site (the forecast's breakdown): the NYC grid's 45 MB stringified at once held the event loop ≈ 350 ms
        return pacedJson(c, withForecasts(res, forecasts, echo), FORECAST_SITES_PER_SLICE);
      }
      const layers = await loadScoringLayers(ctx.services.datasets, req.datasets);
      // many explicit sites (10,000: ≈ 1 s of spatial joins and JSON) are scored in a worker thread, stopped at the
      // deadline or on disconnect; a grid reuses its cached table here, a few clicked sites are scored here at once
      const body = manyListed(req)
        ? chunkedBody(await ctx.services.compute.run('scoreSites', await service().sitesInput(req, layers), { user: currentUser(c).id, signal: c.req.raw.signal }))
        : chunkedBody(await service().scoreJsonBytes(req, layers));
      // The text is a ScoreResponse serialised by the service; typed as one so AppType (and the client) see it.
      return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as
        Response & TypedResponse<JSONParsed<ScoreResponse>, 200, 'json'>;
    })
    // Weight sensitivity: Monte Carlo Dirichlet draws around the weights → P(top k) and the 5–95% rank interval per site
    .post('/sites/sensitivity', operation({ role: 'viewer', tag: 'sites', response: sensitivityResponseSchema,
      summary: 'Weight sensitivity of the ranking: Monte Carlo Dirichlet weights → P(top k) and 5–95% rank interval per site' }),
      validateJsonInPool(ctx, 'sensitivityRequest', sensitivityRequestSchema), async (c) => {
      const req = c.req.valid('json');
      const layers = await loadScoringLayers(ctx.services.datasets, req.datasets);
      // 200 or more listed sites: scored in the worker too (10,000 held the event loop ≈ 340 ms here)
      if (manyListed(req)) {
        return c.json(await ctx.services.compute.run('sensitivitySites', { sites: await service().sitesInput(req, layers), opts: req.sensitivity ?? {} },
          { user: currentUser(c).id, signal: c.req.raw.signal }));
      }
      // the draws take seconds for large requests: in a worker thread, stopped at the deadline or on disconnect
      return c.json(await service().sensitivity(req, layers,
        (normalized, weights, opts, scored) => ctx.services.compute.run('weightSensitivity', { normalized, weights, opts, scored }, { user: currentUser(c).id, signal: c.req.raw.signal })));
    });
}
