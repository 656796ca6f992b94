import { createPointIndex } from '../geo/pointIndex';
import { EARTH_RADIUS_M } from '../geo/haversine';

/**
 * Tiny hand-computable layouts for the scoring tests: every point lies on the equator, where the great-circle
 * distance between two points is exactly |Δlng| · (π R / 180), so x in metres maps to lng = x / M_PER_DEG.
 * The hand computations are in data/samples/scoring/README.md.
 */
export const M_PER_DEG = (Math.PI * EARTH_RADIUS_M) / 180; // 111,195.08 m per degree of longitude at the equator

/** Longitude (degrees) of a point x metres east of (0, 0) on the equator. */
export const lngAt = (xM: number) => xM / M_PER_DEG;

/** A point index over points x metres east of (0,0) on the equator. */
export function equatorIndex(xM: number[]) {
  return createPointIndex(xM.map(lngAt), xM.map(() => 0));
}
