import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/**
 * `GET /api/basemap` — the offline boundary layers for the map (no tile server, no internet).
 * NYC layers come from nyc-geographies-ehdp (NYC DOHMH, simplified for web maps); the surroundings from
 * us-atlas (Census cartographic boundaries, 1:10 M, 2017) (every US state as land; counties only for the states around New York City).
 * Coordinates are WGS84 [lng, lat].
 */
export interface BasemapResponse {
  /** The five boroughs; properties `{ code: 1..5, name }` (1 Bronx, 2 Brooklyn, 3 Manhattan, 4 Queens, 5 Staten Island). */
  boroughs: FeatureCollection<Polygon | MultiPolygon, { code: number; name: string }>;
  /** 2020 Neighborhood Tabulation Areas; properties `{ code: 'BX0101', name, residential }`. */
  neighborhoods: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; residential: boolean }>;
  /** NY Harbor water polygons; properties `{ name }`. */
  water: FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  /** Every US state and territory (land under a study area anywhere in the US); properties `{ fips, name }`. */
  states: FeatureCollection<Polygon | MultiPolygon, { fips: string; name: string }>;
  /** Counties of the states around NYC (NY, NJ, CT, PA, MA, RI, DE, MD, VT, NH); properties `{ fips (5 digits), name }`. */
  counties: FeatureCollection<Polygon | MultiPolygon, { fips: string; name: string }>;
  /** Label anchor points (from GeoLookup.csv): boroughs and residential neighbourhoods. */
  labels: BasemapLabel[];
  /** Bounds of the NYC layers: [west, south, east, north]. */
  bounds: [number, number, number, number];
  attribution: string[];
}

export interface BasemapLabel {
  kind: 'borough' | 'neighborhood';
  /** Borough number 1–5 or NTA code (e.g. `BX0101`). */
  code: string;
  name: string;
  lng: number;
  lat: number;
}
