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

/**
 * The neighbourhood a scored candidate is named by: the one the server placed it in (`place.neighbourhood`, the NTA
 * polygon containing it — the same name the coverage optimiser gives a chosen cell), else the nearest NTA label point
 * ({@link nearestNeighbourhood}), else null. The label point alone can name a cell after the next neighbourhood over.
 */
export function siteNeighbourhood(site: { lng: number; lat: number; place?: { neighbourhood: string | null } | null }, labels: BasemapLabel[] | null): string | null {
  return site.place?.neighbourhood ?? (labels ? nearestNeighbourhood(labels, site.lng, site.lat) : null);
}
