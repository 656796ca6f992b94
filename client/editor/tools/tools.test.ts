import { describe, expect, it } from 'vitest';
import type { Vec2 } from '../viewport';
import { polygonApplyTypedLength, polygonClose, polygonInitial, polygonTool, polygonUndoPoint, constrain45, type PolygonState } from './polygonTool';
import { rectApplyTypedSize, rectInitial, rectTool, type RectState } from './rectTool';
import { handleLocalSides, resizeBox, resizeFixtureLocal, rotationAngle, selectInitial, selectTool, type SelectState } from './selectTool';
import { doorHostEdge, slideDoorDelta } from '../../../core/floorplan/elements';
import type { FloorPlan } from '../../../core/floorplan/model';
import type { Box, Hit, Intent, ToolContext, ToolPointer } from './types';

function ctx(over: Partial<ToolContext> = {}): ToolContext {
  return {
    selection: [],
    hitTest: () => null,
    selectionBox: () => null,
    idsInBox: () => [],
    dragThresholdM: 0.05,
    ...over,
  };
}
const ev = (type: ToolPointer['type'], p: Vec2, shift = false): ToolPointer => ({ type, world: p, raw: p, shift });

describe('rectTool', () => {
  it('press-drag-release creates one zone with the dragged corners', () => {
    let s: RectState = rectInitial;
    s = rectTool(s, ev('down', [1, 1]), ctx()).state;
    const mid = rectTool(s, ev('move', [3, 2]), ctx());
    expect(mid.guide?.box).toEqual({ minX: 1, minY: 1, maxX: 3, maxY: 2 });
    expect(mid.commit).toBeUndefined();
    const r = rectTool(mid.state, ev('up', [4, 3.5]), ctx());
    expect(r.state.mode).toBe('idle');
    expect(r.commit).toEqual({ type: 'createZone', ring: [[1, 1], [4, 1], [4, 3.5], [1, 3.5]] });
  });

  it('dragging up-left normalises the box', () => {
    let s: RectState = rectTool(rectInitial, ev('down', [5, 5]), ctx()).state;
    const r = rectTool(s, ev('up', [2, 3]), ctx());
    expect(r.commit).toEqual({ type: 'createZone', ring: [[2, 3], [5, 3], [5, 5], [2, 5]] });
  });

  it('a click without drag waits for the second corner', () => {
    let s: RectState = rectTool(rectInitial, ev('down', [0, 0]), ctx()).state;
    const up = rectTool(s, ev('up', [0.01, 0]), ctx());
    expect(up.commit).toBeUndefined();
    expect(up.state.mode).toBe('placing');
    s = rectTool(up.state, ev('move', [2, 1]), ctx()).state;
    const r = rectTool(s, ev('down', [2, 1]), ctx());
    expect(r.commit).toEqual({ type: 'createZone', ring: [[0, 0], [2, 0], [2, 1], [0, 1]] });
  });

  it('typed width (and height) sets the exact size in the pulled direction', () => {
    let s: RectState = rectTool(rectInitial, ev('down', [10, 10]), ctx()).state;
    s = rectTool(s, ev('move', [7.2, 12.47]), ctx()).state; // pulling left and down, 2.47 m high
    const r = rectApplyTypedSize(s, 3.5)!;
    expect(r.commit).toEqual({ type: 'createZone', ring: [[6.5, 10], [10, 10], [10, 12.47], [6.5, 12.47]] });
    const r2 = rectApplyTypedSize(s, 3.5, 2)!;
    expect(r2.commit).toEqual({ type: 'createZone', ring: [[6.5, 10], [10, 10], [10, 12], [6.5, 12]] });
    expect(rectApplyTypedSize(rectInitial, 3)).toBeNull();
    expect(rectApplyTypedSize(s, -1)).toBeNull();
  });

  it('a sliver thinner than 5 cm creates nothing', () => {
    const s = rectTool(rectInitial, ev('down', [0, 0]), ctx()).state;
    const r = rectTool(s, ev('up', [3, 0.02]), ctx());
    expect(r.commit).toBeUndefined();
    expect(r.state.mode).toBe('idle');
  });
});

describe('polygonTool', () => {
  function draw(points: Vec2[]): PolygonState {
    let s: PolygonState = polygonInitial;
    for (const p of points) s = polygonTool(s, ev('down', p), ctx()).state;
    return s;
  }

  it('clicking the first vertex closes the ring', () => {
    const s = draw([[0, 0], [4, 0], [4, 3]]);
    const r = polygonTool(s, ev('down', [0.02, 0.03]), ctx());
    expect(r.commit).toEqual({ type: 'createZone', ring: [[0, 0], [4, 0], [4, 3]] });
    expect(r.state.mode).toBe('idle');
  });

  it('double-click (same point twice) closes; with < 3 vertices nothing is created', () => {
    const s = draw([[0, 0], [4, 0], [4, 3], [0, 3]]);
    expect(polygonTool(s, ev('down', [0, 3]), ctx()).commit).toEqual({ type: 'createZone', ring: [[0, 0], [4, 0], [4, 3], [0, 3]] });
    expect(polygonClose(draw([[0, 0], [1, 0]])).commit).toBeUndefined();
  });

  it('Backspace removes the last vertex', () => {
    const s = polygonUndoPoint(draw([[0, 0], [4, 0], [4, 3]])).state;
    expect(s).toMatchObject({ mode: 'drawing', points: [[0, 0], [4, 0]] });
  });

  it('typed length places the next vertex exactly, towards the pointer', () => {
    let s = draw([[1, 1]]);
    s = polygonTool(s, ev('move', [1, 9]), ctx()).state; // pointing straight down
    const r = polygonApplyTypedLength(s, 2.35)!;
    expect(r.state).toMatchObject({ mode: 'drawing', points: [[1, 1], [1, 3.35]] });
    s = polygonTool(r.state, ev('move', [4, 7.35]), ctx()).state; // 3-4-5 direction
    const r2 = polygonApplyTypedLength(s, 5)!;
    expect((r2.state as { points: Vec2[] }).points[2]).toEqual([4, 7.35]);
  });

  it('shift constrains to 45° steps', () => {
    expect(constrain45([0, 0], [3, 0.4])).toEqual([3, 0]);
    const d = constrain45([0, 0], [2, 2.2]);
    expect(d[0]).toBeCloseTo(2.1, 9);
    expect(d[1]).toBeCloseTo(2.1, 9);
  });
});

describe('selectTool', () => {
  const zoneHit: Hit = { kind: 'element', id: 'z1' };

  it('clicking an unselected element selects it at pointer-down', () => {
    const r = selectTool(selectInitial, ev('down', [1, 1]), ctx({ hitTest: () => zoneHit }));
    expect(r.commit).toEqual({ type: 'select', ids: ['z1'], mode: 'replace' });
  });

  it('a drag of a selected element previews moves and commits ONE translate', () => {
    const c = ctx({ selection: ['z1', 'z2'], hitTest: () => zoneHit });
    let s: SelectState = selectTool(selectInitial, ev('down', [1, 1]), c).state;
    const previews = [];
    for (const p of [[1.5, 1], [2, 1.5], [3, 2]] as Vec2[]) {
      const r = selectTool(s, ev('move', p), c);
      expect(r.commit).toBeUndefined();
      previews.push(r.preview);
      s = r.state;
    }
    expect(previews[2]).toEqual({ type: 'translate', ids: ['z1', 'z2'], dxM: 2, dyM: 1 });
    const up = selectTool(s, ev('up', [3.1, 2.2]), c);
    expect(up.commit).toEqual({ type: 'translate', ids: ['z1', 'z2'], dxM: 2.1, dyM: 1.2 });
    expect(up.state.mode).toBe('idle');
  });

  it('a tiny jitter below the threshold is a click, not a move', () => {
    const c = ctx({ selection: ['z1'], hitTest: () => zoneHit });
    let s = selectTool(selectInitial, ev('down', [1, 1]), c).state;
    s = selectTool(s, ev('move', [1.02, 1.01]), c).state;
    expect(s.mode).toBe('pointing');
    expect(selectTool(s, ev('up', [1.02, 1.01]), c).commit).toBeUndefined();
  });

  it('shift-click toggles a selected element on pointer-up', () => {
    const c = ctx({ selection: ['z1', 'z2'], hitTest: () => zoneHit });
    const s = selectTool(selectInitial, ev('down', [1, 1], true), c).state;
    expect(selectTool(s, ev('up', [1, 1], true), c).commit).toEqual({ type: 'select', ids: ['z1'], mode: 'toggle' });
  });

  it('marquee on empty canvas selects the ids inside the box', () => {
    let seen: Box | null = null;
    const c = ctx({ idsInBox: (b) => { seen = b; return ['a', 'b']; } });
    let s = selectTool(selectInitial, ev('down', [5, 5]), c).state;
    s = selectTool(s, ev('move', [1, 2]), c).state;
    expect(s.mode).toBe('brushing');
    const r = selectTool(s, ev('up', [0, 1]), c);
    expect(seen).toEqual({ minX: 0, minY: 1, maxX: 5, maxY: 5 });
    expect(r.commit).toEqual({ type: 'select', ids: ['a', 'b'], mode: 'replace' });
  });

  it('clicking empty canvas clears the selection', () => {
    const s = selectTool(selectInitial, ev('down', [5, 5]), ctx({ selection: ['z1'] })).state;
    expect(selectTool(s, ev('up', [5, 5]), ctx()).commit).toEqual({ type: 'select', ids: [], mode: 'replace' });
  });

  it('clicking an edge of a selected zone selects the edge', () => {
    const c = ctx({ selection: ['z1'], hitTest: () => ({ kind: 'edge', id: 'z1', index: 2 }) });
    const s = selectTool(selectInitial, ev('down', [1, 1]), c).state;
    expect(selectTool(s, ev('up', [1, 1]), c).commit).toEqual({ type: 'selectEdge', id: 'z1', index: 2 });
  });

  it('dragging the se handle resizes from the nw corner', () => {
    const from: Box = { minX: 0, minY: 0, maxX: 4, maxY: 3 };
    const c = ctx({ selection: ['z1'], selectionBox: () => from, hitTest: () => ({ kind: 'handle', handle: 'se' }) });
    let s = selectTool(selectInitial, ev('down', [4, 3]), c).state;
    s = selectTool(s, ev('move', [5, 3.5]), c).state;
    const r = selectTool(s, ev('up', [6, 4]), c);
    expect(r.commit).toEqual({ type: 'resize', ids: ['z1'], from, to: { minX: 0, minY: 0, maxX: 6, maxY: 4 } });
  });

  it('a side handle changes one dimension and never flips', () => {
    const from: Box = { minX: 0, minY: 0, maxX: 4, maxY: 3 };
    expect(resizeBox(from, 'e', [7, 99])).toEqual({ minX: 0, minY: 0, maxX: 7, maxY: 3 });
    expect(resizeBox(from, 'w', [10, 0])).toEqual({ minX: 3.95, minY: 0, maxX: 4, maxY: 3 });
  });

  it('shift on a corner handle keeps the aspect ratio (anchored at the opposite corner)', () => {
    const from: Box = { minX: 0, minY: 0, maxX: 4, maxY: 2 };
    expect(resizeBox(from, 'se', [6, 2.2], true)).toEqual({ minX: 0, minY: 0, maxX: 6, maxY: 3 });
    expect(resizeBox(from, 'nw', [-4, 1], true)).toEqual({ minX: -4, minY: -2, maxX: 4, maxY: 2 });
    // side handles ignore it
    expect(resizeBox(from, 'e', [6, 9], true)).toEqual({ minX: 0, minY: 0, maxX: 6, maxY: 2 });
  });

  it('rotation is measured about the box centre, shift snaps to 15°', () => {
    expect(rotationAngle([0, 0], [1, 0], [0, 1], false)).toBeCloseTo(Math.PI / 2, 12);
    expect(rotationAngle([0, 0], [1, 0], [Math.cos(0.3), Math.sin(0.3)], true)).toBeCloseTo(Math.PI / 12, 12);
    const from: Box = { minX: 0, minY: 0, maxX: 2, maxY: 2 };
    const c = ctx({ selection: ['z1'], selectionBox: () => from, hitTest: () => ({ kind: 'handle', handle: 'rotate' }) });
    let s = selectTool(selectInitial, ev('down', [1, -1]), c).state;
    const r = selectTool(s, ev('up', [3, 1]), c);
    expect(r.commit).toMatchObject({ type: 'rotate', ids: ['z1'], center: [1, 1] });
    expect((r.commit as { angleRad: number }).angleRad).toBeCloseTo(Math.PI / 2, 12);
  });

  it('dragging a vertex handle commits one moveVertex', () => {
    const c = ctx({ selection: ['z1'], hitTest: () => ({ kind: 'vertex', id: 'z1', index: 1 }) });
    let s = selectTool(selectInitial, ev('down', [4, 0]), c).state;
    const m = selectTool(s, ev('move', [4.5, 0]), c);
    expect(m.preview).toEqual({ type: 'moveVertex', id: 'z1', index: 1, to: [4.5, 0] });
    const r = selectTool(m.state, ev('up', [5, 0.5]), c);
    expect(r.commit).toEqual({ type: 'moveVertex', id: 'z1', index: 1, to: [5, 0.5] });
  });
});

describe('selectTool: a rotated fixture resizes in its own axes', () => {
  // a 2 m × 1 m counter at (5, 5) turned 30° clockwise: width runs along u = (cos30°, sin30°)
  const frame = { at: [5, 5] as Vec2, widthM: 2, depthM: 1, rotationDeg: 30 };
  const c = Math.cos(Math.PI / 6), sn = Math.sin(Math.PI / 6);
  const u: Vec2 = [c, sn], v: Vec2 = [-sn, c];
  const at = (lu: number, lv: number): Vec2 => [5 + u[0] * lu + v[0] * lv, 5 + u[1] * lu + v[1] * lv];
  // its on-screen bounding box (what the handles sit on)
  const corners = [at(-1, -0.5), at(1, -0.5), at(1, 0.5), at(-1, 0.5)];
  const box: Box = {
    minX: Math.min(...corners.map((q) => q[0])), minY: Math.min(...corners.map((q) => q[1])),
    maxX: Math.max(...corners.map((q) => q[0])), maxY: Math.max(...corners.map((q) => q[1])),
  };
  const fctx = (handle: Hit) => ctx({
    selection: ['f1'], selectionBox: () => box, hitTest: () => handle,
    fixtureFrame: (id) => (id === 'f1' ? frame : null),
  });

  it('dragging the east handle sets the width along the fixture (2 → 2.5 m exactly), the far side stays put, depth unchanged', () => {
    const c0 = fctx({ kind: 'handle', handle: 'e' });
    let s: SelectState = selectTool(selectInitial, ev('down', [box.maxX, 5]), c0).state;
    expect(s.mode).toBe('resizingFixture');
    // pointer 1.5 m along the width axis and 0.3 m off it (the off-axis part is ignored)
    const p = at(1.5, 0.3);
    const mid = selectTool(s, ev('move', p), c0);
    expect(mid.preview?.type).toBe('resizeFixture');
    s = mid.state;
    const r = selectTool(s, ev('up', p), c0);
    const i = r.commit as Extract<Intent, { type: 'resizeFixture' }>;
    expect(i.type).toBe('resizeFixture');
    expect(i.widthM).toBeCloseTo(2.5, 9);
    expect(i.depthM).toBe(1);
    // the opposite (west) side's midpoint is where it was: at − u·w/2
    const westBefore = at(-1, 0);
    const westAfter: Vec2 = [i.at[0] - u[0] * i.widthM / 2, i.at[1] - u[1] * i.widthM / 2];
    expect(westAfter[0]).toBeCloseTo(westBefore[0], 9);
    expect(westAfter[1]).toBeCloseTo(westBefore[1], 9);
    // the bounding-box answer would have been different: scaling the box by the pointer's x
    const bboxWidth = 2 * ((p[0] - box.minX) / (box.maxX - box.minX));
    expect(Math.abs(bboxWidth - 2.5)).toBeGreaterThan(0.05);
  });

  it('the south handle (closest to the front axis at 30°) changes the depth only', () => {
    expect(handleLocalSides(frame, 's')).toEqual({ su: 0, sv: 1 });
    expect(handleLocalSides(frame, 'n')).toEqual({ su: 0, sv: -1 });
    expect(handleLocalSides(frame, 'w')).toEqual({ su: -1, sv: 0 });
    const r = resizeFixtureLocal(frame, 0, 1, at(0.4, 1.25));
    expect(r.widthM).toBe(2);
    expect(r.depthM).toBeCloseTo(1.75, 9);
    // back side (lv = −0.5) fixed: at − v·d/2 is unchanged
    const back = at(0, -0.5);
    expect(r.at[0] - v[0] * r.depthM / 2).toBeCloseTo(back[0], 9);
    expect(r.at[1] - v[1] * r.depthM / 2).toBeCloseTo(back[1], 9);
  });

  it('a corner resizes both local dimensions; Shift keeps the 2 : 1 ratio; never below 5 cm', () => {
    expect(handleLocalSides(frame, 'se')).toEqual({ su: 1, sv: 1 });
    const r = resizeFixtureLocal(frame, 1, 1, at(2, 0.7));
    expect(r.widthM).toBeCloseTo(3, 9);
    expect(r.depthM).toBeCloseTo(1.2, 9);
    const k = resizeFixtureLocal(frame, 1, 1, at(2, 0.7), true);
    expect(k.widthM).toBeCloseTo(3, 9);
    expect(k.depthM).toBeCloseTo(1.5, 9);
    expect(resizeFixtureLocal(frame, 1, 0, at(-5, 0)).widthM).toBe(0.05);
  });

  it('without a fixture frame (zones, several elements) the box resize is unchanged', () => {
    const c0 = ctx({ selection: ['z1'], selectionBox: () => ({ minX: 0, minY: 0, maxX: 4, maxY: 2 }), hitTest: () => ({ kind: 'handle', handle: 'e' }) });
    const s = selectTool(selectInitial, ev('down', [4, 1]), c0).state;
    expect(s.mode).toBe('resizing');
  });
});

describe('selectTool: a dragged door slides along its wall', () => {
  // a 0.9 m door on the partition x = 6 between y = 0 and y = 8 (as in the editor's test plan)
  const p = {
    type: 'outlet-planner/floorplan', version: 2, units: 'm', name: 'T', branchType: 'community',
    outline: { polygon: [[0, 0], [10, 0], [10, 8], [0, 8]], walls: [] },
    zones: [
      { id: 'hall', kind: 'waiting', name: '', polygon: [[0, 0], [6, 0], [6, 8], [0, 8]], attributes: {} },
      { id: 'office', kind: 'back-office', name: '', polygon: [[6, 0], [10, 0], [10, 8], [6, 8]], attributes: {} },
    ],
    doors: [{ id: 'd1', name: '', a: [6, 3], b: [6, 3.9], clearWidthM: 0.85, swing: { type: 'single', hinge: 'a', side: 'left' },
      connects: ['hall', 'office'], exit: false, mainEntrance: false, accessControlled: false, interlocked: false, lockable: true }],
    fixtures: [],
  } as FloorPlan;
  const dctx = ctx({
    selection: ['d1'], hitTest: () => ({ kind: 'element', id: 'd1' }),
    constrainTranslate: (ids, dx, dy) => (ids.length === 1 && ids[0] === 'd1' ? slideDoorDelta(p, 'd1', dx, dy) : [dx, dy]),
  });
  const drag = (from: Vec2, to: Vec2) => {
    let s: SelectState = selectTool(selectInitial, ev('down', from), dctx).state;
    s = selectTool(s, ev('move', to), dctx).state;
    return selectTool(s, ev('up', to), dctx).commit as Extract<Intent, { type: 'translate' }>;
  };

  it('a diagonal drag keeps only the along-wall part: the door moves 1.2 m down the wall, 0 across', () => {
    const c = drag([6, 3.45], [7.7, 4.65]);
    expect(c).toEqual({ type: 'translate', ids: ['d1'], dxM: 0, dyM: 1.2 });
    expect(doorHostEdge(p, 'd1')).toEqual([[6, 0], [6, 8]]);
  });

  it('dragging past the end of the wall stops with the jamb at the corner (b at y = 8), never off it', () => {
    const c = drag([6, 3.45], [5, 20]);
    expect(c.dxM).toBe(0);
    expect(c.dyM).toBeCloseTo(4.1, 9); // b: 3.9 → 8
    const up = drag([6, 3.45], [6, -10]);
    expect(up.dyM).toBeCloseTo(-3, 9); // a: 3 → 0
  });

  it('a door on a slanted edge slides along that edge', () => {
    const slanted = { ...p, outline: { ...p.outline, polygon: [[0, 0], [8, 6], [0, 6]] }, zones: [],
      doors: [{ ...p.doors[0], a: [4, 3] as [number, number], b: [4.8, 3.6] as [number, number] }] } as FloorPlan;
    const [dx, dy] = slideDoorDelta(slanted, 'd1', 1, 0); // asked +1 m in x
    expect(dx).toBeCloseTo(0.64, 9); // projection on (0.8, 0.6): 0.8 m along → (0.64, 0.48)
    expect(dy).toBeCloseTo(0.48, 9);
  });
});

describe('selectTool: background elements (the outline)', () => {
  const bctx = ctx({ hitTest: () => ({ kind: 'element', id: '#outline' }), isBackground: (id) => id === '#outline', idsInBox: () => ['f1'] });
  it('a click selects the outline on pointer-up', () => {
    const d = selectTool(selectInitial, ev('down', [2, 2]), bctx);
    expect(d.commit).toBeUndefined();
    const u = selectTool(d.state, ev('up', [2, 2]), bctx);
    expect(u.commit).toEqual({ type: 'select', ids: ['#outline'], mode: 'replace' });
  });
  it('a drag from inside it draws a marquee (never moves the outline)', () => {
    let s: SelectState = selectTool(selectInitial, ev('down', [2, 2]), bctx).state;
    const m = selectTool(s, ev('move', [4, 3]), bctx);
    expect(m.state.mode).toBe('brushing');
    expect(m.preview).toBeUndefined();
    s = m.state;
    expect(selectTool(s, ev('up', [4, 3]), bctx).commit).toEqual({ type: 'select', ids: ['f1'], mode: 'replace' });
  });
});
