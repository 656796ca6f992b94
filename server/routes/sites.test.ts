import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { closeWhileComputing, createTestApp } from '../testing/testApp';
import { scoreRequestSchema, type ScoreResponse } from '../../core/api/sites';

/**
 * POST /api/sites/score through app.request over the test import cache, with the NYC checks of issue 2: for fixed
 * points, the named stats must agree with an independent brute-force computation from the RAW files in DATA_DIR
 * (census CSV, FDIC SOD .xz, GTFS JSON/TXT), haversine with R = 6,371,008.8 m.
 */

const R = 6_371_008.8;
function hav(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

interface P { lng: number; lat: number }
interface RawData {
  blockGroups: (P & { pop: number })[];
  branches: (P & { cert: number; rssdhcr: number; serviceType: number; depositsK: number })[];
  stops: (P & { mode: 'bus' | 'subway' | 'rail' | 'ferry' })[];
}

/** Read the raw files directly (not through the ingest): the independent side of the NYC checks. */
function readRaw(dataDir: string): RawData {
  const csv = fs.readFileSync(path.join(dataDir, 'census-cenpop2020', 'block_group2020.csv'), 'utf8').trim().split('\n');
  const h = csv[0].split(',');
  const [iPop, iLat, iLng] = ['POPULATION', 'LATITUDE', 'LONGITUDE'].map((c) => h.indexOf(c));
  const blockGroups = csv.slice(1).map((line) => { const f = line.split(','); return { pop: +f[iPop], lat: +f[iLat], lng: +f[iLng] }; });

  const sodText = execFileSync('xz', ['-dc', path.join(dataDir, 'fdic-sod-branches', 'sod_2023.csv.xz')], { maxBuffer: 1 << 30 }).toString('utf8');
  const sod = Papa.parse<Record<string, string>>(sodText, { header: true, skipEmptyLines: true }).data;
  const branches = sod.map((r) => ({ cert: +r.CERT, rssdhcr: +(r.RSSDHCR || 0), serviceType: +r.BRSERTYP, depositsK: +r.DEPSUMBR, lat: +r.SIMS_LATITUDE, lng: +r.SIMS_LONGITUDE }))
    .filter((b) => Number.isFinite(b.lat) && Number.isFinite(b.lng) && !(b.lat === 0 && b.lng === 0));

  const mta = path.join(dataDir, 'nyc-mta-gtfs-json');
  const readJson = (feed: string) => JSON.parse(fs.readFileSync(path.join(mta, feed, 'stops.json'), 'utf8')) as Record<string, string>[];
  const stops: RawData['stops'] = [];
  const top = (s: Record<string, string>) => !(s.parent_station ?? '').trim();
  const pos = (s: Record<string, string>) => ({ lat: +String(s.stop_lat).trim(), lng: +String(s.stop_lon).trim() });
  for (const s of readJson('subway')) if (s.location_type === '1') stops.push({ ...pos(s), mode: 'subway' });
  const busSeen = new Set<string>();
  for (const feed of ['bus_m', 'bus_bk', 'bus_bx', 'bus_qns', 'bus_si', 'bus_busco']) {
    for (const s of readJson(feed)) if (top(s) && !busSeen.has(s.stop_id)) { busSeen.add(s.stop_id); stops.push({ ...pos(s), mode: 'bus' }); }
  }
  for (const feed of ['lirr', 'mnr']) for (const s of readJson(feed)) if (top(s)) stops.push({ ...pos(s), mode: 'rail' });
  const ferry = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dataDir, 'nyc-ferry-gtfs', 'stops.txt'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  for (const s of ferry) if (top(s)) stops.push({ ...pos(s), mode: 'ferry' });
  return { blockGroups, branches, stops };
}

const POINTS = [
  { id: 'times-square', lng: -73.9855, lat: 40.7580 },
  { id: 'jackson-heights-queens', lng: -73.8831, lat: 40.7557 },
  { id: 'hudson-yards-near-river', lng: -74.0060, lat: 40.7530 },
];

let t: Awaited<ReturnType<typeof createTestApp>>;
let raw: RawData;
const post = (body: unknown) => t.app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await createTestApp();
  raw = readRaw(t.deps.config.dataDir);
});
afterAll(() => t?.close());

describe('POST /api/sites/score — NYC stats agree with the raw files', () => {
  let res: ScoreResponse;
  beforeAll(async () => {
    const r = await post({ sites: POINTS });
    expect(r.status).toBe(200);
    res = await r.json() as ScoreResponse;
  });

  for (const p of POINTS) {
    it(`${p.id}: populationWithin1000m, competitorsWithin500m, nearestCompetitorM, stopsWithinRadius`, () => {
      const site = res.sites.find((s) => s.id === p.id)!;
      const pop1000 = raw.blockGroups.filter((b) => hav(p.lng, p.lat, b.lng, b.lat) <= 1000).reduce((a, b) => a + b.pop, 0);
      const pop500 = raw.blockGroups.filter((b) => hav(p.lng, p.lat, b.lng, b.lat) <= 500).reduce((a, b) => a + b.pop, 0);
      const dists = raw.branches.map((b) => hav(p.lng, p.lat, b.lng, b.lat));
      const comp500 = dists.filter((d) => d <= 500).length;
      const comp1000 = dists.filter((d) => d <= 1000).length;
      const nearestComp = Math.min(...dists);
      const radius = { bus: 400, subway: 800, rail: 800, ferry: 800 };
      const stopsIn = raw.stops.filter((s) => hav(p.lng, p.lat, s.lng, s.lat) < radius[s.mode]).length;
      const nearestStop = Math.min(...raw.stops.map((s) => hav(p.lng, p.lat, s.lng, s.lat)));

      expect(pop1000).toBeGreaterThan(10_000);
      expect(comp500).toBeGreaterThan(0);
      expect(stopsIn).toBeGreaterThan(0);
      expect(site.factors.demand.populationWithin1000m).toBe(pop1000);
      expect(site.factors.demand.populationWithin500m).toBe(pop500);
      expect(site.factors.competition.competitorsWithin500m).toBe(comp500);
      expect(site.factors.competition.competitorsWithin1000m).toBe(comp1000);
      expect(site.factors.competition.nearestCompetitorM).toBeCloseTo(nearestComp, 2); // reported to 1 mm
      expect(site.factors.transit.stopsWithinRadius).toBe(stopsIn);
      expect(site.factors.transit.nearestStopM).toBeCloseTo(nearestStop, 2);
    });
  }

  it('answers every named stat, params (incl. service date and reference) and the vintage', () => {
    const s = res.sites[0];
    expect(Object.keys(s).sort()).toEqual(['factors', 'id', 'lat', 'lng', 'place', 'rank', 'score', 'warnings']);
    expect(s.warnings).toEqual([]); // NYC sites: every factor's data covers them
    for (const f of ['transit', 'demand', 'competition'] as const) {
      for (const k of ['raw', 'normalized', 'weight', 'contribution']) expect(typeof (s.factors[f] as Record<string, unknown>)[k]).toBe('number');
      expect(s.factors[f].scored).toBe(true);
      expect(s.factors[f].contribution).toBeCloseTo(s.factors[f].weight * s.factors[f].normalized, 5);
    }
    expect(Object.keys(s.factors.transit)).toEqual(expect.arrayContaining(['departuresWithinRadius', 'imputedDepartures', 'stopsWithinRadius', 'routesWithinRadius', 'nearestStopM', 'nearestStopId', 'nearestStopMode']));
    expect(Object.keys(s.factors.demand)).toEqual(expect.arrayContaining(['populationWithin500m', 'populationWithin1000m', 'populationWithin2000m']));
    expect(Object.keys(s.factors.competition)).toEqual(expect.arrayContaining(['competitorsWithin500m', 'competitorsWithin1000m', 'nearestCompetitorM', 'huffShare', 'expectedCustomers', 'cannibalizedFromOwn', 'netNewDemand']));
    expect(s.score).toBeCloseTo(s.factors.transit.contribution + s.factors.demand.contribution + s.factors.competition.contribution, 5);
    expect(s.factors.competition.raw).toBe(s.factors.competition.netNewDemand);
    expect(s.factors.competition.cannibalizedFromOwn).toBe(0); // no own network: nothing to cannibalise
    expect(res.params).toMatchObject({ busRadiusM: 400, subwayRadiusM: 800, kernelBandwidthM: 800, huffDMinM: 100, huffBeta: 2, huffDMaxM: 3000,
      attractiveness: 'equal', serviceDate: '2026-10-07', weights: { transit: 0.3, demand: 0.4, competition: 0.3 },
      normalization: { method: 'percentile', reference: 'nyc-grid', referenceSize: 7405 }, ownNetwork: null });
    expect(res.vintage.map((v) => v.id)).toEqual(expect.arrayContaining(['census-block-groups', 'fdic-sod-2023']));
    // Times Square out-scores Jackson Heights on transit (the busiest subway complex + Manhattan buses)
    const ts = res.sites.find((x) => x.id === 'times-square')!;
    expect(ts.factors.transit.normalized).toBeGreaterThan(95);
    expect(ts.factors.transit.imputedDepartures).toBeLessThan(ts.factors.transit.departuresWithinRadius);
    expect([...res.sites.map((x) => x.rank)].sort()).toEqual([1, 2, 3]);
  });
});

describe('POST /api/sites/score — reference, own network, grid, weights', () => {
  it('a single clicked site gets the same score alone as among other candidates (fixed NYC-grid reference)', async () => {
    const alone = await (await post({ sites: [POINTS[1]] })).json() as ScoreResponse;
    const among = await (await post({ sites: [POINTS[0], POINTS[1], { id: 'x', lng: -73.95, lat: 40.65 }] })).json() as ScoreResponse;
    expect(among.sites[1].score).toBe(alone.sites[0].score);
    expect(among.sites[1].factors.demand.normalized).toBe(alone.sites[0].factors.demand.normalized);
  });

  it('1,200 sites are scored in a compute worker: the same JSON as in-process, a clicked site scores the same among them; a closed request stops', async () => {
    const sites = [POINTS[1], ...Array.from({ length: 1200 }, (_, k) => ({ id: `g${k}`, lng: -74.02 + (k % 40) * 0.003, lat: 40.62 + Math.floor(k / 40) * 0.006 }))];
    for (const extra of [{ ownNetwork: 'cert:628' }, { normalization: { reference: 'request' } }]) {
      const body = { sites, ...extra };
      const running = t.services.compute.stats();
      const viaPool = await (await post(body)).json() as ScoreResponse;
      expect(t.services.compute.stats().workers).toBeGreaterThanOrEqual(Math.max(1, running.workers));
      const direct = JSON.parse(await t.services.scoring.scoreJson(scoreRequestSchema.parse(body))) as ScoreResponse;
      expect(viaPool).toEqual(direct);
      expect(viaPool.count).toBe(1201);
    }
    // the NYC-grid reference is fixed: the clicked site scores as it does alone
    const alone = await (await post({ sites: [POINTS[1]] })).json() as ScoreResponse;
    const among = await (await post({ sites })).json() as ScoreResponse;
    expect(among.sites[0].score).toBe(alone.sites[0].score);
    // a closed request stops its worker
    const national = Array.from({ length: 10_000 }, (_, k) => ({ id: `n${k}`, lng: -124 + (k % 100) * 0.57, lat: 25.5 + Math.floor(k / 100) * 0.23 }));
    await closeWhileComputing(t, (signal) => t.app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sites: national }), signal }));
  });

  it('"request" reference normalises within the request (percentiles of 3 sites are 100/6, 50, 500/6)', async () => {
    const r = await (await post({ sites: POINTS, normalization: { reference: 'request' } })).json() as ScoreResponse;
    expect(r.params.normalization.reference).toBe('request');
    expect(r.params.normalization.referenceSize).toBe(3);
    const got = r.sites.map((s) => s.factors.demand.normalized).sort((a, b) => a - b);
    [100 / 6, 50, 500 / 6].forEach((v, k) => expect(got[k]).toBeCloseTo(v, 6));
  });

  it('own network cert:628 (JPMorgan Chase): its branches stop being competitors and cannibalisation appears', async () => {
    const base = await (await post({ sites: [POINTS[0]] })).json() as ScoreResponse;
    const own = await (await post({ sites: [POINTS[0]], ownNetwork: 'cert:628' })).json() as ScoreResponse;
    const chase500 = raw.branches.filter((b) => b.cert === 628 && hav(POINTS[0].lng, POINTS[0].lat, b.lng, b.lat) <= 500).length;
    expect(chase500).toBeGreaterThan(0);
    expect(own.sites[0].factors.competition.competitorsWithin500m).toBe(base.sites[0].factors.competition.competitorsWithin500m - chase500);
    expect(own.sites[0].factors.competition.cannibalizedFromOwn).toBeGreaterThan(0);
    expect(own.sites[0].factors.competition.netNewDemand).toBeCloseTo(own.sites[0].factors.competition.expectedCustomers - own.sites[0].factors.competition.cannibalizedFromOwn, 3);
    expect(own.sites[0].factors.competition.expectedCustomers).toBeCloseTo(base.sites[0].factors.competition.expectedCustomers, 6); // same outlets in K_i
    expect(own.params.ownNetwork).toMatchObject({ id: 'cert:628' });
    expect(own.params.ownNetwork!.name).toMatch(/JPMorgan Chase/i);
  });

  it('own network by holding company (hc:<RSSDHCR>) from /api/institutions', async () => {
    const list = await (await t.app.request('/api/institutions?q=jpmorgan&limit=20')).json() as { id: string; kind: string; branches: number }[];
    const hc = list.find((i) => i.kind === 'holdingCompany')!;
    const rssd = Number(hc.id.slice(3));
    expect(hc.branches).toBe(raw.branches.filter((b) => b.rssdhcr === rssd).length);
    const p = POINTS[0];
    const base = await (await post({ sites: [p] })).json() as ScoreResponse;
    const own = await (await post({ sites: [p], ownNetwork: hc.id })).json() as ScoreResponse;
    const own500 = raw.branches.filter((b) => b.rssdhcr === rssd && hav(p.lng, p.lat, b.lng, b.lat) <= 500).length;
    expect(own500).toBeGreaterThan(0);
    expect(own.sites[0].factors.competition.competitorsWithin500m).toBe(base.sites[0].factors.competition.competitorsWithin500m - own500);
    expect(own.params.ownNetwork).toMatchObject({ id: hc.id, branches: hc.branches });
  });

  it('competitor service-type filter and deposit attractiveness follow the raw SOD file', async () => {
    const p = POINTS[0];
    const r = await (await post({ sites: [p], params: { competitorServiceTypes: [11, 12], attractiveness: 'deposits' } })).json() as ScoreResponse;
    const full = raw.branches.filter((b) => b.serviceType === 11 || b.serviceType === 12);
    expect(r.sites[0].factors.competition.competitorsWithin500m).toBe(full.filter((b) => hav(p.lng, p.lat, b.lng, b.lat) <= 500).length);
    const deps = full.map((b) => b.depositsK).sort((a, b) => a - b);
    const m = deps.length >> 1;
    expect(r.params.medianDepositsK).toBe(deps.length % 2 ? deps[m] : (deps[m - 1] + deps[m]) / 2);
    expect(r.params).toMatchObject({ attractiveness: 'deposits', competitorServiceTypes: [11, 12] });
    const eq = await (await post({ sites: [p] })).json() as ScoreResponse;
    expect(r.sites[0].factors.competition.huffShare).not.toBe(eq.sites[0].factors.competition.huffShare);
  });

  it('scores the NYC grid (7,405 H3 res-9 cells); re-weighting changes ranks but not the factors', async () => {
    const a = await (await post({ grid: { resolution: 9, area: 'nyc' } })).json() as ScoreResponse;
    expect(a.count).toBe(7405);
    expect(a.params.grid).toEqual({ resolution: 9, area: 'nyc', name: 'New York City', cells: 7405, maxCells: 25_000,
      boundarySource: 'NYC borough outlines (nyc-geographies-ehdp borough.topo.json)' });
    expect(a.params.normalization).toMatchObject({ reference: 'grid', grid: { resolution: 9, area: 'nyc', name: 'New York City' }, referenceSize: 7405 });
    expect(new Set(a.sites.map((s) => s.rank)).size).toBe(7405);
    const b = await (await post({ grid: { resolution: 9, area: 'nyc' }, weights: { transit: 1, demand: 0, competition: 0 } })).json() as ScoreResponse;
    expect(b.sites[100].factors.transit.raw).toBe(a.sites[100].factors.transit.raw);
    expect(b.sites[100].score).toBeCloseTo(b.sites[100].factors.transit.normalized, 6);
    const topA = a.sites.find((s) => s.rank === 1)!.id, topB = b.sites.find((s) => s.rank === 1)!.id;
    expect(b.sites.find((s) => s.id === topB)!.factors.transit.normalized).toBe(Math.max(...b.sites.map((s) => s.factors.transit.normalized)));
    expect(topA === topB && a.sites.every((s, j) => s.rank === b.sites[j].rank)).toBe(false);
  });

  it('min–max and z-score normalisation against the grid', async () => {
    const mm = await (await post({ sites: POINTS, normalization: { method: 'minmax' } })).json() as ScoreResponse;
    for (const s of mm.sites) for (const f of ['transit', 'demand', 'competition'] as const) {
      expect(s.factors[f].normalized).toBeGreaterThanOrEqual(0); expect(s.factors[f].normalized).toBeLessThanOrEqual(100);
    }
    const z = await (await post({ grid: { resolution: 9, area: 'nyc' }, normalization: { method: 'zscore' } })).json() as ScoreResponse;
    const mean = z.sites.reduce((a, s) => a + s.factors.demand.normalized, 0) / z.count;
    const sd = Math.sqrt(z.sites.reduce((a, s) => a + (s.factors.demand.normalized - mean) ** 2, 0) / z.count);
    expect(mean).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 5);
  });
});

describe('POST /api/sites/score — bad input is a 400 naming the field', () => {
  const cases: [string, unknown, string][] = [
    ['latitude out of range', { sites: [{ id: 'a', lng: -73.9, lat: 95 }] }, 'sites.0.lat'],
    ['longitude out of range', { sites: [{ id: 'a', lng: -190, lat: 40 }] }, 'sites.0.lng'],
    ['empty list', { sites: [] }, 'sites'],
    ['oversized list', { sites: Array.from({ length: 10_001 }, (_, k) => ({ id: `s${k}`, lng: -73.9, lat: 40.7 })) }, 'sites'],
    ['wrong type for lng', { sites: [{ id: 'a', lng: '-73.9', lat: 40.7 }] }, 'sites.0.lng'],
    ['sites not a list', { sites: 'here' }, 'sites'],
    ['neither sites nor grid', {}, 'sites'],
    ['both sites and grid', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], grid: { resolution: 9, area: 'nyc' } }, 'grid'],
    ['grid resolution other than 8, 9 or 10', { grid: { resolution: 7, area: 'nyc' } }, 'grid.resolution'],
    ['malformed network id', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], ownNetwork: 'chase' }, 'ownNetwork'],
    ['unknown institution', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], ownNetwork: 'cert:999999999' }, 'ownNetwork'],
    ['unknown holding company', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], ownNetwork: 'hc:1' }, 'ownNetwork'],
    ['weights not summing to 1', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], weights: { transit: 0.5, demand: 0.5, competition: 0.5 } }, 'weights'],
    ['negative weight', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], weights: { transit: -0.2, demand: 0.6, competition: 0.6 } }, 'weights.transit'],
    ['unknown normalisation', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], normalization: { method: 'rank' } }, 'normalization.method'],
    ['bad parameter', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], params: { huffBeta: -1 } }, 'params.huffBeta'],
    ['unknown parameter', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }], params: { radius: 3 } }, 'params'],
    ['duplicate ids', { sites: [{ id: 'a', lng: -73.9, lat: 40.7 }, { id: 'a', lng: -73.8, lat: 40.7 }] }, 'sites.1.id'],
  ];
  for (const [name, body, field] of cases) {
    it(name, async () => {
      const r = await post(body);
      expect(r.status).toBe(400);
      const j = await r.json() as { error: { field?: string; message: string; issues?: { path: string }[] } };
      expect(j.error.issues?.map((i) => i.path) ?? [j.error.field]).toContain(field);
      expect(j.error.message).toMatch(field.split('.')[0]);
    });
  }
  it('malformed JSON', async () => {
    const r = await t.app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sites": [' });
    expect(r.status).toBe(400);
  });
});

describe('POST /api/sites/sensitivity', () => {
  it('gives P(top k) and a rank interval per site, consistent with the score ranking; 400 on bad settings', async () => {
    const body = { sites: POINTS, sensitivity: { draws: 300, concentration: 30, topK: 1, seed: 5 } };
    const r = await t.app.request('/api/sites/sensitivity', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
    const s = await r.json() as { draws: number; sites: { id: string; rank: number; pTopK: number; rankP5: number; rankP95: number }[] };
    expect(s.draws).toBe(300);
    expect(s.sites.map((x) => x.id)).toEqual(POINTS.map((p) => p.id));
    expect(s.sites.reduce((a, x) => a + x.pTopK, 0)).toBeCloseTo(1, 9); // exactly one site is first in each draw
    for (const x of s.sites) { expect(x.rankP5).toBeLessThanOrEqual(x.rank); expect(x.rankP95).toBeGreaterThanOrEqual(x.rank); }
    const bad = await t.app.request('/api/sites/sensitivity', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, sensitivity: { draws: 5 } }) });
    expect(bad.status).toBe(400);
    expect((await bad.json() as { error: { field: string } }).error.field).toBe('sensitivity.draws');
  });
});

describe('POST /api/sites/sensitivity with the grid plus added sites', () => {
  it('equals re-posting every grid cell by coordinates (the cached grid table plus only the added sites); a site with a cell\'s id replaces it', async () => {
    const post = async (body: unknown) => {
      const r = await t.app.request('/api/sites/sensitivity', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(200);
      return await r.json() as { sites: { id: string; score: number; rank: number; pTopK: number; rankP5: number; rankP95: number }[] };
    };
    const grid = await (await t.app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grid: { resolution: 9, area: 'nyc' } }) })).json() as ScoreResponse;
    const sensitivity = { draws: 50, concentration: 50, topK: 10, seed: 3 };
    const added = [{ id: 'added-1', lng: -73.9855, lat: 40.758 }, { id: grid.sites[5].id, lng: -73.9, lat: 40.7 }];
    const reuse = await post({ grid: { resolution: 9, area: 'nyc' }, sites: added, sensitivity });
    // what the Sites view sent before: every cell of the view by coordinates (the replaced cell left out), then the added sites
    const cells = grid.sites.filter((s) => s.id !== grid.sites[5].id).map(({ id, lng, lat }) => ({ id, lng, lat }));
    const repost = await post({ sites: [...cells, ...added], sensitivity });
    expect(reuse.sites).toHaveLength(grid.count + 1);
    expect(reuse.sites.map((s) => s.id)).toEqual([...cells.map((c) => c.id), 'added-1', grid.sites[5].id]);
    expect(reuse.sites).toEqual(repost.sites);
  }, 120_000);
});

describe('GET /api/institutions and /api/outlets', () => {
  it('lists institutions and holding companies with FDIC names in their display spelling; q searches; limit caps', async () => {
    const r = await t.app.request('/api/institutions?q=jpmorgan&limit=5');
    expect(r.status).toBe(200);
    const list = await r.json() as { id: string; kind: string; name: string; holdingCompany: string | null; branches: number }[];
    const chase = list.find((i) => i.id === 'cert:628')!;
    expect(chase.kind).toBe('institution');
    // the SOD 2023 spells them "Jpmorgan Chase Bank, National Association" and "JPMORGAN CHASE & CO."
    expect(chase.name).toBe('JPMorgan Chase Bank, National Association');
    expect(chase.holdingCompany).toBe('JPMorgan Chase & Co.');
    expect(list.find((i) => i.id === 'hc:1039502')?.name).toBe('JPMorgan Chase & Co.');
    expect(chase.branches).toBe(raw.branches.filter((b) => b.cert === 628).length); // every SOD row of CERT 628 has coordinates
    expect(list.some((i) => i.kind === 'holdingCompany' && i.id.startsWith('hc:'))).toBe(true);
    expect(list.length).toBeLessThanOrEqual(5);
    const top = await (await t.app.request('/api/institutions?limit=3')).json() as { branches: number }[];
    expect(top).toHaveLength(3);
    expect(top[0].branches).toBeGreaterThanOrEqual(top[1].branches);
    expect((await t.app.request('/api/institutions?limit=0')).status).toBe(400);
  });

  it('outlets in a bbox match the raw SOD count; own flags follow the network; bad input → 400', async () => {
    const bbox = [-73.995, 40.75, -73.975, 40.765];
    const r = await t.app.request(`/api/outlets?bbox=${bbox.join(',')}&network=cert:628`);
    expect(r.status).toBe(200);
    const body = await r.json() as { count: number; outlets: { own: boolean; cert: number; lng: number; lat: number }[] };
    const expected = raw.branches.filter((b) => b.lng >= bbox[0] && b.lng <= bbox[2] && b.lat >= bbox[1] && b.lat <= bbox[3]);
    expect(body.count).toBe(expected.length);
    expect(body.outlets.filter((o) => o.own).length).toBe(expected.filter((b) => b.cert === 628).length);
    expect(body.outlets.every((o) => o.own === (o.cert === 628))).toBe(true);
    const bad = await t.app.request('/api/outlets?bbox=1,2,3');
    expect(bad.status).toBe(400);
    expect((await bad.json() as { error: { field: string } }).error.field).toBe('bbox');
    const unknown = await t.app.request(`/api/outlets?bbox=${bbox.join(',')}&network=cert:999999999`);
    expect(unknown.status).toBe(400);
    expect((await unknown.json() as { error: { field: string } }).error.field).toBe('network');
  });
});
