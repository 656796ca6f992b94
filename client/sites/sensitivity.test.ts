import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScoredSite } from '../api/sites';
import { flipSummary, pastTieWeights, rankAxis, sensitivityRequest, weightSpreadPp } from './sensitivity';

/** A scored site with only the normalised factor values set (what the sensitivity helpers read). */
function site(id: string, transit: number, demand: number, competition: number, lng = -73.98, lat = 40.75): ScoredSite {
  const f = (normalized: number) => ({ raw: 0, normalized, weight: 0, contribution: 0 });
  return { id, lng, lat, score: 0, rank: 1, factors: { transit: f(transit), demand: f(demand), competition: f(competition) } } as unknown as ScoredSite;
}
const W = { transit: 0.3, demand: 0.4, competition: 0.3 };
const score = (s: ScoredSite, w: typeof W) => w.transit * s.factors.transit.normalized + w.demand * s.factors.demand.normalized + w.competition * s.factors.competition.normalized;

describe('weightSpreadPp', () => {
  it('is the Dirichlet marginal SD of the largest weight: sqrt(w(1−w)/(c+1))', () => {
    // w = 0.4, c = 50: sqrt(0.24 / 51) = 0.068599 → 6.86 pp
    expect(weightSpreadPp(W, 50)).toBeCloseTo(6.8599, 3);
    // c = 1000: sqrt(0.24 / 1001) = 0.015484
    expect(weightSpreadPp(W, 1000)).toBeCloseTo(1.5484, 3);
  });
});

describe('sensitivityRequest', () => {
  const grid = [site('89a', 1, 2, 3, -73.9, 40.7), site('89b', 1, 2, 3, -73.8, 40.6)];
  it('sends the cached grid while only grid cells are in the view', () => {
    const r = sensitivityRequest({ gridSites: grid, addedSites: [], weights: W, ownNetwork: 'cert:628', concentration: 20, topK: 5 });
    expect(r).toEqual({ grid: { resolution: 9, area: 'nyc' }, ownNetwork: 'cert:628', weights: W, sensitivity: { draws: 500, concentration: 20, topK: 5, seed: 1 } });
  });
  it('sends the cached grid plus only the added sites by coordinates once sites were added', () => {
    const r = sensitivityRequest({ gridSites: grid, addedSites: [site('added-1', 0, 0, 0, -74, 40.8)], weights: W, ownNetwork: null, concentration: 50, topK: 10 });
    expect(r).toMatchObject({ grid: { resolution: 9, area: 'nyc' } });
    expect((r as { sites: unknown[] }).sites).toEqual([{ id: 'added-1', lng: -74, lat: 40.8 }]);
    expect(r.ownNetwork).toBeUndefined();
    // no grid in the view yet: the added sites alone
    const alone = sensitivityRequest({ gridSites: [], addedSites: [site('added-1', 0, 0, 0, -74, 40.8)], weights: W, ownNetwork: null, concentration: 50, topK: 10 });
    expect('grid' in alone).toBe(false);
    expect((alone as { sites: unknown[] }).sites).toHaveLength(1);
  });
});

describe('rankAxis', () => {
  it('spans rank 1 to the largest 95th percentile rounded up to 1-2-5, with k inside', () => {
    const a = rankAxis([{ rankP95: 12 }, { rankP95: 37 }], 10);
    expect(a.max).toBe(50);
    expect(a.pos(1)).toBe(0);
    expect(a.pos(50)).toBe(100);
    expect(a.pos(25.5)).toBe(50);
    expect(a.pos(400)).toBe(100); // clamped
    expect(rankAxis([{ rankP95: 3 }], 10).max).toBe(20); // k + 1 = 11 → 20
    expect(rankAxis([], 1).max).toBe(2);
  });
});

describe('flipSummary', () => {
  it('hand case: the unconstrained tie inside the weight triangle', () => {
    // a = (80, 50, 20), b = (40, 60, 50): under (0.3, 0.4, 0.3) a scores 50, b 51 → b leads by 1.
    // d = a − b = (40, −10, −30), mean 0, |d′|² = 2600, Δ = w·d = −1 → w* = w + d′/2600, distance 1/√2600 = 0.019612.
    const a = site('a', 80, 50, 20), b = site('b', 40, 60, 50);
    const f = flipSummary(a, b, W)!;
    expect(f.aLeads).toBe(false);
    expect(f.gapPoints).toBeCloseTo(1, 12);
    expect(f.unconstrained).toBe(true);
    expect(f.tieWeights!.transit).toBeCloseTo(0.3 + 40 / 2600, 12);
    expect(f.tieWeights!.demand).toBeCloseTo(0.4 - 10 / 2600, 12);
    expect(f.tieWeights!.competition).toBeCloseTo(0.3 - 30 / 2600, 12);
    expect(f.distancePp!).toBeCloseTo(100 / Math.sqrt(2600), 10); // 1.961 pp
    expect(f.changePp!.transit).toBeCloseTo(4000 / 2600, 10);
    expect(score(a, f.tieWeights!)).toBeCloseTo(score(b, f.tieWeights!), 10);
  });

  it('hand case: the nearest tie needs a negative weight → nearest valid tie on the triangle edge', () => {
    // w = (1, 0, 0); a = (50, 0, 100), b = (60, 100, 0): b leads by 10. Projection gives demand < 0.
    // Edges: transit = 0 → (0, .5, .5); demand = 0 → transit = 100/110 → (0.90909, 0, 0.09091); competition = 0 → outside.
    const w = { transit: 1, demand: 0, competition: 0 };
    const a = site('a', 50, 0, 100), b = site('b', 60, 100, 0);
    const f = flipSummary(a, b, w)!;
    expect(f.unconstrained).toBe(false);
    expect(f.tieWeights!.transit).toBeCloseTo(100 / 110, 12);
    expect(f.tieWeights!.demand).toBe(0);
    expect(f.tieWeights!.competition).toBeCloseTo(10 / 110, 12);
    expect(f.distancePp!).toBeCloseTo(100 * Math.SQRT2 * (10 / 110), 10); // 12.86 pp
    expect(score(a, f.tieWeights!)).toBeCloseTo(score(b, f.tieWeights!), 10);
  });

  it('a site at least as good on every factor stays ahead: no tie weights', () => {
    const f = flipSummary(site('a', 60, 60, 60), site('b', 50, 40, 60), W)!;
    expect(f.aLeads).toBe(true);
    expect(f.gapPoints).toBeCloseTo(0.3 * 10 + 0.4 * 20, 12);
    expect(f.tieWeights).toBeNull();
    expect(f.distancePp).toBeNull();
  });

  it('a constant difference on every factor: no weights change the order (null)', () => {
    expect(flipSummary(site('a', 60, 70, 80), site('b', 50, 60, 70), W)).toBeNull();
  });

  it('property: the tie is valid and equal-scoring, and weights just past it put the follower ahead', () => {
    const v = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(fc.property(v, v, v, v, v, v, fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      (a1, a2, a3, b1, b2, b3, x, y, z) => {
        const sum = x + y + z;
        const w = { transit: x / sum, demand: y / sum, competition: z / sum };
        const a = site('a', a1, a2, a3), b = site('b', b1, b2, b3);
        const f = flipSummary(a, b, w);
        if (!f) return;
        const [leader, follower] = f.aLeads ? [a, b] : [b, a];
        if (!f.tieWeights) {
          // no valid weights put the follower strictly ahead: check the three corners of the triangle
          for (const c of [{ transit: 1, demand: 0, competition: 0 }, { transit: 0, demand: 1, competition: 0 }, { transit: 0, demand: 0, competition: 1 }]) {
            expect(score(follower, c)).toBeLessThanOrEqual(score(leader, c) + 1e-9);
          }
          return;
        }
        const t = f.tieWeights;
        expect(Math.min(t.transit, t.demand, t.competition)).toBeGreaterThanOrEqual(0);
        expect(t.transit + t.demand + t.competition).toBeCloseTo(1, 9);
        expect(Math.abs(score(a, t) - score(b, t))).toBeLessThan(1e-6);
        if (f.gapPoints < 1e-6) return;
        const past = pastTieWeights(t, leader, follower);
        expect(score(follower, past)).toBeGreaterThan(score(leader, past));
      }), { numRuns: 400, seed: 7 });
  });
});
