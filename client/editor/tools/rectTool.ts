import type { Vec2 } from '../viewport';
import { boxFromCorners, boxRing, type ToolContext, type ToolPointer, type ToolResult } from './types';

/**
 * Rectangle tool: press-drag-release draws a zone; or click one corner, move, click the other.
 * While a rectangle is being drawn the user may type its exact width (and height, "3.5x2") —
 * {@link rectApplyTypedSize} — which creates it at that size, growing from the first corner in
 * the direction the pointer is pulling.
 *
 * States: idle → dragging (button held) | placing (first corner clicked) → idle.
 */
export type RectState =
  | { mode: 'idle' }
  | { mode: 'dragging'; anchor: Vec2; current: Vec2 }
  | { mode: 'placing'; anchor: Vec2; current: Vec2 };

/** Smallest side (m) a drawn rectangle may have; anything thinner is treated as a click. */
export const MIN_RECT_SIDE_M = 0.05;

export const rectInitial: RectState = { mode: 'idle' };

/** Advance the rectangle tool by one pointer event. */
export function rectTool(s: RectState, e: ToolPointer, ctx: ToolContext): ToolResult<RectState> {
  switch (s.mode) {
    case 'idle':
      if (e.type === 'down') return withGuide({ mode: 'dragging', anchor: e.world, current: e.world });
      return { state: s, guide: { cursor: e.world } };
    case 'dragging': {
      if (e.type === 'move') return withGuide({ ...s, current: e.world });
      if (e.type === 'up') {
        const moved = Math.hypot(e.raw[0] - s.anchor[0], e.raw[1] - s.anchor[1]) > ctx.dragThresholdM;
        if (!moved) return withGuide({ mode: 'placing', anchor: s.anchor, current: e.world });
        return finish(s.anchor, e.world);
      }
      return { state: s };
    }
    case 'placing':
      if (e.type === 'move') return withGuide({ ...s, current: e.world });
      if (e.type === 'down') return finish(s.anchor, e.world);
      return { state: s };
  }
}

/** Cancel drawing (Escape). */
export function rectCancel(): ToolResult<RectState> {
  return { state: rectInitial, guide: null };
}

/**
 * Create the rectangle at a typed size: `widthM` along x, `heightM` along y (when omitted, the
 * height currently dragged, or a square when nothing has been dragged yet). The rectangle grows
 * from the first corner towards the pointer. Returns null when not drawing or sizes are not > 0.
 */
export function rectApplyTypedSize(s: RectState, widthM: number, heightM?: number): ToolResult<RectState> | null {
  if (s.mode === 'idle' || !(widthM > 0) || (heightM !== undefined && !(heightM > 0))) return null;
  const dx = s.current[0] - s.anchor[0];
  const dy = s.current[1] - s.anchor[1];
  const h = heightM ?? (Math.abs(dy) >= MIN_RECT_SIDE_M ? Math.abs(dy) : widthM);
  const sx = dx < 0 ? -1 : 1;
  const sy = dy < 0 ? -1 : 1;
  return finish(s.anchor, [s.anchor[0] + sx * widthM, s.anchor[1] + sy * h]);
}

/** Live width and height (m) of the rectangle being drawn, for the dimension labels. */
export function rectSize(s: RectState): { widthM: number; heightM: number } | null {
  if (s.mode === 'idle') return null;
  return { widthM: Math.abs(s.current[0] - s.anchor[0]), heightM: Math.abs(s.current[1] - s.anchor[1]) };
}

function finish(a: Vec2, b: Vec2): ToolResult<RectState> {
  const box = boxFromCorners(a, b);
  if (box.maxX - box.minX < MIN_RECT_SIDE_M || box.maxY - box.minY < MIN_RECT_SIDE_M) return { state: rectInitial, guide: null };
  return { state: rectInitial, commit: { type: 'createZone', ring: boxRing(box) }, guide: null };
}

function withGuide(s: Exclude<RectState, { mode: 'idle' }>): ToolResult<RectState> {
  return { state: s, guide: { box: boxFromCorners(s.anchor, s.current), cursor: s.current } };
}
