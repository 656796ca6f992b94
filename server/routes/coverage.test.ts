import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';
import { computeCoverage } from '../coverage/service';
import { coverageRequest, type CoverageCompareResponse, type CoverageDetailResponse, type CoverageResponse, type ScenarioDto } from '../../core/api/coverage';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const post = (path: string, body: unknown) => t.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const NYC = ['36005', '36047', '36061', '36081', '36085'];

/**
 * Independent check in SQL: NYC population with any valid-coordinate branch of `where` within R metres, by a
 * brute-force haversine over a bbox-prefiltered cross join (no spatial index involved).
 */
async function sqlCoverage(radiusM: number, where = 'TRUE'): Promise<number> {
  const rows = await t.deps.db.all<{ covered: number }>(`
    WITH bg AS (SELECT geoid, population, lng, lat FROM block_groups WHERE county_fips IN ('36005','36047','36061','36081','36085')),
         br AS (SELECT lng, lat FROM branches WHERE valid_coords AND ${where} AND lng BETWEEN -74.4 AND -73.5 AND lat BETWEEN 40.3 AND 41.1),
         hit AS (SELECT DISTINCT bg.geoid, bg.population FROM bg, br
           WHERE abs(br.lat - bg.lat) < 0.05 AND abs(br.lng - bg.lng) < 0.07
             AND 2 * 6371008.8 * asin(least(1, sqrt(pow(sin(radians(br.lat - bg.lat) / 2), 2)
                 + cos(radians(bg.lat)) * cos(radians(br.lat)) * pow(sin(radians(br.lng - bg.lng) / 2), 2)))) <= ${radiusM})
    SELECT sum(population)::DOUBLE AS covered FROM hit`);
  return Number(rows[0].covered);
}

describe('POST /api/coverage on the test database', () => {
  it('is computed in a compute worker: the same answer as on the calling thread, radii and walk times alike', async () => {
    expect(t.services.compute.size).toBeGreaterThan(0);
    for (const body of [{ ownNetwork: 'cert:628', radiiM: [500, 2000], area: { counties: ['36047', '36061'] } },
      { network: 'all', radiiM: [500], area: 'nyc', mode: 'walk', walkMinutes: [5] }]) {
      const res = await post('/api/coverage', body);
      expect(res.status).toBe(200);
      const inProcess = await computeCoverage(t.services, coverageRequest.parse(body));
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(inProcess)));
    }
  });

  it('area "nyc", all banks: total 8,804,190 residents; covered population matches a brute-force SQL check', async () => {
    const res = await post('/api/coverage', { network: 'all', radiiM: [500, 1000, 2000], area: 'nyc' });
    expect(res.status).toBe(200);
    const body = await res.json() as CoverageResponse;
    expect(body.radii.map((r) => r.totalPopulation)).toEqual([8_804_190, 8_804_190, 8_804_190]);
    expect(body.radii[0].coveredPopulation).toBe(await sqlCoverage(500));
    expect(body.radii[1].coveredPopulation).toBe(await sqlCoverage(1000));
    expect(body.radii[0].coveredPopulation).toBeLessThan(body.radii[1].coveredPopulation);
    expect(body.radii[1].share).toBeCloseTo(body.radii[1].coveredPopulation / 8_804_190, 12);
    // byArea: the five boroughs × 3 radii, named, summing to the whole.
    expect(body.byArea).toHaveLength(15);
    expect(new Set(body.byArea.map((a) => a.areaId))).toEqual(new Set(NYC));
    expect(body.byArea.find((a) => a.areaId === '36061')!.name).toBe('Manhattan');
    expect(body.byArea.every((a) => a.areaType === 'borough')).toBe(true);
    const at1k = body.byArea.filter((a) => a.radiusM === 1000);
    expect(at1k.reduce((s, a) => s + a.totalPopulation, 0)).toBe(8_804_190);
    expect(at1k.reduce((s, a) => s + a.coveredPopulation, 0)).toBe(body.radii[1].coveredPopulation);
    expect(body.params).toMatchObject({ network: 'all', ownNetwork: null, radiiM: [500, 1000, 2000], area: 'nyc', demandPoints: 6807 });
  });

  it('ownNetwork alone means network "own" (Chase, cert 628), and matches SQL over cert = 628', async () => {
    const body = await (await post('/api/coverage', { ownNetwork: 'cert:628', radiiM: [1000], area: 'nyc' })).json() as CoverageResponse;
    expect(body.params.network).toBe('own');
    expect(body.radii[0].coveredPopulation).toBe(await sqlCoverage(1000, 'cert = 628'));
    const all = await (await post('/api/coverage', { network: 'all', radiiM: [1000], area: 'nyc' })).json() as CoverageResponse;
    expect(body.radii[0].coveredPopulation).toBeLessThan(all.radii[0].coveredPopulation);
  });

  it('a holding-company network (hc:<RSSDHCR>) includes its banks: JPMorgan Chase & Co ⊇ Chase Bank', async () => {
    const hc = await (await post('/api/coverage', { ownNetwork: 'hc:1039502', radiiM: [1000], area: 'nyc' })).json() as CoverageResponse;
    const bank = await (await post('/api/coverage', { ownNetwork: 'cert:628', radiiM: [1000], area: 'nyc' })).json() as CoverageResponse;
    expect(hc.params.outlets).toBeGreaterThanOrEqual(bank.params.outlets);
    expect(hc.radii[0].coveredPopulation).toBe(await sqlCoverage(1000, 'rssdhcr = 1039502'));
  });

  it('counties and bbox areas; non-NYC counties are "county" with census names', async () => {
    const body = await (await post('/api/coverage', { radiiM: [2000], area: { counties: ['34003', '36061'] } })).json() as CoverageResponse;
    const bergen = body.byArea.find((a) => a.areaId === '34003')!;
    expect(bergen).toMatchObject({ areaType: 'county', name: 'Bergen, New Jersey' });
    const bb = await (await post('/api/coverage', { radiiM: [500], area: { bbox: [-74.0, 40.74, -73.97, 40.76] } })).json() as CoverageResponse;
    expect(bb.params.demandPoints).toBeGreaterThan(10);
    expect(bb.radii[0].share).toBeGreaterThan(0.9); // Midtown: a bank on every corner
  });

  it('bad input answers 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ radiiM: [-5], area: 'nyc' }, 'radiiM.0'],
      [{ radiiM: [500], area: 'mars' }, 'area'],
      [{ radiiM: [500], area: 'nyc', ownNetwork: 'chase' }, 'ownNetwork'],
      [{ network: 'own', radiiM: [500], area: 'nyc' }, 'ownNetwork'],
      [{ radiiM: [500], area: { counties: ['99999'] } }, 'area.counties.0'],
      [{ ownNetwork: 'cert:999999999', radiiM: [500], area: 'nyc' }, 'ownNetwork'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/api/coverage', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json() as { error: { field?: string } }).error;
      expect(err.field, JSON.stringify(body)).toBe(field);
    }
    expect((await post('/api/coverage', { network: { scenarioId: 'nope' }, radiiM: [500], area: 'nyc' })).status).toBe(404);
  });

  it('mode "walk": coverage by walk minutes inside the Midtown extract, with the straight-line note', async () => {
    const body = await (await post('/api/coverage', { network: 'all', radiiM: [500], area: 'nyc', mode: 'walk', walkMinutes: [2, 5, 10] })).json() as CoverageResponse;
    const w = body.walk!;
    expect(w.demandPoints).toBeGreaterThan(50);
    expect(w.outletsInExtract).toBeGreaterThan(100);
    expect(w.byMinutes.map((m) => m.walkMinutes)).toEqual([2, 5, 10]);
    expect(w.byMinutes[0].coveredPopulation).toBeLessThanOrEqual(w.byMinutes[1].coveredPopulation);
    expect(w.byMinutes[2].share).toBeGreaterThan(0.95);
    expect(body.params.notes.join(' ')).toMatch(/straight-line/);
  });
});

describe('scenarios: CRUD round trip and reproducible coverage', () => {
  it('create, read, list, update, use in coverage/compare/detail, delete', async () => {
    const input = { name: 'Chase +1 in Staten Island', baseNetwork: 'cert:628',
      added: [{ id: 'si-1', lng: -74.1502, lat: 40.5795, name: 'New Dorp' }], closed: [], moved: [], params: { radiiM: [1000] } };
    const created = await post('/api/scenarios', input);
    expect(created.status).toBe(201);
    const s = await created.json() as ScenarioDto;
    expect(s).toMatchObject(input);
    expect(s.id).toMatch(/[0-9a-f-]{36}/);
    const got = await (await t.app.request(`/api/scenarios/${s.id}`)).json() as ScenarioDto;
    expect(got).toEqual(s);
    const list = await (await t.app.request('/api/scenarios')).json() as ScenarioDto[];
    expect(list.map((x) => x.id)).toContain(s.id);

    // Coverage of the scenario = own network + the added site; reproducible (same answer twice).
    const req = { network: { scenarioId: s.id }, radiiM: [1000], area: 'nyc' };
    const c1 = await (await post('/api/coverage', req)).json() as CoverageResponse;
    const c2 = await (await post('/api/coverage', req)).json() as CoverageResponse;
    expect(c2.radii).toEqual(c1.radii);
    const own = await (await post('/api/coverage', { ownNetwork: 'cert:628', radiiM: [1000], area: 'nyc' })).json() as CoverageResponse;
    expect(c1.params.outlets).toBe(own.params.outlets + 1);
    expect(c1.radii[0].coveredPopulation).toBeGreaterThan(own.radii[0].coveredPopulation);

    // Compare: the change in covered population equals gained − lost on the difference map.
    const cmp = await (await post('/api/coverage/compare', { a: { ownNetwork: 'cert:628' }, b: { network: { scenarioId: s.id } },
      area: 'nyc', radiiM: [1000] })).json() as CoverageCompareResponse;
    const gained = cmp.diffHexes.reduce((x, h) => x + h.gainedPopulation, 0);
    const lost = cmp.diffHexes.reduce((x, h) => x + h.lostPopulation, 0);
    expect(lost).toBe(0);
    expect(gained).toBe(c1.radii[0].coveredPopulation - own.radii[0].coveredPopulation);
    expect(cmp.b.radii[0]).toEqual(c1.radii[0]);
    expect(cmp.b.expectedDemand).toBeGreaterThan(cmp.a.expectedDemand);
    expect(cmp.a.cannibalisation).toBe(0);

    // Detail: the added site has a catchment; the gap is the uncovered remainder.
    const det = await (await post('/api/coverage/detail', { network: { scenarioId: s.id }, area: 'nyc', radiusM: 1000 })).json() as CoverageDetailResponse;
    const added = det.catchments.find((x) => x.outletId === 'si-1')!;
    expect(added.status).toBe('added');
    expect(added.population).toBeGreaterThan(0);
    expect(det.totals.uncoveredPopulation).toBe(8_804_190 - c1.radii[0].coveredPopulation);

    // Update: closing every Chase branch leaves only the added site.
    const chase = (await t.deps.db.all<{ id: bigint }>('SELECT branch_id AS id FROM branches WHERE cert = 628 AND valid_coords')).map((r) => Number(r.id));
    const put = await t.app.request(`/api/scenarios/${s.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': `"${s.version}"` },
      body: JSON.stringify({ ...input, name: 'Only New Dorp', closed: chase }) });
    expect(put.status).toBe(200);
    const upd = await put.json() as ScenarioDto;
    expect(upd.name).toBe('Only New Dorp');
    expect(upd.createdAt).toBe(s.createdAt);
    const c3 = await (await post('/api/coverage', req)).json() as CoverageResponse;
    expect(c3.params.outlets).toBe(1);

    expect((await t.app.request(`/api/scenarios/${s.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.app.request(`/api/scenarios/${s.id}`)).status).toBe(404);
    expect((await t.app.request(`/api/scenarios/${s.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('lists scenarios newest created first, and an edit of an older one does not move it', async () => {
    const make = async (name: string) => {
      const r = await post('/api/scenarios', { name, baseNetwork: 'cert:628' });
      expect(r.status).toBe(201);
      await new Promise((r) => setTimeout(r, 5)); // distinct millisecond timestamps
      return r.json() as Promise<ScenarioDto>;
    };
    const first = await make('order 1'), second = await make('order 2'), third = await make('order 3');
    const ids = new Set([first.id, second.id, third.id]);
    const order = async () => ((await (await t.app.request('/api/scenarios')).json()) as ScenarioDto[]).filter((s) => ids.has(s.id)).map((s) => s.name);
    expect(await order()).toEqual(['order 3', 'order 2', 'order 1']);
    // rename the oldest: it is now the most recently updated, and stays last
    const put = await t.app.request(`/api/scenarios/${first.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': `"${first.version}"` },
      body: JSON.stringify({ name: 'order 1, renamed', baseNetwork: 'cert:628' }) });
    expect(put.status).toBe(200);
    const renamed = await put.json() as ScenarioDto;
    expect(renamed.updatedAt > third.createdAt).toBe(true);
    expect(await order()).toEqual(['order 3', 'order 2', 'order 1, renamed']);
    for (const id of ids) expect((await t.app.request(`/api/scenarios/${id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('rejects a bad scenario with 400 naming the field', async () => {
    const res = await post('/api/scenarios', { name: 'x', baseNetwork: 'chase', added: [] });
    expect(res.status).toBe(400);
    expect((await res.json() as { error: { field: string } }).error.field).toBe('baseNetwork');
    const res2 = await post('/api/scenarios', { name: 'x', baseNetwork: 'all', added: [{ id: 'a', lng: 200, lat: 0 }] });
    expect((await res2.json() as { error: { field: string } }).error.field).toBe('added.0.lng');
    const res3 = await post('/api/scenarios', { name: 'x', baseNetwork: 'cert:628', closed: [1, 2] });
    expect(res3.status).toBe(400);
    expect((await res3.json() as { error: { field: string } }).error.field).toBe('closed.0');
    const res4 = await post('/api/scenarios', { name: 'x', baseNetwork: 'cert:999999999' });
    expect((await res4.json() as { error: { field: string } }).error.field).toBe('baseNetwork');
  });
});

describe('POST /api/coverage/detail', () => {
  it('catchments partition the assigned population; 2SFCA per block group', async () => {
    const res = await post('/api/coverage/detail', { ownNetwork: 'cert:7213', area: { counties: ['36061'] }, radiusM: 500,
      catchmentMaxM: 50_000, twoSfcaD0M: 1000 });
    expect(res.status).toBe(200);
    const d = await res.json() as CoverageDetailResponse;
    const manhattan = await (await post('/api/coverage', { ownNetwork: 'cert:7213', radiiM: [500], area: { counties: ['36061'] } })).json() as CoverageResponse;
    // With a 50 km cut-off every Manhattan resident is assigned to some Citibank branch.
    expect(d.catchments.reduce((s, c) => s + c.population, 0)).toBe(manhattan.radii[0].totalPopulation);
    expect(d.totals.uncoveredPopulation).toBe(manhattan.radii[0].totalPopulation - manhattan.radii[0].coveredPopulation);
    expect(d.totals.expectedDemand).toBeGreaterThan(0);
    expect(d.totals.expectedDemand).toBeLessThan(manhattan.radii[0].totalPopulation);
    expect(d.twoSfca!.length).toBe(manhattan.params.demandPoints);
    expect(d.twoSfca!.some((x) => x.accessibility > 0)).toBe(true);
  });
});

describe('POST /api/coverage/walk', () => {
  it('walk-time catchments: a Midtown point is routable and its 10-min catchment holds more people than its 5-min one; outside the extract is not routable', async () => {
    const body5 = await (await post('/api/coverage/walk', { points: [{ id: 'esb', lng: -73.9857, lat: 40.7484 }, { id: 'bk', lng: -73.99, lat: 40.69 }], minutes: 5 })).json() as
      { catchments: { id: string; routable: boolean; population: number; nodesReached: number; isochrone: unknown }[] };
    const body10 = await (await post('/api/coverage/walk', { points: [{ id: 'esb', lng: -73.9857, lat: 40.7484 }], minutes: 10 })).json() as typeof body5;
    const [esb5, bk] = body5.catchments;
    const esb10 = body10.catchments[0];
    expect(esb5.routable).toBe(true);
    expect(esb5.nodesReached).toBeGreaterThan(50);
    expect(esb10.population).toBeGreaterThan(esb5.population);
    expect(esb10.nodesReached).toBeGreaterThan(esb5.nodesReached);
    expect(esb5.isochrone).toMatchObject({ type: 'Feature', geometry: { type: 'Polygon' } });
    expect(bk).toMatchObject({ routable: false, population: 0, isochrone: null });
    const bad = await post('/api/coverage/walk', { points: [], minutes: 90 });
    expect(bad.status).toBe(400);
    expect((await bad.json() as { error: { field: string } }).error.field).toBe('minutes');
  });
});

describe('scenario with a moved outlet', () => {
  it('the moved branch is served at its new place, keeps its id, and is marked "moved"', async () => {
    const [row] = await t.deps.db.all<{ id: bigint; lng: number; lat: number }>(
      "SELECT branch_id AS id, lng, lat FROM branches WHERE cert = 628 AND valid_coords AND county_fips = '36061' ORDER BY branch_id LIMIT 1");
    const branchId = Number(row.id);
    const to = { lng: -74.1502, lat: 40.5795 }; // New Dorp, Staten Island
    const s = await (await post('/api/scenarios', { name: 'move one', baseNetwork: 'cert:628', moved: [{ branchId, ...to }] })).json() as ScenarioDto;
    const det = await (await post('/api/coverage/detail', { network: { scenarioId: s.id }, area: 'nyc', radiusM: 1000 })).json() as CoverageDetailResponse;
    const moved = det.catchments.find((c) => c.outletId === String(branchId))!;
    expect(moved).toMatchObject({ status: 'moved', lng: to.lng, lat: to.lat });
    const own = await (await post('/api/coverage', { ownNetwork: 'cert:628', radiiM: [1000], area: 'nyc' })).json() as CoverageResponse;
    const sc = await (await post('/api/coverage', { network: { scenarioId: s.id }, radiiM: [1000], area: 'nyc' })).json() as CoverageResponse;
    expect(sc.params.outlets).toBe(own.params.outlets);
    // Staten Island gains residents near New Dorp (Chase has no branch within 1 km there).
    const si = (r: CoverageResponse) => r.byArea.find((a) => a.areaId === '36085')!.coveredPopulation;
    expect(si(sc)).toBeGreaterThan(si(own));
  });
});

describe('county names belong to the app that asked (no process-wide cache)', () => {
  it('two apps over different data folders name Bergen County from their own county2020.csv', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { createApp } = await import('../app');
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'op-counties-'));
    try {
      fs.mkdirSync(path.join(other, 'census-cenpop2020'));
      fs.writeFileSync(path.join(other, 'census-cenpop2020', 'county2020.csv'),
        'STATEFP,COUNTYFP,COUNAME,STNAME,POPULATION,LATITUDE,LONGITUDE\n34,003,Bergen (test copy),New Jersey,955732,40.916918,-74.056816\n');
      // a study area is resolved on the boundary files (us-atlas counties, NYC boroughs and NTAs): the real ones
      for (const dir of ['us-atlas', 'nyc-geographies-ehdp']) fs.symlinkSync(path.resolve(t.deps.config.dataDir, dir), path.join(other, dir));
      const otherApp = createApp({ ...t.deps, config: { ...t.deps.config, dataDir: other } });
      const req = { radiiM: [2000], area: { counties: ['34003'] } };
      const name = async (app: { request: typeof t.app.request }) =>
        ((await (await app.request('/api/coverage', { method: 'POST', body: JSON.stringify(req), headers: { 'content-type': 'application/json' } })).json()) as CoverageResponse)
          .byArea.find((a) => a.areaId === '34003')!.name;
      expect(await name(t.app)).toBe('Bergen, New Jersey');
      expect(await name(otherApp)).toBe('Bergen (test copy), New Jersey');
      expect(await name(t.app)).toBe('Bergen, New Jersey');
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
