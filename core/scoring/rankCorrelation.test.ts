import { describe, expect, it } from 'vitest';
import { averageRanks, spearmanRho, weightedSpearmanRho } from './rankCorrelation';

describe('spearmanRho', () => {
  it('hand case: x = [1,2,3,4,5], y = [5,6,7,8,7] → ranks y [1,2,3.5,5,3.5], ρ = 0.8208', () => {
    expect(Array.from(averageRanks([5, 6, 7, 8, 7]))).toEqual([1, 2, 3.5, 5, 3.5]);
    // Pearson of (1..5) with (1,2,3.5,5,3.5): dy = (−2,−1,½,2,½), Σdxdy = 4+1+0+2+1 = 8, Σdx² = 10, Σdy² = 9.5 → 8/√95
    expect(spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
  });
  it('is 1 for any increasing map, −1 for a decreasing one, NaN for a constant', () => {
    expect(spearmanRho([1, 2, 3, 10], [0.1, 5, 6, 1e6])).toBeCloseTo(1, 12);
    expect(spearmanRho([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearmanRho([1, 2, 3], [4, 4, 4])).toBeNaN();
    expect(() => spearmanRho([1], [1, 2])).toThrow();
  });
});

describe('weightedSpearmanRho (bootstrap multiplicities)', () => {
  it('equals spearmanRho of the sample with each row repeated w times (duplicates become ties)', () => {
    const x = [0.3, 1.2, -0.5, 2.2, 0.9, 1.2], y = [10, 30, 5, 25, 40, 20], w = [2, 0, 1, 3, 1, 2];
    const xs: number[] = [], ys: number[] = [];
    w.forEach((k, i) => { for (let t = 0; t < k; t++) { xs.push(x[i]); ys.push(y[i]); } });
    expect(xs).toHaveLength(9);
    expect(weightedSpearmanRho(x, y, w)).toBeCloseTo(spearmanRho(xs, ys), 12);
    // unit weights = the plain ρ; a single weighted row = NaN
    expect(weightedSpearmanRho(x, y, [1, 1, 1, 1, 1, 1])).toBeCloseTo(spearmanRho(x, y), 12);
    expect(weightedSpearmanRho(x, y, [0, 0, 5, 0, 0, 0])).toBeNaN();
  });
});
