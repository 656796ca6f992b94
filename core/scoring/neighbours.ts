import { forEachWithin, type PointIndex } from '../geo/pointIndex';
import type { NeighbourList } from './types';

/** A growable neighbour buffer for {@link collectWithin}. */
export function createNeighbourList(capacity = 1024): NeighbourList & { i: Int32Array; distanceM: Float64Array } {
  return { count: 0, i: new Int32Array(capacity), distanceM: new Float64Array(capacity) };
}

/**
 * Fill `out` with every point of `index` within `radiusM` metres (great-circle) of (lng, lat), unsorted.
 * Reuses and grows the buffers, so scoring a grid allocates almost nothing per site.
 */
export function collectWithin(index: PointIndex, lng: number, lat: number, radiusM: number,
  out: NeighbourList & { i: Int32Array; distanceM: Float64Array }): void {
  out.count = 0;
  forEachWithin(index, lng, lat, radiusM, (i, d) => {
    if (out.count === out.i.length) {
      const ni = new Int32Array(out.i.length * 2); ni.set(out.i); out.i = ni;
      const nd = new Float64Array(out.distanceM.length * 2); nd.set(out.distanceM); out.distanceM = nd;
    }
    out.i[out.count] = i; out.distanceM[out.count] = d; out.count++;
  });
}
