import KDBush from 'kdbush';
import { haversineM, metresToLatDeg } from './haversine';

/**
 * A static spatial index over points in longitude/latitude degrees, answering exact great-circle radius
 * queries: a KDBush range query on a bounding box that contains the circle, then a haversine filter.
 * Never all-pairs. Pure (no I/O), shared by server and client.
 */
export interface PointIndex {
  readonly size: number;
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly kd: KDBush;
}

/** A point found within a radius: its position in the index and its distance in metres. */
export interface Neighbour {
  i: number;
  distanceM: number;
}

/**
 * Build an index over `lng[i], lat[i]` (degrees). Throws on mismatched lengths or a non-finite coordinate
 * (name the offending position so a caller can map it back to a row).
 */
export function createPointIndex(lng: ArrayLike<number>, lat: ArrayLike<number>): PointIndex {
  if (lng.length !== lat.length) throw new Error(`createPointIndex: lng has ${lng.length} values, lat ${lat.length}`);
  const n = lng.length;
  const lngA = Float64Array.from(lng);
  const latA = Float64Array.from(lat);
  const kd = new KDBush(Math.max(n, 1), 64, Float64Array);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(lngA[i]) || !Number.isFinite(latA[i])) throw new Error(`createPointIndex: point ${i} has a non-finite coordinate`);
    kd.add(lngA[i], latA[i]);
  }
  if (n === 0) kd.add(1e9, 1e9); // KDBush needs one item; this sentinel is never inside any query box
  kd.finish();
  return { size: n, lng: lngA, lat: latA, kd };
}

/**
 * Every indexed point within `radiusM` metres (great-circle, `d ≤ radiusM`) of (lng, lat), unsorted.
 * Calls `visit(i, distanceM)` for each, so hot loops allocate nothing.
 */
export function forEachWithin(
  index: PointIndex, lng: number, lat: number, radiusM: number,
  visit: (i: number, distanceM: number) => void,
): void {
  if (index.size === 0) return;
  const dLat = metresToLatDeg(radiusM);
  const maxAbsLat = Math.min(89.9, Math.abs(lat) + dLat);
  const dLng = Math.min(180, dLat / Math.cos((maxAbsLat * Math.PI) / 180));
  const ids = index.kd.range(lng - dLng, lat - dLat, lng + dLng, lat + dLat);
  for (const i of ids) {
    const d = haversineM(lng, lat, index.lng[i], index.lat[i]);
    if (d <= radiusM) visit(i, d);
  }
}

/** Array form of {@link forEachWithin}, sorted by distance ascending. */
export function within(index: PointIndex, lng: number, lat: number, radiusM: number): Neighbour[] {
  const out: Neighbour[] = [];
  forEachWithin(index, lng, lat, radiusM, (i, distanceM) => out.push({ i, distanceM }));
  return out.sort((a, b) => a.distanceM - b.distanceM);
}

/**
 * The nearest indexed point to (lng, lat) within `maxDistanceM` (default 50 km), or null.
 * Expands the search radius geometrically, so cost stays local.
 */
export function nearest(index: PointIndex, lng: number, lat: number, maxDistanceM = 50_000,
  accept?: (i: number) => boolean): Neighbour | null {
  for (let r = 250; ; r = Math.min(r * 4, maxDistanceM)) {
    let best: Neighbour | null = null;
    forEachWithin(index, lng, lat, r, (i, d) => {
      if (accept && !accept(i)) return;
      if (!best || d < best.distanceM) best = { i, distanceM: d };
    });
    if (best || r >= maxDistanceM) return best;
  }
}
