/**
 * Polygon predicates only the checks need (plan metres, y down). Pure. Every planar primitive (area, edges, point in
 * polygon, point–segment distance, segment intersection) lives in core/floorplan/geometry.ts; this adds ring validity
 * and shared-edge length on top of it.
 */
import type { PlanPoint } from '../../floorplan/model';
import { cross, openRing, polygonEdges, polygonSignedAreaM2, segmentsIntersect } from '../../floorplan/geometry';

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
