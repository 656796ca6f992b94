import { EARTH_RADIUS_M, metresToLatDeg } from '../geo/haversine';
import type { PointIndex } from '../geo/pointIndex';

const DEG = Math.PI / 180;
const STACK = new Uint32Array(64 * 3);

/** The nearest indexed point found by {@link nearestWithin}: position in the index and distance in metres. */
export interface NearestHit {
  i: number;
  distanceM: number;
}

/**
 * Nearest indexed point to (lng, lat) within `maxDistanceM` metres (great-circle, WGS84 mean sphere), by a
 * pruned depth-first walk of the KDBush tree that shrinks its search box each time a closer point is found.
 *
 * `stopAtM` (default 0): return as soon as any point at distance ≤ `stopAtM` is found — the "is there an
 * outlet within R" test that coverage needs, which usually stops after one leaf. With `stopAtM = 0` the
 * result is the exact nearest point.
 *
 * Returns `{ i: -1, distanceM: Infinity }` when nothing lies within `maxDistanceM`. Reuses `out` to avoid
 * allocation in hot loops. Cost: local (the box never exceeds `maxDistanceM`), never a scan of the index.
 */
export function nearestWithin(index: PointIndex, lng: number, lat: number, maxDistanceM: number, stopAtM = 0,
  out: NearestHit = { i: -1, distanceM: Infinity }): NearestHit {
  out.i = -1;
  out.distanceM = Infinity;
  if (index.size === 0) return out;
  const kd = index.kd as unknown as { ids: ArrayLike<number>; coords: Float64Array; nodeSize: number };
  const { ids, coords, nodeSize } = kd;
  const cosLat = Math.cos(lat * DEG);
  const latR = lat * DEG;
  // Bounding box of the circle of radius `best`; recomputed whenever `best` shrinks.
  let best = maxDistanceM;
  let dLat = 0, dLng = 0;
  const setBox = () => {
    dLat = metresToLatDeg(best);
    const maxAbsLat = Math.min(89.9, Math.abs(lat) + dLat);
    dLng = Math.min(180, dLat / Math.cos(maxAbsLat * DEG));
  };
  setBox();
  // Compare the haversine term a = sin²(d / 2R) instead of d (monotone in d), so asin/sqrt run only on improvement.
  const aOf = (dM: number) => { const s = Math.sin(Math.min(dM, Math.PI * EARTH_RADIUS_M) / (2 * EARTH_RADIUS_M)); return s * s; };
  let bestA = aOf(best);
  const stopA = aOf(stopAtM);
  const test = (k: number): boolean => {
    const x = coords[2 * k], y = coords[2 * k + 1];
    if (x < lng - dLng || x > lng + dLng || y < lat - dLat || y > lat + dLat) return false;
    const s1 = Math.sin((y * DEG - latR) / 2);
    const s2 = Math.sin(((x - lng) * DEG) / 2);
    const a = s1 * s1 + cosLat * Math.cos(y * DEG) * s2 * s2;
    if (a <= bestA) {
      const d = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
      if (d > best) return false; // rounding at the boundary: the distance test is the definition
      bestA = a;
      best = d;
      out.i = ids[k];
      out.distanceM = d;
      if (a <= stopA && d <= stopAtM) return true;
      setBox();
    }
    return false;
  };
  STACK[0] = 0; STACK[1] = ids.length - 1; STACK[2] = 0;
  let sp = 3;
  while (sp > 0) {
    const axis = STACK[--sp];
    const right = STACK[--sp];
    const left = STACK[--sp];
    if (right - left <= nodeSize) {
      for (let k = left; k <= right; k++) if (test(k)) return out;
      continue;
    }
    const m = (left + right) >> 1;
    if (test(m)) return out;
    const v = coords[2 * m + axis];
    const lo = axis === 0 ? lng - dLng : lat - dLat;
    const hi = axis === 0 ? lng + dLng : lat + dLat;
    const q = axis === 0 ? lng : lat;
    // Visit the half containing the query point last-pushed (first-popped), so `best` shrinks early.
    const goLeft = lo <= v, goRight = hi >= v;
    if (q < v) {
      if (goRight) { STACK[sp++] = m + 1; STACK[sp++] = right; STACK[sp++] = 1 - axis; }
      if (goLeft) { STACK[sp++] = left; STACK[sp++] = m - 1; STACK[sp++] = 1 - axis; }
    } else {
      if (goLeft) { STACK[sp++] = left; STACK[sp++] = m - 1; STACK[sp++] = 1 - axis; }
      if (goRight) { STACK[sp++] = m + 1; STACK[sp++] = right; STACK[sp++] = 1 - axis; }
    }
  }
  return out;
}

/**
 * Any indexed point within `radiusM` metres of (lng, lat)? Returns its position, or −1. The fixed-box special case
 * of {@link nearestWithin} (no box shrinking, no closures): the inner loop of national coverage. Compares the
 * haversine term `a = sin²(d / 2R)` with the radius's, so no asin/sqrt per candidate.
 */
export function anyWithin(index: PointIndex, lng: number, lat: number, radiusM: number): number {
  if (index.size === 0) return -1;
  const kd = index.kd as unknown as { ids: ArrayLike<number>; coords: Float64Array; nodeSize: number };
  const { ids, coords, nodeSize } = kd;
  const dLat = metresToLatDeg(radiusM);
  const maxAbsLat = Math.min(89.9, Math.abs(lat) + dLat);
  const dLng = Math.min(180, dLat / Math.cos(maxAbsLat * DEG));
  const minX = lng - dLng, maxX = lng + dLng, minY = lat - dLat, maxY = lat + dLat;
  const sR = Math.sin(Math.min(radiusM, Math.PI * EARTH_RADIUS_M) / (2 * EARTH_RADIUS_M));
  const aMax = sR * sR;
  const cosLat = Math.cos(lat * DEG), latR = lat * DEG;
  STACK[0] = 0; STACK[1] = ids.length - 1; STACK[2] = 0;
  let sp = 3;
  while (sp > 0) {
    const axis = STACK[--sp];
    const right = STACK[--sp];
    const left = STACK[--sp];
    if (right - left <= nodeSize) {
      for (let k = left; k <= right; k++) {
        const x = coords[2 * k], y = coords[2 * k + 1];
        if (x < minX || x > maxX || y < minY || y > maxY) continue;
        const s1 = Math.sin((y * DEG - latR) / 2), s2 = Math.sin(((x - lng) * DEG) / 2);
        if (s1 * s1 + cosLat * Math.cos(y * DEG) * s2 * s2 <= aMax) return ids[k];
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m], y = coords[2 * m + 1];
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) {
      const s1 = Math.sin((y * DEG - latR) / 2), s2 = Math.sin(((x - lng) * DEG) / 2);
      if (s1 * s1 + cosLat * Math.cos(y * DEG) * s2 * s2 <= aMax) return ids[m];
    }
    if (axis === 0 ? minX <= x : minY <= y) { STACK[sp++] = left; STACK[sp++] = m - 1; STACK[sp++] = 1 - axis; }
    if (axis === 0 ? maxX >= x : maxY >= y) { STACK[sp++] = m + 1; STACK[sp++] = right; STACK[sp++] = 1 - axis; }
  }
  return -1;
}
