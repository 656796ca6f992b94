import type { Vec2 } from './viewport';
import { pointSegmentDistance } from '../../core/floorplan/geometry';

/**
 * Snapping for the editor tools (pure). A raw pointer position in plan metres is pulled to, in
 * priority order:
 *   1. a vertex of another shape within `toleranceM`,
 *   2. the nearest point on an edge of another shape within `toleranceM`,
 *   3. the grid (`gridM`, e.g. 0.1 m) when grid snapping is on.
 * The tolerance is given in metres; callers pass a fixed screen distance (e.g. 8 px) converted
 * with the current zoom, so snapping feels the same at every zoom (react-planner `snap.js`,
 * tldraw's snap manager do the same).
 */
export interface SnapTargets {
  /** Candidate vertices (plan metres). */
  vertices: Vec2[];
  /** Candidate edges as point pairs (plan metres). */
  edges: [Vec2, Vec2][];
}

export interface SnapOptions {
  /** Grid spacing in metres; 0 or undefined disables grid snapping. */
  gridM?: number;
  /** Maximum pull distance for vertex and edge snaps, in metres. */
  toleranceM: number;
  vertexSnap?: boolean;
  edgeSnap?: boolean;
}

export interface SnapResult {
  point: Vec2;
  kind: 'vertex' | 'edge' | 'grid' | 'none';
  /** The target snapped to (vertex or edge), for drawing a snap indicator. */
  target?: Vec2 | [Vec2, Vec2];
}

/** Snap `p` to the grid of spacing `gridM` (metres), rounding each coordinate to the nearest line. */
export function snapToGrid(p: Vec2, gridM: number): Vec2 {
  if (!(gridM > 0)) return p;
  return [roundTo(p[0], gridM), roundTo(p[1], gridM)];
}

/** Round `x` to a multiple of `step`, cleaning float noise (0.30000000000000004 → 0.3). */
export function roundTo(x: number, step: number): number {
  const r = Math.round(x / step) * step;
  return Math.round(r * 1e9) / 1e9;
}

/** Snap a pointer position; see the module docstring for the priority order. */
export function snapPoint(p: Vec2, targets: SnapTargets, opts: SnapOptions): SnapResult {
  const tol = opts.toleranceM;
  if (opts.vertexSnap !== false) {
    let best: Vec2 | null = null;
    let bestD = tol;
    for (const v of targets.vertices) {
      const d = Math.hypot(p[0] - v[0], p[1] - v[1]);
      if (d <= bestD) { bestD = d; best = v; }
    }
    if (best) return { point: [best[0], best[1]], kind: 'vertex', target: best };
  }
  if (opts.edgeSnap !== false) {
    let best: { point: Vec2; edge: [Vec2, Vec2] } | null = null;
    let bestD = tol;
    for (const e of targets.edges) {
      const c = pointSegmentDistance(p, e[0], e[1]);
      if (c.distanceM <= bestD) { bestD = c.distanceM; best = { point: c.closest, edge: e }; }
    }
    if (best) {
      // Along an axis-aligned edge keep the free coordinate on the grid, so a wall-hugging zone still lands on round numbers.
      let point = best.point;
      if (opts.gridM && opts.gridM > 0) {
        const [a, b] = best.edge;
        if (Math.abs(a[0] - b[0]) < 1e-9) point = [a[0], clamp(roundTo(point[1], opts.gridM), Math.min(a[1], b[1]), Math.max(a[1], b[1]))];
        else if (Math.abs(a[1] - b[1]) < 1e-9) point = [clamp(roundTo(point[0], opts.gridM), Math.min(a[0], b[0]), Math.max(a[0], b[0])), a[1]];
      }
      return { point, kind: 'edge', target: best.edge };
    }
  }
  if (opts.gridM && opts.gridM > 0) return { point: snapToGrid(p, opts.gridM), kind: 'grid' };
  return { point: p, kind: 'none' };
}

/** Collect snap targets from polygons (each a ring of plan points, not closed), skipping the ids in `exclude`. */
export function targetsFromPolygons(polys: { id: string; ring: Vec2[] }[], exclude: ReadonlySet<string> = new Set()): SnapTargets {
  const vertices: Vec2[] = [];
  const edges: [Vec2, Vec2][] = [];
  for (const { id, ring } of polys) {
    if (exclude.has(id)) continue;
    for (let i = 0; i < ring.length; i++) {
      vertices.push(ring[i]);
      edges.push([ring[i], ring[(i + 1) % ring.length]]);
    }
  }
  return { vertices, edges };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

/**
 * Snap a move: given the vertices of what is being moved and the proposed move `(dxM, dyM)`,
 * find the smallest correction that puts one moved vertex exactly on a target vertex (or, failing
 * that, on a target edge) within `toleranceM`, and return the corrected move. Without a hit the
 * move is returned unchanged (it is already grid-snapped by the pointer). So a zone dragged next
 * to a wall corner lands on it exactly, as in CAD "object snap".
 */
export function snapTranslation(moving: Vec2[], dxM: number, dyM: number, targets: SnapTargets, opts: SnapOptions):
  { dxM: number; dyM: number; kind: 'vertex' | 'edge' | 'none' } {
  const tol = opts.toleranceM;
  let best: { cx: number; cy: number; d: number; kind: 'vertex' | 'edge' } | null = null;
  const pts = moving.length > 400 ? moving.filter((_, i) => i % Math.ceil(moving.length / 400) === 0) : moving;
  for (const m of pts) {
    const p: Vec2 = [m[0] + dxM, m[1] + dyM];
    if (opts.vertexSnap !== false) {
      for (const v of targets.vertices) {
        const d = Math.hypot(v[0] - p[0], v[1] - p[1]);
        if (d <= tol && (!best || best.kind !== 'vertex' || d < best.d)) best = { cx: v[0] - p[0], cy: v[1] - p[1], d, kind: 'vertex' };
      }
    }
    if (opts.edgeSnap !== false && (!best || best.kind !== 'vertex')) {
      for (const e of targets.edges) {
        const c = pointSegmentDistance(p, e[0], e[1]);
        if (c.distanceM > 1e-9 && c.distanceM <= tol && (!best || c.distanceM < best.d)) {
          best = { cx: c.closest[0] - p[0], cy: c.closest[1] - p[1], d: c.distanceM, kind: 'edge' };
        }
      }
    }
  }
  if (!best) return { dxM, dyM, kind: 'none' };
  return { dxM: roundTo(dxM + best.cx, 1e-6), dyM: roundTo(dyM + best.cy, 1e-6), kind: best.kind };
}
