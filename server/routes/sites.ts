import { Hono } from 'hono';
import type { AppDeps, AppServices } from '../app';
import { loadScoringLayers } from '../datasets/scoringLayers';
import { validate } from '../validate';
import { getScoringService } from '../scoring/scoringService';
import { scoreRequestSchema, sensitivityRequestSchema } from '../../core/api/sites';

/**
 * Site scoring (issue 2, item 5): `POST /sites/score` with `{ sites | grid, ownNetwork?, weights?, normalization?, params? }`
 * → per site `id, lng, lat, score, rank, factors.{transit,demand,competition}` with `raw, normalized, weight,
 * contribution` and the named stats, plus `params` and the data `vintage`. Bad input → 400 naming the field.
 * `datasets` (issue 10) adds the users' own demand layers, transit feeds, own outlets and competitors.
 */
export function sitesRoutes(deps: AppDeps, services: AppServices) {
  const service = () => getScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate);
  return new Hono()
    .post('/sites/score', validate('json', scoreRequestSchema), async (c) => {
      const req = c.req.valid('json');
      if (req.mode === 'forecast') {
        // The weighted-criteria response plus each site's deposit forecast; `rank` follows the forecast.
        const res = await service().score(req, undefined, await loadScoringLayers(services.datasets, req.datasets));
        const { forecasts, echo } = await services.forecast.forecastSites(res.sites, req.ownNetwork, req.parameterSet);
        res.sites.forEach((site, j) => { site.forecast = forecasts[j]; site.rank = forecasts[j].rank; });
        res.params.mode = 'forecast';
        res.params.forecast = echo;
        return c.json(res);
      }
      const body = await service().scoreJson(req, await loadScoringLayers(services.datasets, req.datasets));
      return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' });
    })
    // Weight sensitivity: Monte Carlo Dirichlet draws around the weights → P(top k) and the 5–95% rank interval per site
    .post('/sites/sensitivity', validate('json', sensitivityRequestSchema), async (c) => {
      const req = c.req.valid('json');
      return c.json(await service().sensitivity(req, await loadScoringLayers(services.datasets, req.datasets)));
    });
}
