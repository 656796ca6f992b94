import { describe, expect, it } from 'vitest';
import { orderFlip, weightSensitivity } from './weightSensitivity';
import { DEFAULT_WEIGHTS } from './siteScore';

describe('orderFlip (README case W2)', () => {
  it('a = (100, 0, 50), b = (50, 100, 0) under (0.3, 0.4, 0.3): Δ = −10, tie at equal weights, distance 10/√15000', () => {
    const f = orderFlip({ transit: 100, demand: 0, competition: 50 }, { transit: 50, demand: 100, competition: 0 }, DEFAULT_WEIGHTS)!;
    expect(f.scoreDifference).toBeCloseTo(-10, 12);
    expect(f.weights.transit).toBeCloseTo(1 / 3, 12);
    expect(f.weights.demand).toBeCloseTo(1 / 3, 12);
    expect(f.weights.competition).toBeCloseTo(1 / 3, 12);
    expect(f.distance).toBeCloseTo(10 / Math.sqrt(15000), 12);
    expect(f.feasible).toBe(true);
    // at the flip weights the two scores tie
    const s = (x: { transit: number; demand: number; competition: number }) => f.weights.transit * x.transit + f.weights.demand * x.demand + f.weights.competition * x.competition;
    expect(s({ transit: 100, demand: 0, competition: 50 })).toBeCloseTo(s({ transit: 50, demand: 100, competition: 0 }), 9);
  });
  it('null when the difference is the same in every factor (the order never changes)', () => {
    expect(orderFlip({ transit: 60, demand: 60, competition: 60 }, { transit: 50, demand: 50, competition: 50 }, DEFAULT_WEIGHTS)).toBeNull();
  });
});

describe('weightSensitivity', () => {
  const normalized = { transit: [100, 50, 0, 20], demand: [0, 100, 10, 20], competition: [50, 0, 0, 20] };
  it('the draws are centred on the chosen weights', () => {
    const r = weightSensitivity(normalized, DEFAULT_WEIGHTS, { draws: 5000, concentration: 20, topK: 1 });
    expect(r.meanWeights.transit).toBeCloseTo(0.3, 2);
    expect(r.meanWeights.demand).toBeCloseTo(0.4, 2);
    expect(r.meanWeights.competition).toBeCloseTo(0.3, 2);
  });
  it('a site dominated in every factor is never first; a very tight Dirichlet reproduces the chosen ranking', () => {
    const r = weightSensitivity(normalized, DEFAULT_WEIGHTS, { draws: 500, concentration: 20, topK: 1 });
    expect(r.pTopK[2]).toBe(0); // (0, 10, 0) is below (20, 20, 20) in every factor
    expect(r.pTopK[0] + r.pTopK[1] + r.pTopK[3]).toBeCloseTo(1, 12);
    expect(r.pTopK[0]).toBeGreaterThan(0); expect(r.pTopK[1]).toBeGreaterThan(0); // 45 vs 55 at the chosen weights: both can win
    const tight = weightSensitivity(normalized, DEFAULT_WEIGHTS, { draws: 200, concentration: 1e7, topK: 1 });
    // chosen weights: scores 45, 55, 4, 20 → ranks 2, 1, 4, 3
    expect(Array.from(tight.rankP5)).toEqual([2, 1, 4, 3]);
    expect(Array.from(tight.rankP95)).toEqual([2, 1, 4, 3]);
    expect(Array.from(tight.pTopK)).toEqual([0, 1, 0, 0]);
  });
  it('is reproducible per seed and refuses too much work', () => {
    const a = weightSensitivity(normalized, DEFAULT_WEIGHTS, { draws: 100, seed: 3 });
    const b = weightSensitivity(normalized, DEFAULT_WEIGHTS, { draws: 100, seed: 3 });
    expect(Array.from(a.pTopK)).toEqual(Array.from(b.pTopK));
    expect(() => weightSensitivity({ transit: new Float64Array(30_000), demand: new Float64Array(30_000), competition: new Float64Array(30_000) }, DEFAULT_WEIGHTS, { draws: 1000 })).toThrow(/too many/);
  });
});
