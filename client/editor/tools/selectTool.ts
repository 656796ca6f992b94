import type { Vec2 } from '../viewport';
import { boxFromCorners, type Box, type FixtureFrame, type HandleId, type Hit, type Intent, type ToolContext, type ToolPointer, type ToolResult } from './types';

/**
 * Select tool (V): click selects, Shift-click toggles, dragging empty canvas draws a marquee
 * (elements fully inside are selected), dragging a selected element moves the selection, the
 * eight box handles resize it, the knob above rotates it (Shift: 15° steps), and a vertex handle
 * of a selected zone moves that vertex. Clicking an edge of a selected zone selects the edge (its
 * length can then be typed).
 *
 * Every gesture previews live and commits ONE intent on pointer-up, so a drag is one undo step.
 *
 * States: idle → pointing → (translating | brushing) → idle; idle → resizing | rotating | vertex → idle.
 */
export type SelectState =
  | { mode: 'idle' }
  | { mode: 'pointing'; start: Vec2; startRaw: Vec2; hit: Hit | null; ids: string[]; toggleOnUp: string | null; background?: string }
  | { mode: 'translating'; start: Vec2; current: Vec2; ids: string[] }
  | { mode: 'brushing'; start: Vec2; current: Vec2; additive: boolean }
  | { mode: 'resizing'; handle: Exclude<HandleId, 'rotate'>; from: Box; current: Vec2; ids: string[] }
  | { mode: 'resizingFixture'; id: string; frame: FixtureFrame; su: -1 | 0 | 1; sv: -1 | 0 | 1; current: Vec2 }
  | { mode: 'rotating'; center: Vec2; start: Vec2; current: Vec2; snap: boolean; ids: string[] }
  | { mode: 'vertex'; id: string; index: number; current: Vec2 };

export const selectInitial: SelectState = { mode: 'idle' };

/** Smallest side (m) a resize may produce. */
export const MIN_RESIZE_SIDE_M = 0.05;

/** Advance the select tool by one pointer event. */
export function selectTool(s: SelectState, e: ToolPointer, ctx: ToolContext): ToolResult<SelectState> {
  switch (s.mode) {
    case 'idle': {
      if (e.type !== 'down') return { state: s };
      const hit = ctx.hitTest(e.raw);
      const sel = ctx.selection;
      if (hit?.kind === 'handle') {
        const from = ctx.selectionBox();
        if (!from) return { state: s };
        if (hit.handle === 'rotate') {
          const center: Vec2 = [(from.minX + from.maxX) / 2, (from.minY + from.maxY) / 2];
          return { state: { mode: 'rotating', center, start: e.raw, current: e.raw, snap: e.shift, ids: [...sel] } };
        }
        const frame = sel.length === 1 ? ctx.fixtureFrame?.(sel[0]) ?? null : null;
        if (frame) {
          const { su, sv } = handleLocalSides(frame, hit.handle);
          return { state: { mode: 'resizingFixture', id: sel[0], frame, su, sv, current: e.world } };
        }
        return { state: { mode: 'resizing', handle: hit.handle, from, current: e.world, ids: [...sel] } };
      }
      if (hit?.kind === 'vertex') return { state: { mode: 'vertex', id: hit.id, index: hit.index, current: e.world } };
      if (hit?.kind === 'element' && !sel.includes(hit.id) && ctx.isBackground?.(hit.id)) {
        // selected on click (pointer-up), a drag from it is a marquee
        return { state: { mode: 'pointing', start: e.world, startRaw: e.raw, hit: null, ids: [], toggleOnUp: null, background: hit.id } };
      }
      if (hit?.kind === 'element' || hit?.kind === 'edge') {
        const id = hit.id;
        if (sel.includes(id)) {
          return { state: { mode: 'pointing', start: e.world, startRaw: e.raw, hit, ids: [...sel], toggleOnUp: e.shift ? id : null } };
        }
        const ids = e.shift ? [...sel, id] : [id];
        return {
          state: { mode: 'pointing', start: e.world, startRaw: e.raw, hit, ids, toggleOnUp: null },
          commit: { type: 'select', ids: [id], mode: e.shift ? 'add' : 'replace' },
        };
      }
      return { state: { mode: 'pointing', start: e.world, startRaw: e.raw, hit: null, ids: [], toggleOnUp: null } };
    }
    case 'pointing': {
      if (e.type === 'move') {
        if (Math.hypot(e.raw[0] - s.startRaw[0], e.raw[1] - s.startRaw[1]) <= ctx.dragThresholdM) return { state: s };
        if (s.hit) {
          const t: SelectState = { mode: 'translating', start: s.start, current: e.world, ids: s.ids };
          return { state: t, preview: translateIntent(t, ctx) };
        }
        const b: SelectState = { mode: 'brushing', start: s.startRaw, current: e.raw, additive: e.shift };
        return { state: b, guide: { box: boxFromCorners(b.start, b.current) } };
      }
      if (e.type === 'up') {
        if (s.toggleOnUp) return { state: selectInitial, commit: { type: 'select', ids: [s.toggleOnUp], mode: 'toggle' } };
        if (s.hit?.kind === 'edge' && !e.shift) return { state: selectInitial, commit: { type: 'selectEdge', id: s.hit.id, index: s.hit.index } };
        if (s.background) return { state: selectInitial, commit: { type: 'select', ids: [s.background], mode: e.shift ? 'add' : 'replace' } };
        if (!s.hit && !e.shift) return { state: selectInitial, commit: { type: 'select', ids: [], mode: 'replace' } };
        return { state: selectInitial };
      }
      return { state: s };
    }
    case 'translating': {
      const t = { ...s, current: e.world };
      if (e.type === 'move') return { state: t, preview: translateIntent(t, ctx) };
      if (e.type === 'up') {
        const intent = translateIntent(t, ctx);
        return { state: selectInitial, preview: null, commit: intent.dxM === 0 && intent.dyM === 0 ? null : intent };
      }
      return { state: s };
    }
    case 'brushing': {
      const b = { ...s, current: e.raw };
      const box = boxFromCorners(b.start, b.current);
      if (e.type === 'move') return { state: b, guide: { box } };
      if (e.type === 'up') return { state: selectInitial, guide: null, commit: { type: 'select', ids: ctx.idsInBox(box), mode: b.additive ? 'add' : 'replace' } };
      return { state: s };
    }
    case 'resizing': {
      const r = { ...s, current: e.world };
      const intent: Intent = { type: 'resize', ids: r.ids, from: r.from, to: resizeBox(r.from, r.handle, r.current, e.shift) };
      if (e.type === 'move') return { state: r, preview: intent };
      if (e.type === 'up') return { state: selectInitial, preview: null, commit: sameBox(intent.from, intent.to) ? null : intent };
      return { state: s };
    }
    case 'resizingFixture': {
      const r = { ...s, current: e.world };
      const intent = resizeFixtureLocal(r.frame, r.su, r.sv, r.current, e.shift);
      const full: Intent = { type: 'resizeFixture', id: r.id, ...intent };
      if (e.type === 'move') return { state: r, preview: full };
      if (e.type === 'up') {
        const same = intent.widthM === r.frame.widthM && intent.depthM === r.frame.depthM;
        return { state: selectInitial, preview: null, commit: same ? null : full };
      }
      return { state: s };
    }
    case 'rotating': {
      const r = { ...s, current: e.raw, snap: e.shift };
      const intent: Intent = { type: 'rotate', ids: r.ids, center: r.center, angleRad: rotationAngle(r.center, r.start, r.current, r.snap) };
      if (e.type === 'move') return { state: r, preview: intent };
      if (e.type === 'up') return { state: selectInitial, preview: null, commit: intent.angleRad === 0 ? null : intent };
      return { state: s };
    }
    case 'vertex': {
      const v = { ...s, current: e.world };
      const intent: Intent = { type: 'moveVertex', id: v.id, index: v.index, to: v.current };
      if (e.type === 'move') return { state: v, preview: intent };
      if (e.type === 'up') return { state: selectInitial, preview: null, commit: intent };
      return { state: s };
    }
  }
}

/** Abandon the gesture in flight (Escape): the preview is dropped and nothing is recorded. */
export function selectCancel(): ToolResult<SelectState> {
  return { state: selectInitial, preview: null, guide: null };
}

function translateIntent(t: { start: Vec2; current: Vec2; ids: string[] }, ctx: ToolContext): Extract<Intent, { type: 'translate' }> {
  let dx = t.current[0] - t.start[0], dy = t.current[1] - t.start[1];
  if (ctx.constrainTranslate) [dx, dy] = ctx.constrainTranslate(t.ids, dx, dy);
  return { type: 'translate', ids: t.ids, dxM: round9(dx), dyM: round9(dy) };
}

/** The fixture's local axes in plan space: u along its width (local +x), v along its depth (local +y, its front). */
function fixtureAxes(rotationDeg: number): { u: Vec2; v: Vec2 } {
  const t = (rotationDeg * Math.PI) / 180;
  return { u: [Math.cos(t), Math.sin(t)], v: [-Math.sin(t), Math.cos(t)] };
}

/**
 * Which local sides of a (possibly rotated) fixture a selection-box handle drags: the handle's
 * direction from the box centre, projected on the fixture's u (width) and v (depth) axes. A side
 * handle picks the one axis it points along most; a corner handle picks both, each with its sign.
 */
export function handleLocalSides(frame: FixtureFrame, handle: Exclude<HandleId, 'rotate'>): { su: -1 | 0 | 1; sv: -1 | 0 | 1 } {
  const hx = handle.includes('e') ? 1 : handle.includes('w') ? -1 : 0;
  const hy = handle.includes('s') ? 1 : handle.includes('n') ? -1 : 0;
  const { u, v } = fixtureAxes(frame.rotationDeg);
  const pu = hx * u[0] + hy * u[1], pv = hx * v[0] + hy * v[1];
  const sgn = (x: number): -1 | 1 => (x < 0 ? -1 : 1);
  if (hx !== 0 && hy !== 0) return { su: sgn(pu), sv: sgn(pv) };
  return Math.abs(pu) >= Math.abs(pv) ? { su: sgn(pu), sv: 0 } : { su: 0, sv: sgn(pv) };
}

/**
 * Resize a fixture in its own axes: the dragged side(s) follow the pointer `p` projected on the
 * fixture's local axes, the opposite side(s) stay put, so the width changes along the fixture's
 * front and the depth front-to-back whatever its rotation (never the on-screen bounding box).
 * `su`/`sv` ∈ {−1, 0, +1}: which local side moves along u (width) / v (depth), 0 = that dimension
 * is kept. With `keepAspect` (Shift) a corner scales both by the larger factor. Dimensions never go
 * below {@link MIN_RESIZE_SIDE_M}. Returns the new centre and dimensions (metres).
 */
export function resizeFixtureLocal(frame: FixtureFrame, su: -1 | 0 | 1, sv: -1 | 0 | 1, p: Vec2, keepAspect = false): { at: Vec2; widthM: number; depthM: number } {
  const { u, v } = fixtureAxes(frame.rotationDeg);
  const rx = p[0] - frame.at[0], ry = p[1] - frame.at[1];
  const lu = rx * u[0] + ry * u[1], lv = rx * v[0] + ry * v[1];
  // the fixed side sits at -s·w/2; the new dimension is the distance from it to the pointer along the axis
  let w = su === 0 ? frame.widthM : Math.max(MIN_RESIZE_SIDE_M, su * lu + frame.widthM / 2);
  let d = sv === 0 ? frame.depthM : Math.max(MIN_RESIZE_SIDE_M, sv * lv + frame.depthM / 2);
  if (keepAspect && su !== 0 && sv !== 0) {
    const k = Math.max(w / frame.widthM, d / frame.depthM);
    w = frame.widthM * k;
    d = frame.depthM * k;
  }
  w = round9(w);
  d = round9(d);
  // centre moves half the change along each resized axis, towards the dragged side
  const cu = (su * (w - frame.widthM)) / 2, cv = (sv * (d - frame.depthM)) / 2;
  const at: Vec2 = [round9(frame.at[0] + u[0] * cu + v[0] * cv), round9(frame.at[1] + u[1] * cu + v[1] * cv)];
  return { at, widthM: w, depthM: d };
}

/**
 * The box after dragging `handle` to `p`: the opposite side/corner stays fixed; a side handle
 * changes one dimension only. Sides never shrink below {@link MIN_RESIZE_SIDE_M} (no flipping).
 * With `keepAspect` (Shift) a corner handle scales both sides by the larger of the two factors,
 * keeping the width : depth ratio.
 */
export function resizeBox(from: Box, handle: Exclude<HandleId, 'rotate'>, p: Vec2, keepAspect = false): Box {
  let { minX, minY, maxX, maxY } = from;
  if (handle.includes('w')) minX = Math.min(p[0], maxX - MIN_RESIZE_SIDE_M);
  if (handle.includes('e')) maxX = Math.max(p[0], minX + MIN_RESIZE_SIDE_M);
  if (handle.includes('n')) minY = Math.min(p[1], maxY - MIN_RESIZE_SIDE_M);
  if (handle.includes('s')) maxY = Math.max(p[1], minY + MIN_RESIZE_SIDE_M);
  if (keepAspect && handle.length === 2) {
    const fw = from.maxX - from.minX, fh = from.maxY - from.minY;
    const k = Math.max((maxX - minX) / fw, (maxY - minY) / fh);
    const w = fw * k, h = fh * k;
    if (handle.includes('w')) minX = maxX - w; else maxX = minX + w;
    if (handle.includes('n')) minY = maxY - h; else maxY = minY + h;
  }
  return { minX, minY, maxX, maxY };
}

/** Angle (radians, clockwise on screen since y is down) swept from `start` to `current` about `center`; `snap` rounds to 15°. */
export function rotationAngle(center: Vec2, start: Vec2, current: Vec2, snap: boolean): number {
  let a = Math.atan2(current[1] - center[1], current[0] - center[0]) - Math.atan2(start[1] - center[1], start[0] - center[0]);
  while (a > Math.PI) a -= 2 * Math.PI;
  while (a <= -Math.PI) a += 2 * Math.PI;
  if (snap) a = Math.round(a / (Math.PI / 12)) * (Math.PI / 12);
  return Math.abs(a) < 1e-12 ? 0 : a;
}

function sameBox(a: Box, b: Box): boolean {
  return a.minX === b.minX && a.minY === b.minY && a.maxX === b.maxX && a.maxY === b.maxY;
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
