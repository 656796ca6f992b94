import type { Vec2 } from '../viewport';

/**
 * Shared vocabulary of the editor tools. Tools are small pure state machines (tldraw's
 * `SelectTool/childStates` idea, flattened): `(state, event, ctx) → { state, preview, commit }`.
 * They never touch Konva or the plan: they emit *intents* that the editor turns into the model's
 * pure commands. `preview` is applied to a throw-away copy of the plan while a gesture is in
 * flight (nothing enters the history); `commit` ends the gesture and becomes exactly ONE history
 * step (a drag is one step).
 */

/** Axis-aligned box in plan metres. */
export interface Box { minX: number; minY: number; maxX: number; maxY: number }

/** Resize handles of the selection box; 'rotate' is the knob above the box. */
export type HandleId = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'rotate';

/** What lies under the pointer (computed by the editor with the pure `hitTest` module). */
export type Hit =
  | { kind: 'element'; id: string }
  | { kind: 'handle'; handle: HandleId }
  | { kind: 'vertex'; id: string; index: number }
  | { kind: 'edge'; id: string; index: number };

/** A pointer event already converted to plan metres. `raw` is unsnapped, `world` is snapped. */
export interface ToolPointer {
  type: 'down' | 'move' | 'up';
  world: Vec2;
  raw: Vec2;
  shift: boolean;
  /** Alt/Option: bypass snapping. */
  alt?: boolean;
}

/** What a tool asks the editor to do. */
export type Intent =
  | { type: 'select'; ids: string[]; mode: 'replace' | 'add' | 'toggle' }
  | { type: 'selectEdge'; id: string; index: number }
  | { type: 'createZone'; ring: Vec2[] }
  | { type: 'translate'; ids: string[]; dxM: number; dyM: number }
  | { type: 'resize'; ids: string[]; from: Box; to: Box }
  | { type: 'rotate'; ids: string[]; center: Vec2; angleRad: number }
  | { type: 'moveVertex'; id: string; index: number; to: Vec2 }
  /** One fixture resized in its own axes: new centre and dimensions (metres). */
  | { type: 'resizeFixture'; id: string; at: Vec2; widthM: number; depthM: number }
  /** Draw (replace) the building outline with this ring. */
  | { type: 'createOutline'; ring: Vec2[] };

/** A fixture's frame: centre, dimensions along its local axes, rotation (degrees, clockwise on screen). */
export interface FixtureFrame { at: Vec2; widthM: number; depthM: number; rotationDeg: number }

/** Context a tool needs from the editor, read-only. */
export interface ToolContext {
  /** Ids currently selected. */
  selection: readonly string[];
  /** What is under a (raw, unsnapped) point. */
  hitTest: (p: Vec2) => Hit | null;
  /** Bounding box of the current selection (metres), or null when empty. */
  selectionBox: () => Box | null;
  /** Ids of elements inside a marquee box (fully contained). */
  idsInBox: (box: Box) => string[];
  /** Movement (metres) below which a press is a click, not a drag (≈ 3 px at the current zoom). */
  dragThresholdM: number;
  /** The frame of a fixture (for resizing in its own axes), or null when `id` is not a fixture. */
  fixtureFrame?: (id: string) => FixtureFrame | null;
  /**
   * Constrain a move of `ids` by (dxM, dyM): e.g. a lone door slides along the edge it sits on.
   * Returns the allowed translation; absent = free move.
   */
  constrainTranslate?: (ids: readonly string[], dxM: number, dyM: number) => Vec2;
  /**
   * Background elements (the building outline): a click selects them, but a drag starting on one
   * that is not selected draws a marquee instead of moving it.
   */
  isBackground?: (id: string) => boolean;
}

export interface ToolResult<S> {
  state: S;
  /** Intent shown live but not recorded. */
  preview?: Intent | null;
  /** Intent to record as one history step (ends the gesture). */
  commit?: Intent | null;
  /** Marquee rectangle or drawing guide for the overlay. */
  guide?: { box?: Box; ring?: Vec2[]; cursor?: Vec2; closed?: boolean } | null;
}

/** Normalise two corners into a box. */
export function boxFromCorners(a: Vec2, b: Vec2): Box {
  return { minX: Math.min(a[0], b[0]), minY: Math.min(a[1], b[1]), maxX: Math.max(a[0], b[0]), maxY: Math.max(a[1], b[1]) };
}

/** The four corners of a box, clockwise on screen (y down) from the top-left. */
export function boxRing(b: Box): Vec2[] {
  return [[b.minX, b.minY], [b.maxX, b.minY], [b.maxX, b.maxY], [b.minX, b.maxY]];
}
