import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';
import type { OptimizeResponse, ScenarioDto } from '../../core/api/coverage';
import type { ScoreResponse } from '../../core/api/sites';
import { haversineM } from '../../core/geo/haversine';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
  // waits for the forecast's calibration (or reads it from the cache)
  expect((await t.app.request('/api/parameter-sets?wait=true')).status).toBe(200);
}, 300_000);
afterAll(() => t?.close());

const post = (path: string, body: unknown) => t.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

// Five candidates ≥ 2 km apart (no two interact: the forecast's own-network features reach 1.5 km)
const candidates = [
  { id: 'midtown', lng: -73.9787, lat: 40.757 },
  { id: 'jackson-heights', lng: -73.8914, lat: 40.7498 },
  { id: 'tottenville', lng: -74.2409, lat: 40.5121 },
  { id: 'fordham', lng: -73.8985, lat: 40.8615 },
  { id: 'bay-ridge', lng: -74.0282, lat: 40.6262 },
];
const base = { objective: 'mclp', radiusM: 1000, ownNetwork: 'cert:628', area: 'nyc', candidates, solver: 'greedy' };

describe('POST /api/optimize with maximize "forecastDeposits"', () => {
  it('picks the candidate the forecast mode ranks first, with the same forecast, and echoes the objective', async () => {
    for (let a = 0; a < candidates.length; a++) for (let b = a + 1; b < candidates.length; b++) {
      expect(haversineM(candidates[a].lng, candidates[a].lat, candidates[b].lng, candidates[b].lat)).toBeGreaterThan(2000);
    }
    const scored = await (await post('/api/sites/score', { mode: 'forecast', ownNetwork: 'cert:628', sites: candidates })).json() as ScoreResponse;
    const byForecast = [...scored.sites].sort((x, y) => y.forecast!.depositsUsd - x.forecast!.depositsUsd);
    const res = await post('/api/optimize', { ...base, p: 1, maximize: 'forecastDeposits' });
    expect(res.status).toBe(200);
    const r = await res.json() as OptimizeResponse;
    expect(r.maximize).toBe('forecastDeposits');
    expect(r.params.maximize).toBe('forecastDeposits');
    expect(r.selected.map((s) => s.id)).toEqual([byForecast[0].id]);
    expect(Math.abs(r.selected[0].forecastDepositsUsd! - byForecast[0].forecast!.depositsUsd)).toBeLessThanOrEqual(1);
    expect(r.forecastDeposits!.totalUsd).toBe(r.selected[0].forecastDepositsUsd);
    // one site: the comonotone interval is the site's own 80 % interval
    expect(Math.abs(r.forecastDeposits!.comonotone.lowUsd - byForecast[0].forecast!.lowUsd)).toBeLessThanOrEqual(1);
    expect(Math.abs(r.forecastDeposits!.comonotone.highUsd - byForecast[0].forecast!.highUsd)).toBeLessThanOrEqual(1);
    expect(r.forecastDeposits).toMatchObject({ level: 0.8, ageYears: 10, parameterSet: 'nyc-sod-deposits', bankEffect: { cert: 628, source: 'area' } });

    // p = 3 of sites that do not interact: the three best by the forecast mode, total = the sum of their forecasts
    const r3 = await (await post('/api/optimize', { ...base, p: 3, maximize: 'forecastDeposits', solver: 'exact' })).json() as OptimizeResponse;
    expect(r3.selected.map((s) => s.id)).toEqual(byForecast.slice(0, 3).map((s) => s.id));
    const sum = byForecast.slice(0, 3).reduce((a, s) => a + s.forecast!.depositsUsd, 0);
    expect(Math.abs(r3.forecastDeposits!.totalUsd - sum)).toBeLessThanOrEqual(3);
    expect(r3.forecastDeposits!.standaloneTotalUsd).toBe(r3.forecastDeposits!.totalUsd);
    const fd = r3.forecastDeposits!;
    // independent residual draws: the total's interval holds the point total, its mean lies above it (right-skewed
    // residuals), and its low end is above the sum of the sites' low ends
    expect(fd.independent!.lowUsd).toBeLessThan(fd.totalUsd);
    expect(fd.independent!.highUsd).toBeGreaterThan(fd.independent!.meanUsd);
    expect(fd.independent!.meanUsd).toBeGreaterThan(fd.totalUsd);
    expect(fd.comonotone.lowUsd).toBeLessThan(fd.independent!.lowUsd);
    expect(r3.solver).toBe('greedy+swap');
    expect((r3.params.notes as string[]).some((n) => n.startsWith('Exact solver not run'))).toBe(true);
    const sc = await (await t.app.request(`/api/scenarios/${r3.scenarioId}`)).json() as ScenarioDto;
    expect(sc.added.map((a) => a.id)).toEqual(r3.selected.map((s) => s.id));
  });

  it('defaults to coverage (echoed); refuses forecastDeposits with closure, naming maximize', async () => {
    const r = await (await post('/api/optimize', { ...base, p: 1 })).json() as OptimizeResponse;
    expect(r.maximize).toBe('coverage');
    expect(r.forecastDeposits).toBeUndefined();
    const bad = await post('/api/optimize', { ...base, objective: 'closure', k: 1, candidates: 'grid', maximize: 'forecastDeposits' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field?: string } }).error.field).toBe('maximize');
  });

  it('refuses candidates outside the region the forecast was fitted on, naming the candidate', async () => {
    const res = await post('/api/optimize', { ...base, p: 1, maximize: 'forecastDeposits', candidates: [...candidates, { id: 'boston', lng: -71.06, lat: 42.36 }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field?: string } }).error.field).toBe('candidates.5');
  });
});
