import { describe, expect, it } from 'vitest';
import { NYC_BOUNDS, OUTLET_BBOX, outletBbox } from './coverageArea';

describe('the box of own outlets drawn on the coverage maps', () => {
  it('New York City keeps its box with New Jersey and Westchester', () => {
    expect(outletBbox(NYC_BOUNDS)).toEqual(OUTLET_BBOX);
  });

  it('Cook County, IL: its own box widened by 0.1° (≈ 8 km east–west, 11 km north–south), not the NYC box', () => {
    const cook: [number, number, number, number] = [-88.2634, 41.4696, -87.5241, 42.1542];
    const [w, s, e, n] = outletBbox(cook);
    expect(w).toBeCloseTo(-88.3634, 6);
    expect(s).toBeCloseTo(41.3696, 6);
    expect(e).toBeCloseTo(-87.4241, 6);
    expect(n).toBeCloseTo(42.2542, 6);
    // a Chicago Loop branch (-87.6298, 41.8781) is inside; a Manhattan one is not
    expect(-87.6298 >= w && -87.6298 <= e && 41.8781 >= s && 41.8781 <= n).toBe(true);
    expect(-73.98 >= w && -73.98 <= e).toBe(false);
  });
});
