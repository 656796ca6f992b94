import Papa from 'papaparse';
import { LAT_COLUMNS as DATASET_LAT_COLUMNS, LNG_COLUMNS as DATASET_LNG_COLUMNS } from '../datasets/columns';

/** A candidate site: id and position in degrees. */
export interface CandidateSite {
  id: string;
  lng: number;
  lat: number;
  /** The `valueColumn` of {@link parseCandidateCsv}, when one was asked for (e.g. a user's outcome). */
  value?: number;
}

/** One problem in an uploaded candidate file: the 1-based data row (CSV: header excluded; GeoJSON: feature index + 1) and field. */
export interface CandidateFileError {
  file: string;
  row: number;
  field: string;
  message: string;
}

export interface CandidateFileResult {
  sites: CandidateSite[];
  errors: CandidateFileError[];
}

// One home for the recognised coordinate headers: the dataset import's (core/datasets/columns.ts).
const LNG_COLUMNS: readonly string[] = ['lng', ...DATASET_LNG_COLUMNS.filter((c) => c !== 'lng')];
const LAT_COLUMNS: readonly string[] = DATASET_LAT_COLUMNS;

/**
 * Parse a CSV of candidate sites (papaparse) with columns `id,lng,lat` — longitude also as `lon`/`long`/`longitude`,
 * latitude as `latitude` (case-insensitive). A missing id becomes `row-<n>`. Every bad value is reported with its
 * row and column; the caller refuses the whole file if `errors` is non-empty (nothing half-imported).
 * `valueColumn` (lower-case name): a required column of numbers > 0 read into `value` (e.g. `outcome`).
 */
export function parseCandidateCsv(text: string, file = 'sites.csv', valueColumn?: string): CandidateFileResult {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const errors: CandidateFileError[] = [];
  const fields = parsed.meta.fields ?? [];
  const lngCol = LNG_COLUMNS.find((c) => fields.includes(c));
  const latCol = LAT_COLUMNS.find((c) => fields.includes(c));
  if (!lngCol) errors.push({ file, row: 0, field: 'lng', message: `${file}: no longitude column (expected one of ${LNG_COLUMNS.join(', ')}); header is "${fields.join(',')}"` });
  if (!latCol) errors.push({ file, row: 0, field: 'lat', message: `${file}: no latitude column (expected one of ${LAT_COLUMNS.join(', ')}); header is "${fields.join(',')}"` });
  if (valueColumn && !fields.includes(valueColumn)) errors.push({ file, row: 0, field: valueColumn, message: `${file}: no "${valueColumn}" column; header is "${fields.join(',')}"` });
  for (const e of parsed.errors) errors.push({ file, row: (e.row ?? -1) + 1, field: '(row)', message: `${file} row ${(e.row ?? -1) + 1}: ${e.message}` });
  if (!lngCol || !latCol || (valueColumn && !fields.includes(valueColumn))) return { sites: [], errors };
  const sites: CandidateSite[] = [];
  const rows: number[] = [];
  parsed.data.forEach((rec, k) => {
    const row = k + 1;
    const id = (rec.id ?? '').trim() || `row-${row}`;
    const lng = parseCoordinate(rec[lngCol], -180, 180, file, row, lngCol, errors);
    const lat = parseCoordinate(rec[latCol], -90, 90, file, row, latCol, errors);
    let value = valueColumn ? parseCoordinate(rec[valueColumn], -Infinity, Infinity, file, row, valueColumn, errors) : undefined;
    if (valueColumn && value !== null && value !== undefined && !(value > 0)) {
      errors.push({ file, row, field: valueColumn, message: `${file} row ${row}, ${valueColumn}: ${value} must be > 0` });
      value = null;
    }
    if (lng !== null && lat !== null && value !== null) { sites.push(valueColumn ? { id, lng, lat, value: value! } : { id, lng, lat }); rows.push(row); }
  });
  checkDuplicateIds(sites, rows, file, 'row', errors);
  return { sites, errors };
}

/**
 * Parse a GeoJSON FeatureCollection of Point features into candidate sites; `id` from `feature.id` or
 * `properties.id`, else `feature-<n>`. Non-point geometries and bad coordinates are reported by feature number.
 */
export function parseCandidateGeoJson(text: string, file = 'sites.geojson'): CandidateFileResult {
  const errors: CandidateFileError[] = [];
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) {
    return { sites: [], errors: [{ file, row: 0, field: '(file)', message: `${file}: not valid JSON (${(e as Error).message})` }] };
  }
  const features = (doc as { type?: string; features?: unknown[] })?.type === 'FeatureCollection' ? (doc as { features: unknown[] }).features : null;
  if (!Array.isArray(features)) return { sites: [], errors: [{ file, row: 0, field: 'type', message: `${file}: expected a GeoJSON FeatureCollection` }] };
  const sites: CandidateSite[] = [];
  const rows: number[] = [];
  features.forEach((f, k) => {
    const row = k + 1;
    const feat = f as { id?: unknown; properties?: Record<string, unknown> | null; geometry?: { type?: string; coordinates?: unknown } | null };
    const g = feat?.geometry;
    if (!g || g.type !== 'Point' || !Array.isArray(g.coordinates)) {
      errors.push({ file, row, field: 'geometry', message: `${file} feature ${row}: geometry must be a Point, got ${g?.type ?? 'none'}` });
      return;
    }
    const [x, y] = g.coordinates as unknown[];
    const lng = parseCoordinate(x, -180, 180, file, row, 'geometry.coordinates[0]', errors);
    const lat = parseCoordinate(y, -90, 90, file, row, 'geometry.coordinates[1]', errors);
    const rawId = feat.id ?? feat.properties?.id;
    const id = rawId == null || rawId === '' ? `feature-${row}` : String(rawId);
    if (lng !== null && lat !== null) { sites.push({ id, lng, lat }); rows.push(row); }
  });
  checkDuplicateIds(sites, rows, file, 'feature', errors);
  return { sites, errors };
}

/** Parse by file name: `.geojson`/`.json` → GeoJSON, anything else → CSV. */
export function parseCandidateFile(text: string, file: string): CandidateFileResult {
  return /\.(geo)?json$/i.test(file) ? parseCandidateGeoJson(text, file) : parseCandidateCsv(text, file);
}

/**
 * A plain decimal number: optional sign, digits with an optional fraction, optional exponent (`-73.98`, `.5`, `4.075e1`).
 * `Number()` alone would also accept `0x10` (16), `0b1`, `0o7` and `Infinity`; those are refused.
 */
const DECIMAL_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function parseCoordinate(v: unknown, min: number, max: number, file: string, row: number, field: string, errors: CandidateFileError[]): number | null {
  const s = typeof v === 'number' ? v : typeof v === 'string' ? v.trim() : undefined;
  const x = typeof s === 'number' ? s : s !== undefined && DECIMAL_NUMBER.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(x)) {
    errors.push({ file, row, field, message: `${file} row ${row}, ${field}: "${v ?? ''}" is not a number` });
    return null;
  }
  if (x < min || x > max) {
    errors.push({ file, row, field, message: `${file} row ${row}, ${field}: ${x} is outside [${min}, ${max}]` });
    return null;
  }
  return x;
}

/**
 * Report every repeated id at its own file row (`rows[k]` is the data row of `sites[k]`, which differs from `k + 1`
 * once an earlier row was refused), naming the row of the first occurrence.
 */
function checkDuplicateIds(sites: CandidateSite[], rows: number[], file: string, unit: 'row' | 'feature', errors: CandidateFileError[]): void {
  const seen = new Map<string, number>();
  sites.forEach((s, k) => {
    const first = seen.get(s.id);
    if (first !== undefined) {
      errors.push({ file, row: rows[k], field: 'id', message: `${file} ${unit} ${rows[k]}, id: "${s.id}" appears more than once (first at ${unit} ${first})` });
    } else seen.set(s.id, rows[k]);
  });
}
