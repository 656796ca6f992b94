import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  doorSwingNormal, fixtureFootprint, fixtureFrontNormal, fixtureFrontRectangle, polygonAreaM2, polygonCentroid,
  locatePoint, pointRingDistanceM, pointSegmentDistance, polygonContainsPoint, polygonEdges, polygonPerimeterM, pointsBounds,
  rectanglePolygon, rotatePoint, segmentsIntersect,
} from './geometry';
import type { PlanPoint } from './model';

describe('polygonAreaM2', () => {
  const rect: PlanPoint[] = [[0, 0], [4, 0], [4, 3], [0, 3]];

  it('measures a 4 × 3 rectangle as 12 m² in either winding, with or without the closing vertex', () => {
    expect(polygonAreaM2(rect)).toBe(12);
    expect(polygonAreaM2(rect.slice().reverse())).toBe(12);
    expect(polygonAreaM2([...rect, rect[0]])).toBe(12);
    expect(polygonAreaM2([...rect.slice().reverse(), rect[3]])).toBe(12);
  });

  it('measures a 3 × 4 m rectangle rotated 30° as 12.000 m², not its bounding box', () => {
    const r = rectanglePolygon([5, 5], 3, 4, 30);
    expect(polygonAreaM2(r)).toBeCloseTo(12, 9);
    const b = pointsBounds(r);
    const bboxArea = (b.maxX - b.minX) * (b.maxY - b.minY);
    // bounding box of the rotated rectangle: (3cos30 + 4sin30) × (3sin30 + 4cos30) = 4.598 × 4.964 = 22.83 m²
    expect(bboxArea).toBeCloseTo((3 * Math.cos(Math.PI / 6) + 2) * (1.5 + 4 * Math.cos(Math.PI / 6)), 9);
    expect(bboxArea).toBeGreaterThan(22.8);
  });

  it('measures an L-shaped room by hand: 6 × 4 minus 2 × 2 = 20 m²', () => {
    const l: PlanPoint[] = [[0, 0], [6, 0], [6, 2], [4, 2], [4, 4], [0, 4]];
    expect(polygonAreaM2(l)).toBe(20);
    expect(polygonPerimeterM(l)).toBe(20);
  });

  it('is invariant under winding, closing vertex, vertex rotation and translation (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.1, max: 50, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }),
      fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: 0, max: 3 }),
      fc.double({ min: -100, max: 100, noNaN: true }),
      (w, d, rot, shift, tx) => {
        const r = rectanglePolygon([tx, -tx], w, d, rot);
        const shifted = [...r.slice(shift), ...r.slice(0, shift)];
        const expected = w * d;
        for (const ring of [r, r.slice().reverse(), [...r, r[0]], shifted]) {
          expect(Math.abs(polygonAreaM2(ring) - expected)).toBeLessThan(1e-9 * Math.max(1, expected, tx * tx));
        }
      }), { numRuns: 200 });
  });
});

describe('centroid, edges, bounds, rotation', () => {
  it('finds the centroid of a rectangle and of an L shape', () => {
    expect(polygonCentroid([[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]])).toEqual([2, 1]);
    // L = 6×2 strip (centroid 3,1; 12 m²) + 4×2 block (centroid 2,3; 8 m²) → (3·12 + 2·8)/20, (1·12 + 3·8)/20
    const c = polygonCentroid([[0, 0], [6, 0], [6, 2], [4, 2], [4, 4], [0, 4]]);
    expect(c[0]).toBeCloseTo(2.6, 12);
    expect(c[1]).toBeCloseTo(1.8, 12);
  });

  it('lists closed edges without doubling a closing vertex', () => {
    expect(polygonEdges([[0, 0], [1, 0], [1, 1], [0, 0]])).toEqual([[[0, 0], [1, 0]], [[1, 0], [1, 1]], [[1, 1], [0, 0]]]);
  });

  it('rotates clockwise on screen (y down): +x rotated 90° points to +y', () => {
    const p = rotatePoint([1, 0], 90);
    expect(p[0]).toBeCloseTo(0, 15);
    expect(p[1]).toBeCloseTo(1, 15);
  });
});

describe('fixtures and doors', () => {
  it('an unrotated ATM 0.8 wide × 0.7 deep at (2, 1) faces +y; its 0.76 × 1.22 clear space starts at its front', () => {
    const atm = { at: [2, 1] as PlanPoint, widthM: 0.8, depthM: 0.7, rotationDeg: 0 };
    expect(fixtureFootprint(atm)).toEqual([[1.6, 0.65], [2.4, 0.65], [2.4, 1.35], [1.6, 1.35]]);
    expect(fixtureFrontNormal(atm)).toEqual([-0, 1]);
    const cfs = fixtureFrontRectangle(atm, 0.76, 1.22);
    const b = pointsBounds(cfs);
    expect(b.minY).toBeCloseTo(1.35, 12);
    expect(b.maxY).toBeCloseTo(2.57, 12);
    expect(b.maxX - b.minX).toBeCloseTo(0.76, 12);
  });

  it('a fixture rotated 90° faces −x', () => {
    const n = fixtureFrontNormal({ rotationDeg: 90 });
    expect(n[0]).toBeCloseTo(-1, 15);
    expect(n[1]).toBeCloseTo(0, 15);
  });

  it('a door a→b along +x swinging left opens towards −y (up the screen)', () => {
    expect(doorSwingNormal({ a: [0, 5], b: [1, 5], swing: { type: 'single', hinge: 'a', side: 'left' } })).toEqual([0, -1]);
    expect(doorSwingNormal({ a: [0, 5], b: [1, 5], swing: { type: 'single', hinge: 'a', side: 'right' } })).toEqual([-0, 1]);
  });
});

describe('polygonContainsPoint, locatePoint, pointSegmentDistance (the one planar home)', () => {
  const rect: PlanPoint[] = [[0, 0], [4, 0], [4, 3], [0, 3]];
  const lShape: PlanPoint[] = [[0, 0], [6, 0], [6, 2], [4, 2], [4, 4], [0, 4]];

  it('finds points inside and outside a concave L, in either winding, with or without the closing vertex', () => {
    for (const ring of [lShape, [...lShape].reverse(), [...lShape, lShape[0]]]) {
      expect(polygonContainsPoint(ring, [1, 1])).toBe(true);
      expect(polygonContainsPoint(ring, [5, 1])).toBe(true);
      // the notch of the L (x 4–6, y 2–4) is outside
      expect(polygonContainsPoint(ring, [5, 3])).toBe(false);
      expect(polygonContainsPoint(ring, [-0.001, 1])).toBe(false);
    }
  });

  it('a point on a vertex row counts once: (2, 0) on the bottom edge and (5, 2) level with the notch corner', () => {
    // the ray from (−1, 2) passes through vertices (6, 2) and (4, 2): half-open edges count the crossing once
    expect(polygonContainsPoint(lShape, [-1, 2])).toBe(false);
    expect(polygonContainsPoint(lShape, [1, 2])).toBe(true);
  });

  it('locatePoint: a point exactly on the boundary is on the boundary, 0.1 mm off it is not', () => {
    expect(locatePoint([4, 1.5], rect)).toBe('boundary');
    expect(locatePoint([2, 0], rect)).toBe('boundary');
    expect(locatePoint([4.0001, 1.5], rect)).toBe('outside');
    expect(locatePoint([3.9999, 1.5], rect)).toBe('inside');
  });

  it('pointSegmentDistance: 1.25 m to a 4 m segment, clamped to its ends, with the position t along it', () => {
    expect(pointSegmentDistance([1, 1.25], [0, 0], [4, 0])).toEqual({ closest: [1, 0], distanceM: 1.25, t: 0.25 });
    // beyond b: the distance to b, a 3-4-5 triangle
    expect(pointSegmentDistance([7, 4], [0, 0], [4, 0])).toEqual({ closest: [4, 0], distanceM: 5, t: 1 });
    expect(pointSegmentDistance([3, 4], [0, 0], [0, 0])).toEqual({ closest: [0, 0], distanceM: 5, t: 0 });
    expect(pointRingDistanceM([2, 1], rect)).toBe(1);
    expect(pointRingDistanceM([5, 1.5], rect)).toBe(1);
  });

  it('segmentsIntersect: crossing, touching at an end, collinear overlap, and apart', () => {
    expect(segmentsIntersect([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsIntersect([0, 0], [2, 0], [2, 0], [3, 1])).toBe(true);
    expect(segmentsIntersect([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true);
    expect(segmentsIntersect([0, 0], [2, 0], [0, 1], [2, 1])).toBe(false);
  });
});
