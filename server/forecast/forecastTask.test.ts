import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../testing/testApp';
import { ForecastService } from './forecastService';
import { withForecasts } from './forecastTask';
import { scoreRequestSchema, type ScoreResponse } from '../../core/api/sites';

/**
 * The forecast tasks in the compute pool (the test app has one worker) against the same computation on this thread
 * (a ForecastService without a pool, as the CLI and COMPUTE_WORKERS=0 run it): the answers must be the same, value for
 * value and, for the score response, byte for byte.
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
let here: ForecastService;
beforeAll(async () => {
  t = await createTestApp();
  expect(t.services.compute.size).toBeGreaterThan(0);
  expect((await t.app.request('/api/parameter-sets?wait=true')).status).toBe(200);
  here = new ForecastService(t.deps.db, t.deps.userDb, t.deps.config, () => t.services.scoring, undefined, { geo: t.services.geo, basemap: t.services.basemap });
}, 300_000);
afterAll(() => t?.close());

const sites = [
  { id: 'midtown', lng: -73.9787, lat: 40.757 },
  { id: 'jackson-heights', lng: -73.8914, lat: 40.7498 },
  { id: 'tottenville', lng: -74.2409, lat: 40.5121 },
];
/** 1,200 sites on a 40 × 30 lattice over the five boroughs' extent (some in the water: they are forecast all the same). */
const lattice = Array.from({ length: 1200 }, (_, k) => ({ id: `p${k}`, lng: -74.2 + 0.45 * (k % 40) / 39, lat: 40.52 + 0.38 * Math.floor(k / 40) / 29 }));

describe('forecast tasks in the compute pool equal the forecast on the main thread', () => {
  it('site forecasts of three sites for Chase: the same objects, Midtown first', async () => {
    const run = vi.spyOn(t.services.compute, 'run');
    const pooled = await t.services.forecast.forecastSites(sites, 'cert:628', undefined);
    expect(run.mock.calls.map((c) => c[0])).toEqual(['siteForecasts']);
    run.mockRestore();
    const local = await here.forecastSites(sites, 'cert:628', undefined);
    expect(pooled).toEqual(local);
    expect(pooled.forecasts.map((f) => f.rank)).toEqual([1, 2, 3]);
    expect(pooled.forecasts[0].depositsUsd).toBeGreaterThan(pooled.forecasts[2].depositsUsd);
    expect(pooled.echo.bankEffect).toMatchObject({ cert: 628, source: 'area' });
  }, 120_000);

  it('the optimiser\'s candidate set of 1,200 sites: the same stand-alone forecasts and own-network state', async () => {
    const run = vi.spyOn(t.services.compute, 'run');
    const pooled = await t.services.forecast.siteSetForecast(lattice, 'cert:628', undefined);
    expect(run.mock.calls.map((c) => c[0])).toEqual(['siteSetForecast']);
    run.mockRestore();
    const local = await here.siteSetForecast(lattice, 'cert:628', undefined);
    expect(pooled.siteSet.n).toBe(1200);
    expect(pooled).toEqual(local);
    // Chase has branches in Midtown: lattice points there count some within 1 km
    expect(Math.max(...pooled.siteSet.own1000)).toBeGreaterThan(3);
  }, 120_000);

  it('POST /api/sites/score in forecast mode with 1,200 listed sites (scored in a worker) is byte for byte the main thread\'s answer', async () => {
    const body = { mode: 'forecast', ownNetwork: 'cert:628', sites: lattice };
    const runJson = vi.spyOn(t.services.compute, 'runJson');
    const r = await t.app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
    expect(runJson.mock.calls.map((c) => c[0])).toEqual(['scoreSitesForecast']);
    runJson.mockRestore();
    const text = await r.text();
    const req = scoreRequestSchema.parse(body);
    const res = await t.services.scoring.score(req);
    const { forecasts, echo } = await here.forecastSites(res.sites, req.ownNetwork, req.parameterSet);
    expect(text).toBe(JSON.stringify(withForecasts(res, forecasts, echo)));
    const parsed = JSON.parse(text) as ScoreResponse;
    expect(parsed.count).toBe(1200);
    expect(parsed.sites.every((s) => s.rank === s.forecast!.rank)).toBe(true);
    expect(new Set(parsed.sites.map((s) => s.rank)).size).toBe(1200);
  }, 180_000);

  it('a site outside the fitted area is refused before any task runs: 400 naming it', async () => {
    const far = [...lattice, { id: 'boston', lng: -71.06, lat: 42.36 }];
    const r = await t.app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'forecast', sites: far }) });
    expect(r.status).toBe(400);
    expect((await r.json() as { error: { field: string } }).error.field).toBe('sites.1200');
  }, 120_000);
});
