/**
 * Largest inscribed circle of a polygon with obstacles (holes), by the pole-of-inaccessibility search of
 * Mapbox's polylabel (V. Agafonkin, 2016): quadtree cells ordered by the best distance they could hold,
 * pruned when they cannot beat the best found by more than the precision. Pure.
 */
import type { PlanPoint } from '../../floorplan/model';
import { pointInRing, pointRingDistanceM } from './polygon';

/** Signed clearance of p: distance to the nearest edge of ring or obstacles; negative outside ring or inside an obstacle. */
export function clearanceM(p: PlanPoint, ring: readonly PlanPoint[], obstacles: readonly (readonly PlanPoint[])[]): number {
  let d = pointRingDistanceM(p, ring);
  let inside = pointInRing(p, ring);
  for (const o of obstacles) {
    const od = pointRingDistanceM(p, o);
    if (od < d) d = od;
    if (inside && pointInRing(p, o)) inside = false;
  }
  return inside ? d : -d;
}

/**
 * Centre and radius (m) of the largest circle inside `ring` avoiding `obstacles`.
 * @param precisionM stop refining when a cell cannot improve the radius by more than this (default 1 mm)
 */
export function largestInscribedCircle(ring: readonly PlanPoint[], obstacles: readonly (readonly PlanPoint[])[] = [], precisionM = 0.001): { centre: PlanPoint; radiusM: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ring) { minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y); }
  const w = maxX - minX, h = maxY - minY;
  const size = Math.min(w, h);
  if (!(size > 0)) return { centre: [minX, minY], radiusM: 0 };
  type Cell = { x: number; y: number; h: number; d: number; max: number };
  const mk = (x: number, y: number, hh: number): Cell => {
    const d = clearanceM([x, y], ring, obstacles);
    return { x, y, h: hh, d, max: d + hh * Math.SQRT2 };
  };
  const queue: Cell[] = [];
  const half = size / 2;
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) queue.push(mk(x + half, y + half, half));
  let best = mk(minX + w / 2, minY + h / 2, 0);
  for (const c of queue) if (c.d > best.d) best = c;
  let guard = 0;
  while (queue.length && guard++ < 200_000) {
    // pop the cell with the largest potential
    let bi = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].max > queue[bi].max) bi = i;
    const c = queue[bi];
    queue[bi] = queue[queue.length - 1]; queue.pop();
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precisionM) continue;
    const hh = c.h / 2;
    for (const [dx, dy] of [[-1, -1], [1, -1], [-1, 1], [1, 1]]) {
      const n = mk(c.x + dx * hh, c.y + dy * hh, hh);
      if (n.max > best.d + precisionM) queue.push(n);
      else if (n.d > best.d) best = n;
    }
  }
  return { centre: [best.x, best.y], radiusM: Math.max(0, best.d) };
}
