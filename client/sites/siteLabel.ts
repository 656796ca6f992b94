import type { BasemapLabel } from '../../core/api/basemap';
import { haversineM } from '../../core/geo/haversine';

/**
 * A human label for a candidate: the nearest residential neighbourhood (NTA label point, great-circle distance)
 * when one lies within `maxM` metres (default 2 km), else null. Linear scan over the ~200 NTA points.
 */
export function nearestNeighbourhood(labels: BasemapLabel[], lng: number, lat: number, maxM = 2000): string | null {
  let best: string | null = null;
  let bestM = maxM;
  for (const l of labels) {
    if (l.kind !== 'neighborhood') continue;
    const d = haversineM(lng, lat, l.lng, l.lat);
    if (d <= bestM) { bestM = d; best = l.name; }
  }
  return best;
}
