import { describe, expect, it } from 'vitest';
import type { FloorPlan } from '../../../core/floorplan/model';
import { elementsBounds, OUTLINE_ID } from '../../../core/floorplan/elements';
import type { Vec2, Viewport } from '../viewport';
import { polygonInitial } from './polygonTool';
import { rectInitial } from './rectTool';
import {
  cancelStep, closePolygonStep, DEFAULT_SNAP, dimensionAnchorM, dimensionStep, doubleClickStep, drawingMode, initialMachines,
  pointerSnapExclusions, pointerStep, snapPointer, toolContext, typedEdgeCommand, undoPolygonPointStep,
  type ToolId, type ToolMachines, type ToolStep,
} from './toolController';
import type { ToolPointer } from './types';

/** A 10 × 8 m outline: hall (0–6 m) and office (6–10 m) side by side, a 1 m booth in the hall, a door, an ATM. */
function plan(): FloorPlan {
  return {
    type: 'outlet-planner/floorplan', version: 2, units: 'm', name: 'T', branchType: 'community',
    outline: { polygon: [[0, 0], [10, 0], [10, 8], [0, 8]], walls: [] },
    zones: [
      { id: 'hall', kind: 'waiting', name: 'Hall', polygon: [[0, 0], [6, 0], [6, 8], [0, 8]], attributes: {} },
      { id: 'office', kind: 'back-office', name: 'Office', polygon: [[6, 0], [10, 0], [10, 8], [6, 8]], attributes: {} },
      { id: 'booth', kind: 'advice-room', name: 'Booth', polygon: [[1, 1], [2, 1], [2, 2], [1, 2]], attributes: {} },
    ],
    doors: [{ id: 'd1', name: '', a: [6, 3], b: [6, 3.9], clearWidthM: 0.85, swing: { type: 'single', hinge: 'a', side: 'left' },
      connects: ['hall', 'office'], exit: false, mainEntrance: false, accessControlled: true, interlocked: false, lockable: true }],
    fixtures: [{ id: 'atm1', kind: 'atm', name: '', at: [8, 6], widthM: 0.7, depthM: 0.8, rotationDeg: 0, heightM: 1.5, attributes: {} }],
  } as FloorPlan;
}

/** 40 px per metre: the 8 px snap reach is 0.2 m, the 6 px hit tolerance 0.15 m, the 3 px drag threshold 0.075 m. */
const VP: Viewport = { pxPerM: 40, offsetXPx: 0, offsetYPx: 0 };
const TOL_M = 0.2;

function ctxFor(p: FloorPlan, selection: string[]) {
  return toolContext({ view: p, plan: p, selection, selectionBox: elementsBounds(p, selection), viewport: VP });
}
const ev = (type: ToolPointer['type'], at: Vec2, alt = false): ToolPointer => ({ type, world: at, raw: at, shift: false, alt });

/** Drive one tool through pointer events, as the editor does (machines carried from step to step). */
function drive(tool: ToolId, p: FloorPlan, selection: string[], events: ToolPointer[]): ToolStep[] {
  let machines: ToolMachines = initialMachines();
  return events.map((e) => {
    const step = pointerStep({ tool, machines, pointer: e, ctx: ctxFor(p, selection), plan: p, snap: DEFAULT_SNAP, snapToleranceM: TOL_M, calibration: null });
    machines = step.machines;
    return step;
  });
}

describe('snapPointer', () => {
  const p = plan();
  it('pulls to a vertex, then an edge (free coordinate on the 10 cm grid), then the grid', () => {
    expect(snapPointer(p, [5.93, 0.07], new Set(), false, DEFAULT_SNAP, TOL_M)).toEqual({ point: [6, 0], kind: 'vertex' });
    expect(snapPointer(p, [6.07, 3.33], new Set(), false, DEFAULT_SNAP, TOL_M)).toEqual({ point: [6, 3.3], kind: 'edge' });
    expect(snapPointer(p, [3.04, 4.46], new Set(), false, DEFAULT_SNAP, TOL_M)).toEqual({ point: [3, 4.5], kind: 'grid' });
  });

  it('Alt, switched-off snaps and excluded shapes leave the edge alone', () => {
    expect(snapPointer(p, [6.07, 3.33], new Set(), true, DEFAULT_SNAP, TOL_M)).toEqual({ point: [6.07, 3.33], kind: 'none' });
    expect(snapPointer(p, [6.07, 3.33], new Set(['hall', 'office']), false, DEFAULT_SNAP, TOL_M)).toEqual({ point: [6.1, 3.3], kind: 'grid' });
    const off = { ...DEFAULT_SNAP, grid: false, vertex: false, edge: false };
    expect(snapPointer(p, [6.07, 3.33], new Set(), false, off, TOL_M)).toEqual({ point: [6.07, 3.33], kind: 'none' });
  });

  it('with Select the moving selection is excluded, the selected outline as a snap target too', () => {
    expect([...pointerSnapExclusions('select', [OUTLINE_ID, 'booth'])].sort()).toEqual(['#outline', '__outline', 'booth']);
    expect(pointerSnapExclusions('rect', ['booth']).size).toBe(0);
  });
});

describe('pointerStep', () => {
  it('a dragged zone lands on the neighbouring edge (object snap: 3.93 m → 4 m), Alt keeps the raw move', () => {
    const [, move, up] = drive('select', plan(), ['booth'], [ev('down', [1.5, 1.5]), ev('move', [5.43, 1.5]), ev('up', [5.43, 1.5])]);
    expect(move.result?.preview).toEqual({ type: 'translate', ids: ['booth'], dxM: 4, dyM: 0 });
    expect(move.snapKind).toBe('edge');
    expect(up.result?.commit).toEqual({ type: 'translate', ids: ['booth'], dxM: 4, dyM: 0 });
    const [, , altUp] = drive('select', plan(), ['booth'], [ev('down', [1.5, 1.5], true), ev('move', [5.43, 1.5], true), ev('up', [5.43, 1.5], true)]);
    expect(altUp.result?.commit).toEqual({ type: 'translate', ids: ['booth'], dxM: 3.93, dyM: 0 });
    expect(altUp.snapKind).toBeUndefined();
  });

  it('a lone door is not object-snapped: it slides along its wall', () => {
    const [, move] = drive('select', plan(), ['d1'], [ev('down', [6, 3.45]), ev('move', [6.1, 5.45])]);
    expect(move.result?.preview).toEqual({ type: 'translate', ids: ['d1'], dxM: 0, dyM: 2 });
  });

  it('the rectangle tool draws a zone; the outline-rectangle tool the outline, selected, then back to Select', () => {
    const [, zoneUp] = drive('rect', plan(), [], [ev('down', [1, 1]), ev('up', [4, 3])]);
    expect(zoneUp.result?.commit).toEqual({ type: 'createZone', ring: [[1, 1], [4, 1], [4, 3], [1, 3]] });
    expect(zoneUp.nextTool).toBeUndefined();
    const [, outlineUp] = drive('outlineRect', plan(), [], [ev('down', [0, 0]), ev('up', [12, 9])]);
    expect(outlineUp.result?.commit).toEqual({ type: 'createOutline', ring: [[0, 0], [12, 0], [12, 9], [0, 9]] });
    expect(outlineUp.select).toEqual([OUTLINE_ID]);
    expect(outlineUp.nextTool).toBe('select');
    expect(outlineUp.machines.rect).toEqual(rectInitial);
  });

  it('Door puts a 0.9 m door centred on the nearest edge, between the zones on either side', () => {
    const [step] = drive('door', plan(), [], [ev('down', [6.02, 5])]);
    expect(step.command).toMatchObject({ type: 'addDoor', door: { id: 'door-6', a: [6, 4.55], b: [6, 5.45], clearWidthM: 0.85, connects: ['office', 'hall'] } });
    expect(step.select).toEqual(['door-6']);
    expect(step.nextTool).toBe('select');
  });

  it('Fixture places the catalogue size at the snapped point; moves and releases do nothing', () => {
    const [move, down] = drive('fixture:atm', plan(), [], [ev('move', [3, 4]), { ...ev('down', [3.02, 4]), world: [3, 4] }]);
    expect(move).toEqual({ machines: initialMachines() });
    expect(down.command).toMatchObject({ type: 'addFixture', fixture: { id: 'atm-6', kind: 'atm', at: [3, 4], widthM: 0.7, depthM: 0.8, rotationDeg: 0 } });
  });

  it('Calibrate keeps the last two raw points and then asks for their distance', () => {
    const base = { tool: 'calibrate' as ToolId, machines: initialMachines(), ctx: ctxFor(plan(), []), plan: plan(), snap: DEFAULT_SNAP, snapToleranceM: TOL_M };
    const first = pointerStep({ ...base, pointer: ev('down', [1, 1]), calibration: [] });
    expect(first.calibration).toEqual([[1, 1]]);
    expect(first.openDimension).toBeUndefined();
    const third = pointerStep({ ...base, pointer: ev('down', [4, 5]), calibration: [[0, 0], [1, 1]] });
    expect(third.calibration).toEqual([[1, 1], [4, 5]]);
    expect(third.openDimension).toEqual({ mode: 'calibrate', atM: [4, 5] });
    expect(pointerStep({ ...base, pointer: ev('down', [4, 5]), calibration: null }).calibration).toBeUndefined();
  });
});

describe('doubleClickStep (vertex edits)', () => {
  const dbl = (selection: string[], raw: Vec2, snapped: Vec2 = raw, tool: ToolId = 'select', machines = initialMachines()) =>
    doubleClickStep({ tool, machines, view: plan(), ctx: ctxFor(plan(), selection), rawM: raw, snappedM: snapped });

  it('on an edge of the selected zone inserts a vertex at the snapped point on it (0.1 mm), and selects the zone', () => {
    const s = dbl(['hall'], [2.5, 0.03], [2.53, 0.02]);
    expect(s.command).toEqual({ type: 'insertVertex', zoneId: 'hall', index: 1, at: [2.53, 0] });
    expect(s.select).toEqual(['hall']);
  });

  it('on a vertex removes it, unless the zone would drop below three', () => {
    expect(dbl(['hall'], [6, 8]).command).toEqual({ type: 'deleteVertex', zoneId: 'hall', index: 2 });
    const tri = plan();
    tri.zones[2] = { ...tri.zones[2], polygon: [[1, 1], [2, 1], [2, 2]] };
    const s = doubleClickStep({ tool: 'select', machines: initialMachines(), view: tri, ctx: ctxFor(tri, ['booth']), rawM: [2, 2], snappedM: [2, 2] });
    expect(s.command).toBeUndefined();
  });

  it('on the selected outline edits its corners and keeps it selected even if the model refuses', () => {
    const s = dbl([OUTLINE_ID], [8, 8.05], [8.02, 8]);
    expect(s.command).toEqual({ type: 'insertOutlineVertex', index: 3, at: [8.02, 8] });
    expect(s).toMatchObject({ select: [OUTLINE_ID], selectEvenIfRefused: true });
    expect(dbl([OUTLINE_ID], [10, 0]).command).toEqual({ type: 'deleteOutlineVertex', index: 1 });
  });

  it('closes the ring with the polygon tool; nothing happens off a shape', () => {
    const drawing = { ...initialMachines(), polygon: { mode: 'drawing' as const, points: [[0, 0], [3, 0], [3, 2]] as Vec2[], cursor: [1, 2] as Vec2 } };
    const s = dbl([], [1, 2], [1, 2], 'polygon', drawing);
    expect(s.result?.commit).toEqual({ type: 'createZone', ring: [[0, 0], [3, 0], [3, 2]] });
    expect(s.machines.polygon).toEqual(polygonInitial);
    expect(dbl(['hall'], [3, 4]).command).toBeUndefined();
  });
});

describe('keyboard gestures', () => {
  const drawing: ToolMachines = { ...initialMachines(), polygon: { mode: 'drawing', points: [[0, 0], [3, 0], [3, 2]], cursor: [1, 2] } };

  it('Escape cancels the drawing and returns to Select; with Select it clears the selection', () => {
    const poly = cancelStep('outline', drawing);
    expect(poly.machines.polygon).toEqual(polygonInitial);
    expect(poly.result).toEqual({ state: polygonInitial, guide: null });
    expect(poly.nextTool).toBe('select');
    expect(cancelStep('select', initialMachines())).toMatchObject({ select: [], result: { preview: null, guide: null } });
    expect(cancelStep('select', initialMachines()).nextTool).toBeUndefined();
    expect(cancelStep('door', initialMachines())).toMatchObject({ select: [], nextTool: 'select' });
  });

  it('Enter closes the outline ring into the outline; Backspace drops the last vertex', () => {
    expect(closePolygonStep('outline', drawing)).toMatchObject({ result: { commit: { type: 'createOutline', ring: [[0, 0], [3, 0], [3, 2]] } }, select: [OUTLINE_ID], nextTool: 'select' });
    expect(undoPolygonPointStep('polygon', drawing).machines.polygon).toEqual({ mode: 'drawing', points: [[0, 0], [3, 0]], cursor: [1, 2] });
  });

  it('knows which drawing a typed number sizes', () => {
    expect(drawingMode('outline', drawing)).toBe('polygon');
    expect(drawingMode('select', drawing)).toBeNull();
    expect(drawingMode('outlineRect', { ...initialMachines(), rect: { mode: 'placing', anchor: [0, 0], current: [1, 1] } })).toBe('rect');
  });
});

describe('dimension box', () => {
  const p = plan();
  it('a typed length sets the selected edge (else edge 1→2); WxD sets the next edge too', () => {
    expect(typedEdgeCommand(p, { selection: ['hall'], selectedEdge: { id: 'hall', index: 1 } }, 5))
      .toEqual({ type: 'setEdgeLength', zoneId: 'hall', edgeIndex: 1, lengthM: 5 });
    expect(typedEdgeCommand(p, { selection: ['hall'], selectedEdge: { id: 'hall', index: 3 } }, 5, 4)).toEqual({ type: 'batch', commands: [
      { type: 'setEdgeLength', zoneId: 'hall', edgeIndex: 3, lengthM: 5 }, { type: 'setEdgeLength', zoneId: 'hall', edgeIndex: 0, lengthM: 4 }] });
    expect(typedEdgeCommand(p, { selection: [OUTLINE_ID], selectedEdge: null }, 12, 9)).toEqual({ type: 'batch', commands: [
      { type: 'setOutlineEdgeLength', edgeIndex: 0, lengthM: 12 }, { type: 'setOutlineEdgeLength', edgeIndex: 1, lengthM: 9 }] });
  });

  it('a fixture gets its width (and depth); two selected or a door get nothing', () => {
    expect(typedEdgeCommand(p, { selection: ['atm1'], selectedEdge: null }, 0.9, 0.6)).toEqual({ type: 'setProperties', id: 'atm1', patch: { widthM: 0.9, depthM: 0.6 } });
    expect(typedEdgeCommand(p, { selection: ['atm1'], selectedEdge: null }, 0.9)).toEqual({ type: 'setProperties', id: 'atm1', patch: { widthM: 0.9 } });
    expect(typedEdgeCommand(p, { selection: ['hall', 'office'], selectedEdge: null }, 5)).toBeNull();
    expect(typedEdgeCommand(p, { selection: ['d1'], selectedEdge: null }, 5)).toBeNull();
  });

  it('sizes the rectangle being drawn (outline tool: the outline) and asks for calibration only with two points', () => {
    const machines: ToolMachines = { ...initialMachines(), rect: { mode: 'dragging', anchor: [10, 10], current: [7.2, 12.47] } };
    const base = { tool: 'outlineRect' as ToolId, machines, plan: p, selection: [], selectedEdge: null, calibration: null };
    expect(dimensionStep({ ...base, mode: 'rect', aM: 3.5 })).toMatchObject({
      result: { commit: { type: 'createOutline', ring: [[6.5, 10], [10, 10], [10, 12.47], [6.5, 12.47]] } }, select: [OUTLINE_ID], nextTool: 'select' });
    expect(dimensionStep({ ...base, mode: 'calibrate', aM: 3, calibration: [[0, 0], [1, 1]] })).toMatchObject({ calibrateLengthM: 3, calibration: [], nextTool: 'select' });
    expect(dimensionStep({ ...base, mode: 'calibrate', aM: 3, calibration: [[0, 0]] })).toEqual({ machines });
  });

  it('opens at the middle of the selected edge, else at the pointer', () => {
    expect(dimensionAnchorM(p, { id: 'hall', index: 1 }, [1, 1])).toEqual([6, 4]);
    expect(dimensionAnchorM(p, { id: OUTLINE_ID, index: 2 }, null)).toEqual([5, 8]);
    expect(dimensionAnchorM(p, null, [1, 1])).toEqual([1, 1]);
    expect(dimensionAnchorM(p, null, null)).toBeNull();
  });
});
