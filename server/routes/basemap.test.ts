import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import type { BasemapResponse } from '../../core/api/basemap';
import { haversineM } from '../../core/geo/haversine';

let db: Database;
let app: Hono;
let body: BasemapResponse;

beforeAll(async () => {
  db = await openDatabase(':memory:');
  const config = loadConfig();
  app = createApp({ config, db, userDb: db }) as unknown as Hono;
  const res = await app.request('/api/basemap');
  expect(res.status).toBe(200);
  body = (await res.json()) as BasemapResponse;
});
afterAll(() => db?.close());

/** Ray casting on the outer ring(s) — enough to place a well-inside point. */
function inside(geom: GeoJSON.Polygon | GeoJSON.MultiPolygon, [x, y]: [number, number]): boolean {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  return polys.some((poly) => {
    let c = false;
    const ring = poly[0];
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
    return c;
  });
}

describe('GET /api/basemap', () => {
  it('serves the five boroughs as GeoJSON in lng/lat, each containing its own landmark', () => {
    expect(body.boroughs.features.map((f) => f.properties.name).sort()).toEqual(['Bronx', 'Brooklyn', 'Manhattan', 'Queens', 'Staten Island']);
    const manhattan = body.boroughs.features.find((f) => f.properties.code === 3)!;
    const brooklyn = body.boroughs.features.find((f) => f.properties.code === 2)!;
    const empireState: [number, number] = [-73.9857, 40.7484];
    expect(inside(manhattan.geometry, empireState)).toBe(true);
    expect(inside(brooklyn.geometry, empireState)).toBe(false);
    // bounds as SOURCE.md states: lon −74.2555 → −73.7000, lat 40.4961 → 40.9154
    expect(body.bounds[0]).toBeCloseTo(-74.2555, 3);
    expect(body.bounds[2]).toBeCloseTo(-73.7, 3);
    expect(body.bounds[1]).toBeCloseTo(40.4961, 3);
    expect(body.bounds[3]).toBeCloseTo(40.9154, 3);
  });

  it('serves the 262 NTA neighbourhoods (197 residential), harbor water, every US state as land and the counties of the states around NYC', () => {
    expect(body.neighborhoods.features).toHaveLength(262);
    expect(body.neighborhoods.features.filter((f) => f.properties.residential)).toHaveLength(197);
    expect(body.neighborhoods.features[0].properties).toEqual({ code: 'BX0101', name: 'Mott Haven-Port Morris', residential: true });
    expect(body.water.features.map((f) => f.properties.name)).toContain('Jamaica Bay');
    expect(body.states.features.map((f) => f.properties.name)).toEqual(expect.arrayContaining(['New York', 'New Jersey', 'Connecticut']));
    // every state is land, so a study area outside the NY region (Cook County, IL) is not drawn on the water background
    expect(body.states.features.map((f) => f.properties.name)).toEqual(expect.arrayContaining(['Illinois', 'California', 'Texas']));
    expect(body.states.features).toHaveLength(56);
    const ny = body.counties.features.find((f) => f.properties.fips === '36061');
    expect(ny?.properties.name).toBe('New York');
    expect(body.counties.features.every((f) => ['36', '34', '09', '42', '25', '44', '10', '24', '50', '33'].includes(f.properties.fips.slice(0, 2)))).toBe(true);
  });

  it('gives label points for boroughs and residential NTAs, joined to NTA codes', () => {
    const boroughLabels = body.labels.filter((l) => l.kind === 'borough');
    expect(boroughLabels).toHaveLength(5);
    const manhattan = boroughLabels.find((l) => l.name === 'Manhattan')!;
    expect(haversineM(manhattan.lng, manhattan.lat, -73.9672, 40.7772)).toBeLessThan(1);
    const nta = body.labels.filter((l) => l.kind === 'neighborhood');
    expect(nta).toHaveLength(197);
    expect(nta.find((l) => l.name === 'Mott Haven-Port Morris')?.code).toBe('BX0101');
  });

  it('a wrong DATA_DIR is a 500 problem JSON with the code and a request id (not a crash); the file is named in the log only', async () => {
    const config = { ...loadConfig(), dataDir: path.join('/nonexistent', 'data') };
    const bad = createApp({ config, db, userDb: db });
    const logged: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { logged.push(...a); });
    try {
      const res = await bad.request('/api/basemap');
      expect(res.status).toBe(500);
      const text = await res.text();
      const err = JSON.parse(text) as { error: { code: string; message: string; requestId?: string } };
      expect(err.error.code).toBe('data_missing');
      expect(err.error.message).toContain(err.error.requestId);
      expect(text).not.toContain('/nonexistent'); // no server paths in an answer
      expect(String((logged[1] as Error).message)).toContain('borough.topo.json');
    } finally {
      spy.mockRestore();
    }
  });
});
