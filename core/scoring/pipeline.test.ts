import { describe, expect, it } from 'vitest';
import { computeFactorTable, createScoringContext, type FactorTable } from './factorTable';
import { DEFAULT_SCORING_PARAMS as P } from './params';
import {
  computeGridTable, concatFactorTables, factorStats, normalizeFactors, requestCandidates, roundScoredSite, roundTo, scoreFactorTable,
  scoreFactorTableSteps, SCORED_SITES_PER_STEP, scoringOutlets,
} from './pipeline';
import { runStepsPaused } from '../steps';
import { equatorIndex, lngAt } from './testFixtures';
import type { DemandPoints, OutletPoints, StopPoints } from './types';
import type { ScoredSite } from '../api/sites';

/** A factor table with only the raw columns filled (what normalise–weight–rank reads) and zeroed stats. */
function rawTable(transit: number[], demand: number[], competition: number[]): FactorTable {
  const n = transit.length;
  const t = { raw: 0, departuresWithinRadius: 0, imputedDepartures: 0, stopsWithinRadius: 0, routesWithinRadius: 0, nearestStopM: null, nearestStopId: null, nearestStopMode: null };
  const d = { raw: 0, populationWithin500m: 0, populationWithin1000m: 0, populationWithin2000m: 0 };
  const c = { raw: 0, huffShare: 0, expectedCustomers: 0, cannibalizedFromOwn: 0, netNewDemand: 0, competitorsWithin500m: 0, competitorsWithin1000m: 0, nearestCompetitorM: null };
  return {
    raw: { transit: Float64Array.from(transit), demand: Float64Array.from(demand), competition: Float64Array.from(competition) },
    scored: { transit: new Uint8Array(n).fill(1), demand: new Uint8Array(n).fill(1), competition: new Uint8Array(n).fill(1) },
    transit: Array.from({ length: n }, (_, j) => ({ ...t, raw: transit[j] })),
    demand: Array.from({ length: n }, (_, j) => ({ ...d, raw: demand[j] })),
    competition: Array.from({ length: n }, (_, j) => ({ ...c, raw: competition[j] })),
  };
}

const sites = ['a', 'b', 'c', 'd'].map((id, k) => ({ id, lng: -74 + k * 0.01, lat: 40.7 }));

describe('scoreFactorTable (normalise → weight → rank → round)', () => {
  // raw values of four sites; each column's own percentile ranks (mean rank, n = 4): 12.5, 37.5, 62.5, 87.5
  const table = rawTable([10, 20, 30, 40], [400, 300, 200, 100], [5, 5, 5, 5]);
  const stats = factorStats(table);

  it('percentile against the request: hand-computed scores and ranks with weights 0.3 / 0.4 / 0.3', () => {
    const r = scoreFactorTable(sites, table, { stats, method: 'percentile', weights: { transit: 0.3, demand: 0.4, competition: 0.3 } });
    expect(Array.from(r.normalized.transit)).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect(Array.from(r.normalized.demand)).toEqual([87.5, 62.5, 37.5, 12.5]);
    // all four competition values tie: (0 + 4) / 8 = 50 for each
    expect(Array.from(r.normalized.competition)).toEqual([50, 50, 50, 50]);
    // a: 0.3·12.5 + 0.4·87.5 + 0.3·50 = 3.75 + 35 + 15 = 53.75; d: 26.25 + 5 + 15 = 46.25
    expect(r.sites.map((s) => s.score)).toEqual([53.75, 51.25, 48.75, 46.25]);
    expect(r.sites.map((s) => s.rank)).toEqual([1, 2, 3, 4]);
    expect(r.sites[0].factors.demand).toMatchObject({ raw: 400, normalized: 87.5, weight: 0.4, contribution: 35 });
  });

  it('stepped (a server\'s event loop takes a turn between pieces): the same sites, a pause after the weighting and every 500 sites', async () => {
    const n = 2 * SCORED_SITES_PER_STEP + 1;
    const big = rawTable(Array.from({ length: n }, (_, j) => j % 97), Array.from({ length: n }, (_, j) => (j * 7) % 101), Array.from({ length: n }, (_, j) => j % 5));
    const many = Array.from({ length: n }, (_, j) => ({ id: `s${j}`, lng: -74 + j * 1e-4, lat: 40.7 }));
    const o = { stats: factorStats(big), method: 'percentile' as const, weights: { transit: 0.3, demand: 0.4, competition: 0.3 } };
    let pauses = 0;
    const stepped = await runStepsPaused(scoreFactorTableSteps(many, big, o), async () => { pauses++; });
    expect(pauses).toBe(3);
    expect(stepped).toEqual(scoreFactorTable(many, big, o));
    expect(stepped.sites[1000]).toMatchObject({ id: 's1000', rank: stepped.rank[1000] });
  });

  it('rounds for transport: a contribution of 0.1234567891 · 12.5 is written to 1e-6, the weight as given', () => {
    const w = { transit: 0.1234567891, demand: 0.5, competition: 0.3765432109 };
    const r = scoreFactorTable(sites, table, { stats, method: 'percentile', weights: w });
    // 0.1234567891 × 12.5 = 1.54320986375 → 1.54321
    expect(r.sites[0].factors.transit.contribution).toBe(1.54321);
    expect(r.sites[0].factors.transit.weight).toBe(0.1234567891);
    // score = 1.54320986375 + 43.75 + 18.827160545 = 64.12037040875 → 64.12037
    expect(r.sites[0].score).toBe(64.12037);
  });

  it('min-max normalisation against a fixed reference keeps a site outside its range on the 0–100 scale', () => {
    const ref = factorStats(rawTable([0, 100], [0, 1000], [0, 10]));
    const n = normalizeFactors(rawTable([150, 25], [500, -5], [5, 2.5]), ref, 'minmax');
    expect(Array.from(n.transit)).toEqual([100, 25]);
    expect(Array.from(n.demand)).toEqual([50, 0]);
    expect(Array.from(n.competition)).toEqual([50, 25]);
  });

  it('refuses sites and a table of different lengths', () => {
    expect(() => scoreFactorTable(sites.slice(0, 3), table, { stats, method: 'percentile', weights: { transit: 0.3, demand: 0.4, competition: 0.3 } }))
      .toThrow(/3 sites for 4 table rows/);
  });
});

describe('roundTo and roundScoredSite (one rounding rule)', () => {
  it('rounds half away from zero at the given decimals, null stays null', () => {
    expect(roundTo(0.1234567891, 6)).toBe(0.123457);
    expect(roundTo(1234.56789, 4)).toBe(1234.5679);
    expect(roundTo(120.4567, 3)).toBe(120.457);
    expect(roundTo(null, 3)).toBeNull();
  });
  it('a client-re-weighted site (unrounded products) comes out as the API would write it; idempotent', () => {
    const f = (normalized: number, weight: number) => ({ raw: 1.23456789, normalized, weight, contribution: weight * normalized });
    const s = {
      id: 'x', lng: -73.98, lat: 40.75, score: 0.1 * 3 * 90 + 0.2, rank: 1,
      factors: {
        transit: { ...f(90, 0.3), departuresWithinRadius: 10.123456, imputedDepartures: 0, stopsWithinRadius: 2, routesWithinRadius: 3, nearestStopM: 120.45678, nearestStopId: 's', nearestStopMode: 'bus' },
        demand: { ...f(80, 0.4), populationWithin500m: 3000, populationWithin1000m: 12000, populationWithin2000m: 40000 },
        competition: { ...f(70, 0.3), competitorsWithin500m: 2, competitorsWithin1000m: 7, nearestCompetitorM: null, huffShare: 0.0512345678912, expectedCustomers: 1100.123456, cannibalizedFromOwn: 0, netNewDemand: 1100.123456 },
      },
    } as ScoredSite;
    const r = roundScoredSite(s);
    expect(s.score).not.toBe(27.2); // 27.200000000000003 before rounding
    expect(r.score).toBe(27.2);
    expect(r.factors.transit.raw).toBe(1.2346);
    expect(r.factors.transit.contribution).toBe(27);
    expect(r.factors.transit.nearestStopM).toBe(120.457);
    expect(r.factors.competition.huffShare).toBe(0.051234568);
    expect(r.factors.competition.nearestCompetitorM).toBeNull();
    expect(r.factors.demand.populationWithin1000m).toBe(12000);
    expect(roundScoredSite(r)).toEqual(r);
  });
});

describe('requestCandidates and concatFactorTables', () => {
  // the scoring tests' equator layout (data/samples/scoring/README.md)
  const demand: DemandPoints = { population: [1000, 3000, 500], index: equatorIndex([0, 1000, 2200]) };
  const outlets: OutletPoints = { own: [0, 1], competitor: [1, 0], attractiveness: [1, 1], index: equatorIndex([-500, 1500]) };
  const stops: StopPoints = { stopId: ['subway:1'], mode: ['subway'], departures: [600], imputed: [0], routeIds: [['subway:A']], index: equatorIndex([300]) };
  const ctx = createScoringContext(P, demand, stops, outlets);
  const cells = [0, 400, 800, 1200].map((x) => ({ id: `cell-${x}`, lng: lngAt(x), lat: 0 }));
  const grid = computeGridTable(ctx, cells);

  it('the grid plus added sites equals scoring all of them by coordinates (the factors a re-post would compute)', () => {
    const added = [{ id: 'new', lng: lngAt(600), lat: 0 }];
    const c = requestCandidates(ctx, { grid, includeGrid: true, sites: added, reference: 'nyc-grid' });
    expect(c.sites.map((s) => s.id)).toEqual(['cell-0', 'cell-400', 'cell-800', 'cell-1200', 'new']);
    const all = computeFactorTable(ctx, [0, 400, 800, 1200, 600].map(lngAt), [0, 0, 0, 0, 0]);
    expect(Array.from(c.table.raw.transit)).toEqual(Array.from(all.raw.transit));
    expect(Array.from(c.table.raw.competition)).toEqual(Array.from(all.raw.competition));
    expect(c.table.demand[4]).toEqual(all.demand[4]);
    // normalised against the grid: 600 m lies between cells 400 and 800 in transit access (600·(1 − d/800) with d = 300)
    expect(all.raw.transit[4]).toBeCloseTo(600 * (1 - 300 / 800), 9);
    expect(c.stats).toBe(grid.stats);
    expect(c.gridOnly).toBe(false);
  });

  it('an added site with a cell\'s id replaces that cell; the grid alone is its own reference', () => {
    const c = requestCandidates(ctx, { grid, includeGrid: true, sites: [{ id: 'cell-400', lng: lngAt(450), lat: 0 }], reference: 'nyc-grid' });
    expect(c.sites.map((s) => s.id)).toEqual(['cell-0', 'cell-800', 'cell-1200', 'cell-400']);
    expect(c.table.raw.transit[3]).toBeCloseTo(600 * (1 - 150 / 800), 9);
    const g = requestCandidates(ctx, { grid, includeGrid: true, sites: [], reference: 'request' });
    expect(g.gridOnly).toBe(true);
    expect(g.table).toBe(grid.table);
    expect(g.stats).toBe(grid.stats);
    expect(() => requestCandidates(ctx, { grid: null, includeGrid: false, sites: [], reference: 'request' })).toThrow(/no candidates/);
  });

  it('concatFactorTables keeps the chosen rows in order', () => {
    const t = concatFactorTables([{ table: rawTable([1, 2, 3], [4, 5, 6], [7, 8, 9]), rows: [2, 0] }, { table: rawTable([10], [11], [12]) }]);
    expect(Array.from(t.raw.transit)).toEqual([3, 1, 10]);
    expect(t.demand.map((d) => d.raw)).toEqual([6, 4, 11]);
  });
});

describe('scoringOutlets', () => {
  it('competitors are the non-own branches of the chosen service types; deposits attractiveness capped at 10', () => {
    const branches = { size: 4, serviceType: [11, 12, 23, 11], depositsK: [100, 300, 50, 10_000], index: equatorIndex([0, 100, 200, 300]) };
    const own = Uint8Array.from([1, 0, 0, 0]);
    const equal = scoringOutlets(branches, own, { competitorServiceTypes: [11, 12], attractiveness: 'equal' });
    expect(Array.from(equal.outlets.competitor)).toEqual([0, 1, 0, 1]);
    expect(Array.from(equal.outlets.attractiveness)).toEqual([1, 1, 1, 1]);
    expect(equal.medianDepositsK).toBeNull();
    // full-service (11/12) deposits 100, 300, 10,000 → median 300: A = 1/3, 1, 1/6, min(33.3, 10)
    const dep = scoringOutlets(branches, own, { competitorServiceTypes: [], attractiveness: 'deposits' });
    expect(dep.medianDepositsK).toBe(300);
    expect(Array.from(dep.outlets.competitor)).toEqual([0, 1, 1, 1]);
    expect(Array.from(dep.outlets.attractiveness)).toEqual([100 / 300, 1, 50 / 300, 10]);
  });
});
