import { collectWithinUnit, createNeighbourBuffer, createUnitVectorIndex, type NeighbourBuffer } from '../geo/unitVectors';
import type { PointIndex } from '../geo/pointIndex';

/** A growable neighbour buffer for {@link collectWithin}. */
export function createNeighbourList(capacity = 1024): NeighbourBuffer {
  return createNeighbourBuffer(capacity);
}

/**
 * Fill `out` with every point of `index` within `radiusM` metres (great-circle, d ≤ radiusM) of (lng, lat), unsorted.
 * Convenience form for tests and one-off queries (builds the unit vectors each call); hot loops keep a
 * UnitVectorIndex and call `collectWithinUnit` directly.
 */
export function collectWithin(index: PointIndex, lng: number, lat: number, radiusM: number, out: NeighbourBuffer): void {
  collectWithinUnit(createUnitVectorIndex(index), lng, lat, radiusM, out);
}
