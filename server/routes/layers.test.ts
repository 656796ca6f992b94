import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { LAYER_MAX_POINTS, type DemandLayerResponse, type StopResponse, type StopsLayerResponse } from '../../core/api/layers';

// A tiny database with the contract schema (common brief) — the rows are placed by hand around Midtown.
let db: Database;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  await db.run(`CREATE TABLE block_groups(geoid VARCHAR PRIMARY KEY, state_fips VARCHAR, county_fips VARCHAR, tract VARCHAR,
    block_group VARCHAR, population INTEGER, lng DOUBLE, lat DOUBLE)`);
  await db.run(`INSERT INTO block_groups VALUES
    ('360610001001','36','36061','000100','1', 1200, -73.99, 40.75),
    ('360610002001','36','36061','000200','1',  800, -73.98, 40.76),
    ('340170001001','34','34017','000100','1',  500, -74.05, 40.72),
    ('060370001001','06','06037','000100','1', 3000, -118.2, 34.05)`);
  await db.run(`CREATE TABLE transit_stops(stop_id VARCHAR PRIMARY KEY, feed VARCHAR, gtfs_stop_id VARCHAR, name VARCHAR, mode VARCHAR,
    lng DOUBLE, lat DOUBLE, departures DOUBLE, scheduled BOOLEAN, imputed BOOLEAN, route_ids VARCHAR[])`);
  await db.run(`INSERT INTO transit_stops VALUES
    ('subway:127','subway','127','Times Sq-42 St','subway',-73.9873,40.7553, 2100, true, false, ['subway:1','subway:2']),
    ('bus_bk:300','bus_bk','300','Flatbush Av/Atlantic Av','bus',-73.9776,40.6842, 96.5, false, true, []),
    ('lirr:1','lirr','1','Penn Station','rail',-73.9935,40.7506, 310, false, true, [])`);
  app = createApp({ config: loadConfig(), db, userDb: db });
});
afterAll(() => db?.close());

describe('GET /api/layers/demand', () => {
  it('returns only the block groups inside the bbox, column-oriented', async () => {
    const res = await app.request('/api/layers/demand?bbox=-74.1,40.7,-73.9,40.8');
    expect(res.status).toBe(200);
    const body = (await res.json()) as DemandLayerResponse;
    expect(body).toEqual({
      bbox: [-74.1, 40.7, -73.9, 40.8], count: 3, truncated: false,
      geoid: ['340170001001', '360610001001', '360610002001'],
      lng: [-74.05, -73.99, -73.98], lat: [40.72, 40.75, 40.76], population: [500, 1200, 800],
    });
  });
  it('answers 400 naming bbox for a missing, malformed or inverted bbox', async () => {
    for (const q of ['', '?bbox=1,2,3', '?bbox=a,b,c,d', '?bbox=-73,40,-74,41', '?bbox=-200,40,-73,41']) {
      const res = await app.request('/api/layers/demand' + q);
      expect(res.status, q).toBe(400);
      const err = (await res.json()) as { error: { field: string } };
      expect(err.error.field, q).toBe('bbox');
    }
  });
});

describe('GET /api/layers/stops', () => {
  it('returns stops with mode, departures and the imputed flag', async () => {
    const res = await app.request('/api/layers/stops?bbox=-74.0,40.74,-73.98,40.76');
    const body = (await res.json()) as StopsLayerResponse;
    expect(body.count).toBe(2);
    expect(body.stopId).toEqual(['lirr:1', 'subway:127']);
    expect(body.mode).toEqual(['rail', 'subway']);
    expect(body.departures).toEqual([310, 2100]);
    expect(body.imputed).toEqual([true, false]);
    expect(body.name[1]).toBe('Times Sq-42 St');
  });
});

describe('GET /api/layers/stops/:stopId', () => {
  it('returns one stop with its routes, and a JSON 404 naming an unknown id', async () => {
    const res = await app.request('/api/layers/stops/' + encodeURIComponent('subway:127'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      stopId: 'subway:127', name: 'Times Sq-42 St', mode: 'subway', lng: -73.9873, lat: 40.7553, departures: 2100, imputed: false,
      routeIds: ['subway:1', 'subway:2'],
    } satisfies StopResponse);
    const missing = await app.request('/api/layers/stops/subway:nope');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('subway:nope');
  });
});

describe('GET /api/layers/demand over more than LAYER_MAX_POINTS block groups', () => {
  it('answers the first 60,000 by GEOID, truncated, as JSON sent in slices', async () => {
    const big = await openDatabase(':memory:');
    try {
      await big.run(`CREATE TABLE block_groups(geoid VARCHAR PRIMARY KEY, population INTEGER, lng DOUBLE, lat DOUBLE)`);
      // 60,010 points on a line, GEOIDs in reverse order of longitude
      await big.run(`INSERT INTO block_groups SELECT lpad(CAST(60009 - i AS VARCHAR), 12, '0'), i % 1000, -120 + i * 0.0005, 35 FROM range(60010) t(i)`);
      const bigApp = createApp({ config: loadConfig(), db: big, userDb: big });
      const res = await bigApp.request('/api/layers/demand?bbox=-125,24,-66,50');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = (await res.json()) as DemandLayerResponse;
      expect(body.count).toBe(LAYER_MAX_POINTS);
      expect(body.truncated).toBe(true);
      for (const k of ['geoid', 'lng', 'lat', 'population'] as const) expect(body[k]).toHaveLength(LAYER_MAX_POINTS);
      // GEOID 000000000000 is row i = 60009: lng −120 + 60009 × 0.0005, population 9
      expect(body.geoid[0]).toBe('000000000000');
      expect(body.lng[0]).toBeCloseTo(-120 + 60009 * 0.0005, 9);
      expect(body.population[0]).toBe(9);
      expect(body.geoid[LAYER_MAX_POINTS - 1]).toBe(String(LAYER_MAX_POINTS - 1).padStart(12, '0'));
    } finally {
      big.close();
    }
  });
});
