import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPointIndex, within } from './pointIndex';
import { collectWithinUnit, createNeighbourBuffer, createUnitVectorIndex } from './unitVectors';
import { haversineM } from './haversine';

describe('collectWithinUnit', () => {
  it('finds exactly what the haversine radius query finds, with the same distances (property, NYC-sized cloud)', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: -74.3, max: -73.6, noNaN: true }), fc.double({ min: 40.4, max: 41, noNaN: true })), { minLength: 1, maxLength: 300 }),
      fc.double({ min: -74.3, max: -73.6, noNaN: true }), fc.double({ min: 40.4, max: 41, noNaN: true }), fc.double({ min: 10, max: 20_000, noNaN: true }),
      (pts, lng, lat, r) => {
        const index = createPointIndex(pts.map((p) => p[0]), pts.map((p) => p[1]));
        const buf = createNeighbourBuffer(2);
        collectWithinUnit(createUnitVectorIndex(index), lng, lat, r, buf);
        const expected = within(index, lng, lat, r);
        const got = Array.from({ length: buf.count }, (_, k) => ({ i: buf.i[k], distanceM: buf.distanceM[k] })).sort((a, b) => a.i - b.i);
        const exp = expected.map((n) => n.i).sort((a, b) => a - b);
        expect(got.map((g) => g.i)).toEqual(exp);
        for (const g of got) expect(Math.abs(g.distanceM - haversineM(lng, lat, index.lng[g.i], index.lat[g.i]))).toBeLessThan(1e-6);
      }), { numRuns: 200 });
  });
  it('a known distance: Empire State → Grand Central ≈ 838 m; empty index gives nothing', () => {
    const index = createPointIndex([-73.9772], [40.7527]);
    const buf = createNeighbourBuffer();
    collectWithinUnit(createUnitVectorIndex(index), -73.9857, 40.7484, 1000, buf);
    expect(buf.count).toBe(1);
    expect(buf.distanceM[0]).toBeCloseTo(haversineM(-73.9857, 40.7484, -73.9772, 40.7527), 6);
    collectWithinUnit(createUnitVectorIndex(createPointIndex([], [])), 0, 0, 1000, buf);
    expect(buf.count).toBe(0);
  });
});

describe('nearestUnit', () => {
  it('equals pointIndex.nearest, with and without a filter (property)', async () => {
    const { nearest } = await import('./pointIndex');
    const { nearestUnit } = await import('./unitVectors');
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: -74.3, max: -73.6, noNaN: true }), fc.double({ min: 40.4, max: 41, noNaN: true })), { minLength: 0, maxLength: 200 }),
      fc.double({ min: -74.5, max: -73.4, noNaN: true }), fc.double({ min: 40.3, max: 41.1, noNaN: true }),
      (pts, lng, lat) => {
        const index = createPointIndex(pts.map((p) => p[0]), pts.map((p) => p[1]));
        const u = createUnitVectorIndex(index);
        const buf = createNeighbourBuffer(4);
        const odd = (i: number) => i % 2 === 1;
        for (const accept of [undefined, odd]) {
          const a = nearest(index, lng, lat, 50_000, accept);
          const b = nearestUnit(u, lng, lat, buf, 50_000, accept);
          if (a === null) expect(b).toBeNull();
          else expect(b!.distanceM).toBeCloseTo(a.distanceM, 6);
        }
      }), { numRuns: 200 });
  });
});
