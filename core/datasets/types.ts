import type { RefusalText } from './refusals';
import type { MultiPolygon, Polygon } from 'geojson';

/**
 * What a user dataset holds (issue 10, item 3):
 * - `outlets`: own branches or competitors (any brand), usable as own network or competitor set;
 * - `demand`: points or polygons with a count (customers per ZIP, residents per block group …);
 * - `jobs`: workplace jobs from a Census LEHD LODES WAC file + the state crosswalk (block coordinates);
 * - `outcomes`: `id, lng, lat, outcome` per existing branch (deposits, accounts, visits) for the forecast refit;
 * - `candidates`: candidate sites to score;
 * - `transit`: a GTFS feed (stops with their service-date departures);
 * - `boundary`: polygons of a study area (no count).
 */
export const DATASET_KINDS = ['outlets', 'demand', 'jobs', 'outcomes', 'candidates', 'transit', 'boundary'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** Kinds whose records add to target-customer density (a demand layer). */
export const DEMAND_LAYER_KINDS: readonly DatasetKind[] = ['demand', 'jobs'];

/**
 * One problem found while importing: where (file, 1-based data row — header excluded; GeoJSON: feature number;
 * GTFS: the row of the named table file), the record's own id when known, the field and the value at fault, and
 * what is wrong. `severity` `error` = the row was skipped; `warning` = the row was imported (repaired, or a note).
 * Whole-file problems have `row: null`.
 */
export interface ImportProblem {
  file: string;
  row: number | null;
  id: string | null;
  field: string | null;
  value: string | null;
  message: string;
  severity: 'error' | 'warning';
}

/** A file-level note that is not about one row (e.g. `no-service-on-date` for a GTFS feed). */
export interface ImportWarning {
  code: string;
  message: string;
}

/**
 * The validation report of one import. `read` = records read (CSV data rows, GeoJSON features, GTFS stops.txt rows,
 * LODES WAC rows); `imported` = records stored; `skipped` = records refused (each has at least one `error` problem).
 * For GTFS, platforms, entrances, generic nodes and boarding areas fold into their station, so
 * `read = imported + skipped + folded` (`details.folded`).
 */
export interface ImportReport {
  read: number;
  imported: number;
  skipped: number;
  problems: ImportProblem[];
  warnings: ImportWarning[];
  /** Format-specific facts: detected delimiter and decimal mark, the columns used, feed calendar, departures … */
  details: Record<string, unknown>;
}

/**
 * Which source column holds each field. Given by the user (`mapping`), or recognised from the header (see
 * core/datasets/columns.ts). Header names as written in the file.
 */
export interface ColumnMapping {
  id?: string;
  lng?: string;
  lat?: string;
  count?: string;
  outcome?: string;
  name?: string;
  /** Field delimiter of a delimited text file (`,` `;` tab `|`), when it cannot be told from the file. */
  delimiter?: string;
  /** Decimal mark of the numbers, when it cannot be told from the file. */
  decimal?: '.' | ',';
}

/** One stored record of a user dataset: a point (polygons keep their geometry and a representative point). */
export interface DatasetRecord {
  /** 1-based source row (feature number, stop row …). */
  row: number;
  /** The record's own id, as a string (`0012` stays `0012`); the row number when the file has no id column. */
  id: string;
  lng: number;
  lat: number;
  /** Count (demand: people/customers; jobs: C000; outcomes: the outcome; transit: service-date departures). */
  value: number | null;
  name: string | null;
  /** Polygons of polygon records (demand or boundary), WGS84, exterior rings counter-clockwise (RFC 7946). */
  geometry: Polygon | MultiPolygon | null;
  /** Transit stops: mode (subway, bus, rail, ferry) and `<dataset>:<route_id>` ids departing that day. */
  mode?: 'subway' | 'bus' | 'rail' | 'ferry' | null;
  routeIds?: string[];
  /** Every other column, as text. */
  props: Record<string, string>;
}

/** What a parser hands to the store: records, the report and, when the file cannot be read as asked, a refusal. */
export interface ParseResult {
  records: DatasetRecord[];
  report: ImportReport;
  /**
   * Set when the file as a whole cannot be imported without the user's help (ambiguous or missing columns, projected
   * coordinates without a CRS, an ambiguous delimiter or decimal mark): the field of the request to give
   * (`mapping`, `mapping.lat`, `crs` …), the message, and the headers found; `text` is the message's code and
   * parameters (core/datasets/refusals.ts), which the client writes in the UI language.
   */
  refusal?: { field: string; message: string; headers?: string[]; text: RefusalText };
}

/** An empty report. */
export function emptyReport(): ImportReport {
  return { read: 0, imported: 0, skipped: 0, problems: [], warnings: [], details: {} };
}
