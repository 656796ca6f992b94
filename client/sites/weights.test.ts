import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACTOR_NAMES, type Weights } from '../../core/scoring/siteScore';
import { setWeight, weightPercents } from './weights';

const sum = (w: Weights) => w.transit + w.demand + w.competition;

describe('setWeight', () => {
  it('gives the remainder to the others in proportion (hand case)', () => {
    const w = setWeight({ transit: 0.3, demand: 0.4, competition: 0.3 }, 'demand', 0.6);
    expect(w.demand).toBe(0.6);
    expect(w.transit).toBeCloseTo(0.2, 12);
    expect(w.competition).toBeCloseTo(0.2, 12);
  });
  it('splits equally when the others are both zero, and clamps out-of-range values', () => {
    expect(setWeight({ transit: 1, demand: 0, competition: 0 }, 'transit', 0.5)).toEqual({ transit: 0.5, demand: 0.25, competition: 0.25 });
    expect(setWeight({ transit: 0.3, demand: 0.4, competition: 0.3 }, 'transit', 1.7)).toEqual({ transit: 1, demand: 0, competition: 0 });
    expect(sum(setWeight({ transit: 0.3, demand: 0.4, competition: 0.3 }, 'transit', -2))).toBeCloseTo(1, 12);
  });
  it('always sums to 1 with every weight in [0, 1] (property)', () => {
    const weight = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .filter(([a, b]) => a + b <= 1)
      .map(([a, b]) => ({ transit: a, demand: b, competition: 1 - a - b }));
    fc.assert(fc.property(weight, fc.constantFrom(...FACTOR_NAMES), fc.double({ min: -1, max: 2, noNaN: true }), (w, f, v) => {
      const out = setWeight(w, f, v);
      expect(Math.abs(sum(out) - 1)).toBeLessThan(1e-12);
      for (const k of FACTOR_NAMES) { expect(out[k]).toBeGreaterThanOrEqual(0); expect(out[k]).toBeLessThanOrEqual(1); }
    }));
  });
});

describe('weightPercents', () => {
  it('rounds to whole percents that add to 100', () => {
    expect(weightPercents({ transit: 1 / 3, demand: 1 / 3, competition: 1 / 3 })).toEqual({ transit: 34, demand: 33, competition: 33 });
    expect(weightPercents({ transit: 0.3, demand: 0.4, competition: 0.3 })).toEqual({ transit: 30, demand: 40, competition: 30 });
  });
});
