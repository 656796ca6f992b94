import { cellToLatLng, polygonToCells } from 'h3-js';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** An H3 cell used as a candidate site: its index and centre (degrees). */
export interface H3CandidateCell {
  id: string;
  lng: number;
  lat: number;
}

/**
 * H3 cells (Uber H3, via h3-js `polygonToCells`) whose centres fall inside any of the polygons, deduplicated and
 * sorted by cell id, each with its centre. Used for the NYC land grid (resolution 9, cell edge ≈ 174 m, area ≈ 0.105 km²).
 * @param area GeoJSON Polygon/MultiPolygon features (lng/lat degrees, holes honoured).
 * @param resolution H3 resolution 0–15.
 * @throws on a resolution outside 0–15.
 */
export function polygonsToH3Cells(area: FeatureCollection<Polygon | MultiPolygon> | Feature<Polygon | MultiPolygon>[], resolution: number): H3CandidateCell[] {
  if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15) throw new Error(`polygonsToH3Cells: resolution must be an integer 0–15, got ${resolution}`);
  const features = Array.isArray(area) ? area : area.features;
  const cells = new Set<string>();
  for (const f of features) {
    const g = f.geometry;
    if (!g) continue;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const rings of polygons) for (const c of polygonToCells(rings, resolution, true)) cells.add(c);
  }
  return [...cells].sort().map((id) => {
    const [lat, lng] = cellToLatLng(id);
    return { id, lng, lat };
  });
}
