import type { Vec2 } from '../viewport';
import { boxFromCorners, type Box, type HandleId, type Hit, type Intent, type ToolContext, type ToolPointer, type ToolResult } from './types';

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
  | { mode: 'pointing'; start: Vec2; startRaw: Vec2; hit: Hit | null; ids: string[]; toggleOnUp: string | null }
  | { mode: 'translating'; start: Vec2; current: Vec2; ids: string[] }
  | { mode: 'brushing'; start: Vec2; current: Vec2; additive: boolean }
  | { mode: 'resizing'; handle: Exclude<HandleId, 'rotate'>; from: Box; current: Vec2; ids: string[] }
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
        return { state: { mode: 'resizing', handle: hit.handle, from, current: e.world, ids: [...sel] } };
      }
      if (hit?.kind === 'vertex') return { state: { mode: 'vertex', id: hit.id, index: hit.index, current: e.world } };
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
          return { state: t, preview: translateIntent(t) };
        }
        const b: SelectState = { mode: 'brushing', start: s.startRaw, current: e.raw, additive: e.shift };
        return { state: b, guide: { box: boxFromCorners(b.start, b.current) } };
      }
      if (e.type === 'up') {
        if (s.toggleOnUp) return { state: selectInitial, commit: { type: 'select', ids: [s.toggleOnUp], mode: 'toggle' } };
        if (s.hit?.kind === 'edge' && !e.shift) return { state: selectInitial, commit: { type: 'selectEdge', id: s.hit.id, index: s.hit.index } };
        if (!s.hit && !e.shift) return { state: selectInitial, commit: { type: 'select', ids: [], mode: 'replace' } };
        return { state: selectInitial };
      }
      return { state: s };
    }
    case 'translating': {
      const t = { ...s, current: e.world };
      if (e.type === 'move') return { state: t, preview: translateIntent(t) };
      if (e.type === 'up') {
        const intent = translateIntent(t);
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

function translateIntent(t: { start: Vec2; current: Vec2; ids: string[] }): Extract<Intent, { type: 'translate' }> {
  return { type: 'translate', ids: t.ids, dxM: round9(t.current[0] - t.start[0]), dyM: round9(t.current[1] - t.start[1]) };
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
