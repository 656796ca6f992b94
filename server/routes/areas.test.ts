import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { createApp } from '../app';
import { createServices } from '../services';
import type { AreaResolver } from '../areas/areaResolver';
import { createTestDeps } from '../testing/testApp';
import type { AppDeps } from '../app';
import type { ScoreResponse } from '../../core/api/sites';
import type { CoverageResponse } from '../../core/api/coverage';
import type { ResolveAreaResponse } from '../../core/api/areas';

/**
 * Study areas (issue 10, items 1–2) end to end through the API on the national test import: a county outside NYC
 * (Cook County, IL) gets the transit warning on every cell and is scored on demand and competition alone; Brooklyn's
 * top 15 lie inside Brooklyn's borough polygon (read here from the raw file, not through the grid generator); the
 * cell cap is a 400 naming it; NTA, polygon and uploaded-boundary areas; the coverage routes take the same spec.
 */

type Geo = Polygon | MultiPolygon;
let deps: AppDeps;
let app: ReturnType<typeof createApp>;
let areas: AreaResolver;
beforeAll(async () => {
  deps = await createTestDeps();
  const services = createServices(deps);
  areas = services.areas;
  app = createApp(deps, services);
});
afterAll(() => { deps?.db.close(); deps?.userDb.close(); });

const post = (url: string, body: unknown) => app.request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const score = async (body: unknown) => {
  const r = await post('/api/sites/score', body);
  return { status: r.status, body: await r.json() as ScoreResponse & { error?: { code: string; message: string; field?: string; issues?: { path: string }[] } } };
};

/** NYC boundary features straight from the TopoJSON files in DATA_DIR (the independent side of the checks). */
function rawTopo(file: string): Feature<Geo, Record<string, unknown>>[] {
  const topo = JSON.parse(fs.readFileSync(path.join(deps.config.dataDir, 'nyc-geographies-ehdp', file), 'utf8')) as Topology;
  return (feature(topo, topo.objects.collection) as unknown as FeatureCollection<Geo, Record<string, unknown>>).features;
}

const NO_TRANSIT = { code: 'no-transit-feed', message: 'no transit feed has a stop within 2 km of this site: transit factor not scored' };

describe('a study area outside NYC: Cook County, IL (17031) at H3 res 8', () => {
  let res: ScoreResponse;
  beforeAll(async () => {
    const r = await score({ grid: { resolution: 8, area: { counties: ['17031'] } } });
    expect(r.status).toBe(200);
    res = r.body;
  }, 300_000);

  it('returns every land cell of the county (≈ 3,300) and echoes the spec, name and cap', () => {
    expect(res.count).toBe(3335);
    expect(res.params.grid).toEqual({ resolution: 8, area: { counties: ['17031'] }, name: 'Cook, Illinois', cells: 3335, maxCells: 25_000,
      boundarySource: 'us-atlas counties-10m (Census cartographic boundaries 2017, 1:10M)' });
    expect(res.sites.every((s) => s.place.countyFips === '17031' && s.place.county === 'Cook, Illinois' && s.place.borough === null)).toBe(true);
  });

  it('every site says no transit feed covers it; transit is not scored and the weights are renormalised', () => {
    for (const s of res.sites) {
      expect(s.warnings).toEqual([NO_TRANSIT]);
      expect(s.factors.transit).toMatchObject({ scored: false, weight: 0, contribution: 0, normalized: 0 });
      expect(s.factors.transit.nearestStopM === null || s.factors.transit.nearestStopM > 2000).toBe(true);
      // 0.4 / 0.7 and 0.3 / 0.7
      expect(s.factors.demand.weight).toBe(0.571429);
      expect(s.factors.competition.weight).toBe(0.428571);
      expect(s.score).toBeCloseTo((0.4 * s.factors.demand.normalized + 0.3 * s.factors.competition.normalized) / 0.7, 5);
    }
    expect(res.params.dataCoverage.transit).toMatchObject({ coverageRadiusM: 2000, sitesCovered: 0, sitesNotCovered: 3335 });
    expect(res.params.dataCoverage.transit.feeds.map((f) => f.feed)).toContain('subway');
    expect(res.params.dataCoverage.demand).toMatchObject({ sitesCovered: 3335, sitesNotCovered: 0 });
    expect(res.warnings).toEqual([{ code: 'no-transit-feed', sites: 3335, message: `3335 of 3335 sites: ${NO_TRANSIT.message}` }]);
  });

  it('normalises against the area itself (stated in params), so the county has a full 0–100 spread', () => {
    expect(res.params.normalization).toMatchObject({ reference: 'grid', grid: { resolution: 8, area: { counties: ['17031'] }, name: 'Cook, Illinois' } });
    expect(res.params.normalization.referenceDescription).toMatch(/^Cook, Illinois H3 res-8 land grid \(3,335 cells\).*transit 0, demand 3,335, competition 3,335/);
    const demand = res.sites.map((s) => s.factors.demand.normalized);
    expect(Math.max(...demand)).toBeGreaterThan(99.9);
    expect(Math.min(...demand)).toBeLessThan(1); // mid-rank of the cells tied at the lowest density (forest preserves)
    // the densest cell of Cook County is in Chicago (north of 41.64°N, east of 87.95°W)
    const top = res.sites.find((s) => s.rank === 1)!;
    expect(top.lat).toBeGreaterThan(41.64);
    expect(top.lng).toBeGreaterThan(-87.95);
  });

  it('a clicked site is normalised against the area given in normalization.grid', async () => {
    const cell = res.sites[0];
    const r = await score({ sites: [{ id: 'a', lng: cell.lng, lat: cell.lat }], normalization: { grid: { resolution: 8, area: { counties: ['17031'] } } } });
    expect(r.status).toBe(200);
    expect(r.body.sites[0].factors.demand.normalized).toBe(cell.factors.demand.normalized);
    expect(r.body.sites[0].warnings).toEqual([NO_TRANSIT]);
    expect(r.body.params.normalization.reference).toBe('grid');
  });
});

describe('sites inside and outside every transit feed', () => {
  it('a Los Angeles site is warned and scored on demand and competition; a Midtown site is not warned', async () => {
    const r = await score({ sites: [{ id: 'la', lng: -118.2437, lat: 34.0522 }, { id: 'midtown', lng: -73.9855, lat: 40.758 }] });
    expect(r.status).toBe(200);
    const [la, mid] = r.body.sites;
    expect(la.warnings).toEqual([NO_TRANSIT]);
    expect(la.factors.transit.scored).toBe(false);
    expect(la.factors.transit.nearestStopM).toBeNull();
    expect(la.place).toEqual({ countyFips: '06037', county: 'Los Angeles, California', borough: null, neighbourhood: null });
    expect(la.score).toBeCloseTo((0.4 * la.factors.demand.normalized + 0.3 * la.factors.competition.normalized) / 0.7, 5);
    expect(mid.warnings).toEqual([]);
    expect(mid.factors.transit).toMatchObject({ scored: true, weight: 0.3 });
    expect(mid.place).toMatchObject({ countyFips: '36061', borough: 'Manhattan' });
    expect(r.body.warnings).toEqual([{ code: 'no-transit-feed', sites: 1, message: `1 of 2 sites: ${NO_TRANSIT.message}` }]);
  });
});

describe('Brooklyn ({ counties: ["36047"] }) at res 9', () => {
  it('top 15 by the default weights all lie inside the Brooklyn borough polygon', async () => {
    const r = await score({ grid: { resolution: 9, area: { counties: ['36047'] } } });
    expect(r.status).toBe(200);
    expect(r.body.params.grid?.name).toBe('Brooklyn');
    // the spec echoed as sent, with the cap (≥ 10,000 cells) it was checked against
    expect(r.body.params.grid).toMatchObject({ resolution: 9, area: { counties: ['36047'] }, cells: 1695, maxCells: 25_000 });
    expect(r.body.params.grid!.maxCells).toBeGreaterThanOrEqual(10_000);
    const brooklyn = rawTopo('borough.topo.json').find((f) => f.properties.name === 'Brooklyn')!;
    const top = [...r.body.sites].sort((a, b) => a.rank - b.rank).slice(0, 15);
    expect(top).toHaveLength(15);
    for (const s of top) {
      expect(booleanPointInPolygon([s.lng, s.lat], brooklyn.geometry), `${s.id} ${s.lng},${s.lat}`).toBe(true);
      expect(s.place.borough).toBe('Brooklyn');
      expect(s.warnings).toEqual([]);
    }
    // and the whole grid: every cell centre inside Brooklyn, none in another borough
    const others = rawTopo('borough.topo.json').filter((f) => f.properties.name !== 'Brooklyn');
    expect(r.body.sites.filter((s) => others.some((o) => booleanPointInPolygon([s.lng, s.lat], o.geometry)))).toEqual([]);
    expect(r.body.count).toBe(1695);
  });
});

describe('the cell cap', () => {
  it('Cook County at res 10 (≈ 165k cells) → 400 naming the cap', async () => {
    const r = await score({ grid: { resolution: 10, area: { counties: ['17031'] } } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'too_many_cells', field: 'grid' });
    expect(r.body.error!.message).toMatch(/Cook, Illinois at H3 resolution 10 has ≈ 16\d,\d{3} cells, over the cap of 25,000 cells per grid/);
  });
  it('NYC at res 10 (51,703 cells, counted exactly) → 400 naming the count and the cap', async () => {
    const r = await score({ grid: { resolution: 10, area: 'nyc' } });
    expect(r.status).toBe(400);
    expect(r.body.error!.message).toBe('grid: New York City at H3 resolution 10 has 51,703 cells, over the cap of 25,000 cells per grid: choose a coarser resolution or a smaller area');
  });
  it('an unknown county FIPS / NTA code → 400 naming the list entry', async () => {
    const a = await score({ grid: { resolution: 8, area: { counties: ['17031', '99999'] } } });
    expect(a.status).toBe(400);
    expect(a.body.error!.field).toBe('grid.area.counties.1');
    const b = await score({ grid: { resolution: 9, area: { ntas: ['BK9999'] } } });
    expect(b.status).toBe(400);
    expect(b.body.error!.field).toBe('grid.area.ntas.0');
  });
});

describe('NTA, polygon and uploaded-boundary areas', () => {
  it('NTAs BK0101 + BK0102: every cell centre inside one of the two NTA polygons, named after them', async () => {
    const r = await score({ grid: { resolution: 9, area: { ntas: ['BK0101', 'BK0102'] } } });
    expect(r.status).toBe(200);
    const polys = rawTopo('NTA2020.topo.json').filter((f) => f.properties.NTACode === 'BK0101' || f.properties.NTACode === 'BK0102');
    expect(polys.map((p) => p.properties.GEONAME).sort()).toEqual(['Greenpoint', 'Williamsburg']);
    expect(r.body.count).toBe(59);
    for (const s of r.body.sites) {
      expect(polys.some((p) => booleanPointInPolygon([s.lng, s.lat], p.geometry))).toBe(true);
      expect(['Greenpoint', 'Williamsburg']).toContain(s.place.neighbourhood);
    }
    expect(r.body.params.grid).toMatchObject({ area: { ntas: ['BK0101', 'BK0102'] }, name: 'Greenpoint + Williamsburg' });
  });

  it('a drawn polygon over Chicago\'s lakefront: cells inside the polygon and on land only; the spec is echoed', async () => {
    const polygon = { type: 'Polygon', coordinates: [[[-87.7, 41.85], [-87.6, 41.85], [-87.6, 41.95], [-87.7, 41.95], [-87.7, 41.85]]] };
    const r = await score({ grid: { resolution: 9, area: { polygon } } });
    expect(r.status).toBe(200);
    expect(r.body.params.grid?.area).toEqual({ polygon });
    expect(r.body.params.grid?.name).toMatch(/^Drawn area \(\d+ km²\)$/);
    const box = (s: { lng: number; lat: number }) => s.lng >= -87.7 && s.lng <= -87.6 && s.lat >= 41.85 && s.lat <= 41.95;
    expect(r.body.sites.every(box)).toBe(true);
    // Lake Michigan: the box is ≈ 92 km² (≈ 880 res-9 cells); the land mask keeps the Cook County part only
    expect(r.body.count).toBeGreaterThan(500);
    expect(r.body.count).toBeLessThan(800);
    expect(r.body.sites.every((s) => s.place.countyFips === '17031')).toBe(true);
  });

  it('a polygon with an unclosed ring or crossing itself → 400 naming the field', async () => {
    const open = await score({ grid: { resolution: 9, area: { polygon: { type: 'Polygon', coordinates: [[[-87.7, 41.85], [-87.6, 41.85], [-87.6, 41.95], [-87.7, 41.95]]] } } } });
    expect(open.status).toBe(400);
    expect(open.body.error!.issues!.map((i) => i.path)).toContain('grid.area.polygon.coordinates.0');
    expect(open.body.error!.message).toMatch(/ring 0 is not closed: its first position \[-87.7, 41.85\] differs from its last \[-87.7, 41.95\]/);
    const bow = await score({ grid: { resolution: 9, area: { polygon: { type: 'Polygon', coordinates: [[[-87.7, 41.85], [-87.6, 41.95], [-87.6, 41.85], [-87.7, 41.95], [-87.7, 41.85]]] } } } });
    expect(bow.status).toBe(400);
    expect(bow.body.error).toMatchObject({ field: 'grid.area.polygon' });
    expect(bow.body.error!.message).toMatch(/intersects itself/);
  });

  it('{ dataset } → 404 without such a boundary; scored once the dataset store answers the lookup', async () => {
    const missing = await score({ grid: { resolution: 9, area: { dataset: 'ds-park-slope' } } });
    expect(missing.status).toBe(404);
    expect(missing.body.error!.message).toMatch(/no boundary dataset "ds-park-slope"/);
    const parkSlope = rawTopo('NTA2020.topo.json').find((f) => f.properties.NTACode === 'BK0602')!;
    areas.setDatasetBoundaries(async (id) => (id === 'ds-park-slope' ? { name: 'Our Park Slope catchment', version: 1, features: [parkSlope] } : null));
    try {
      const viaDataset = await score({ grid: { resolution: 9, area: { dataset: 'ds-park-slope' } } });
      const viaNta = await score({ grid: { resolution: 9, area: { ntas: ['BK0602'] } } });
      expect(viaDataset.status).toBe(200);
      expect(viaDataset.body.params.grid?.name).toBe('Our Park Slope catchment');
      expect(viaDataset.body.sites.map((s) => s.id)).toEqual(viaNta.body.sites.map((s) => s.id));
    } finally {
      areas.setDatasetBoundaries(null);
    }
  });
});

describe('the coverage routes and the area endpoints take the same spec', () => {
  it('POST /api/coverage for Brooklyn counts exactly the Brooklyn block groups; for two NTAs those inside them', async () => {
    const bk = await (await post('/api/coverage', { network: 'all', radiiM: [1000], area: { counties: ['36047'] } })).json() as CoverageResponse;
    const rows = await deps.db.all<{ n: bigint; p: number }>("SELECT count(*) AS n, sum(population)::DOUBLE AS p FROM block_groups WHERE county_fips = '36047'");
    expect(bk.params.demandPoints).toBe(Number(rows[0].n));
    expect(bk.radii[0].totalPopulation).toBe(rows[0].p);
    const nta = await (await post('/api/coverage', { network: 'all', radiiM: [1000], area: { ntas: ['BK0101', 'BK0102'] } })).json() as CoverageResponse;
    const polys = rawTopo('NTA2020.topo.json').filter((f) => f.properties.NTACode === 'BK0101' || f.properties.NTACode === 'BK0102');
    const bgs = await deps.db.all<{ lng: number; lat: number; population: number }>("SELECT lng, lat, population FROM block_groups WHERE county_fips = '36047'");
    const inside = bgs.filter((b) => polys.some((p) => booleanPointInPolygon([b.lng, b.lat], p.geometry)));
    expect(nta.params.demandPoints).toBe(inside.length);
    expect(nta.radii[0].totalPopulation).toBe(inside.reduce((a, b) => a + b.population, 0));
  });

  it('a drawn polygon of 20,000 positions, the cap (a body over 256 KB, validated in the compute pool) resolves as its 200-position twin; a bad position is named', async () => {
    // a circle of 2 km around Bryant Park, as 200 and as 20,000 positions: the same H3 cells within a few on the rim
    const ring = (n: number) => {
      const pts = Array.from({ length: n }, (_, k) => [-73.9832 + (2000 / 84_300) * Math.cos((2 * Math.PI * k) / n), 40.7536 + (2000 / 111_000) * Math.sin((2 * Math.PI * k) / n)]);
      return [...pts, pts[0]];
    };
    const body = (coords: unknown[]) => ({ area: { polygon: { type: 'Polygon', coordinates: [coords] } }, resolution: 9 });
    expect(JSON.stringify(body(ring(19_999))).length).toBeGreaterThan(256 * 1024);
    const small = await (await post('/api/areas/resolve', body(ring(200)))).json() as ResolveAreaResponse;
    const big = await post('/api/areas/resolve', body(ring(19_999)));
    expect(big.status).toBe(200);
    const b = await big.json() as ResolveAreaResponse;
    expect(b.kind).toBe('polygon');
    expect(Math.abs(b.grid!.cells - small.grid!.cells)).toBeLessThanOrEqual(Math.ceil(small.grid!.cells * 0.02));
    // a position with a text longitude: the same 400 from the pool as from this thread's validation of the small twin
    const refused = async (n: number, at: number) => {
      const bad = ring(n) as unknown[];
      bad[at] = ['-73.98', 40.75];
      const r = await post('/api/areas/resolve', body(bad));
      return { status: r.status, body: await r.json() as { error: { code: string; message: string; issues: { path: string }[] } } };
    };
    const [inline, pooled] = [await refused(200, 150), await refused(19_999, 15_000)];
    expect([inline.status, pooled.status]).toEqual([400, 400]);
    expect(pooled.body.error.code).toBe('bad_request');
    expect(pooled.body.error.issues.map((i) => i.path)).toEqual(inline.body.error.issues.map((i) => i.path));
    expect(pooled.body.error.message).toBe(inline.body.error.message);
  });

  it('GET /api/areas/counties?q=cook lists Cook, Illinois first; /api/areas/ntas lists 262 NTAs; resolve gives the outline and cell count', async () => {
    const c = await (await app.request('/api/areas/counties?q=cook&limit=5')).json() as { counties: { fips: string; name: string; state: string; population: number }[] };
    expect(c.counties[0]).toMatchObject({ fips: '17031', name: 'Cook', state: 'Illinois' });
    expect(c.counties[0].population).toBe(5275541);
    const n = await (await app.request('/api/areas/ntas')).json() as { ntas: { code: string; name: string; borough: string }[] };
    expect(n.ntas).toHaveLength(262);
    expect(n.ntas.find((x) => x.code === 'BK0101')).toEqual({ code: 'BK0101', name: 'Greenpoint', borough: 'Brooklyn', countyFips: '36047' });
    const r = await (await post('/api/areas/resolve', { area: { counties: ['36047'] }, resolution: 9 })).json() as ResolveAreaResponse;
    expect(r).toMatchObject({ kind: 'counties', name: 'Brooklyn', grid: { resolution: 9, cells: 1695, maxCells: 25_000 } });
    expect(r.outline.features).toHaveLength(1);
    expect(r.bbox[0]).toBeCloseTo(-74.042, 3);
  });
});
