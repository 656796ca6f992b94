import { describe, expect, it } from 'vitest';
import type { FloorPlan, PlanPoint } from '../../../core/floorplan/model';
import { polygonAreaM2 } from '../../../core/floorplan/geometry';
import { hitTest, idsInBox } from '../hitTest';
import { parseLengthInput } from '../lengthInput';
import { rectInitial, rectTool, type RectState } from '../tools/rectTool';
import { EditorStore, intentToCommand } from './editorStore';
import { blankPlan, edgeLengthM, newDoor, newFixture, OUTLINE_ID } from '../../../core/floorplan/elements';
import { loadPlan } from '../../../core/floorplan/load';

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

  it('a drawn zone is named from its kind and the next index, in the UI language', () => {
    const ring: PlanPoint[] = [[1, 1], [2, 1], [2, 2], [1, 2]];
    const en = intentToCommand(plan(), { type: 'createZone', ring }, 'waiting');
    expect(en).toMatchObject({ type: 'addZone', zone: { kind: 'waiting', name: 'Waiting area 2' } });
    const zh = intentToCommand(plan(), { type: 'createZone', ring }, 'waiting', 'zh');
    expect(zh).toMatchObject({ type: 'addZone', zone: { name: '休息等候区 2' } });
    expect(intentToCommand(plan(), { type: 'createZone', ring }, 'vault', 'en')).toMatchObject({ zone: { name: 'Vault 1' } });
    // a taken name is skipped
    const p = plan(); p.zones[1] = { ...p.zones[1], name: 'Waiting area 2' };
    expect(intentToCommand(p, { type: 'createZone', ring }, 'waiting')).toMatchObject({ zone: { name: 'Waiting area 3' } });
    const s = new EditorStore(); s.load(plan(), { id: 'p', version: 1 }); s.locale = 'zh'; s.newZoneKind = 'waiting';
    expect(s.exec(intentToCommand(s.getSnapshot().plan!, { type: 'createZone', ring }, s.newZoneKind, s.locale)!)).toBe(true);
    expect(s.getSnapshot().plan!.zones.at(-1)!.name).toBe('休息等候区 2');
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

describe('outline editing in the store', () => {
  it('a drawn outline replaces the polygon and the exterior walls (one per side, 0.2 m) as ONE step; undo restores exactly', () => {
    const s = new EditorStore();
    const withWalls = { ...plan(), outline: { polygon: plan().outline.polygon, walls: [
      { id: 'w-ext', a: [0, 0], b: [10, 0], thicknessM: 0.3, fullHeight: true, glazed: false, exterior: true },
      { id: 'w-int', a: [6, 0], b: [6, 8], thicknessM: 0.1, fullHeight: true, glazed: false, exterior: false },
    ] } } as FloorPlan;
    s.load(withWalls, { id: 'p', version: 1 });
    s.applyTool({ state: null, commit: { type: 'createOutline', ring: [[0, 0], [12.5, 0], [12.5, 9], [0, 9]] } });
    const p = s.getSnapshot().plan!;
    expect(s.getSnapshot().undoDepth).toBe(1);
    expect(p.outline.polygon).toEqual([[0, 0], [12.5, 0], [12.5, 9], [0, 9]]);
    expect(polygonAreaM2(p.outline.polygon)).toBeCloseTo(112.5, 12);
    expect(p.outline.walls.map((w) => [w.id, w.a, w.b, w.thicknessM, w.exterior])).toEqual([
      ['wall-1', [0, 0], [12.5, 0], 0.2, true], ['wall-2', [12.5, 0], [12.5, 9], 0.2, true],
      ['wall-3', [12.5, 9], [0, 9], 0.2, true], ['wall-4', [0, 9], [0, 0], 0.2, true],
      ['w-int', [6, 0], [6, 8], 0.1, false],
    ]);
    s.undo();
    expect(s.getSnapshot().plan).toEqual(withWalls);
    s.redo();
    expect(s.getSnapshot().plan!.outline.polygon).toEqual([[0, 0], [12.5, 0], [12.5, 9], [0, 9]]);
  });

  it('the selected outline: its corners and sides hit-test, a corner drag is one moveOutlineVertex step, translate never moves it', () => {
    const s = new EditorStore();
    s.load(plan(), { id: 'p', version: 1 });
    const p0 = s.getSnapshot().plan!;
    const o = { selection: [OUTLINE_ID], selectionBox: { minX: 0, minY: 0, maxX: 10, maxY: 8 }, tolM: 0.1, rotateKnobM: 0.5 };
    expect(hitTest(p0, [10.05, 8.02], o)).toEqual({ kind: 'vertex', id: OUTLINE_ID, index: 2 });
    expect(hitTest(p0, [10.04, 4], o)).toEqual({ kind: 'edge', id: OUTLINE_ID, index: 1 });
    // not selected: a point on the outline side (no wall, no zone edge selected) picks the outline; inside a zone picks the zone
    const none = { selection: [], selectionBox: null, tolM: 0.1, rotateKnobM: 0.5 };
    expect(hitTest(p0, [10.05, 4], none)).toEqual({ kind: 'element', id: OUTLINE_ID });
    expect(hitTest(p0, [3, 4], none)).toEqual({ kind: 'element', id: 'hall' });
    s.setSelection([OUTLINE_ID]);
    s.applyTool({ state: null, commit: { type: 'moveVertex', id: OUTLINE_ID, index: 2, to: [11, 9] } });
    expect(s.getSnapshot().plan!.outline.polygon).toEqual([[0, 0], [10, 0], [11, 9], [0, 8]]);
    expect(s.getSnapshot().undoDepth).toBe(1);
    expect(intentToCommand(p0, { type: 'translate', ids: [OUTLINE_ID], dxM: 1, dyM: 0 }, 'waiting')).toBeNull();
    s.deleteSelection(); // the outline cannot be deleted
    expect(s.getSnapshot().undoDepth).toBe(1);
    expect(s.getSnapshot().selection).toEqual([OUTLINE_ID]);
  });

  it('a wall is hit within half its thickness and its flags change as one undoable step', () => {
    const s = new EditorStore();
    const p1 = { ...plan(), outline: { polygon: plan().outline.polygon, walls: [
      { id: 'w-e', a: [10, 0], b: [10, 8], thicknessM: 0.3, fullHeight: true, glazed: false, exterior: true },
    ] } } as FloorPlan;
    s.load(p1, { id: 'p', version: 1 });
    const none = { selection: [], selectionBox: null, tolM: 0.05, rotateKnobM: 0.5 };
    expect(hitTest(p1, [9.87, 4], none)).toEqual({ kind: 'element', id: 'w-e' });
    expect(hitTest(p1, [9.8, 4], none)).toEqual({ kind: 'element', id: 'office' });
    s.setSelection(['w-e']);
    s.exec({ type: 'setProperties', id: 'w-e', patch: { glazed: true, thicknessM: 0.12 } });
    expect(s.getSnapshot().plan!.outline.walls[0]).toMatchObject({ glazed: true, thicknessM: 0.12, fullHeight: true });
    expect(s.getSnapshot().selection).toEqual(['w-e']);
    s.undo();
    expect(s.getSnapshot().plan).toEqual(p1);
  });

  it('a fixture resize intent becomes one setProperties (centre, width, depth) command', () => {
    const p0 = plan();
    expect(intentToCommand(p0, { type: 'resizeFixture', id: 'atm1', at: [1.1, 1], widthM: 0.9, depthM: 0.8 }, 'waiting'))
      .toEqual({ type: 'setProperties', id: 'atm1', patch: { at: [1.1, 1], widthM: 0.9, depthM: 0.8 } });
  });

  it('a blank plan in cm carries the 12 × 10 m outline in centimetres, and loads back to metres', () => {
    const b = blankPlan('New', 'self-service-pod', 'cm');
    expect(b.units).toBe('cm');
    expect(b.branchType).toBe('self-service-pod');
    expect(b.outline.polygon).toEqual([[0, 0], [1200, 0], [1200, 1000], [0, 1000]]);
    expect(b.outline.walls.map((w) => w.thicknessM)).toEqual([20, 20, 20, 20]);
    const m = loadPlan(b);
    expect(m.outline.polygon).toEqual([[0, 0], [12, 0], [12, 10], [0, 10]]);
    expect(m.outline.walls[0].thicknessM).toBeCloseTo(0.2, 12);
  });
});

describe('a selected door has no box handles', () => {
  it('pressing the middle of the selected door grabs the door (to slide it), not a resize handle', () => {
    const p0 = plan();
    const o = { selection: ['d1'], selectionBox: { minX: 6, minY: 3, maxX: 6, maxY: 3.9 }, tolM: 0.1, rotateKnobM: 0.5 };
    expect(hitTest(p0, [6, 3.45], o)).toEqual({ kind: 'element', id: 'd1' });
    expect(hitTest(p0, [6, 3], o)).toEqual({ kind: 'element', id: 'd1' });
  });
});

describe('arrow-key nudge of a door', () => {
  it('moves it along its wall, and an arrow across the wall records nothing', () => {
    const s = new EditorStore();
    s.load(plan(), { id: 'p', version: 1 });
    s.setSelection(['d1']);
    s.nudge(0.1, 0); // across the x = 6 partition
    expect(s.getSnapshot().undoDepth).toBe(0);
    s.nudge(0, 1); // along it
    expect(s.getSnapshot().plan!.doors[0]).toMatchObject({ a: [6, 4], b: [6, 4.9] });
    expect(s.getSnapshot().undoDepth).toBe(1);
  });
});
