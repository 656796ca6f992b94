/**
 * Largest inscribed circle of a polygon with obstacles (holes), by the pole-of-inaccessibility search of
 * Mapbox's polylabel (V. Agafonkin, 2016): quadtree cells ordered by the best distance they could hold,
 * pruned when they cannot beat the best found by more than the precision. Pure.
 */
import type { PlanPoint } from '../../floorplan/model';
import { pointRingDistanceM, polygonContainsPoint } from '../../floorplan/geometry';

/** Signed clearance of p: distance to the nearest edge of ring or obstacles; negative outside ring or inside an obstacle. */
export function clearanceM(p: PlanPoint, ring: readonly PlanPoint[], obstacles: readonly (readonly PlanPoint[])[]): number {
  let d = pointRingDistanceM(p, ring);
  let inside = polygonContainsPoint(ring, p);
  for (const o of obstacles) {
    const od = pointRingDistanceM(p, o);
    if (od < d) d = od;
    if (inside && polygonContainsPoint(o, p)) inside = false;
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
  // max-heap on the potential `max`
  const up = (i: number) => { while (i > 0) { const p = (i - 1) >> 1; if (queue[p].max >= queue[i].max) break; [queue[p], queue[i]] = [queue[i], queue[p]]; i = p; } };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < queue.length && queue[l].max > queue[m].max) m = l;
      if (r < queue.length && queue[r].max > queue[m].max) m = r;
      if (m === i) return;
      [queue[m], queue[i]] = [queue[i], queue[m]]; i = m;
    }
  };
  for (let i = (queue.length >> 1) - 1; i >= 0; i--) down(i);
  const push = (c: Cell) => { queue.push(c); up(queue.length - 1); };
  let guard = 0;
  while (queue.length && guard++ < 200_000) {
    const c = queue[0];
    const last = queue.pop()!;
    if (queue.length) { queue[0] = last; down(0); }
    if (c.max - best.d <= precisionM) break; // nothing left can beat the best by more than the precision
    if (c.d > best.d) best = c;
    const hh = c.h / 2;
    for (const [dx, dy] of [[-1, -1], [1, -1], [-1, 1], [1, 1]]) {
      const n = mk(c.x + dx * hh, c.y + dy * hh, hh);
      if (n.d > best.d) best = n;
      if (n.max > best.d + precisionM) push(n);
    }
  }
  return { centre: [best.x, best.y], radiusM: Math.max(0, best.d) };
}
