import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { loadBasemap } from '../routes/basemap';

interface NtaShape { code: string; name: string; bbox: [number, number, number, number]; geometry: Polygon | MultiPolygon }

const cache = new Map<string, NtaShape[]>();

function shapes(dataDir: string): NtaShape[] {
  let s = cache.get(dataDir);
  if (!s) {
    s = loadBasemap(dataDir).neighborhoods.features.map((f) => {
      let w = Infinity, so = Infinity, e = -Infinity, n = -Infinity;
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) for (const [x, y] of poly[0]) { w = Math.min(w, x); e = Math.max(e, x); so = Math.min(so, y); n = Math.max(n, y); }
      return { code: f.properties.code, name: f.properties.name, bbox: [w, so, e, n] as [number, number, number, number], geometry: f.geometry };
    });
    cache.set(dataDir, s);
  }
  return s;
}

/**
 * The NYC 2020 Neighborhood Tabulation Area (NTA2020, `nyc-geographies-ehdp/NTA2020.topo.json`: its NTACode and
 * GEONAME) whose polygon holds the point (lng, lat in degrees, WGS84), or null outside every NTA (water, outside NYC).
 * Bounding-box prefilter, then turf's point-in-polygon. The polygons are read once per data folder.
 * @throws AppError 500 naming the file when the basemap files are missing or malformed.
 */
export function ntaAt(dataDir: string, lng: number, lat: number): { code: string; name: string } | null {
  for (const s of shapes(dataDir)) {
    if (lng < s.bbox[0] || lng > s.bbox[2] || lat < s.bbox[1] || lat > s.bbox[3]) continue;
    if (booleanPointInPolygon([lng, lat], s.geometry)) return { code: s.code, name: s.name };
  }
  return null;
}

/** The GEONAME of the NTA holding the point ({@link ntaAt}), or null. */
export function ntaNameAt(dataDir: string, lng: number, lat: number): string | null {
  return ntaAt(dataDir, lng, lat)?.name ?? null;
}
