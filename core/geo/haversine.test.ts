import { describe, expect, it } from 'vitest';
import { haversineM, metresToLatDeg, metresToLngDeg } from './haversine';
import { createPointIndex, nearest, within } from './pointIndex';

describe('haversineM', () => {
  it('one degree of latitude is R·π/180', () => {
    expect(haversineM(0, 0, 0, 1)).toBeCloseTo((6_371_008.8 * Math.PI) / 180, 6);
  });
  it('is symmetric and zero on the same point', () => {
    expect(haversineM(-73.98, 40.75, -73.97, 40.76)).toBeCloseTo(haversineM(-73.97, 40.76, -73.98, 40.75), 9);
    expect(haversineM(-73.98, 40.75, -73.98, 40.75)).toBe(0);
  });
});

describe('pointIndex', () => {
  // points due north of the origin at 100 m steps
  const step = (100 / 6_371_008.8) * (180 / Math.PI);
  const lat = Array.from({ length: 20 }, (_, k) => 40 + k * step);
  const lng = lat.map(() => -74);
  const idx = createPointIndex(lng, lat);
  it('finds exactly the points within the radius, by great-circle distance', () => {
    const found = within(idx, -74, 40, 450);
    expect(found.map((n) => n.i)).toEqual([0, 1, 2, 3, 4]);
    expect(found[4].distanceM).toBeCloseTo(400, 6);
  });
  it('nearest respects a filter', () => {
    expect(nearest(idx, -74, 40 + 3.2 * step)!.i).toBe(3);
    expect(nearest(idx, -74, 40 + 3.2 * step, 5000, (i) => i % 2 === 0)!.i).toBe(4);
  });
  it('an empty index finds nothing', () => {
    const empty = createPointIndex([], []);
    expect(within(empty, 0, 0, 1e6)).toEqual([]);
    expect(nearest(empty, 0, 0)).toBeNull();
  });
});

describe('metresToLngDeg', () => {
  it('covers the distance along a parallel: 1 km at 60° is twice the degrees of 1 km at the equator, and haversine agrees', () => {
    expect(metresToLngDeg(1000, 0)).toBeCloseTo(metresToLatDeg(1000), 12);
    expect(metresToLngDeg(1000, 60)).toBeCloseTo(2 * metresToLatDeg(1000), 12);
    expect(metresToLngDeg(1000, -60)).toBe(metresToLngDeg(1000, 60));
    // along the parallel at 40.75° N (Midtown), the east-west span is ≥ 1 km (the great circle is the shorter path)
    expect(haversineM(-73.98, 40.75, -73.98 + metresToLngDeg(1000, 40.75), 40.75)).toBeCloseTo(1000, 0);
  });
  it('caps the latitude at 89.9° and the answer at 180°', () => {
    expect(metresToLngDeg(1000, 90)).toBe(metresToLngDeg(1000, 89.9));
    expect(metresToLngDeg(5_000_000, 89)).toBe(180);
  });
});
