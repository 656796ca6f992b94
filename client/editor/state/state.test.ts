import { describe, expect, it } from 'vitest';
import type { FloorPlan, PlanPoint } from '../../../core/floorplan/model';
import { polygonAreaM2 } from '../../../core/floorplan/geometry';
import { hitTest, idsInBox } from '../hitTest';
import { parseLengthInput } from '../lengthInput';
import { applyPatch, diffPlans, emptyHistory, historyPush, historyRedo, historyUndo } from './patch';
import {
  addDoor, addFixture, addZone, deleteElements, duplicateElements, edgeLengthM, moveVertex, resizeElements,
  rotateElements, setEdgeLength, setElementProps, translateElements,
} from './planEdits';

function plan(): FloorPlan {
  return {
    type: 'outlet-planner/floorplan', version: 2, units: 'm', name: 'T', branchType: 'community',
    outline: { polygon: [[0, 0], [10, 0], [10, 8], [0, 8]], walls: [] },
    zones: [
      { id: 'hall', kind: 'waiting', name: 'Hall', polygon: [[0, 0], [6, 0], [6, 8], [0, 8]], attributes: {} },
      { id: 'office', kind: 'back-office', name: 'Office', polygon: [[6, 0], [10, 0], [10, 8], [6, 8]], attributes: {} },
    ],
    doors: [{ id: 'd1', name: '', a: [6, 3], b: [6, 3.9], clearWidthM: 0.85, swing: { type: 'single', hinge: 'a', side: 'left' },
      connects: ['hall', 'office'], exit: false, mainEntrance: false, accessControlled: true, interlocked: false, lockable: true }],
    fixtures: [{ id: 'atm1', kind: 'atm', name: '', at: [1, 1], widthM: 0.7, depthM: 0.8, rotationDeg: 0, heightM: 1.5, attributes: {} }],
  } as FloorPlan;
}

describe('patch + history', () => {
  it('diff → backward restores the original exactly, forward reproduces the edit', () => {
    const a = plan();
    const b = deleteElements(translateElements(a, ['atm1'], 1, 2), ['office']);
    const p = diffPlans(a, b, 'edit');
    // atm moved, office deleted, d1 deleted with it
    expect(p.changes.map((c) => c.id).sort()).toEqual(['atm1', 'd1', 'office']);
    expect(applyPatch(b, p, 'backward')).toEqual(a);
    expect(applyPatch(a, p, 'forward')).toEqual(b);
  });

  it('undo/redo walk a sequence of edits back and forth; a new edit clears redo', () => {
    const p0 = plan();
    let h = emptyHistory;
    const { plan: p1 } = addZone(p0, [[1, 1], [3, 1], [3, 2], [1, 2]], 'reception');
    h = historyPush(h, diffPlans(p0, p1, 'add'));
    const p2 = setEdgeLength(p1, p1.zones[2].id, 0, 3.5);
    h = historyPush(h, diffPlans(p1, p2, 'width'));
    expect(h.undo).toHaveLength(2);
    const u1 = historyUndo(h, p2)!;
    expect(u1.plan).toEqual(p1);
    const u2 = historyUndo(u1.history, u1.plan)!;
    expect(u2.plan).toEqual(p0);
    expect(historyUndo(u2.history, u2.plan)).toBeNull();
    const r1 = historyRedo(u2.history, u2.plan)!;
    expect(r1.plan).toEqual(p1);
    const r2 = historyRedo(r1.history, r1.plan)!;
    expect(r2.plan).toEqual(p2);
    const h3 = historyPush(u1.history, diffPlans(p1, translateElements(p1, ['hall'], 1, 0), 'move'));
    expect(h3.redo).toHaveLength(0);
    // an edit that changes nothing is not recorded
    expect(historyPush(h, diffPlans(p2, p2, 'noop'))).toBe(h);
  });

  it('undoing a delete puts the element back at its index (render order kept)', () => {
    const a = plan();
    const b = deleteElements(a, ['hall']);
    expect(applyPatch(b, diffPlans(a, b, 'del'), 'backward').zones.map((z) => z.id)).toEqual(['hall', 'office']);
  });
});

describe('plan edits', () => {
  it('typed width on a rectangle keeps it rectangular and gives the exact area', () => {
    const { plan: p, id } = addZone(plan(), [[1, 1], [3, 1], [3, 2.5], [1, 2.5]], 'reception');
    const q = setEdgeLength(p, id, 0, 3.5);
    const z = q.zones.find((e) => e.id === id)!;
    expect(z.polygon).toEqual([[1, 1], [4.5, 1], [4.5, 2.5], [1, 2.5]]);
    expect(edgeLengthM(z, 0)).toBe(3.5);
    expect(edgeLengthM(z, 2)).toBe(3.5);
    expect(polygonAreaM2(z.polygon)).toBeCloseTo(5.25, 12);
  });

  it('typed length on a rotated rectangle edge stays exact (not a bounding box)', () => {
    const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    const ring: PlanPoint[] = [[0, 0], [3 * c, 3 * s], [3 * c - 4 * s, 3 * s + 4 * c], [-4 * s, 4 * c]];
    const { plan: p, id } = addZone(plan(), ring, 'waiting');
    const q = setEdgeLength(p, id, 0, 5);
    const z = q.zones.find((e) => e.id === id)!;
    expect(edgeLengthM(z, 0)).toBeCloseTo(5, 3);
    expect(polygonAreaM2(z.polygon)).toBeCloseTo(20, 3);
  });

  it('rotating a fixture 90° turns its front and keeps its dimensions', () => {
    const q = rotateElements(plan(), ['atm1'], [1, 1], Math.PI / 2);
    const f = q.fixtures[0];
    expect(f.rotationDeg).toBe(90);
    expect(f.widthM).toBe(0.7);
    expect(f.at).toEqual([1, 1]);
  });

  it('rotating a zone about its centre keeps its area', () => {
    const q = rotateElements(plan(), ['hall'], [3, 4], Math.PI / 6);
    expect(polygonAreaM2(q.zones[0].polygon)).toBeCloseTo(48, 3);
  });

  it('resizing maps zone vertices box→box and sets fixture dimensions (no scale factor)', () => {
    const q = resizeElements(plan(), ['hall', 'atm1'], { minX: 0, minY: 0, maxX: 6, maxY: 8 }, { minX: 0, minY: 0, maxX: 3, maxY: 8 });
    expect(q.zones[0].polygon).toEqual([[0, 0], [3, 0], [3, 8], [0, 8]]);
    expect(q.fixtures[0]).toMatchObject({ at: [0.5, 1], widthM: 0.35, depthM: 0.8 });
    expect('scaleX' in q.fixtures[0]).toBe(false);
  });

  it('moves one vertex', () => {
    expect(moveVertex(plan(), 'hall', 2, [6.5, 8]).zones[0].polygon[2]).toEqual([6.5, 8]);
  });

  it('duplicates with fresh ids and an offset', () => {
    const { plan: q, ids } = duplicateElements(plan(), ['hall', 'atm1'], 0.5, 0);
    expect(ids).toHaveLength(2);
    expect(new Set([...q.zones, ...q.fixtures].map((e) => e.id)).size).toBe(q.zones.length + q.fixtures.length);
    expect(q.zones[2].polygon[0]).toEqual([0.5, 0]);
  });

  it('places a door on the nearest edge and finds the zones it connects', () => {
    const { plan: q, id } = addDoor(plan(), [6.1, 6]);
    const d = q.doors.find((e) => e.id === id)!;
    expect(d.a[0]).toBe(6);
    expect(d.b[0]).toBe(6);
    expect(Math.abs(d.b[1] - d.a[1])).toBeCloseTo(0.9, 9);
    expect([...d.connects].sort()).toEqual(['hall', 'office']);
    const { plan: q2, id: id2 } = addDoor(plan(), [3, 8.2]);
    expect(q2.doors.find((e) => e.id === id2)!.connects).toContain('outside');
  });

  it('adds a fixture with catalogue defaults and edits properties', () => {
    const { plan: q, id } = addFixture(plan(), 'counter', [3, 3]);
    expect(q.fixtures.find((f) => f.id === id)).toMatchObject({ widthM: 1.8, depthM: 0.7, heightM: 1.05 });
    expect(setElementProps(q, id, { heightM: 0.86 }).fixtures.find((f) => f.id === id)!.heightM).toBe(0.86);
  });
});

describe('hitTest', () => {
  const o = { selection: [] as string[], selectionBox: null, tolM: 0.1, rotateKnobM: 0.5 };
  it('finds fixtures above zones, zones by containment, and nothing outside', () => {
    expect(hitTest(plan(), [1, 1], o)).toEqual({ kind: 'element', id: 'atm1' });
    expect(hitTest(plan(), [3, 5], o)).toEqual({ kind: 'element', id: 'hall' });
    expect(hitTest(plan(), [8, 5], o)).toEqual({ kind: 'element', id: 'office' });
    expect(hitTest(plan(), [6.02, 3.5], o)).toEqual({ kind: 'element', id: 'd1' });
    expect(hitTest(plan(), [12, 5], o)).toBeNull();
  });
  it('finds vertices and edges of the selected zone, and the rotate knob', () => {
    const sel = { ...o, selection: ['hall'], selectionBox: { minX: 0, minY: 0, maxX: 6, maxY: 8 } };
    expect(hitTest(plan(), [6.05, 8.02], sel)).toEqual({ kind: 'vertex', id: 'hall', index: 2 });
    expect(hitTest(plan(), [3.01, 7.95], sel)).toEqual({ kind: 'handle', handle: 's' });
    expect(hitTest(plan(), [2, 7.95], sel)).toEqual({ kind: 'edge', id: 'hall', index: 2 });
    expect(hitTest(plan(), [3, -0.5], sel)).toEqual({ kind: 'handle', handle: 'rotate' });
  });
  it('marquee takes only elements fully inside', () => {
    expect(idsInBox(plan(), { minX: -1, minY: -1, maxX: 6.5, maxY: 9 })).toEqual(['hall', 'd1', 'atm1']);
  });
});

describe('parseLengthInput', () => {
  it('reads metres, cm, mm, decimal commas and width × height', () => {
    expect(parseLengthInput('3.5')).toEqual({ aM: 3.5 });
    expect(parseLengthInput('3,5')).toEqual({ aM: 3.5 });
    expect(parseLengthInput('350cm')).toEqual({ aM: 3.5 });
    expect(parseLengthInput('3500 mm')).toEqual({ aM: 3.5 });
    expect(parseLengthInput('3.5x2')).toEqual({ aM: 3.5, bM: 2 });
    expect(parseLengthInput('3500×2000mm')).toEqual({ aM: 3.5, bM: 2 });
    expect(parseLengthInput('80cm x 1.2m')).toEqual({ aM: 0.8, bM: 1.2 });
  });
  it('rejects non-lengths', () => {
    for (const s of ['', 'abc', '0', '-2', '3..5', '3x', 'x3']) expect(parseLengthInput(s)).toBeNull();
  });
});
