import type { Vec2 } from '../viewport';
import type { ToolContext, ToolPointer, ToolResult } from './types';

/**
 * Polygon tool: click to place vertices; click the first vertex (or press Enter, or double-click)
 * to close the zone; Backspace removes the last vertex; Escape cancels. With Shift the next
 * segment is constrained to a multiple of 45°. While drawing, typing a length places the next
 * vertex exactly that far from the last one, towards the pointer ({@link polygonApplyTypedLength}).
 *
 * States: idle → drawing(points) → idle.
 */
export type PolygonState = { mode: 'idle' } | { mode: 'drawing'; points: Vec2[]; cursor: Vec2 };

export const polygonInitial: PolygonState = { mode: 'idle' };

/** Pixels → the close-the-ring radius is this many drag thresholds (≈ 9 px). */
const CLOSE_FACTOR = 3;

/** Advance the polygon tool by one pointer event (only 'down' places vertices; 'move' updates the rubber band). */
export function polygonTool(s: PolygonState, e: ToolPointer, ctx: ToolContext): ToolResult<PolygonState> {
  if (s.mode === 'idle') {
    if (e.type === 'down') return guide({ mode: 'drawing', points: [e.world], cursor: e.world });
    return { state: s, guide: { cursor: e.world } };
  }
  const last = s.points[s.points.length - 1];
  const p = e.shift ? constrain45(last, e.world) : e.world;
  if (e.type === 'move') return guide({ ...s, cursor: p });
  if (e.type === 'down') {
    const first = s.points[0];
    if (s.points.length >= 3 && Math.hypot(e.raw[0] - first[0], e.raw[1] - first[1]) <= ctx.dragThresholdM * CLOSE_FACTOR) {
      return polygonClose(s);
    }
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) <= 1e-9) {
      // a second click on the same spot (double-click) closes the ring
      return s.points.length >= 3 ? polygonClose(s) : { state: s };
    }
    return guide({ mode: 'drawing', points: [...s.points, p], cursor: p });
  }
  return { state: s };
}

/** Close the ring (Enter). Fewer than three distinct vertices: nothing is created. */
export function polygonClose(s: PolygonState): ToolResult<PolygonState> {
  if (s.mode !== 'drawing' || s.points.length < 3) return { state: polygonInitial, guide: null };
  return { state: polygonInitial, commit: { type: 'createZone', ring: s.points }, guide: null };
}

/** Remove the last vertex (Backspace); removing the only vertex cancels. */
export function polygonUndoPoint(s: PolygonState): ToolResult<PolygonState> {
  if (s.mode !== 'drawing' || s.points.length <= 1) return { state: polygonInitial, guide: null };
  return guide({ ...s, points: s.points.slice(0, -1) });
}

/** Cancel drawing (Escape). */
export function polygonCancel(): ToolResult<PolygonState> {
  return { state: polygonInitial, guide: null };
}

/**
 * Place the next vertex `lengthM` metres from the last one, in the direction of the pointer
 * (along +x when the pointer sits on the last vertex). Returns null when not drawing or lengthM ≤ 0.
 */
export function polygonApplyTypedLength(s: PolygonState, lengthM: number): ToolResult<PolygonState> | null {
  if (s.mode !== 'drawing' || !(lengthM > 0)) return null;
  const last = s.points[s.points.length - 1];
  let dx = s.cursor[0] - last[0];
  let dy = s.cursor[1] - last[1];
  const d = Math.hypot(dx, dy);
  if (d < 1e-9) { dx = 1; dy = 0; } else { dx /= d; dy /= d; }
  const next: Vec2 = [round9(last[0] + dx * lengthM), round9(last[1] + dy * lengthM)];
  return guide({ mode: 'drawing', points: [...s.points, next], cursor: next });
}

/** Length (m) of the segment being drawn (last vertex → pointer). */
export function polygonLiveLength(s: PolygonState): number | null {
  if (s.mode !== 'drawing') return null;
  const last = s.points[s.points.length - 1];
  return Math.hypot(s.cursor[0] - last[0], s.cursor[1] - last[1]);
}

/** Project `p` onto the nearest of the 8 directions (multiples of 45°) from `from`. */
export function constrain45(from: Vec2, p: Vec2): Vec2 {
  const dx = p[0] - from[0];
  const dy = p[1] - from[1];
  const d = Math.hypot(dx, dy);
  if (d === 0) return p;
  const a = Math.round(Math.atan2(dy, dx) / (Math.PI / 4)) * (Math.PI / 4);
  const ux = Math.cos(a);
  const uy = Math.sin(a);
  const len = dx * ux + dy * uy;
  return [round9(from[0] + ux * len), round9(from[1] + uy * len)];
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function guide(s: Extract<PolygonState, { mode: 'drawing' }>): ToolResult<PolygonState> {
  return { state: s, guide: { ring: [...s.points, s.cursor], cursor: s.cursor, closed: false } };
}
