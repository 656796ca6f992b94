/**
 * Whole-file refusals of a dataset import (`POST /api/datasets`): each refusal has a stable message code and its
 * parameters (file, headers, limits …), sent beside the English message in the error body as `messageCode` and
 * `params`. This module is the one home of their English wording: the server writes `message` with
 * {@link refusalMessage}, and the client's English dictionary (client/i18n/datasets.ts, keys
 * `datasets.refusal.<code>`) is made from {@link REFUSAL_TEXTS}, so the client's Chinese dictionary must have a text
 * for every code (its test fails otherwise).
 *
 * Templates use the client's i18n syntax: `{name}` is replaced by the parameter, `{name|singular|plural}` picks the
 * English singular when the parameter is 1. A parameter may itself be a list of refusal texts (the column problems
 * of a file whose columns are not recognised; a word such as "latitude"), written each in its own template and
 * joined with "; ".
 */

/** English template of each refusal code. */
export const REFUSAL_TEXTS = {
  // delimited text, GeoJSON, tables (core/datasets/csv.ts, geojson.ts, records.ts, geometry.ts, columns.ts)
  delimiterAmbiguous: '{file}: the delimiter cannot be told: {candidates} both split every row evenly; say which in mapping.delimiter; first line: {line}',
  delimiterNone: '{file}: no delimiter (, ; tab |) splits the header into columns; first line: {line}',
  notJson: '{file}: not valid JSON ({detail})',
  notGeoJson: '{file}: expected a GeoJSON FeatureCollection or Feature, found type "{type}"',
  notGeoJsonNoType: '{file}: expected a GeoJSON FeatureCollection or Feature, found no "type"',
  columns: '{problems}; headers found: {headers}',
  mappingNoColumn: 'mapping.{field}: no column "{asked}" in the file',
  mappingManyColumns: 'mapping.{field}: "{asked}" matches {n} columns',
  columnAmbiguous: '{what}: {n} columns could be it ({hits}); name the right one in mapping.{field}',
  columnMissing: '{what}: no column recognised ({expected}); name it in mapping.{field}',
  expectedOneOf: 'expected one of {names}',
  expectedOutcome: 'expected outcome',
  expectedId: 'expected id or a column ending in _id',
  fieldId: 'id',
  fieldLng: 'longitude',
  fieldLat: 'latitude',
  fieldCount: 'count',
  fieldOutcome: 'outcome',
  fieldName: 'name',
  decimalMixed: '{file}: both decimal marks occur: {pointOnly} values read only with a decimal point (e.g. row {pointRow}, {pointColumn}: "{pointValue}") and ' +
    '{commaOnly} only with a decimal comma (e.g. row {commaRow}, {commaColumn}: "{commaValue}"); say which the file uses in mapping.decimal ("." or ",")',
  decimalUndecided: '{file}: the numbers read differently with a decimal point and a decimal comma (e.g. "1,234" or "1.234") and no value ' +
    'decides; say which the file uses in mapping.decimal ("." or ",")',
  decimalFeatures: '{file}: the count values read differently with a decimal point and a decimal comma; say which in mapping.decimal',
  projectedRows: '{file}: the coordinates look projected (metres or feet, not degrees): {projected} of {pairs} rows are outside ±180 / ±90, ' +
    'e.g. row {row}: {lngColumn} = {x}, {latColumn} = {y}. Give the coordinate reference system in crs (e.g. EPSG:32618 for UTM zone 18N, ' +
    'EPSG:2263 for New York State Plane Long Island in US feet) and they will be reprojected',
  projectedFeatures: '{file}: the coordinates look projected (metres or feet, not degrees): {projected} of {n} features are outside ±180 / ±90, ' +
    'e.g. feature {row}: ({x}, {y}). Give the coordinate reference system in crs (e.g. EPSG:32618, EPSG:2263) and they will be reprojected',
  // GTFS and LODES (core/datasets/gtfs.ts, lodes.ts)
  gtfsMissingTables: '{file}: not a GTFS feed: missing {missing} (found {found})',
  gtfsMissingTablesNone: '{file}: not a GTFS feed: missing {missing} (found nothing)',
  gtfsMissingColumns: '{file}: required {count|column|columns} {missing} missing; header: {header}',
  lodesWacColumns: '{file}: not a LODES WAC file: {count|column|columns} {missing} missing; header: {header}',
  lodesXwalkColumns: '{file}: not a LODES crosswalk file: {count|column|columns} {missing} missing; header: {header}',
  // the upload itself (server/datasets/importer.ts, archive.ts, formats.ts, crs.ts, server/routes/datasets.ts)
  transitNotZip: '{file}: a transit dataset is a GTFS feed as a zip (stops.txt, routes.txt, trips.txt, stop_times.txt, calendar.txt and/or calendar_dates.txt)',
  jobsFiles: '{file}: a jobs dataset is a LODES WAC file (<st>_wac_S000_JT00_<year>.csv[.gz]) and its state crosswalk (<st>_xwalk.csv[.gz]): ' +
    'zip both, or send the crosswalk as the multipart field "xwalk"; missing: {missing}',
  missingWac: 'WAC file',
  missingXwalk: 'crosswalk',
  missingBoth: 'WAC file, crosswalk',
  zipInZip: '{file}: a zip inside a zip is not read; upload the inner file',
  manyShapefiles: '{file}: {n} Shapefiles in one zip ({names}); upload one',
  dataFileCount: '{file}: expected one data file in the zip, found {found} (entries: {entries})',
  dataFileNone: '{file}: expected one data file in the zip, found none (entries: {entries})',
  unsupportedFormat: '{file}: the format is not read ({ext}); upload CSV, GeoJSON, Parquet, a zipped Shapefile, a GTFS zip or (kind jobs) LODES files',
  nothingImported: '{file}: nothing to import: {read} read, {skipped} skipped',
  nothingImportedFirst: '{file}: nothing to import: {read} read, {skipped} skipped (first problem: {first})',
  notZip: '{file}: not a zip archive (it does not start with a zip entry header)',
  unsafeEntry: '{file}: entry "{entry}" has a path outside the archive (".." or absolute); the zip is refused',
  tooManyEntries: '{file}: more than {max} entries',
  zipTooLarge: '{file}: decompresses to more than {max} bytes (limit); the zip is refused',
  entryUnreadable: '{file}: entry "{entry}" cannot be read: {detail}',
  zipUnreadable: '{file}: not a readable zip archive ({detail})',
  gzipTooLarge: '{file}: decompresses to more than {max} bytes (limit)',
  gzipUnreadable: '{file}: not readable gzip ({detail})',
  shapefileNoDbf: '{file}: {shp} has no {dbf} beside it (a Shapefile needs .shp and .dbf)',
  shapefileProjection: '{file}: proj4 cannot read this projection ({detail}); give crs (e.g. EPSG:2263)',
  shapefileUnreadable: '{file}: not a readable Shapefile ({detail})',
  parquetUnreadable: '{file}: not a readable Parquet file ({detail})',
  geoParquetMetadata: '{file}: the GeoParquet "geo" metadata is not JSON',
  geoParquetEncoding: '{file}: GeoParquet geometry encoding "{encoding}" is not read (WKB only)',
  crsUnknown: '{field}: EPSG:{code} is not a known coordinate reference system',
  crsNoDefinition: '{field}: EPSG:{code} ({name}) has no definition proj4 can use',
  crsNotCrs: '{field}: "{text}" is not an EPSG code (EPSG:2263), a proj4 string (+proj=…) or WKT',
  crsUnreadable: '{field}: proj4 cannot read this definition ({detail})',
  uploadTooLarge: 'The upload is larger than the limit of {maxMb} MiB (UPLOAD_MAX_MB)',
  uploadEmpty: 'file: "{file}" is empty',
  uploadMissing: 'file: attach the dataset file as the multipart field "file"',
  multipartUnreadable: 'the multipart body cannot be read: {detail}',
} as const;

/** A whole-file refusal's message code. */
export type RefusalCode = keyof typeof REFUSAL_TEXTS;

/** A parameter: a value written as it is, or refusal texts written in their own templates (joined with "; "). */
export type RefusalParam = string | number | RefusalText[];

/** A refusal's code and parameters: what the error body carries as `messageCode` and `params`. */
export interface RefusalText {
  code: RefusalCode;
  params: Record<string, RefusalParam>;
}

/** Shorthand for a {@link RefusalText}. */
export const refusal = (code: RefusalCode, params: Record<string, RefusalParam> = {}): RefusalText => ({ code, params });

/**
 * Fill `template` with `params` in the client's i18n syntax (`{name}`, `{name|singular|plural}`); a list parameter
 * is written with `nested` and joined with `sep`. Unknown placeholders stay as written.
 */
export function fillTemplate(template: string, params: Record<string, RefusalParam>, nested: (t: RefusalText) => string, sep = '; '): string {
  const value = (v: RefusalParam) => (Array.isArray(v) ? v.map(nested).join(sep) : String(v));
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (m, k: string, one: string, other: string) => (k in params ? (Number(params[k]) === 1 ? one : other) : m))
    .replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? value(params[k]) : m));
}

/** The English message of a refusal (what the error body's `message` says). */
export function refusalMessage(t: RefusalText): string {
  return fillTemplate(REFUSAL_TEXTS[t.code], t.params, refusalMessage);
}

/** Is `code` a refusal code of {@link REFUSAL_TEXTS}? */
export function isRefusalCode(code: unknown): code is RefusalCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(REFUSAL_TEXTS, code);
}
