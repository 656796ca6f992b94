import { describe, expect, it } from 'vitest';
import { roundTo, snapPoint, snapToGrid, snapTranslation, targetsFromPolygons } from './snap';
import { pointSegmentDistance } from '../../core/floorplan/geometry';

const square = { id: 'a', ring: [[0, 0], [4, 0], [4, 3], [0, 3]] as [number, number][] };

describe('snap', () => {
  it('rounds to the grid without float noise', () => {
    expect(snapToGrid([0.31, 1.249], 0.1)).toEqual([0.3, 1.2]);
    expect(roundTo(0.1 + 0.2, 0.1)).toBe(0.3);
  });

  it('projects onto a segment, clamped to its ends', () => {
    const c = pointSegmentDistance([2, 1], [0, 0], [4, 0]);
    expect(c.closest).toEqual([2, 0]);
    expect(c.distanceM).toBe(1);
    expect(pointSegmentDistance([9, 1], [0, 0], [4, 0]).closest).toEqual([4, 0]);
  });

  it('prefers a vertex, then an edge, then the grid', () => {
    const t = targetsFromPolygons([square]);
    expect(t.vertices).toHaveLength(4);
    expect(t.edges).toHaveLength(4);
    const v = snapPoint([4.05, 2.96], t, { toleranceM: 0.1, gridM: 0.5 });
    expect(v).toMatchObject({ point: [4, 3], kind: 'vertex' });
    // near the right edge (x = 4) but far from vertices: lands on the edge, y kept on the grid
    const e = snapPoint([4.07, 1.52], t, { toleranceM: 0.1, gridM: 0.1 });
    expect(e.kind).toBe('edge');
    expect(e.point).toEqual([4, 1.5]);
    const g = snapPoint([2.26, 1.74], t, { toleranceM: 0.1, gridM: 0.5 });
    expect(g).toMatchObject({ point: [2.5, 1.5], kind: 'grid' });
    expect(snapPoint([2.26, 1.74], t, { toleranceM: 0.1 })).toMatchObject({ point: [2.26, 1.74], kind: 'none' });
  });

  it('skips excluded shapes (the one being dragged)', () => {
    const t = targetsFromPolygons([square], new Set(['a']));
    expect(snapPoint([4.01, 3.01], t, { toleranceM: 0.1 }).kind).toBe('none');
  });

  it('honours vertex/edge switches', () => {
    const t = targetsFromPolygons([square]);
    expect(snapPoint([4.01, 3.01], t, { toleranceM: 0.1, vertexSnap: false }).kind).toBe('edge');
    expect(snapPoint([4.01, 3.01], t, { toleranceM: 0.1, vertexSnap: false, edgeSnap: false, gridM: 1 }).kind).toBe('grid');
  });
});

describe('snapTranslation', () => {
  const wall = targetsFromPolygons([{ id: 'w', ring: [[0, 0], [10, 0], [10, 8], [0, 8]] }]);
  it('pulls a moved corner onto a target vertex', () => {
    // a 2 × 1 box whose corner (2, 1) would land at (10.04, 8.03): corrected onto (10, 8)
    const r = snapTranslation([[0, 0], [2, 0], [2, 1], [0, 1]], 8.04, 7.03, wall, { toleranceM: 0.1 });
    expect(r).toEqual({ dxM: 8, dyM: 7, kind: 'vertex' });
  });
  it('falls back to an edge, then to no change', () => {
    const r = snapTranslation([[0, 0], [1, 0]], 3.5, 0.06, wall, { toleranceM: 0.1 });
    expect(r.kind).toBe('edge');
    expect(r.dyM).toBeCloseTo(0, 9);
    expect(r.dxM).toBeCloseTo(3.5, 9);
    expect(snapTranslation([[0, 0]], 3.5, 3.5, wall, { toleranceM: 0.1 })).toEqual({ dxM: 3.5, dyM: 3.5, kind: 'none' });
  });
  it('respects the vertex/edge switches', () => {
    expect(snapTranslation([[2, 1]], 8.04, 7.03, wall, { toleranceM: 0.1, vertexSnap: false }).kind).toBe('edge');
    expect(snapTranslation([[2, 1]], 8.04, 7.03, wall, { toleranceM: 0.1, vertexSnap: false, edgeSnap: false }).kind).toBe('none');
  });
});
