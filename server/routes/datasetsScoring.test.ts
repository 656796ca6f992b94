import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { createTestApp } from '../testing/testApp';
import { haversineM } from '../../core/geo/haversine';
import type { ImportResponse } from '../../core/api/datasets';
import type { ScoreResponse } from '../../core/api/sites';
import { upload } from '../testing/upload';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const score = async (body: unknown) => {
  const res = await t.app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as ScoreResponse & { error?: { field: string; message: string } } };
};

// 100 m east of the Hunters Point South ferry landing (stop 4: 40.741838, -73.961322), and a site in the central Bronx.
const NEAR_PIER = { id: 'pier', lng: -73.960139, lat: 40.741838 };
const FAR = { id: 'bronx', lng: -73.8785, lat: 40.8448 };

describe('user datasets in site scoring (issue 10, items 3–4)', () => {
  it('a GTFS zip (the NYC Ferry files) imported as a user feed changes the transit factor of sites near its piers only', async () => {
    const dir = path.join(t.deps.config.dataDir, 'nyc-ferry-gtfs');
    const files: Record<string, Uint8Array> = {};
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) files[f] = fs.readFileSync(path.join(dir, f));
    const imp = await upload(t.app, { name: 'nyc-ferry.zip', body: zipSync(files) }, { kind: 'transit', name: 'My ferry feed' });
    expect(imp.status).toBe(201);
    const feed = imp.body as ImportResponse;
    // every shipped ferry landing within the 800 m ferry walk radius of the site (Hunters Point South has two)
    const landings = (await t.deps.db.all<{ lng: number; lat: number; departures: number }>(`SELECT lng, lat, departures FROM transit_stops WHERE feed = 'ferry'`))
      .map((s) => ({ ...s, d: haversineM(NEAR_PIER.lng, NEAR_PIER.lat, s.lng, s.lat) })).filter((s) => s.d < 800);
    expect(landings.length).toBeGreaterThan(0);
    const pier = landings.reduce((a, s) => a + s.departures, 0);
    expect(pier).toBeGreaterThan(0);

    const base = await score({ sites: [NEAR_PIER, FAR], normalization: { reference: 'request' } });
    const withFeed = await score({ sites: [NEAR_PIER, FAR], normalization: { reference: 'request' }, datasets: { transit: [feed.id] } });
    expect(withFeed.status).toBe(200);
    const [b0, b1] = base.body.sites, [w0, w1] = withFeed.body.sites;
    // the landings' departures now count twice (shipped feed + user feed), each decayed by g = 1 − d/R, R = 800 m
    expect(w0.factors.transit.departuresWithinRadius - b0.factors.transit.departuresWithinRadius).toBeCloseTo(pier, 6);
    expect(w0.factors.transit.stopsWithinRadius).toBe(b0.factors.transit.stopsWithinRadius + landings.length);
    expect(w0.factors.transit.raw - b0.factors.transit.raw).toBeCloseTo(landings.reduce((a, s) => a + s.departures * (1 - s.d / 800), 0), 3);
    expect(w1.factors.transit).toEqual(b1.factors.transit);
    expect(withFeed.body.params.datasets?.transit).toEqual([{ id: feed.id, name: 'My ferry feed (v1)', stops: feed.report.imported }]);
  });

  it('target customers = residents + 0.5 × LODES jobs: each layer in the breakdown, the raw their weighted sum', async () => {
    const lodes = path.join(REPO_ROOT, 'data', 'samples', 'lodes');
    const z = zipSync({ 'ny_wac_S000_JT00_2021.csv': fs.readFileSync(path.join(lodes, 'ny_wac_S000_JT00_2021.csv')), 'ny_xwalk.csv': fs.readFileSync(path.join(lodes, 'ny_xwalk.csv')) });
    const imp = await upload(t.app, { name: 'ny-lodes.zip', body: z }, { kind: 'jobs', name: 'NY jobs sample' });
    expect(imp.status).toBe(201);
    const jobs = imp.body as ImportResponse;
    const midtown = { id: 'midtown', lng: -73.9845, lat: 40.7560 };
    const base = await score({ sites: [midtown], normalization: { reference: 'request' } });
    const layered = await score({ sites: [midtown], normalization: { reference: 'request' },
      datasets: { demand: [{ layer: 'residents', weight: 1 }, { layer: jobs.id, weight: 0.5 }] } });
    expect(layered.status).toBe(200);
    const dem = layered.body.sites[0].factors.demand;
    expect(dem.layers!.map((l) => [l.layer, l.name, l.weight])).toEqual([['residents', 'Residents (census 2020)', 1], [jobs.id, 'NY jobs sample (v1)', 0.5]]);
    expect(dem.layers![0].raw).toBeCloseTo(base.body.sites[0].factors.demand.raw, 3);
    expect(dem.raw).toBeCloseTo(dem.layers![0].raw + dem.layers![1].raw, 3);
    // jobs within 1 km of the site, summed by hand from the sample (two Midtown blocks: 5,120 + 3,870)
    const blocks = [[-73.9840451, 40.7549123, 5120], [-73.9855012, 40.7580214, 3870], [-74.0113205, 40.707531, 6240]];
    const within = blocks.filter(([x, y]) => haversineM(midtown.lng, midtown.lat, x, y) <= 1000).reduce((a, b) => a + b[2], 0);
    expect(within).toBe(8990);
    expect(dem.layers![1].within1000m).toBe(8990);
    // the jobs layer's part: Σ 0.5 · C000 · exp(−d² / 2h²), h = 800 m, over every block within 3h
    const sample = [[-73.9840451, 40.7549123, 5120], [-73.9855012, 40.7580214, 3870], [-74.0113205, 40.707531, 6240], [-74.0089417, 40.7068822, 2980],
      [-73.9903317, 40.692814, 2210], [-73.948523, 40.7447005, 1530]];
    const byHand = sample.map(([x, y, n]) => ({ d: haversineM(midtown.lng, midtown.lat, x, y), n })).filter((b) => b.d <= 2400)
      .reduce((a, b) => a + 0.5 * b.n * Math.exp(-(b.d ** 2) / (2 * 800 ** 2)), 0);
    expect(dem.layers![1].raw).toBeCloseTo(byHand, 3);
    // residents are the census block groups, not a dataset of points: no count of points (it said 0)
    expect(layered.body.params.datasets?.demand.map((l) => l.points)).toEqual([null, 6]);
  });

  it('an outlets dataset as competitors adds them to the competition factor; unknown ids and wrong kinds are 400s naming the field', async () => {
    const site = { id: 's', lng: -73.9500, lat: 40.6500 };
    const imp = await upload(t.app, { name: 'cu.csv', body: `id,lat,lng\ncu1,${site.lat + 0.001},${site.lng}\n` }, { kind: 'outlets', name: 'Credit unions' });
    const cu = (imp.body as ImportResponse).id;
    const base = await score({ sites: [site], normalization: { reference: 'request' } });
    const withCu = await score({ sites: [site], normalization: { reference: 'request' }, datasets: { competitors: [cu] } });
    expect(withCu.body.sites[0].factors.competition.competitorsWithin500m).toBe(base.body.sites[0].factors.competition.competitorsWithin500m + 1);
    const cuM = haversineM(site.lng, site.lat, site.lng, site.lat + 0.001);
    expect(withCu.body.sites[0].factors.competition.nearestCompetitorM).toBeCloseTo(Math.min(cuM, base.body.sites[0].factors.competition.nearestCompetitorM ?? Infinity), 2);
    const bad = await score({ sites: [site], datasets: { transit: ['nope-v1'] } });
    expect([bad.status, bad.body.error?.field]).toEqual([400, 'datasets.transit.0']);
    const kind = await score({ sites: [site], datasets: { demand: [{ layer: cu, weight: 1 }] } });
    expect([kind.status, kind.body.error?.field, kind.body.error?.message])
      .toEqual([400, 'datasets.demand.0.layer', `datasets.demand.0.layer: "${cu}" is a dataset of kind outlets; expected kind demand or jobs`]);
  });
});

describe('an outlets dataset as the network in coverage', () => {
  it('covers the residents within the radius of its outlets (brute force over the block groups), and refuses other kinds', async () => {
    const pts = [[-73.9857, 40.7484], [-73.95, 40.65]];
    const imp = await upload(t.app, { name: 'mine.csv', body: 'id,lng,lat\n' + pts.map((p, k) => `m${k},${p[0]},${p[1]}`).join('\n') + '\n' }, { kind: 'outlets', name: 'Mine' });
    const id = (imp.body as ImportResponse).id;
    const res = await t.app.request('/api/coverage', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ network: { dataset: id }, area: 'nyc', radiiM: [1000] }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { radii: { coveredPopulation: number }[]; params: { outlets: number; network: unknown } };
    const bgs = await t.deps.db.all<{ lng: number; lat: number; population: number; county_fips: string }>(
      `SELECT lng, lat, population, county_fips FROM block_groups WHERE county_fips IN ('36005','36047','36061','36081','36085')`);
    const covered = bgs.filter((b) => pts.some(([x, y]) => haversineM(x, y, b.lng, b.lat) <= 1000)).reduce((a, b) => a + b.population, 0);
    expect(body.params.outlets).toBe(2);
    expect(body.params.network).toEqual({ dataset: id });
    expect(body.radii[0].coveredPopulation).toBe(covered);
    const jobsLike = await t.app.request('/api/coverage', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ network: { dataset: 'no-such-v1' }, area: 'nyc', radiiM: [1000] }) });
    expect(jobsLike.status).toBe(404);
  });
});

describe('users\' competitor datasets in the coverage tab\'s Huff model', () => {
  it('a credit union on top of the network\'s outlet competes for its residents: expected residents = Huff by brute force over every outlet', async () => {
    // network: one outlet M in central Brooklyn (a user dataset); competitor dataset: one credit union C at the same point
    const m = { lng: -73.9442, lat: 40.6501 };
    const net = (await upload(t.app, { name: 'one.csv', body: `id,lng,lat
m0,${m.lng},${m.lat}
` }, { kind: 'outlets', name: 'One outlet' })).body as ImportResponse;
    const cu = (await upload(t.app, { name: 'cu2.csv', body: `id,lng,lat
c0,${m.lng},${m.lat}
` }, { kind: 'outlets', name: 'Credit union' })).body as ImportResponse;
    const detail = async (extra: Record<string, unknown>) => {
      const res = await t.app.request('/api/coverage/detail', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ network: { dataset: net.id }, area: 'nyc', radiusM: 1000, ...extra }) });
      return { status: res.status, body: (await res.json()) as { catchments: { outletId: string; expectedResidents: number }[]; totals: { expectedDemand: number };
        params: { competitors: unknown }; error?: { field: string } } };
    };
    const before = await detail({});
    const after = await detail({ competitors: [cu.id] });
    expect(after.status).toBe(200);
    expect(after.body.params.competitors).toEqual([{ id: cu.id, name: 'Credit union (v1)', outlets: 1 }]);
    // brute force: E_M = Σ_i P_i · w_iM / Σ_k w_ik over every outlet k within 3 km of i (M, C and every FDIC branch), w = max(d, 100 m)^−2
    const bgs = await t.deps.db.all<{ lng: number; lat: number; population: number }>(
      `SELECT lng, lat, population FROM block_groups WHERE county_fips IN ('36005','36047','36061','36081','36085')`);
    const branches = await t.deps.db.all<{ lng: number; lat: number }>(
      `SELECT lng, lat FROM branches WHERE valid_coords AND lng BETWEEN ${m.lng - 0.15} AND ${m.lng + 0.15} AND lat BETWEEN ${m.lat - 0.1} AND ${m.lat + 0.1}`);
    const huff = (withCu: boolean) => {
      let e = 0;
      for (const b of bgs) {
        const dM = haversineM(b.lng, b.lat, m.lng, m.lat);
        if (dM > 3000 || b.population <= 0) continue;
        const w = (d: number) => Math.max(d, 100) ** -2;
        let sum = w(dM) * (withCu ? 2 : 1);
        for (const o of branches) { const d = haversineM(b.lng, b.lat, o.lng, o.lat); if (d <= 3000) sum += w(d); }
        e += b.population * w(dM) / sum;
      }
      return e;
    };
    const eBefore = huff(false), eAfter = huff(true);
    expect(eAfter).toBeLessThan(eBefore - 500); // the credit union takes its share of the residents
    expect(before.body.catchments[0].expectedResidents).toBeCloseTo(eBefore, 2);
    expect(after.body.catchments[0].expectedResidents).toBeCloseTo(eAfter, 2);
    expect(after.body.totals.expectedDemand).toBeCloseTo(eAfter, 2);
    // compare: both sides count it; an unknown id or another kind of dataset → 400 naming competitors.<k>
    const cmp = await t.app.request('/api/coverage/compare', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: { network: { dataset: net.id } }, b: { network: { dataset: net.id } }, area: 'nyc', radiiM: [1000], competitors: [cu.id] }) });
    const cb = (await cmp.json()) as { a: { expectedDemand: number }; b: { expectedDemand: number } };
    expect(cb.a.expectedDemand).toBeCloseTo(eAfter, 2);
    expect(cb.b.expectedDemand).toBeCloseTo(eAfter, 2);
    const unknown = await detail({ competitors: [cu.id, 'no-such-v1'] });
    expect([unknown.status, unknown.body.error?.field]).toEqual([400, 'competitors.1']);
  });
});
