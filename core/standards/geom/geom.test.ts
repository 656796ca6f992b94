import { describe, expect, it } from 'vitest';
import { locatePoint, rotatePoint } from '../../floorplan/geometry';
import { ringProblems, sharedEdges } from './polygon';
import { largestInscribedCircle } from './inscribedCircle';
import { clipConvex, isConvex } from './convexClip';
import { burnRing, createGrid, distanceTransform } from './raster';
import type { PlanPoint } from '../../floorplan/model';

const rect = (x0: number, y0: number, x1: number, y1: number): PlanPoint[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

describe('geometry primitives of the checker', () => {
  it('a point exactly on a boundary is on the boundary (not inside, not outside)', () => {
    const r = rect(0, 0, 4, 3);
    expect(locatePoint([4, 1.5], r)).toBe('boundary');
    expect(locatePoint([0, 0], r)).toBe('boundary');
    expect(locatePoint([2, 1.5], r)).toBe('inside');
    expect(locatePoint([4.0001, 1.5], r)).toBe('outside');
  });
  it('shared edge length of two zones, partial and touching-at-a-corner', () => {
    expect(sharedEdges(rect(0, 0, 4, 3), rect(4, 1, 6, 5)).reduce((s, e) => s + e.lengthM, 0)).toBeCloseTo(2, 12);
    expect(sharedEdges(rect(0, 0, 4, 3), rect(4, 3, 6, 5))).toEqual([]);
  });
  it('validity: the repeated closing vertex and winding do not matter', () => {
    expect(ringProblems([...rect(0, 0, 4, 3), [0, 0]])).toEqual([]);
    expect(ringProblems(rect(0, 0, 4, 3).reverse())).toEqual([]);
  });
  it('largest inscribed circle of a rotated 3 × 1.6 m rectangle has diameter 1.6 m (not its bounding box)', () => {
    const r = rect(0, 0, 3, 1.6).map((p) => rotatePoint(p, 37, [1.5, 0.8]));
    expect(2 * largestInscribedCircle(r, [], 0.0005).radiusM).toBeCloseTo(1.6, 2);
  });
  it('convex clip: two unit squares offset by half overlap in 0.5 m²', () => {
    const c = clipConvex(rect(0, 0, 1, 1), rect(0.5, 0, 1.5, 1));
    const a = Math.abs(c.reduce((s, p, i) => s + p[0] * c[(i + 1) % c.length][1] - c[(i + 1) % c.length][0] * p[1], 0) / 2);
    expect(a).toBeCloseTo(0.5, 12);
    expect(isConvex([[0, 0], [2, 0], [2, 2], [1, 1], [0, 2]])).toBe(false);
  });
  it('distance transform: the middle cells of a 1.0 m strip on a 5 cm grid sit 0.475 m from its edge (their centres are ½ cell off the centreline)', () => {
    const g = createGrid({ minX: 0, minY: 0, maxX: 4, maxY: 1 }, 0.05);
    burnRing(g, rect(0, 0, 4, 1), 1);
    const { distM } = distanceTransform(g);
    expect(Math.max(...distM)).toBeCloseTo(0.475, 6);
  });
});
