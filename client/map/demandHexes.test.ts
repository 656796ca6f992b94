import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { classOf, demandHexes, hexAreaKm2, quantileBreaks, roundSignificant } from './demandHexes';

describe('residents per hexagon', () => {
  it('sums the residents of the points inside each H3 res-8 hexagon and drops empty ones', () => {
    // two block groups 30 m apart near the Empire State Building share a hexagon; one in Flushing has its own
    const hexes = demandHexes([
      { lng: -73.9857, lat: 40.7484, population: 1200 },
      { lng: -73.9854, lat: 40.7486, population: 800 },
      { lng: -73.8303, lat: 40.7596, population: 1500 },
      { lng: -73.95, lat: 40.70, population: 0 },
    ]);
    expect(hexes.map((h) => h.residents)).toEqual([2000, 1500]);
    expect(hexes[0].h3).toBe(latLngToCell(40.7484, -73.9857, 8));
    expect(hexes[0].polygon.length).toBeGreaterThanOrEqual(6);
    expect(hexAreaKm2(8)).toBeCloseTo(0.737, 3);
  });
  it('class breaks are the quantiles rounded to two significant digits, starting at 0', () => {
    expect(roundSignificant(12_345)).toBe(12_000);
    expect(roundSignificant(1_260)).toBe(1_300);
    expect(roundSignificant(0)).toBe(0);
    const values = Array.from({ length: 100 }, (_, k) => (k + 1) * 101); // 101 … 10,100
    // quantile k/4 → sorted[25k] = 2,626 / 5,151 / 7,676 → 2,600 / 5,200 / 7,700
    expect(quantileBreaks(values, 4)).toEqual([0, 2600, 5200, 7700]);
    expect(quantileBreaks([5, 5, 5], 4)).toEqual([0, 5]);
    expect(quantileBreaks([], 6)).toEqual([0]);
    expect(classOf(2599, [0, 2600, 5200])).toBe(0);
    expect(classOf(2600, [0, 2600, 5200])).toBe(1);
    expect(classOf(99_999, [0, 2600, 5200])).toBe(2);
  });
});
