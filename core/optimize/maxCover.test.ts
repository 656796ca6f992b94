import { beforeAll, describe, expect, it } from 'vitest';
import loadHighs, { type Highs } from 'highs';
import {
  bruteForceMaxCover, coverProblemFromLists, greedySwapMultiStart, greedyGuaranteeBound, coveredValue, greedyDrop, greedyMaxCover, submodularUpperBound, swapImprove,
  type CoverProblem,
} from './maxCover';
import { exactMaxCover } from './exact';

let highs: Highs;
beforeAll(async () => { highs = await loadHighs(); });

/** Seeded LCG so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Random instance: nD demand points with weights 1..100 on a unit square, candidates cover points within radius r. */
function randomInstance(seed: number, nC = 8, nD = 30, r = 0.3): CoverProblem {
  const rnd = rng(seed);
  const dx = Array.from({ length: nD }, rnd), dy = Array.from({ length: nD }, rnd);
  const w = Array.from({ length: nD }, () => 1 + Math.floor(rnd() * 100));
  const lists = Array.from({ length: nC }, () => {
    const cx = rnd(), cy = rnd();
    const l: number[] = [];
    for (let i = 0; i < nD; i++) if (Math.hypot(dx[i] - cx, dy[i] - cy) <= r) l.push(i);
    return l;
  });
  return coverProblemFromLists(w, lists);
}

describe('MCLP on a hand-made instance', () => {
  // Demand weights: d0 10, d1 20, d2 30, d3 40, d4 5.
  // Candidates: c0 {d0,d1} = 30, c1 {d1,d2} = 50, c2 {d2,d3} = 70, c3 {d3,d4} = 45, c4 {d0,d4} = 15.
  // p = 2: greedy takes c2 (70) then c0 (+30) = 100; optimum is also 100 ({c0,c2}); {c1,c3} = 95.
  const prob = coverProblemFromLists([10, 20, 30, 40, 5], [[0, 1], [1, 2], [2, 3], [3, 4], [0, 4]]);
  it('greedy picks c2 then c0 with marginals 70 and 30', () => {
    const g = greedyMaxCover(prob, 2);
    expect(g.selected).toEqual([2, 0]);
    expect(g.marginal).toEqual([70, 30]);
    expect(g.value).toBe(100);
  });
  it('brute force agrees: 100', () => expect(bruteForceMaxCover(prob, 2).value).toBe(100));
  it('swap improves a poor start {c4, c3} (d0+d3+d4 = 55) to the 1-swap local optimum {c1, c3} = 95', () => {
    // From {c4,c3} the best single swap is c4→c1 (95). From {c1,c3} no single swap helps ({c1,c2} 90, {c0,c3} 75,
    // {c2,c3} 75, {c0,c1} 60 …), although {c0,c2} = 100: swap search is a local search.
    const s = swapImprove(prob, [4, 3]);
    expect(coveredValue(prob, [4, 3])).toBe(55);
    expect(s.value).toBe(95);
    expect([...s.selected].sort()).toEqual([1, 3]);
    expect(s.swaps).toBe(1);
  });
  it('exact MIP proves 100', () => {
    const e = exactMaxCover(highs, prob, 2);
    expect(e.status).toBe('optimal');
    expect(e.value).toBe(100);
    expect([...e.selected].sort()).toEqual([0, 2]);
    expect(e.gap).toBe(0);
  });
  it('the submodular upper bound from greedy is ≥ the optimum', () => {
    // After {c2,c0} everything but d4 (5) is covered: the best two gains are 5 and 5 → bound 110.
    expect(submodularUpperBound(prob, [2, 0], 2)).toBe(110);
  });
  it('the greedy-guarantee bound: p = 2 → OPT ≤ greedy / (1 − (1/2)²) = 100 / 0.75', () => {
    expect(greedyGuaranteeBound(100, 2)).toBeCloseTo(133.333333, 5);
    expect(greedyGuaranteeBound(100, 1)).toBe(100);
  });
  it('greedy stops early when nothing more can be covered', () => {
    expect(greedyMaxCover(prob, 5).value).toBe(105);
    expect(greedyMaxCover(coverProblemFromLists([1], [[0], [0]]), 2).selected).toEqual([0]);
  });
});

describe('MCLP against brute force on seeded random instances (8 candidates, p = 3)', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  for (const seed of seeds) {
    it(`seed ${seed}: greedy+swap and the MIP reach the brute-force optimum`, () => {
      const prob = randomInstance(seed);
      const bf = bruteForceMaxCover(prob, 3);
      const g = greedyMaxCover(prob, 3);
      expect(g.value).toBeGreaterThanOrEqual((1 - 1 / Math.E) * bf.value - 1e-9);
      const s = greedySwapMultiStart(prob, 3);
      expect(s.value).toBe(bf.value);
      const e = exactMaxCover(highs, prob, 3, { warmStart: s.selected });
      expect(e.status).toBe('optimal');
      expect(e.value).toBe(bf.value);
      expect(submodularUpperBound(prob, s.selected, 3)).toBeGreaterThanOrEqual(bf.value);
      expect(greedyGuaranteeBound(g.value, 3)).toBeGreaterThanOrEqual(bf.value - 1e-9);
    });
  }
});

describe('a single greedy+swap run can stop in a local optimum (seed 5)', () => {
  it('one start reaches less than the optimum, the multi-start reaches it', () => {
    const prob = randomInstance(5);
    const bf = bruteForceMaxCover(prob, 3);
    const single = swapImprove(prob, greedyMaxCover(prob, 3).selected);
    expect(single.value).toBe(1066);
    expect(bf.value).toBe(1159);
    expect(greedySwapMultiStart(prob, 3).value).toBe(1159);
  });
});

describe('closure mode against brute force (close k of 8 own outlets)', () => {
  for (const seed of [21, 22, 23, 24, 25, 26]) {
    for (const k of [1, 3]) {
      it(`seed ${seed}, k = ${k}: greedy drop + swap and the MIP keep the brute-force best coverage`, () => {
        const prob = randomInstance(seed, 8, 40, 0.35);
        const keep = 8 - k;
        const bf = bruteForceMaxCover(prob, keep);
        const d = greedyDrop(prob, k);
        expect(d.closed).toHaveLength(k);
        expect(d.selected).toHaveLength(keep);
        // Coverage lost by the drop equals the sum of the per-step losses.
        expect(coveredValue(prob, Array.from({ length: 8 }, (_, j) => j)) - d.value).toBeCloseTo(d.closedLoss.reduce((a, b) => a + b, 0), 9);
        const s = swapImprove(prob, d.selected);
        expect(s.value).toBe(bf.value);
        const e = exactMaxCover(highs, prob, keep);
        expect(e.status).toBe('optimal');
        expect(e.value).toBe(bf.value);
      });
    }
  }
});

describe('cancellation', () => {
  it('greedy stops when asked and returns what it picked', () => {
    const prob = randomInstance(3, 8, 30);
    let calls = 0;
    const g = greedyMaxCover(prob, 3, { shouldStop: () => ++calls > 1 });
    expect(g.selected).toHaveLength(1);
  });
});

describe('exact solver stopped by its time limit', () => {
  it('returns the warm start (or better) with an honest bound and gap, never a fake "optimal"', () => {
    const prob = randomInstance(99, 400, 3000, 0.08);
    const warm = greedySwapMultiStart(prob, 12, 1);
    const e = exactMaxCover(highs, prob, 12, { timeLimitS: 0.001, warmStart: warm.selected });
    expect(e.status).toBe('time_limit');
    expect(e.selected).toHaveLength(12);
    expect(e.value).toBeGreaterThanOrEqual(warm.value);
    expect(e.upperBound).toBeGreaterThan(e.value);
    expect(e.gap).toBeGreaterThan(0);
    expect(e.gap).toBeLessThanOrEqual(1);
  });
});

describe('LP relaxation bound', () => {
  // Both inequalities are theorems: LP* ≥ OPT (relaxation); LP* ≤ f(S) + Σ top-p Δ(j|S) (for uncovered i,
  // y_i ≤ Σ_j x_j a_ij, and Σ x_j = p with x_j ≤ 1); LP* ≤ greedy / (1 − (1 − 1/p)^p) (the greedy analysis for
  // max coverage is made against the LP optimum).
  it('is ≥ the brute-force optimum and ≤ the cheap bounds on random instances', () => {
    for (const seed of [31, 32, 33, 34]) {
      const prob = randomInstance(seed, 8, 30);
      const bf = bruteForceMaxCover(prob, 3);
      const g = greedyMaxCover(prob, 3);
      const lp = exactMaxCover(highs, prob, 3, { relaxation: true, warmStart: g.selected });
      expect(lp.status).toBe('lp_optimal');
      expect(lp.upperBound).toBeGreaterThanOrEqual(bf.value - 1e-6);
      expect(lp.upperBound).toBeLessThanOrEqual(Math.min(submodularUpperBound(prob, g.selected, 3), greedyGuaranteeBound(g.value, 3)) + 1e-6);
    }
  });
});
