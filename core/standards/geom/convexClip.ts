/**
 * Fast exact intersection of two convex polygons (Sutherland–Hodgman clipping), used before falling back to
 * the general boolean (geom/clip.ts) for non-convex shapes. Pure.
 */
import type { PlanPoint } from '../../floorplan/model';
import { openRing, polygonSignedAreaM2 } from '../../floorplan/geometry';

/** Whether a simple ring is convex (collinear vertices allowed). */
export function isConvex(ring: readonly PlanPoint[]): boolean {
  const r = openRing(ring);
  let sign = 0;
  for (let i = 0; i < r.length; i++) {
    const a = r[i], b = r[(i + 1) % r.length], c = r[(i + 2) % r.length];
    const z = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (Math.abs(z) < 1e-12) continue;
    const s = Math.sign(z);
    if (sign === 0) sign = s; else if (s !== sign) return false;
  }
  return true;
}

/** Intersection polygon of two convex rings (empty array when they do not overlap). */
export function clipConvex(subject: readonly PlanPoint[], clip: readonly PlanPoint[]): PlanPoint[] {
  let out = openRing(subject);
  let c = openRing(clip);
  if (polygonSignedAreaM2(c) < 0) c = c.slice().reverse();
  for (let i = 0; i < c.length && out.length; i++) {
    const a = c[i], b = c[(i + 1) % c.length];
    const inside = (p: PlanPoint) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0;
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j], q = input[(j + 1) % input.length];
      const pin = inside(p), qin = inside(q);
      if (pin) out.push(p);
      if (pin !== qin) {
        const dx = q[0] - p[0], dy = q[1] - p[1];
        const den = (b[0] - a[0]) * dy - (b[1] - a[1]) * dx;
        if (den !== 0) {
          const t = ((b[1] - a[1]) * (p[0] - a[0]) - (b[0] - a[0]) * (p[1] - a[1])) / den;
          out.push([p[0] + t * dx, p[1] + t * dy]);
        }
      }
    }
  }
  return out.length >= 3 ? out : [];
}
