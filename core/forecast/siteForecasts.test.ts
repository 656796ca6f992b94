import { describe, expect, it } from 'vitest';
import { LOCATION_FEATURES } from './features';
import type { ForecastModel } from './model';
import { runStepsPaused } from '../steps';
import { SITE_FORECASTS_PER_STEP, siteForecastColumns, siteForecastColumnsSteps, siteForecastDtos } from './siteForecasts';

/**
 * ln D (USD thousands) = 1·logResidents1000m − 0.5·logOwnBranches1000m (means 0, sds 1, intercept 0), the residents
 * feature clamped to [0, 5]: every forecast is computable by hand.
 */
const model: ForecastModel = {
  features: ['logResidents1000m', 'logOwnBranches1000m'], means: [0, 0], sds: [1, 1], coef: [1, -0.5], coefCi95: [[1, 1], [-0.5, -0.5]],
  intercept: 0, lambda: 0, n: 100, residualQuantilesLog: { low: -0.5, high: 0.5, level: 0.8 },
  bank: { overallMean: 0, shrinkK: 0, institutions: [], elsewhereLogMedianK: {} },
  forecastYear: 2023, matureAgeYears: 10, targetScale: 1000, featureRange: [[0, 5], [-100, 100]],
};
const L = LOCATION_FEATURES.length;
const RES = LOCATION_FEATURES.indexOf('logResidents1000m');
const OWN = LOCATION_FEATURES.indexOf('logOwnBranches1000m');
const bank = { effect: 0, newToArea: 0 as const, source: 'overall' as const };

/** Location rows with the residents feature x and k own branches within 1 km. */
function rows(list: { x: number; k: number }[]): Float64Array {
  const v = new Float64Array(list.length * L);
  list.forEach((s, i) => { v[i * L + RES] = s.x; v[i * L + OWN] = Math.log1p(s.k); });
  return v;
}

describe('site forecasts in columns (the form a compute worker answers)', () => {
  it('forecasts, ranks and rounds three sites by hand: e³, e² and e^(5 − ½ ln 4) thousand USD', () => {
    // site 2's residents feature 7 is clamped to 5; its 3 own branches take ½·ln 4 off
    const cols = siteForecastColumns(model, rows([{ x: 2, k: 0 }, { x: 3, k: 0 }, { x: 7, k: 3 }]), 3, bank);
    expect([...cols.rank]).toEqual([3, 2, 1]);
    expect(cols.depositsUsd[1]).toBeCloseTo(Math.exp(3) * 1000, 6);
    expect(cols.depositsUsd[2]).toBeCloseTo(Math.exp(5 - 0.5 * Math.log(4)) * 1000, 6);
    const [a, b, c] = siteForecastDtos(cols);
    expect(a).toEqual({ depositsUsd: 7389, lowUsd: 4482, highUsd: 12182, level: 0.8, ageYears: 10, rank: 3,
      contributions: [{ feature: 'logResidents1000m', value: 2, contributionLog: 2 }] }); // e² = 7.389…, e^1.5 = 4.4817…, e^2.5 = 12.1825…
    expect(b.depositsUsd).toBe(20086); // e³ = 20.0855…
    // largest |contribution| first; the clamped residents value is reported raw and flagged
    expect(c.contributions).toEqual([
      { feature: 'logResidents1000m', value: 7, contributionLog: 5, clamped: true },
      { feature: 'logOwnBranches1000m', value: 1.386294, contributionLog: -0.693147 },
    ]);
    expect(c.depositsUsd).toBe(74207); // e^(5 − 0.693147) = 74.2066…
    // a slice gives the same objects as the whole
    expect(siteForecastDtos(cols, 1, 3)).toEqual([b, c]);
  });

  it('equal forecasts keep site order in the rank; zero contributions are left out', () => {
    const cols = siteForecastColumns(model, rows([{ x: 1, k: 0 }, { x: 1, k: 0 }, { x: 0, k: 0 }]), 3, bank);
    expect([...cols.rank]).toEqual([1, 2, 3]);
    expect(siteForecastDtos(cols, 2, 3)[0].contributions).toEqual([]);
  });

  it('the stepped form pauses every 1,000 sites and gives the same columns', async () => {
    const n = 2 * SITE_FORECASTS_PER_STEP + 1;
    const list = Array.from({ length: n }, (_, i) => ({ x: (i % 50) / 10, k: i % 3 }));
    let pauses = 0;
    const stepped = await runStepsPaused(siteForecastColumnsSteps(model, rows(list), n, bank), async () => { pauses++; });
    expect(pauses).toBe(2);
    expect(stepped).toEqual(siteForecastColumns(model, rows(list), n, bank));
  });
});
