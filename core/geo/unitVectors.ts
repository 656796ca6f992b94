import { EARTH_RADIUS_M, metresToLatDeg } from './haversine';
import type { PointIndex } from './pointIndex';

/**
 * Points as unit vectors on the sphere, binned on a lng/lat grid, for fast exact great-circle radius queries in hot
 * loops (scoring a grid of thousands of candidates). Points are stored sorted by (row, column) of a 0.005° grid, so
 * the points of one grid row inside a longitude range are contiguous: a query does two binary searches per row of
 * its bounding box and scans contiguous memory. The chord length c = |u₁ − u₂| (three multiply-adds, no
 * trigonometry) filters; d = 2R·asin(c/2) — the same great-circle distance as the haversine formula
 * (R = 6,371,008.8 m) to ~1e-9 relative — is computed only for the points that pass. Never all-pairs.
 */
export interface UnitVectorIndex {
  /** The point index these were built from (lng/lat arrays, original ids). */
  index: PointIndex;
  size: number;
  /** Bin size, degrees. */
  cellDeg: number;
  /** Sorted bin keys (row · 1e6 + column), one per point, in storage order. */
  keys: Float64Array;
  /** Original id (position in `index`) of each stored point. */
  ids: Int32Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

const DEG = Math.PI / 180;
const KEY_ROW = 1e6;

/** Build the binned unit-vector index of every point of `index` (O(n log n)). */
export function createUnitVectorIndex(index: PointIndex, cellDeg = 0.005): UnitVectorIndex {
  const n = index.size;
  const rawKeys = new Float64Array(n);
  for (let i = 0; i < n; i++) rawKeys[i] = binKey(index.lng[i], index.lat[i], cellDeg);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => rawKeys[a] - rawKeys[b] || a - b);
  const keys = new Float64Array(n), x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    keys[k] = rawKeys[i];
    const la = index.lat[i] * DEG, lo = index.lng[i] * DEG;
    const c = Math.cos(la);
    x[k] = c * Math.cos(lo); y[k] = c * Math.sin(lo); z[k] = Math.sin(la);
  }
  return { index, size: n, cellDeg, keys, ids: order, x, y, z };
}

function binKey(lng: number, lat: number, cellDeg: number): number {
  return Math.floor((lat + 90) / cellDeg) * KEY_ROW + Math.floor((lng + 180) / cellDeg);
}

/** First position in sorted `keys` with key ≥ v. */
function lowerBound(keys: Float64Array, v: number): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (keys[m] < v) lo = m + 1; else hi = m; }
  return lo;
}

/** A reusable buffer of neighbours: `count` valid entries of point ids `i` and distances `distanceM` (metres). */
export interface NeighbourBuffer {
  count: number;
  i: Int32Array;
  distanceM: Float64Array;
}

/** An empty {@link NeighbourBuffer} that grows as needed. */
export function createNeighbourBuffer(capacity = 1024): NeighbourBuffer {
  return { count: 0, i: new Int32Array(capacity), distanceM: new Float64Array(capacity) };
}

/**
 * Fill `out` with every point within `radiusM` metres (great-circle, d ≤ radiusM) of (lng, lat) degrees, unsorted,
 * ids as positions in the original {@link PointIndex}. Same result as `forEachWithin` on that index; no allocation
 * beyond growing `out`. (No antimeridian wrap, like `forEachWithin`.)
 */
export function collectWithinUnit(u: UnitVectorIndex, lng: number, lat: number, radiusM: number, out: NeighbourBuffer): void {
  out.count = 0;
  if (u.size === 0) return;
  const dLat = metresToLatDeg(radiusM);
  const maxAbsLat = Math.min(89.9, Math.abs(lat) + dLat);
  const dLng = Math.min(180, dLat / Math.cos(maxAbsLat * DEG));
  const cell = u.cellDeg;
  const r0 = Math.floor((Math.max(-90, lat - dLat) + 90) / cell), r1 = Math.floor((Math.min(90, lat + dLat) + 90) / cell);
  const c0 = Math.floor((Math.max(-180, lng - dLng) + 180) / cell), c1 = Math.floor((Math.min(180, lng + dLng) + 180) / cell);
  const la = lat * DEG, lo = lng * DEG, c = Math.cos(la);
  const px = c * Math.cos(lo), py = c * Math.sin(lo), pz = Math.sin(la);
  // chord² of the radius, with a little slack so the exact test below decides the boundary
  const half = Math.min(Math.PI / 2, radiusM / (2 * EARTH_RADIUS_M));
  const chord2Max = (2 * Math.sin(half)) ** 2 * (1 + 1e-9) + 1e-30;
  const twoR = 2 * EARTH_RADIUS_M;
  const { keys, x, y, z, ids } = u;
  for (let r = r0; r <= r1; r++) {
    const start = lowerBound(keys, r * KEY_ROW + c0);
    const endKey = r * KEY_ROW + c1;
    for (let k = start; k < keys.length && keys[k] <= endKey; k++) {
      const dx = x[k] - px, dy = y[k] - py, dz = z[k] - pz;
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 > chord2Max) continue;
      const h = Math.sqrt(c2) / 2;
      // asin(h) = h + h³/6 + 3h⁵/40 + 5h⁷/112 + …; below h = 1e-3 (≈ 12.7 km) the omitted terms are < 1e-16 relative
      const d = twoR * (h < 1e-3 ? h * (1 + h * h * (1 / 6 + h * h * (3 / 40))) : Math.asin(Math.min(1, h)));
      if (d > radiusM) continue;
      if (out.count === out.i.length) {
        const ni = new Int32Array(out.i.length * 2); ni.set(out.i); out.i = ni;
        const nd = new Float64Array(out.distanceM.length * 2); nd.set(out.distanceM); out.distanceM = nd;
      }
      out.i[out.count] = ids[k]; out.distanceM[out.count] = d; out.count++;
    }
  }
}

/**
 * The nearest point (optionally only those `accept`ed) within `maxDistanceM` (default 50 km), or null; the search
 * radius grows ×4 from 250 m so cost stays local. `scratch` is a reusable buffer.
 */
export function nearestUnit(u: UnitVectorIndex, lng: number, lat: number, scratch: NeighbourBuffer, maxDistanceM = 50_000,
  accept?: (i: number) => boolean): { i: number; distanceM: number } | null {
  for (let r = Math.min(250, maxDistanceM); ; r = Math.min(r * 4, maxDistanceM)) {
    collectWithinUnit(u, lng, lat, r, scratch);
    let best = -1, bestD = Infinity;
    for (let k = 0; k < scratch.count; k++) {
      const i = scratch.i[k], d = scratch.distanceM[k];
      if (d < bestD && (!accept || accept(i))) { best = i; bestD = d; }
    }
    if (best >= 0) return { i: best, distanceM: bestD };
    if (r >= maxDistanceM) return null;
  }
}
