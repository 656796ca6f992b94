import { EARTH_RADIUS_M, metresToLatDeg } from './haversine';
import type { PointIndex } from './pointIndex';

/**
 * Points of a {@link PointIndex} as unit vectors on the sphere, for fast exact great-circle radius queries in hot
 * loops: the KDBush box query as in `forEachWithin`, then the chord length c = |u₁ − u₂| (three multiply-adds, no
 * trigonometry) as a filter, and d = 2R·asin(c/2) — the same great-circle distance as the haversine formula
 * (R = 6,371,008.8 m), equal to it within ~1e-9 relative — only for points that pass.
 */
export interface UnitVectorIndex {
  index: PointIndex;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

const DEG = Math.PI / 180;

/** Precompute the unit vectors of every point of `index`. */
export function createUnitVectorIndex(index: PointIndex): UnitVectorIndex {
  const n = index.size;
  const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const la = index.lat[i] * DEG, lo = index.lng[i] * DEG;
    const c = Math.cos(la);
    x[i] = c * Math.cos(lo); y[i] = c * Math.sin(lo); z[i] = Math.sin(la);
  }
  return { index, x, y, z };
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
 * Fill `out` with every point within `radiusM` metres (great-circle, d ≤ radiusM) of (lng, lat) degrees, unsorted.
 * Same result as `forEachWithin` on the underlying index; allocation-free apart from the KDBush id list.
 */
export function collectWithinUnit(u: UnitVectorIndex, lng: number, lat: number, radiusM: number, out: NeighbourBuffer): void {
  out.count = 0;
  const index = u.index;
  if (index.size === 0) return;
  const dLat = metresToLatDeg(radiusM);
  const maxAbsLat = Math.min(89.9, Math.abs(lat) + dLat);
  const dLng = Math.min(180, dLat / Math.cos(maxAbsLat * DEG));
  const ids = index.kd.range(lng - dLng, lat - dLat, lng + dLng, lat + dLat);
  const la = lat * DEG, lo = lng * DEG, c = Math.cos(la);
  const px = c * Math.cos(lo), py = c * Math.sin(lo), pz = Math.sin(la);
  // chord² of the radius, with a little slack so the exact test below decides the boundary
  const half = Math.min(Math.PI / 2, radiusM / (2 * EARTH_RADIUS_M));
  const chord2Max = (2 * Math.sin(half)) ** 2 * (1 + 1e-9) + 1e-30;
  const twoR = 2 * EARTH_RADIUS_M;
  for (let k = 0; k < ids.length; k++) {
    const i = ids[k];
    if (i >= index.size) continue; // the empty-index sentinel
    const dx = u.x[i] - px, dy = u.y[i] - py, dz = u.z[i] - pz;
    const c2 = dx * dx + dy * dy + dz * dz;
    if (c2 > chord2Max) continue;
    const d = twoR * Math.asin(Math.min(1, Math.sqrt(c2) / 2));
    if (d > radiusM) continue;
    if (out.count === out.i.length) {
      const ni = new Int32Array(out.i.length * 2); ni.set(out.i); out.i = ni;
      const nd = new Float64Array(out.distanceM.length * 2); nd.set(out.distanceM); out.distanceM = nd;
    }
    out.i[out.count] = i; out.distanceM[out.count] = d; out.count++;
  }
}
