import Papa from 'papaparse';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { ScoredSite, ScoreResponse } from '../api/sites';
import { roundScoredSite, roundTo } from './pipeline';
import { FACTOR_NAMES } from './siteScore';
import { forecastColumns } from '../api/forecast';

/**
 * Scored sites written to files — the one serialiser of the Sites view's export and of `npm run score`.
 * Columns: `rank, id, lng, lat, score`, the `forecast_*` columns of a forecast-mode site, the study area's name (`study_area`), where the site lies (`county_fips`,
 * `county`, `borough`, `neighbourhood` — empty where no boundary holds it), its data-coverage warnings (`warnings`: the
 * codes, `;`-separated, e.g. `no-transit-feed`; the place and warning columns are left out for a site without them), then
 * `<factor>_<field>` for every field of transit, demand and competition in the API's order (with `<factor>_scored`). Numbers follow the API's transport rounding (core/scoring/pipeline.ts `TRANSPORT_DECIMALS`: scores
 * and contributions 1e-6, people 1e-4, distances 1 mm, shares 1e-9), applied again so a site the client re-weighted is
 * written like one the server scored. A nested value (the demand layers of a request with users' datasets) is written as
 * its JSON text in one column. Rows are written in the order given (the caller sorts).
 * Counts of people in a file are whole people ({@link FILE_PEOPLE_FIELDS}: residents within a radius, Huff-expected,
 * cannibalised and net new customers) and raw factor values carry 2 decimals — a spreadsheet of 7,405 cells reads
 * "12,345 residents", not "12,345.0472"; the API keeps its finer transport rounding.
 */

/** Fields written as whole people (rounded half away from zero by Math.round). */
export const FILE_PEOPLE_FIELDS = new Set(['populationWithin500m', 'populationWithin1000m', 'populationWithin2000m', 'expectedCustomers',
  'cannibalizedFromOwn', 'netNewDemand', 'within1000m']);
/** Fields written with 2 decimals (raw factor values and departures, which may be imputed medians). */
const FILE_TWO_DECIMALS = new Set(['raw', 'departuresWithinRadius', 'imputedDepartures']);

function fileValue(field: string, v: unknown): FileValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'number') return FILE_PEOPLE_FIELDS.has(field) ? roundTo(v, 0) : FILE_TWO_DECIMALS.has(field) ? roundTo(v, 2) : v;
  return v as string | boolean;
}

/** One cell of a file row. */
export type FileValue = string | number | boolean | null;

/**
 * A flat record of one scored site: see the module docstring for the columns and rounding. `studyArea` = the name of
 * the area scored (`params.grid.name`, or the reference grid's), empty when none.
 */
export function scoredSiteRow(site: ScoredSite, studyArea = ''): Record<string, FileValue> {
  const s = roundScoredSite(site);
  const row: Record<string, FileValue> = { rank: s.rank, id: s.id, lng: s.lng, lat: s.lat, score: s.score };
  if (s.forecast) Object.assign(row, forecastColumns(s.forecast));
  // a site from the API always has its place and warnings; a hand-made one (a test, an older file) may not
  if (studyArea || s.place) row.study_area = studyArea;
  if (s.place) Object.assign(row, { county_fips: s.place.countyFips, county: s.place.county, borough: s.place.borough, neighbourhood: s.place.neighbourhood });
  if (s.warnings) row.warnings = s.warnings.map((w) => w.code).join(';');
  for (const f of FACTOR_NAMES) {
    for (const [k, v] of Object.entries(s.factors[f] as Record<string, unknown>)) {
      row[`${f}_${k}`] = fileValue(k, v);
    }
  }
  return row;
}

/** The study area a score response names: the grid scored, else the normalisation reference grid; '' for neither. */
export function studyAreaName(params: Pick<ScoreResponse['params'], 'grid' | 'normalization'> | undefined | null): string {
  return params?.grid?.name ?? params?.normalization?.grid?.name ?? '';
}

/**
 * Scored sites as CSV (RFC 4180 via papaparse: CRLF line ends, a quoted field where needed), one row per site in the
 * given order; the header is the union of every row's columns in first-seen order, an absent or null value is empty.
 */
export function scoredSitesToCsv(sites: readonly ScoredSite[], studyArea = ''): string {
  const rows = sites.map((s) => scoredSiteRow(s, studyArea));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); columns.push(k); }
  return Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\r\n' }) + '\r\n';
}

/**
 * Scored sites as a GeoJSON FeatureCollection of points `[lng, lat]` in the given order: feature id = site id,
 * properties = {@link scoredSiteRow} without lng/lat (they are the geometry). The study area's name (`studyArea`,
 * default from `params`) and `params` (the score response's echo), when given, are kept as top-level members so the
 * file says what and how it was scored.
 */
export function scoredSitesToGeoJson(sites: readonly ScoredSite[], params?: ScoreResponse['params'], studyArea = studyAreaName(params)):
  FeatureCollection<Point> & { studyArea: string; params?: ScoreResponse['params'] } {
  const features: Feature<Point>[] = sites.map((s) => {
    const { lng, lat, ...properties } = scoredSiteRow(s, studyArea);
    return { type: 'Feature', id: s.id, geometry: { type: 'Point', coordinates: [lng as number, lat as number] }, properties };
  });
  return params ? { type: 'FeatureCollection', studyArea, params, features } : { type: 'FeatureCollection', studyArea, features };
}
