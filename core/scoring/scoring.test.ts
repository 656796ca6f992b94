import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linearDecay, gaussianKernel } from './distanceDecay';
import { transitAccess, maxTransitRadiusM } from './transitAccess';
import { customerDensity } from './customerDensity';
import { createHuffContext, depositAttractiveness, huffExpectedForOutlet, huffForCandidate, huffUtility, median } from './huffModel';
import { competition } from './competition';
import { collectWithin, createNeighbourBuffer } from '../geo/pointIndex';
import { DEFAULT_SCORING_PARAMS, scoringParamsKey } from './params';
import { minMaxScore, normalizeColumn, percentileRank, referenceStats, zScore } from './normalization';
import { applyWeights, DEFAULT_WEIGHTS, rankDescending, reweightSites, weightsProblem } from './siteScore';
import { computeFactorTable, createScoringContext } from './factorTable';
import { equatorIndex, lngAt } from './testFixtures';
import type { DemandPoints, OutletPoints, StopPoints } from './types';

const P = DEFAULT_SCORING_PARAMS;

function near(index: ReturnType<typeof equatorIndex>, xM: number, radiusM: number) {
  const list = createNeighbourBuffer(4);
  collectWithin(index, lngAt(xM), 0, radiusM, list);
  return list;
}

describe('distance decay', () => {
  it('linear walk decay: 1 at the stop, ½ at R/2, 0 at and beyond R', () => {
    expect(linearDecay(0, 400)).toBe(1);
    expect(linearDecay(200, 400)).toBe(0.5);
    expect(linearDecay(400, 400)).toBe(0);
    expect(linearDecay(900, 800)).toBe(0);
  });
  it('Gaussian kernel: exp(−½) at d = h, exp(−4.5) at 3h', () => {
    expect(gaussianKernel(0, 800)).toBe(1);
    expect(gaussianKernel(800, 800)).toBeCloseTo(0.6065306597, 10);
    expect(gaussianKernel(2400, 800)).toBeCloseTo(0.0111089965, 10);
  });
});

describe('transit access (README case T1)', () => {
  // x (m): subway S1 +400 (dep 100, routes A,B); bus B1 −200 (dep 50, imputed); bus B2 +500 (outside 400 m);
  // subway S2 +900 (outside 800 m); ferry F1 −1500 (outside).
  const xs = [400, -200, 500, 900, -1500];
  const stops: StopPoints = {
    stopId: ['subway:S1', 'bus_bk:B1', 'bus_m:B2', 'subway:S2', 'ferry:F1'],
    mode: ['subway', 'bus', 'bus', 'subway', 'ferry'],
    departures: [100, 50, 80, 70, 20],
    imputed: [0, 1, 0, 0, 0],
    routeIds: [['subway:A', 'subway:B'], [], ['bus_m:M1'], ['subway:A'], ['ferry:ER']],
    index: equatorIndex(xs),
  };
  it('T = 100·(1−400/800) + 50·(1−200/400) = 75 with the reported stats', () => {
    const t = transitAccess(stops, near(stops.index, 0, maxTransitRadiusM(P)), 0, 0, P);
    expect(t.raw).toBeCloseTo(75, 9);
    expect(t.departuresWithinRadius).toBe(150);
    expect(t.imputedDepartures).toBe(50);
    expect(t.stopsWithinRadius).toBe(2);
    expect(t.routesWithinRadius).toBe(2);
    expect(t.nearestStopM).toBeCloseTo(200, 6);
    expect(t.nearestStopId).toBe('bus_bk:B1');
    expect(t.nearestStopMode).toBe('bus');
  });
  it('a 600 m bus radius lets B2 (500 m) count: T = 50 + 50·(1−200/600) + 80·(1−500/600)', () => {
    const p = { ...P, busRadiusM: 600 };
    const t = transitAccess(stops, near(stops.index, 0, maxTransitRadiusM(p)), 0, 0, p);
    // 100·0.5 + 50·(1−200/600) + 80·(1−500/600)
    expect(t.raw).toBeCloseTo(50 + 50 * (2 / 3) + 80 * (1 / 6), 9);
    expect(t.stopsWithinRadius).toBe(3);
    expect(t.routesWithinRadius).toBe(3);
  });
  it('no stop anywhere → zeros and null nearest', () => {
    const empty: StopPoints = { stopId: [], mode: [], departures: [], imputed: [], routeIds: [], index: equatorIndex([]) };
    const t = transitAccess(empty, near(empty.index, 0, 800), 0, 0, P);
    expect(t).toMatchObject({ raw: 0, stopsWithinRadius: 0, nearestStopM: null, nearestStopId: null, nearestStopMode: null });
  });
});

describe('target-customer density (README case D1)', () => {
  // P at x: 1000 @ 0, 2000 @ 800, 300 @ 1500, 500 @ 2500 (beyond 3h = 2400 and beyond 2000)
  const demand: DemandPoints = { population: [1000, 2000, 300, 500], index: equatorIndex([0, 800, 1500, 2500]) };
  it('D = 1000 + 2000·e^−½ + 300·e^−1.7578125 = 2264.79', () => {
    const d = customerDensity(demand, near(demand.index, 0, 3000), 800);
    expect(d.raw).toBeCloseTo(1000 + 2000 * Math.exp(-0.5) + 300 * Math.exp(-1.7578125), 6);
    expect(d.raw).toBeCloseTo(2264.787, 2);
    expect(d.populationWithin500m).toBe(1000);
    expect(d.populationWithin1000m).toBe(3000);
    expect(d.populationWithin2000m).toBe(3300);
  });
  it('is monotone in every population (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 10_000 }), (k, extra) => {
      const pop = [1000, 2000, 300, 500];
      const before = customerDensity({ ...demand, population: pop }, near(demand.index, 0, 3000), 800).raw;
      pop[k] += extra;
      const after = customerDensity({ ...demand, population: pop }, near(demand.index, 0, 3000), 800).raw;
      return k === 3 ? after === before : after > before; // the point at 2500 m is beyond 3h
    }));
  });
});

describe('Huff model and cannibalisation (README case H1)', () => {
  // demand i1 @ 0 (P 1000), i2 @ 1000 (P 3000); competitor k1 @ −500, own k2 @ 1500; candidate j @ 500.
  const demand: DemandPoints = { population: [1000, 3000], index: equatorIndex([0, 1000]) };
  const outlets: OutletPoints = { own: [0, 1], competitor: [1, 0], attractiveness: [1, 1], index: equatorIndex([-500, 1500]) };
  const ctx = () => createHuffContext(demand, outlets, P);

  it('p_ij = 9/19 at both demand points; E = 4000·9/19; share 9/19', () => {
    const h = huffForCandidate(ctx(), near(demand.index, 500, 3000));
    expect(h.expectedCustomers).toBeCloseTo(36000 / 19, 6); // 1894.737
    expect(h.huffShare).toBeCloseTo(9 / 19, 9);
  });
  it('cannibalised = 1000·(1/10 − 1/19) + 3000·(9/10 − 9/19) = 1326.316; net new = 568.421', () => {
    const h = huffForCandidate(ctx(), near(demand.index, 500, 3000));
    expect(h.cannibalizedFromOwn).toBeCloseTo(252000 / 190, 6);
    expect(h.netNewDemand).toBeCloseTo(108000 / 190, 6);
  });
  it('existing outlets: E_k1 = 1000·36/40 + 3000·4/40 = 1200, E_k2 = 1000·4/40 + 3000·36/40 = 2800 (sum = all residents)', () => {
    const c = ctx();
    expect(huffExpectedForOutlet(c, near(demand.index, -500, 3000), 0)).toBeCloseTo(1200, 6);
    expect(huffExpectedForOutlet(c, near(demand.index, 1500, 3000), 1)).toBeCloseTo(2800, 6);
  });
  it('with no own network there is no cannibalisation and net new = expected', () => {
    const all: OutletPoints = { ...outlets, own: [0, 0], competitor: [1, 1] };
    const h = huffForCandidate(createHuffContext(demand, all, P), near(demand.index, 500, 3000));
    expect(h.cannibalizedFromOwn).toBe(0);
    expect(h.netNewDemand).toBe(h.expectedCustomers);
  });
  it('dMin floors distances: a candidate on a centroid uses 100 m, not 0', () => {
    expect(huffUtility(1, 0, 100, 2)).toBeCloseTo(1e-4, 15);
    const lone: OutletPoints = { own: [], competitor: [], attractiveness: [], index: equatorIndex([]) };
    const h = huffForCandidate(createHuffContext(demand, lone, P), near(demand.index, 0, 3000));
    expect(h.huffShare).toBe(1); // no outlet within Dmax: the candidate wins everyone
    expect(h.expectedCustomers).toBe(4000);
  });
  it('demand beyond Dmax does not count, nor do outlets beyond Dmax of the demand point', () => {
    const far: DemandPoints = { population: [1000, 3000], index: equatorIndex([0, 3500]) };
    const o: OutletPoints = { own: [0], competitor: [1], attractiveness: [1], index: equatorIndex([3200]) };
    const h = huffForCandidate(createHuffContext(far, o, P), near(far.index, 0, 4000));
    expect(h.expectedCustomers).toBe(1000); // i2 is 3.5 km away; k1 is 3.2 km from i1
  });
  it('deposit attractiveness: A = min(deposits / median full-service deposits, 10)', () => {
    const { attractiveness, medianDepositsK } = depositAttractiveness([100, 200, 300, 50000, 5], [11, 11, 12, 11, 21]);
    expect(medianDepositsK).toBe(250);
    expect(Array.from(attractiveness)).toEqual([0.4, 0.8, 1.2, 10, 0.02]);
    expect(median([3, 1, 2])).toBe(2);
  });
  it('competition stats: counts within 500/1000 m (competitors only) and nearest competitor', () => {
    const o: OutletPoints = { own: [0, 1, 0, 0], competitor: [1, 0, 1, 0], attractiveness: [1, 1, 1, 1], index: equatorIndex([300, 100, 700, 50]) };
    // competitors at 300 and 700 m; own at 100 m; the outlet at 50 m is filtered out (neither own nor competitor)
    const c = competition(createHuffContext(demand, o, P), o, near(o.index, 0, 1000), near(demand.index, 0, 3000), 0, 0);
    expect(c.competitorsWithin500m).toBe(1);
    expect(c.competitorsWithin1000m).toBe(2);
    expect(c.nearestCompetitorM).toBeCloseTo(300, 6);
    expect(c.raw).toBe(c.netNewDemand);
  });
});

describe('normalisation against a reference (README case N1: reference [1,2,3,4])', () => {
  const ref = referenceStats([4, 1, 3, 2]);
  it('percentile rank with mid-ranks', () => {
    expect(percentileRank(3, ref)).toBe(62.5);
    expect(percentileRank(2.5, ref)).toBe(50);
    expect(percentileRank(0, ref)).toBe(0);
    expect(percentileRank(9, ref)).toBe(100);
    expect(percentileRank(1, referenceStats([1, 1, 1, 1]))).toBe(50);
  });
  it('min–max to 0–100, clamped', () => {
    expect(minMaxScore(2.5, ref)).toBe(50);
    expect(minMaxScore(4, ref)).toBe(100);
    expect(minMaxScore(7, ref)).toBe(100);
    expect(minMaxScore(-1, ref)).toBe(0);
  });
  it('z-score with the population SD √1.25', () => {
    expect(ref.mean).toBe(2.5);
    expect(ref.sd).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(zScore(4, ref)).toBeCloseTo(1.5 / Math.sqrt(1.25), 12);
    expect(Array.from(normalizeColumn([2.5, 4], ref, 'zscore'))).toEqual([0, 1.5 / Math.sqrt(1.25)]);
  });
  it('rejects an empty reference', () => {
    expect(() => referenceStats([])).toThrow(/empty/);
  });
});

describe('weights and ranks (README case W1)', () => {
  const normalized = { transit: [50, 100], demand: [100, 0], competition: [0, 50] };
  it('defaults: 0.3·50+0.4·100 = 55 vs 0.3·100+0.3·50 = 45', () => {
    const { score, rank } = applyWeights(normalized, DEFAULT_WEIGHTS);
    expect(Array.from(score)).toEqual([55, 45]);
    expect(Array.from(rank)).toEqual([1, 2]);
  });
  it('transit-heavy weights flip the order: 50 vs 70', () => {
    const { score, rank } = applyWeights(normalized, { transit: 0.6, demand: 0.2, competition: 0.2 });
    expect(score[0]).toBeCloseTo(50, 12);
    expect(score[1]).toBeCloseTo(70, 12);
    expect(Array.from(rank)).toEqual([2, 1]);
  });
  it('ties keep input order', () => {
    expect(Array.from(rankDescending([5, 7, 5, 1]))).toEqual([2, 1, 3, 4]);
    expect(Array.from(rankDescending([0, -0, 3, 0]))).toEqual([2, 3, 1, 4]);
  });
  it('ranks equal a comparator sort (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -5, max: 5 }).map((x) => x / 2), { maxLength: 60 }), (xs) => {
      const order = xs.map((_, k) => k).sort((a, b) => xs[b] - xs[a] || a - b);
      const expected = new Array(xs.length);
      order.forEach((j, r) => { expected[j] = r + 1; });
      expect(Array.from(rankDescending(xs))).toEqual(expected);
    }));
  });
  it('weights must be in [0,1] and sum to 1', () => {
    expect(weightsProblem(DEFAULT_WEIGHTS)).toBeNull();
    expect(weightsProblem({ transit: 0.5, demand: 0.4, competition: 0.3 })?.field).toBe('weights');
    expect(weightsProblem({ transit: -0.1, demand: 0.8, competition: 0.3 })?.field).toBe('weights.transit');
  });
  it('reweightSites recomputes contributions, score and rank from normalized values', () => {
    const mk = (t: number, d: number, c: number) => ({ id: 'x', score: 0, rank: 0, factors: {
      transit: { normalized: t, weight: 0, contribution: 0 }, demand: { normalized: d, weight: 0, contribution: 0 },
      competition: { normalized: c, weight: 0, contribution: 0 } } });
    const out = reweightSites([mk(50, 100, 0), mk(100, 0, 50)], { transit: 0.6, demand: 0.2, competition: 0.2 });
    expect(out[1].rank).toBe(1);
    expect(out[1].factors.transit.contribution).toBeCloseTo(60, 12);
    expect(out[0].factors.demand.weight).toBe(0.2);
  });
});

describe('factor table invariants', () => {
  const demand: DemandPoints = { population: [1000, 3000, 500], index: equatorIndex([0, 1000, 2200]) };
  const outlets: OutletPoints = { own: [0, 1], competitor: [1, 0], attractiveness: [1, 1], index: equatorIndex([-500, 1500]) };
  const stops: StopPoints = { stopId: ['subway:1'], mode: ['subway'], departures: [600], imputed: [0], routeIds: [['subway:A']], index: equatorIndex([300]) };
  it('adding a candidate does not change another site\'s score under a fixed reference', () => {
    const ctx = createScoringContext(P, demand, stops, outlets);
    const grid = computeFactorTable(ctx, [0, 200, 400, 800, 1200, 1600, 2000].map(lngAt), new Array(7).fill(0));
    const refs = { transit: referenceStats(grid.raw.transit), demand: referenceStats(grid.raw.demand), competition: referenceStats(grid.raw.competition) };
    const scoreOf = (xs: number[]) => {
      const t = computeFactorTable(createScoringContext(P, demand, stops, outlets), xs.map(lngAt), xs.map(() => 0));
      const norm = { transit: normalizeColumn(t.raw.transit, refs.transit, 'percentile'), demand: normalizeColumn(t.raw.demand, refs.demand, 'percentile'), competition: normalizeColumn(t.raw.competition, refs.competition, 'percentile') };
      return applyWeights(norm, DEFAULT_WEIGHTS).score;
    };
    const alone = scoreOf([500]);
    const withOthers = scoreOf([100, 500, 1900]);
    expect(withOthers[1]).toBe(alone[0]);
  });
  it('table rows equal the per-factor functions', () => {
    const ctx = createScoringContext(P, demand, stops, outlets);
    const t = computeFactorTable(ctx, [lngAt(500)], [0]);
    expect(t.competition[0].expectedCustomers).toBeCloseTo(36000 / 19 + 500 * (1 / 1700 ** 2) / (1 / 1700 ** 2 + 1 / 2700 ** 2 + 1 / 700 ** 2), 6);
    expect(t.transit[0].raw).toBeCloseTo(600 * (1 - 200 / 800), 6);
    expect(t.raw.demand[0]).toBe(t.demand[0].raw);
  });
  it('params key is stable and order-insensitive for service types', () => {
    expect(scoringParamsKey({ ...P, competitorServiceTypes: [12, 11] })).toBe(scoringParamsKey({ ...P, competitorServiceTypes: [11, 12] }));
    expect(scoringParamsKey({ ...P, huffBeta: 1.5 })).not.toBe(scoringParamsKey(P));
  });
});

describe('data coverage: a factor without data at a site is excluded and the weights renormalised', () => {
  it('siteWeights: transit not scored → 0 / 0.4/0.7 / 0.3/0.7; nothing excluded → the weights themselves', async () => {
    const { siteWeights } = await import('./siteScore');
    const out = { transit: 0, demand: 0, competition: 0 };
    const mask = { transit: Uint8Array.from([0, 1]) };
    expect(siteWeights(DEFAULT_WEIGHTS, mask, 0, out)).toBeCloseTo(0.7, 12);
    expect(out.transit).toBe(0);
    expect(out.demand).toBeCloseTo(4 / 7, 12);
    expect(out.competition).toBeCloseTo(3 / 7, 12);
    siteWeights(DEFAULT_WEIGHTS, mask, 1, out);
    expect(out).toEqual(DEFAULT_WEIGHTS);
  });
  it('applyWeights with a mask: an uncovered site scores (0.4·D + 0.3·C)/0.7, never a silent 0 for transit', () => {
    const norm = { transit: [0, 80], demand: [90, 50], competition: [60, 50] };
    const { score, rank } = applyWeights(norm, DEFAULT_WEIGHTS, { transit: Uint8Array.from([0, 1]) });
    expect(score[0]).toBeCloseTo((0.4 * 90 + 0.3 * 60) / 0.7, 12); // 77.142857…
    expect(score[1]).toBeCloseTo(0.3 * 80 + 0.4 * 50 + 0.3 * 50, 12); // 59
    expect(Array.from(rank)).toEqual([1, 2]);
    // without the mask the same site would lose 0.3 × its (meaningless) transit 0
    expect(applyWeights(norm, DEFAULT_WEIGHTS).score[0]).toBeCloseTo(0.4 * 90 + 0.3 * 60, 12);
  });
  it('reweightSites keeps a factor with scored: false at weight 0', () => {
    const site = { id: 'la', score: 0, rank: 0, factors: {
      transit: { normalized: 0, weight: 0, contribution: 0, scored: false }, demand: { normalized: 70, weight: 0, contribution: 0, scored: true },
      competition: { normalized: 40, weight: 0, contribution: 0, scored: true } } };
    const [r] = reweightSites([site], { transit: 0.5, demand: 0.25, competition: 0.25 });
    expect(r.factors.transit.weight).toBe(0);
    expect(r.factors.demand.weight).toBeCloseTo(0.5, 12);
    expect(r.score).toBeCloseTo(0.5 * 70 + 0.5 * 40, 12);
  });
});

describe('transit-feed coverage in the factor table', () => {
  it('a site is covered when a stop lies within 2 km (2,000 m yes, 2,001 m no)', async () => {
    const { TRANSIT_FEED_COVERAGE_M, coveredByTransitFeed } = await import('./transitAccess');
    expect(TRANSIT_FEED_COVERAGE_M).toBe(2000);
    const demand: DemandPoints = { population: [1000], index: equatorIndex([0]) };
    const outlets: OutletPoints = { own: [0], competitor: [1], attractiveness: [1], index: equatorIndex([500]) };
    const stops: StopPoints = { stopId: ['bus:1'], mode: ['bus'], departures: [100], imputed: [0], routeIds: [['bus:B1']], index: equatorIndex([0]) };
    const t = computeFactorTable(createScoringContext(P, demand, stops, outlets), [1999, 2001, 60_000].map(lngAt), [0, 0, 0]);
    expect(Array.from(t.scored.transit)).toEqual([1, 0, 0]);
    expect(t.transit[2].nearestStopM).toBeNull(); // beyond 50 km
    expect(coveredByTransitFeed(t.transit[1].nearestStopM)).toBe(false);
    expect(Array.from(t.scored.demand)).toEqual([1, 1, 1]);
  });
});
