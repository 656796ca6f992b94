/**
 * Planar polygon predicates used by the checks (plan metres, y down). Pure.
 * Area/centroid/edges come from core/floorplan/geometry.ts; this adds validity, point location,
 * segment distances and shared-edge length.
 */
import type { PlanPoint } from '../../floorplan/model';
import { openRing, polygonContainsPoint, polygonEdges, polygonSignedAreaM2 } from '../../floorplan/geometry';

/** Why a zone polygon cannot be measured. */
export type RingProblem = 'too-few-vertices' | 'zero-area' | 'collinear' | 'self-intersecting' | 'spike' | 'not-finite';

/**
 * Problems of a ring, in order of gravity; empty when the ring is a valid simple polygon.
 * zero-area: |area| < minAreaM2; collinear: every vertex on one line; self-intersecting: two non-adjacent
 * edges cross or touch; spike: an interior angle below spikeAngleDeg (a needle vertex that folds back).
 */
export function ringProblems(ring: readonly PlanPoint[], minAreaM2 = 0.01, spikeAngleDeg = 1): RingProblem[] {
  const r = dedupe(openRing(ring));
  if (r.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) return ['not-finite'];
  if (r.length < 3) return ['too-few-vertices'];
  const out: RingProblem[] = [];
  const allCollinear = r.every((p) => Math.abs(cross(r[0], r[1], p)) < 1e-12 * scale(r));
  if (allCollinear) return ['collinear'];
  if (Math.abs(polygonSignedAreaM2(r)) < minAreaM2) out.push('zero-area');
  const n = r.length;
  for (let i = 0; i < n; i++) {
    const prev = r[(i + n - 1) % n], p = r[i], next = r[(i + 1) % n];
    const ang = angleDeg(prev, p, next);
    if (ang < spikeAngleDeg) { out.push('spike'); break; }
  }
  if (selfIntersects(r)) out.push('self-intersecting');
  return out;
}

function dedupe(r: PlanPoint[]): PlanPoint[] {
  const out: PlanPoint[] = [];
  for (const p of r) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

function scale(r: PlanPoint[]): number {
  let m = 1;
  for (const p of r) m = Math.max(m, Math.abs(p[0]), Math.abs(p[1]));
  return m * m;
}

function angleDeg(a: PlanPoint, o: PlanPoint, b: PlanPoint): number {
  const ux = a[0] - o[0], uy = a[1] - o[1], vx = b[0] - o[0], vy = b[1] - o[1];
  const lu = Math.hypot(ux, uy), lv = Math.hypot(vx, vy);
  if (lu === 0 || lv === 0) return 180;
  const c = Math.max(-1, Math.min(1, (ux * vx + uy * vy) / (lu * lv)));
  return (Math.acos(c) * 180) / Math.PI;
}

/** z of (b − a) × (c − a). */
export function cross(a: PlanPoint, b: PlanPoint, c: PlanPoint): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: PlanPoint, b: PlanPoint, p: PlanPoint): boolean {
  return Math.min(a[0], b[0]) - 1e-12 <= p[0] && p[0] <= Math.max(a[0], b[0]) + 1e-12
    && Math.min(a[1], b[1]) - 1e-12 <= p[1] && p[1] <= Math.max(a[1], b[1]) + 1e-12;
}

/** Whether segments ab and cd intersect (including touching). */
export function segmentsIntersect(a: PlanPoint, b: PlanPoint, c: PlanPoint, d: PlanPoint): boolean {
  const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegment(c, d, a)) return true;
  if (d2 === 0 && onSegment(c, d, b)) return true;
  if (d3 === 0 && onSegment(a, b, c)) return true;
  if (d4 === 0 && onSegment(a, b, d)) return true;
  return false;
}

function selfIntersects(r: PlanPoint[]): boolean {
  const n = r.length;
  if (n < 4) return false;
  for (let i = 0; i < n; i++) {
    const a = r[i], b = r[(i + 1) % n];
    for (let j = i + 1; j < n; j++) {
      if (j === i || (j + 1) % n === i || j === (i + 1) % n) continue;
      if (segmentsIntersect(a, b, r[j], r[(j + 1) % n])) return true;
    }
  }
  return false;
}

/** Distance from p to segment ab, metres, and the closest point. */
export function pointSegmentDistance(p: PlanPoint, a: PlanPoint, b: PlanPoint): { distanceM: number; closest: PlanPoint } {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  let t = l2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2;
  t = Math.max(0, Math.min(1, t));
  const c: PlanPoint = [a[0] + t * dx, a[1] + t * dy];
  return { distanceM: Math.hypot(p[0] - c[0], p[1] - c[1]), closest: c };
}

/** Distance from p to the nearest edge of a ring, metres. */
export function pointRingDistanceM(p: PlanPoint, ring: readonly PlanPoint[]): number {
  let best = Infinity;
  for (const [a, b] of polygonEdges(ring)) best = Math.min(best, pointSegmentDistance(p, a, b).distanceM);
  return best;
}

/**
 * Where p lies relative to a ring: 'boundary' when within tolM of an edge (a point exactly on a boundary
 * is on the boundary, not inside or outside), else inside/outside by the even-odd crossing rule.
 */
export function locatePoint(p: PlanPoint, ring: readonly PlanPoint[], tolM = 1e-9): 'inside' | 'boundary' | 'outside' {
  if (pointRingDistanceM(p, ring) <= tolM) return 'boundary';
  return pointInRing(p, ring) ? 'inside' : 'outside';
}

/**
 * Even-odd point-in-polygon (boundary undefined; use {@link locatePoint} when it matters). The checks' argument
 * order (point first) over the model's {@link polygonContainsPoint}.
 */
export function pointInRing(p: PlanPoint, ring: readonly PlanPoint[]): boolean {
  return polygonContainsPoint(ring, p);
}

/** A stretch of boundary two rings share: its end points and length. */
export interface SharedEdge { a: PlanPoint; b: PlanPoint; lengthM: number }

/**
 * Stretches of boundary shared by two rings: collinear overlapping edges (within tolM of each other and
 * parallel within ~0.5°). Touching at a single point shares nothing.
 */
export function sharedEdges(ringA: readonly PlanPoint[], ringB: readonly PlanPoint[], tolM = 0.01): SharedEdge[] {
  const out: SharedEdge[] = [];
  for (const [a1, a2] of polygonEdges(ringA)) {
    const len = Math.hypot(a2[0] - a1[0], a2[1] - a1[1]);
    if (len < 1e-9) continue;
    const ux = (a2[0] - a1[0]) / len, uy = (a2[1] - a1[1]) / len;
    for (const [b1, b2] of polygonEdges(ringB)) {
      // both ends of b within tol of a's line
      const d1 = Math.abs((b1[0] - a1[0]) * uy - (b1[1] - a1[1]) * ux);
      const d2 = Math.abs((b2[0] - a1[0]) * uy - (b2[1] - a1[1]) * ux);
      if (d1 > tolM || d2 > tolM) continue;
      const t1 = (b1[0] - a1[0]) * ux + (b1[1] - a1[1]) * uy;
      const t2 = (b2[0] - a1[0]) * ux + (b2[1] - a1[1]) * uy;
      const lo = Math.max(0, Math.min(t1, t2)), hi = Math.min(len, Math.max(t1, t2));
      if (hi - lo > tolM) out.push({ a: [a1[0] + ux * lo, a1[1] + uy * lo], b: [a1[0] + ux * hi, a1[1] + uy * hi], lengthM: hi - lo });
    }
  }
  return out;
}

/** Axis-aligned bounds of a ring. */
export function ringBounds(ring: readonly PlanPoint[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ring) { if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y; }
  return { minX, minY, maxX, maxY };
}
