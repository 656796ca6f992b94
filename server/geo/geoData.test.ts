import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { f64, geoDataCache, i32, loadGeoData, u8 } from './geoData';
import { within } from '../../core/geo/pointIndex';

/** A tiny in-memory database with the imported-data schema of common.md, to pin the column mapping. */
describe('loadGeoData', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await db.run(`CREATE TABLE block_groups(geoid VARCHAR PRIMARY KEY, state_fips VARCHAR, county_fips VARCHAR, tract VARCHAR,
      block_group VARCHAR, population INTEGER, lng DOUBLE, lat DOUBLE)`);
    await db.run(`INSERT INTO block_groups VALUES ('360610001001','36','36061','000100','1',1200,-73.9855,40.7580),
      ('360610001002','36','36061','000100','2',0,-73.9800,40.7600)`);
    await db.run(`CREATE TABLE branches(branch_id BIGINT PRIMARY KEY, cert INTEGER, rssdhcr BIGINT, institution_name VARCHAR,
      holding_company VARCHAR, branch_name VARCHAR, address VARCHAR, city VARCHAR, state VARCHAR, zip VARCHAR, county_fips VARCHAR,
      deposits_k DOUBLE, service_type INTEGER, is_main_office BOOLEAN, opened DATE, lng DOUBLE, lat DOUBLE, valid_coords BOOLEAN)`);
    await db.run(`INSERT INTO branches VALUES
      (5001, 628, 1039502, 'JPMorgan Chase Bank, National Association', 'JPMORGAN CHASE&CO', 'Times Sq', '1 Times Sq', 'New York', 'NY', '10036', '36061', 1234.5, 11, false, DATE '2001-01-01', -73.9860, 40.7570, true),
      (5002, 999, NULL, 'Tiny Bank', NULL, 'Main', 'x', 'y', 'NY', '10001', '36061', 10, 11, true, NULL, 0, 0, false),
      (5003, 999, NULL, 'Tiny Bank', NULL, 'Two', 'x', 'y', 'NY', '10001', '36061', 20, 12, false, NULL, -73.99, 40.75, true)`);
    await db.run(`CREATE TABLE transit_stops(stop_id VARCHAR PRIMARY KEY, feed VARCHAR, gtfs_stop_id VARCHAR, name VARCHAR, mode VARCHAR,
      lng DOUBLE, lat DOUBLE, departures DOUBLE, scheduled BOOLEAN, imputed BOOLEAN, route_ids VARCHAR[])`);
    await db.run(`INSERT INTO transit_stops VALUES
      ('subway:127','subway','127','Times Sq-42 St','subway',-73.98731,40.75529,2100,true,false,['subway:1','subway:2']),
      ('bus_bk:300001','bus_bk','300001','Some St','bus',-73.95,40.65,180,false,true,[])`);
  });
  afterAll(() => db.close());

  it('maps every column and keeps only valid-coordinate branches', async () => {
    const g = await loadGeoData(db);
    expect(g.blockGroups.size).toBe(2);
    expect(g.blockGroups.geoid[0]).toBe('360610001001');
    expect(g.blockGroups.population[0]).toBe(1200);
    expect(g.blockGroups.countyFips[1]).toBe('36061');
    expect(g.branches.size).toBe(2);
    expect(g.branches.branchId[0]).toBe(5001);
    expect(g.branches.cert[0]).toBe(628);
    expect(g.branches.rssdhcr[0]).toBe(1039502);
    expect(g.branches.rssdhcr[1]).toBeNull();
    expect(g.branches.holdingCompany[1]).toBeNull();
    expect(g.branches.depositsK[0]).toBe(1234.5);
    expect(g.branches.serviceType[1]).toBe(12);
    expect(g.stops.size).toBe(2);
    expect(g.stops.routeIds[1]).toEqual(['subway:1', 'subway:2']); // ordered by stop_id: bus_bk… < subway…
    expect(g.stops.routeIds[0]).toEqual([]);
    expect(g.stops.imputed[0]).toBe(1);
    expect(g.stops.mode[1]).toBe('subway');
  });

  it('is memoised per database and its indexes answer radius queries', async () => {
    const geo = geoDataCache(db);
    const a = geo();
    expect(geo()).toBe(a);
    const g = await a;
    // Times Square block group → the Times Sq branch : Δlat 0.001° = 111.19 m, Δlng 0.0005°·cos(40.7575°) = 42.12 m → √(111.19²+42.12²) ≈ 118.9 m
    const hits = within(g.branches.index, -73.9855, 40.7580, 500);
    expect(hits).toHaveLength(1);
    expect(g.branches.branchId[hits[0].i]).toBe(5001);
    expect(hits[0].distanceM).toBeCloseTo(118.9, 1);
  });
});

describe('f64 / i32 / u8 (query columns into typed arrays)', () => {
  // what DuckDB columns hold: numbers, BIGINTs, nulls, booleans
  const xs: unknown[] = [1.5, 10n, null, -3, 0, 2147483648n, true, false, undefined, -0.25];
  it('give what TypedArray.from(xs, fn) gave, value for value', () => {
    const num = (v: unknown) => Number(v);
    expect(Array.from(f64(xs))).toEqual(Array.from(Float64Array.from(xs, (v) => (v == null ? 0 : num(v)))));
    expect(Array.from(i32(xs))).toEqual(Array.from(Int32Array.from(xs, (v) => (v == null ? 0 : num(v)))));
    expect(Array.from(u8(xs))).toEqual(Array.from(Uint8Array.from(xs, (v) => (v ? 1 : 0))));
    expect(Array.from(f64(xs))).toEqual([1.5, 10, 0, -3, 0, 2147483648, 1, 0, 0, -0.25]);
    expect(Array.from(i32(xs)).slice(0, 6)).toEqual([1, 10, 0, -3, 0, -2147483648]); // Int32 wraps, as before
    expect(Array.from(u8(xs))).toEqual([1, 1, 0, 1, 0, 1, 1, 0, 0, 1]);
  });
});
