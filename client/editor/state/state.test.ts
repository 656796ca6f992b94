import { describe, expect, it } from 'vitest';
import type { FloorPlan, PlanPoint } from '../../../core/floorplan/model';
import { polygonAreaM2 } from '../../../core/floorplan/geometry';
import { hitTest, idsInBox } from '../hitTest';
import { parseLengthInput } from '../lengthInput';
import { rectInitial, rectTool, type RectState } from '../tools/rectTool';
import { EditorStore, intentToCommand } from './editorStore';
import { edgeLengthM, newDoor, newFixture } from './planEdits';

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

describe('EditorStore (model commands + history)', () => {
  const ctx = { selection: [] as string[], hitTest: () => null, selectionBox: () => null, idsInBox: () => [], dragThresholdM: 0.05 };
  const ev = (type: 'down' | 'move' | 'up', p: PlanPoint) => ({ type, world: p, raw: p, shift: false });

  it('a drawn rectangle is one step; typed width, undo and redo restore exact plans', () => {
    const s = new EditorStore();
    s.load(plan(), { id: 'p', version: 1 });
    s.newZoneKind = 'reception';
    let t: RectState = rectInitial;
    for (const e of [ev('down', [1, 1]), ev('move', [2, 2]), ev('move', [3, 2.5])]) {
      const r = rectTool(t, e, ctx);
      s.applyTool(r);
      t = r.state;
    }
    expect(s.getSnapshot().undoDepth).toBe(0);
    s.applyTool(rectTool(t, ev('up', [3, 2.5]), ctx));
    const snap = s.getSnapshot();
    expect(snap.undoDepth).toBe(1);
    expect(snap.plan!.zones).toHaveLength(3);
    const id = snap.selection[0];
    const z = snap.plan!.zones.find((e) => e.id === id)!;
    expect(z).toMatchObject({ kind: 'reception', polygon: [[1, 1], [3, 1], [3, 2.5], [1, 2.5]] });
    expect(s.exec({ type: 'setEdgeLength', zoneId: id, edgeIndex: 0, lengthM: 3.5 })).toBe(true);
    const z2 = s.getSnapshot().plan!.zones.find((e) => e.id === id)!;
    expect(edgeLengthM(z2, 0)).toBe(3.5);
    expect(edgeLengthM(z2, 2)).toBe(3.5);
    expect(polygonAreaM2(z2.polygon)).toBeCloseTo(5.25, 12);
    s.undo();
    expect(s.getSnapshot().plan!.zones.find((e) => e.id === id)!.polygon).toEqual(z.polygon);
    s.undo();
    expect(s.getSnapshot().plan).toEqual(plan());
    expect(s.getSnapshot().dirty).toBe(false);
    s.redo();
    s.redo();
    expect(s.getSnapshot().plan!.zones.find((e) => e.id === id)!.polygon).toEqual(z2.polygon);
    expect(s.getSnapshot().redoDepth).toBe(0);
  });

  it('a drag previews without recording and commits ONE move', () => {
    const s = new EditorStore();
    s.load(plan(), null);
    s.setSelection(['atm1']);
    s.applyTool({ state: null, preview: { type: 'translate', ids: ['atm1'], dxM: 0.5, dyM: 0 } });
    s.applyTool({ state: null, preview: { type: 'translate', ids: ['atm1'], dxM: 1, dyM: 0.5 } });
    expect(s.getSnapshot().view!.fixtures[0].at).toEqual([2, 1.5]);
    expect(s.getSnapshot().plan!.fixtures[0].at).toEqual([1, 1]);
    expect(s.getSnapshot().undoDepth).toBe(0);
    s.applyTool({ state: null, preview: null, commit: { type: 'translate', ids: ['atm1'], dxM: 1, dyM: 0.5 } });
    expect(s.getSnapshot().plan!.fixtures[0].at).toEqual([2, 1.5]);
    expect(s.getSnapshot().undoDepth).toBe(1);
    expect(s.getSnapshot().dirty).toBe(true);
  });

  it('deleting a zone takes its doors with it, and one undo brings both back', () => {
    const s = new EditorStore();
    s.load(plan(), null);
    s.setSelection(['office']);
    s.deleteSelection();
    expect(s.getSnapshot().plan!.doors).toHaveLength(0);
    expect(s.getSnapshot().plan!.zones.map((z) => z.id)).toEqual(['hall']);
    s.undo();
    expect(s.getSnapshot().plan).toEqual(plan());
  });

  it('duplicate selects the copies; nudge moves 10 cm as one step', () => {
    const s = new EditorStore();
    s.load(plan(), null);
    s.setSelection(['atm1']);
    s.duplicateSelection();
    const sel = s.getSnapshot().selection;
    expect(sel).toHaveLength(1);
    expect(sel[0]).not.toBe('atm1');
    expect(s.getSnapshot().plan!.fixtures.find((f) => f.id === sel[0])!.at).toEqual([1.5, 1.5]);
    s.nudge(0.1, 0);
    expect(s.getSnapshot().plan!.fixtures.find((f) => f.id === sel[0])!.at[0]).toBeCloseTo(1.6, 12);
    expect(s.getSnapshot().undoDepth).toBe(2);
  });

  it('intentToCommand maps rotations to degrees and drops no-op moves', () => {
    expect(intentToCommand(plan(), { type: 'rotate', ids: ['hall'], center: [3, 4], angleRad: Math.PI / 2 }, 'waiting'))
      .toEqual({ type: 'rotateElements', ids: ['hall'], about: [3, 4], angleDeg: 90 });
    expect(intentToCommand(plan(), { type: 'translate', ids: ['hall'], dxM: 0, dyM: 0 }, 'waiting')).toBeNull();
  });
});

describe('new elements', () => {
  it('places a door on the nearest edge and finds the zones it connects', () => {
    const d = newDoor(plan(), [6.1, 6]);
    expect(d.a[0]).toBe(6);
    expect(d.b[0]).toBe(6);
    expect(Math.abs(d.b[1] - d.a[1])).toBeCloseTo(0.9, 9);
    expect([...d.connects].sort()).toEqual(['hall', 'office']);
    expect(newDoor(plan(), [3, 8.2]).connects).toContain('outside');
    expect(d.id).toBe('door-5');
  });

  it('a fixture gets catalogue defaults and a fresh id', () => {
    expect(newFixture(plan(), 'counter', [3, 3])).toMatchObject({ id: 'counter-5', widthM: 1.8, depthM: 0.7, heightM: 1.05, rotationDeg: 0 });
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
