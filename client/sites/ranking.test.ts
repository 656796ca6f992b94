import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reweightSites, type Weights } from '../../core/scoring/siteScore';
import { makeSite } from './fixtures';
import { allWeighted, forecastRanking, normalizedColumns, rankSites, topSites } from './ranking';

const sites = [
  makeSite('a', 1, { transit: 90, demand: 10, competition: 50 }),
  makeSite('b', 2, { transit: 10, demand: 90, competition: 50 }),
  makeSite('c', 3, { transit: 50, demand: 50, competition: 90 }),
];

describe('client ranking', () => {
  it('re-ranks by hand: transit alone puts a first, demand alone puts b first', () => {
    const cols = normalizedColumns(sites);
    const t = rankSites(cols, { transit: 1, demand: 0, competition: 0 });
    expect(Array.from(t.order)).toEqual([0, 2, 1]);
    expect(Array.from(t.rank)).toEqual([1, 3, 2]);
    const d = rankSites(cols, { transit: 0, demand: 1, competition: 0 });
    expect(topSites(sites, d, 1)[0]).toMatchObject({ id: 'b', rank: 1, score: 90 });
    // c under the defaults: 0.3·50 + 0.4·50 + 0.3·90 = 62
    const def = rankSites(cols, { transit: 0.3, demand: 0.4, competition: 0.3 });
    const c = allWeighted(sites, def)[2];
    expect(c.score).toBeCloseTo(62, 12);
    expect(c.factors.competition.contribution).toBeCloseTo(27, 12);
    expect(c.factors.demand.weight).toBe(0.4);
  });

  it('agrees with the shared reweightSites for any weights (property)', () => {
    const weight = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .filter(([a, b]) => a + b <= 100)
      .map(([a, b]): Weights => ({ transit: a / 100, demand: b / 100, competition: (100 - a - b) / 100 }));
    const cols = normalizedColumns(sites);
    fc.assert(fc.property(weight, (w) => {
      expect(allWeighted(sites, rankSites(cols, w))).toEqual(reweightSites(sites, w));
    }));
  });
});

describe('forecast-mode ranking', () => {
  it('ranks by forecast deposits; score = percentile among the set; a site without a forecast goes last', () => {
    const withF = (s: ReturnType<typeof makeSite>, usd?: number) => (usd === undefined ? s
      : { ...s, forecast: { depositsUsd: usd, lowUsd: usd / 2, highUsd: usd * 2, level: 0.8, ageYears: 10, rank: 0, contributions: [] } });
    const set = [withF(sites[0], 100e6), withF(sites[1], 300e6), withF(sites[2]), withF(makeSite('d', 4, { transit: 0, demand: 0, competition: 0 }), 200e6)];
    const r = forecastRanking(set, { transit: 0.3, demand: 0.4, competition: 0.3 });
    expect(Array.from(r.order)).toEqual([1, 3, 0, 2]);
    expect(Array.from(r.rank)).toEqual([3, 1, 4, 2]);
    expect(Array.from(r.score)).toEqual([100 / 3, 100, 0, 200 / 3]);
    expect(topSites(set, r, 2).map((s) => [s.id, s.rank])).toEqual([['b', 1], ['d', 2]]);
  });
});

describe('shareBelow', () => {
  it('counts the reference scores strictly below a value, over the first count entries only', async () => {
    const { shareBelow } = await import('./ranking');
    const scores = new Float64Array([10, 20, 30, 40, 99]);
    expect(shareBelow(scores, 4, 30)).toBe(0.5); // 10 and 20 of the four reference scores
    expect(shareBelow(scores, 4, 100)).toBe(1); // 99 is not a reference score
    expect(shareBelow(scores, 0, 50)).toBe(0);
  });
});
