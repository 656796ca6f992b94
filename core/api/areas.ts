import { z } from 'zod';

/**
 * Study areas (issue 10, item 1): the one spec every area-aware route takes — site scoring's `grid.area`, the
 * coverage routes' and the optimiser's `area` — and the H3 grid laid over it. Shared by server and client.
 *
 * Kinds:
 * - `"nyc"` — the five NYC boroughs;
 * - `{ bbox: [west, south, east, north] }` — degrees, WGS84;
 * - `{ counties: ["36047", …] }` — 5-digit county FIPS anywhere in the US (Brooklyn = `["36047"]`);
 * - `{ ntas: ["BK0101", …] }` — NYC 2020 Neighborhood Tabulation Areas by NTACode;
 * - `{ polygon: <GeoJSON Polygon> }` — e.g. drawn on the map (rings closed, lng/lat degrees);
 * - `{ dataset: "<id>" }` — a boundary the user uploaded (`POST /api/datasets`).
 */

/** Cells one grid may hold: a larger area or finer resolution is refused with a 400 naming this cap. */
export const MAX_GRID_CELLS = 25_000;
/** H3 resolutions a study-area grid may use (8 ≈ 0.74 km² cells, 9 ≈ 0.105 km², 10 ≈ 0.015 km²). */
export const GRID_RESOLUTIONS = [8, 9, 10] as const;
/** At most this many vertices in a polygon area (all rings). */
export const MAX_POLYGON_VERTICES = 20_000;

const lngSchema = z.number().min(-180).max(180);
const latSchema = z.number().min(-90).max(90);

/** A GeoJSON position: [lng, lat] in degrees; a third (altitude) value is accepted and ignored. */
const position = z.tuple([lngSchema, latSchema], z.number());

/**
 * A GeoJSON Polygon in lng/lat degrees: an outer ring and optional holes, each closed (first position = last)
 * with at least 4 positions; at most {@link MAX_POLYGON_VERTICES} positions in all.
 */
export const polygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(position).min(4, 'a ring needs at least 4 positions (first = last)')).min(1).max(1000),
}).strict().superRefine((g, ctx) => {
  let total = 0;
  g.coordinates.forEach((ring, r) => {
    total += ring.length;
    const a = ring[0], b = ring[ring.length - 1];
    if (a && b && (a[0] !== b[0] || a[1] !== b[1])) {
      ctx.addIssue({ code: 'custom', path: ['coordinates', r], message: `ring ${r} is not closed: its first position [${a[0]}, ${a[1]}] differs from its last [${b[0]}, ${b[1]}]` });
    }
  });
  if (total > MAX_POLYGON_VERTICES) ctx.addIssue({ code: 'custom', path: ['coordinates'], message: `at most ${MAX_POLYGON_VERTICES} positions per polygon, got ${total}` });
});
export type PolygonGeometry = z.infer<typeof polygonGeometry>;

/** The study-area spec (see the module comment). */
export const areaSpec = z.union([
  z.literal('nyc'),
  z.object({ bbox: z.tuple([lngSchema, latSchema, lngSchema, latSchema]).refine(([w, s, e, n]) => w < e && s < n,
    'bbox must be [west, south, east, north] with west < east and south < north') }).strict(),
  z.object({ counties: z.array(z.string().regex(/^\d{5}$/, 'county FIPS are 5 digits')).min(1).max(4000) }).strict(),
  z.object({ ntas: z.array(z.string().regex(/^[A-Z]{2}\d{4}$/, 'NTA codes look like "BK0101" (2020 NTACode)')).min(1).max(300) }).strict(),
  z.object({ polygon: polygonGeometry }).strict(),
  z.object({ dataset: z.string().min(1).max(100) }).strict(),
]);
export type AreaSpec = z.infer<typeof areaSpec>;

/** The kind of an area spec. */
export type AreaKind = 'nyc' | 'bbox' | 'counties' | 'ntas' | 'polygon' | 'dataset';

/** Which kind an area spec is. */
export function areaKind(a: AreaSpec): AreaKind {
  if (a === 'nyc') return 'nyc';
  if ('bbox' in a) return 'bbox';
  if ('counties' in a) return 'counties';
  if ('ntas' in a) return 'ntas';
  if ('polygon' in a) return 'polygon';
  return 'dataset';
}

/** `grid: { resolution, area }` of `POST /api/sites/score`: the H3 cells whose centre lies on the area's land. */
export const gridSpec = z.object({
  resolution: z.union([z.literal(8), z.literal(9), z.literal(10)], { message: `resolution must be one of ${GRID_RESOLUTIONS.join(', ')}` }),
  area: areaSpec,
}).strict();
export type GridSpec = z.infer<typeof gridSpec>;

/** What the server knows about a resolved area (echoed in responses, drawn by the client). */
export interface AreaInfo {
  kind: AreaKind;
  /** Human name: "Brooklyn", "Cook, Illinois", "Park Slope + Gowanus", "drawn polygon" … */
  name: string;
  /** [west, south, east, north] of the area's boundary, degrees. */
  bbox: [number, number, number, number];
  /** Files the boundary comes from (e.g. "us-atlas counties-10m (2017, 1:10M)"). */
  boundarySource: string;
}

/** `POST /api/areas/resolve` body: an area and, optionally, a resolution to count its grid cells. */
export const resolveAreaRequest = z.object({
  area: areaSpec,
  resolution: gridSpec.shape.resolution.optional(),
}).strict();

/** `POST /api/areas/resolve` answer: the area's info, its outline (GeoJSON) and, with a resolution, its cell count. */
export interface ResolveAreaResponse extends AreaInfo {
  area: AreaSpec;
  outline: { type: 'FeatureCollection'; features: { type: 'Feature'; properties: { name: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[] };
  grid: { resolution: number; cells: number; maxCells: number } | null;
}

/** `GET /api/areas/counties?q=&limit=`: counties whose name (or state, or FIPS) matches `q`. */
export const countiesQuery = z.object({
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(500).default(20),
});
export interface CountyDto { fips: string; name: string; state: string; population: number }

/** `GET /api/areas/ntas`: every NYC 2020 NTA. */
export interface NtaDto { code: string; name: string; borough: string; countyFips: string }
