import { describe, expect, it } from 'vitest';
import { outsideBoroughs, residualRadius } from './residualMap';
import type { BasemapResponse } from '../../core/api/basemap';

describe('residual map', () => {
  it('sizes a dot by how many times more or less than forecast a branch holds, capped at ×20', () => {
    expect(residualRadius(0)).toBe(1.5);
    expect(residualRadius(Math.log(3))).toBeCloseTo(3.148, 3); // 1.5 + 1.5 · 1.0986
    expect(residualRadius(-Math.log(3))).toBeCloseTo(3.148, 3); // a third of the forecast: the same size, blue
    expect(residualRadius(Math.log(10))).toBeCloseTo(4.954, 3);
    expect(residualRadius(Math.log(20))).toBeCloseTo(5.994, 3); // the cap is e³ = ×20.1
    // the hold-out 2023 branch furthest below its forecast: Bcb Community Bank, Staten Island, ln 6.42 vs 10.14 (×41 less)
    expect(residualRadius(6.421622 - 10.136706)).toBe(6);
  });
  it('finds the branches whose coordinates lie outside every borough (the FDIC files Wyandanch under Queens)', () => {
    // Queens as a box around its extent; the real hold-out points: Citibank at Little Neck Pkwy (inside) and the
    // Wyandanch branch, Suffolk County (STCNTYBR 36081 in the SOD)
    const queens: BasemapResponse['boroughs'] = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 4, name: 'Queens' },
      geometry: { type: 'Polygon', coordinates: [[[-73.962, 40.542], [-73.700, 40.542], [-73.700, 40.801], [-73.962, 40.801], [-73.962, 40.542]]] } }] };
    const citibank = { branchId: 214172, lng: -73.70184, lat: 40.752172 };
    const wyandanch = { branchId: 580419, lng: -73.35837, lat: 40.755597 };
    expect(outsideBoroughs([citibank, wyandanch], queens)).toEqual([wyandanch]);
  });
});
