import { describe, expect, it } from 'vitest';
import { LOCATION_FEATURES } from '../forecast/features';
import type { ForecastModel } from '../forecast/model';
import { siteSetForecast, totalWithInterval } from '../forecast/siteSet';
import { haversineM } from '../geo/haversine';
import { evaluateForecastDeposits, optimizeForecastDeposits } from './forecastDeposits';

/**
 * A two-column model, ln D (USD thousands) = 1·logResidents1000m + b·logOwnBranches1000m (means 0, sds 1, intercept 0),
 * so every forecast is computable by hand: a site with x residents-feature and k own branches within 1 km holds
 * exp(x + b·ln(1 + k)) thousand USD.
 */
function model(b: number): ForecastModel {
  return {
    features: ['logResidents1000m', 'logOwnBranches1000m'], means: [0, 0], sds: [1, 1], coef: [1, b], coefCi95: [[1, 1], [b, b]],
    intercept: 0, lambda: 0, n: 100, residualQuantilesLog: { low: -0.5, high: 0.5, level: 0.8 },
    bank: { overallMean: 0, shrinkK: 0, institutions: [], elsewhereLogMedianK: {} },
    forecastYear: 2023, matureAgeYears: 10, targetScale: 1000, featureRange: [[-100, 100], [-100, 100]],
  };
}

const L = LOCATION_FEATURES.length;
const RES = LOCATION_FEATURES.indexOf('logResidents1000m');
const OWN1000 = LOCATION_FEATURES.indexOf('logOwnBranches1000m');

/** Sites at (lng, lat) with a residents feature each and today's own branches within 1 km. */
function sites(list: { lng: number; lat: number; x: number; own?: number }[]) {
  const location = new Float64Array(list.length * L);
  list.forEach((s, k) => { location[k * L + RES] = s.x; location[k * L + OWN1000] = Math.log1p(s.own ?? 0); });
  return { location, lng: list.map((s) => s.lng), lat: list.map((s) => s.lat) };
}
const bank = { effect: 0, newToArea: 0 as const, source: 'overall' as const };

describe('the coverage optimiser with the objective "forecast deposits"', () => {
  it('greedy picks the site with the highest forecast: $e³ thousand beats e² and e¹', () => {
    // three sites ≈ 8.4 km apart on a parallel: no interaction
    const s = sites([{ lng: -74.0, lat: 40.7, x: 1 }, { lng: -73.9, lat: 40.7, x: 3 }, { lng: -73.8, lat: 40.7, x: 2 }]);
    const set = siteSetForecast(model(-1), s.location, s.lng, s.lat, bank, 0);
    const r = optimizeForecastDeposits(set, 1);
    expect(r.selected).toEqual([1]);
    expect(r.valueUsd).toBeCloseTo(Math.exp(3) * 1000, 6);
    // p = 2 without interaction: the two highest, e³ + e²
    const r2 = optimizeForecastDeposits(set, 2);
    expect(r2.selected).toEqual([1, 2]);
    expect(r2.valueUsd).toBeCloseTo((Math.exp(3) + Math.exp(2)) * 1000, 6);
  });

  it("a chosen site re-forecasts its neighbour: with b = −1 a second site 600 m away loses to a farther, weaker one", () => {
    // A (x = 3) and B (x = 2.9) 600 m apart; C (x = 2.5) 8 km away. Alone: A e³ = 20.09, B e^2.9 = 18.17, C e^2.5 = 12.18.
    // With A open, B has one own branch within 1 km: e^(2.9 − ln 2) = 9.09, and A drops to e^(3 − ln 2) = 10.04 —
    // adding B gains 9.09 − 10.04 < 0, adding C gains 12.18, so the set is {A, C} = 32.27 (ranking alone would say {A, B}).
    const dLng = 600 / (haversineM(-74, 40.7, -73, 40.7) / 1);
    const s = sites([{ lng: -74.0, lat: 40.7, x: 3 }, { lng: -74.0 + dLng, lat: 40.7, x: 2.9 }, { lng: -73.9, lat: 40.7, x: 2.5 }]);
    expect(haversineM(s.lng[0], s.lat[0], s.lng[1], s.lat[1])).toBeCloseTo(600, 0);
    const set = siteSetForecast(model(-1), s.location, s.lng, s.lat, bank, 0);
    const r = optimizeForecastDeposits(set, 2, { maxPasses: 0 });
    expect(r.selected).toEqual([0, 2]);
    expect(r.valueUsd).toBeCloseTo((Math.exp(3) + Math.exp(2.5)) * 1000, 6);
    // {A, B} re-forecast together: each has the other within 1 km
    const ab = evaluateForecastDeposits(set, [0, 1]);
    expect(ab.logForecast[0]).toBeCloseTo(3 - Math.log(2), 12);
    expect(ab.logForecast[1]).toBeCloseTo(2.9 - Math.log(2), 12);
    expect(ab.valueUsd).toBeLessThan(r.valueUsd);
  });

  it('minSpacingM keeps chosen sites apart: with A chosen, B (600 m away) is not eligible at 1 km spacing', () => {
    const dLng = 600 / haversineM(-74, 40.7, -73, 40.7);
    // b = 0: no interaction, so without spacing the two best (A, B) win; with 1 km spacing B is excluded → {A, C}
    const s = sites([{ lng: -74.0, lat: 40.7, x: 3 }, { lng: -74.0 + dLng, lat: 40.7, x: 2.9 }, { lng: -73.9, lat: 40.7, x: 2.5 }]);
    const set = siteSetForecast(model(0), s.location, s.lng, s.lat, bank, 0);
    expect(optimizeForecastDeposits(set, 2).selected).toEqual([0, 1]);
    const spaced = optimizeForecastDeposits(set, 2, { minSpacingM: 1000 });
    expect(spaced.selected).toEqual([0, 2]);
    expect(spaced.valueUsd).toBeCloseTo((Math.exp(3) + Math.exp(2.5)) * 1000, 6);
    // 600 m spacing is not enough to block a site 600 m away (closer than, not as close as)
    expect(optimizeForecastDeposits(set, 2, { minSpacingM: 500 }).selected).toEqual([0, 1]);
    // at 5 km spacing only A and C (8.4 km apart) can both be chosen: p = 3 stops at 2; at 10 km only A
    expect(optimizeForecastDeposits(set, 3, { minSpacingM: 5000 }).selected).toEqual([0, 2]);
    expect(optimizeForecastDeposits(set, 3, { minSpacingM: 10_000 }).selected).toEqual([0]);
  });

  it("today's own branches stay in the forecast: a site with 3 own branches within 1 km starts at e^(x − ln 4)", () => {
    const s = sites([{ lng: -74.0, lat: 40.7, x: 3, own: 3 }]);
    const set = siteSetForecast(model(-1), s.location, s.lng, s.lat, bank, 0);
    expect(set.standaloneLog[0]).toBeCloseTo(3 - Math.log(4), 12);
    expect(evaluateForecastDeposits(set, [0]).valueUsd).toBeCloseTo(Math.exp(3 - Math.log(4)) * 1000, 6);
  });

  it('swap repairs a greedy trap: with b = +1 a close pair beats the best single site', () => {
    // A (x = 3) far from a pair B, B' (x = 2.6 each, 200 m apart). p = 2. Greedy: A (20.09) then B (13.46) = 33.55.
    // The pair together: each e^(2.6 + ln 2) = 26.93 → 53.85; the swap search finds it.
    const d = 200 / haversineM(-74, 40.7, -73, 40.7);
    const s = sites([{ lng: -73.9, lat: 40.7, x: 3 }, { lng: -74.0, lat: 40.7, x: 2.6 }, { lng: -74.0 + d, lat: 40.7, x: 2.6 }]);
    const set = siteSetForecast(model(1), s.location, s.lng, s.lat, bank, 0);
    const g = optimizeForecastDeposits(set, 2, { maxPasses: 0 });
    // greedy's second pick is the pair member: adding B after A gains e^2.6 = 13.46 (no interaction with A)
    expect(g.greedyValueUsd).toBeCloseTo((Math.exp(3) + Math.exp(2.6)) * 1000, 6);
    const r = optimizeForecastDeposits(set, 2);
    expect([...r.selected].sort()).toEqual([1, 2]);
    expect(r.valueUsd).toBeCloseTo(2 * Math.exp(2.6 + Math.log(2)) * 1000, 6);
    expect(r.swaps).toBe(1);
  });

  it('the total is the sum of point forecasts; the interval sums the ends (comonotone) or simulates independent residuals', () => {
    const logs = [Math.log(100), Math.log(50)];
    const t = totalWithInterval(logs, 1000, [0], { low: -0.5, high: 0.5, level: 0.8 });
    expect(t.totalUsd).toBeCloseTo(150_000, 6);
    expect(t.comonotone.lowUsd).toBeCloseTo(150_000 * Math.exp(-0.5), 6);
    expect(t.comonotone.highUsd).toBeCloseTo(150_000 * Math.exp(0.5), 6);
    // one residual of 0: every draw is the point total
    expect(t.independent!.lowUsd).toBeCloseTo(150_000, 6);
    // residuals ±0.5 equally likely: the independent interval lies strictly inside the comonotone one
    const u = totalWithInterval(logs, 1000, [-0.5, 0.5], { low: -0.5, high: 0.5, level: 0.8 });
    expect(u.independent!.lowUsd).toBeGreaterThan(u.comonotone.lowUsd - 1e-6);
    expect(u.independent!.highUsd).toBeLessThan(u.comonotone.highUsd + 1e-6);
    expect(u.independent!.lowUsd).toBeLessThan(u.totalUsd);
  });
});
