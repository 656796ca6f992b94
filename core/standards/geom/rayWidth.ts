/**
 * Exact width of free space at a point, measured with the vector geometry: cast a ray from the nearest
 * boundary through the point to the opposite boundary, then re-cast along the normal of the boundary segment
 * hit (so a corridor is measured square to its walls, to float precision). A hit whose far side is still free
 * space (a seam between two customer zones) is skipped.
 */
import type { PlanPoint } from '../../floorplan/model';
import type { SegmentIndex } from './segmentIndex';

export interface WidthAt { widthM: number; a: PlanPoint; b: PlanPoint }

/** First hit of the ray o + t·d (t > 0) on a boundary segment; isBoundary(hit, d) filters seams. */
export function castRay(o: PlanPoint, d: PlanPoint, segIndex: SegmentIndex, isBoundary: (hit: PlanPoint, dir: PlanPoint) => boolean, maxT: number): { t: number; seg: [PlanPoint, PlanPoint] } | null {
  const hits: { t: number; seg: [PlanPoint, PlanPoint] }[] = [];
  for (const s of segIndex.alongRay(o, d, maxT)) {
    const [a, b] = s;
    const ex = b[0] - a[0], ey = b[1] - a[1];
    const den = d[0] * ey - d[1] * ex;
    if (Math.abs(den) < 1e-15) continue;
    const wx = a[0] - o[0], wy = a[1] - o[1];
    const t = (wx * ey - wy * ex) / den;
    const u = (wx * d[1] - wy * d[0]) / den;
    if (t > 1e-9 && t <= maxT && u >= -1e-9 && u <= 1 + 1e-9) hits.push({ t, seg: s });
  }
  hits.sort((p, q) => p.t - q.t);
  for (const h of hits) if (isBoundary([o[0] + d[0] * h.t, o[1] + d[1] * h.t], d)) return h;
  return null;
}

/**
 * Width through point p in the direction `approxNormal` (e.g. from the point's nearest obstacle toward it),
 * refined to the normal of the boundary segment first hit behind p.
 */
export function widthThrough(p: PlanPoint, approxNormal: PlanPoint, segs: SegmentIndex, isBoundary: (hit: PlanPoint, dir: PlanPoint) => boolean, maxT = 100): WidthAt | null {
  const len = Math.hypot(approxNormal[0], approxNormal[1]);
  if (len === 0) return null;
  let n: PlanPoint = [approxNormal[0] / len, approxNormal[1] / len];
  const back = castRay(p, [-n[0], -n[1]], segs, isBoundary, maxT);
  if (back) {
    const [a, b] = back.seg;
    const sl = Math.hypot(b[0] - a[0], b[1] - a[1]);
    let m: PlanPoint = [-(b[1] - a[1]) / sl, (b[0] - a[0]) / sl];
    if (m[0] * n[0] + m[1] * n[1] < 0) m = [-m[0], -m[1]];
    n = m;
  }
  const b1 = castRay(p, [-n[0], -n[1]], segs, isBoundary, maxT);
  const f1 = castRay(p, n, segs, isBoundary, maxT);
  if (!b1 || !f1) return null;
  return {
    widthM: b1.t + f1.t,
    a: [p[0] - n[0] * b1.t, p[1] - n[1] * b1.t],
    b: [p[0] + n[0] * f1.t, p[1] + n[1] * f1.t],
  };
}

/**
 * Width of the free space at p measured through its nearest true boundary point q1: the ray from q1 through p
 * to the opposite boundary q2; |q1 q2| is the clear width there (exact between parallel walls, and between a
 * corner and a wall when p lies on their shortest connection). `isBoundary(q, dir)` tells whether q, reached
 * moving along dir, is a real boundary (not a seam between two free zones).
 */
export function widthAcross(p: PlanPoint, segs: SegmentIndex, isBoundary: (hit: PlanPoint, dir: PlanPoint) => boolean, maxT = 100, searchM = 3): WidthAt | null {
  const cands: { d: number; q: PlanPoint }[] = [];
  for (const [a, b] of segs.near(p, searchM)) {
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const l2 = dx * dx + dy * dy;
    let t = l2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2;
    t = Math.max(0, Math.min(1, t));
    const q: PlanPoint = [a[0] + t * dx, a[1] + t * dy];
    cands.push({ d: Math.hypot(p[0] - q[0], p[1] - q[1]), q });
  }
  cands.sort((x, y) => x.d - y.d);
  for (const { d, q } of cands) {
    if (d < 1e-12) continue;
    const dir: PlanPoint = [(q[0] - p[0]) / d, (q[1] - p[1]) / d];
    if (!isBoundary(q, dir)) continue;
    const back: PlanPoint = [-dir[0], -dir[1]];
    const hit = castRay(q, back, segs, (h, dd) => isBoundary(h, dd), maxT);
    if (!hit) return null;
    return { widthM: hit.t, a: q, b: [q[0] + back[0] * hit.t, q[1] + back[1] * hit.t] };
  }
  return null;
}
