import path from 'node:path';
import { AppError, refusalError, type Problem } from '../errors';
import { refusal, refusalMessage, type RefusalText } from '../../core/datasets/refusals';
import { gunzipSafe, isGzip, isZip, unzipSafe, type ArchiveLimits } from './archive';
import { resolveCrs } from './crs';
import { parseParquet, parseShapefile } from './formats';
import { isEncodedReport, type DatasetStore, type EncodedReport } from './store';
import { isStaged, removeStaged, stageRecords, type StagedRecords } from './stagedRecords';
import { JsonBytes } from '../http/pacedJson';
import { parseGtfs } from '../../core/datasets/gtfs';
import { parseLodes } from '../../core/datasets/lodes';
import { parseCsv } from '../../core/datasets/csv';
import { parseGeoJson } from '../../core/datasets/geojson';
import type { RecordOptions } from '../../core/datasets/records';
import { emptyReport, type ColumnMapping, type DatasetKind, type ImportReport, type ParseResult } from '../../core/datasets/types';

/** One uploaded file. */
export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

/** What `POST /api/datasets` asks for. */
export interface ImportRequest {
  file: UploadFile;
  kind: DatasetKind;
  /** Dataset name (versions share it); default: the file name without its extension. */
  name?: string;
  mapping?: ColumnMapping;
  crs?: string;
  /** Kind `jobs`: the LODES state crosswalk when it is not inside a zip with the WAC file. */
  xwalk?: UploadFile;
}

/** Settings an import runs with. */
export interface ImportContext {
  /** GTFS service date (YYYY-MM-DD) whose departures a transit feed is counted for. */
  serviceDate: string;
  limits: ArchiveLimits;
  /** Awaited after each batch of stored records (progress; tests stop an import midway here). */
  onBatch?: (inserted: number, total: number) => void | Promise<void>;
  /**
   * How the upload is read (default {@link parseUpload} on this thread): the server passes its compute pool's
   * `parseUpload` task (server/work/tasks.ts), so parsing and validating a large file does not hold the event loop.
   */
  parse?: (req: ImportRequest, ctx: ParseContext) => Promise<ParsedUpload>;
}

/** What {@link parseUpload} reads with: plain data (it is posted to a compute worker). */
export type ParseContext = Pick<ImportContext, 'serviceDate' | 'limits'>;
/**
 * An upload read into records (an array, or written to a staged file for DuckDB to read — server/datasets/stagedRecords.ts),
 * with the validation report, the format read and a refusal when the user must say more.
 */
export type ParsedUpload = Omit<ParseResult, 'records' | 'report'> & { format: string; records: ParseResult['records'] | StagedRecords; report: ImportReport | EncodedReport };

/** What a refusal names of a report (its {@link EncodedReport} `summary`): rows read and skipped, the first error's message or null. */
function reportSummary(r: ImportReport): NonNullable<EncodedReport['summary']> {
  return { read: r.read, skipped: r.skipped, firstError: r.problems.find((p) => p.severity === 'error')?.message ?? null };
}

/** The report as objects (an {@link EncodedReport} parsed: for the CLI, the tests and the rare refusal of an encoded one). */
export function decodeReport(r: ImportReport | EncodedReport): ImportReport {
  return isEncodedReport(r) ? JSON.parse(new TextDecoder().decode(r.json)) as ImportReport : r;
}

/**
 * {@link parseUpload}, then the records written to a staged file in `stagingDir` (server/datasets/stagedRecords.ts)
 * and the report written as JSON ({@link EncodedReport}): what a compute worker runs for `POST /api/datasets`, so that
 * neither the records, their storing nor the report passes through the event loop piece by piece. No file is written
 * and the report stays objects when the upload is refused or has no record (the refusal's answer reads it).
 */
export async function parseAndStageUpload(req: ImportRequest, ctx: ParseContext, stagingDir: string): Promise<ParsedUpload> {
  const parsed = await parseUpload(req, ctx);
  if (parsed.refusal) return parsed;
  if (parsed.records.length === 0) {
    // refused with 422 and its whole report (100,000 bad rows: 16 MB, parsed and stringified on the event loop for 270–450 ms)
    const r = parsed.report as ImportReport;
    return { ...parsed, report: { json: new TextEncoder().encode(JSON.stringify(r)), summary: reportSummary(r) } };
  }
  return { ...parsed, records: await stageRecords(parsed.records, stagingDir), report: { json: new TextEncoder().encode(JSON.stringify(parsed.report)) } };
}

/**
 * The import was refused as a whole: 400 `mapping_required` when the user must say more (`field`: `mapping.<field>`,
 * `crs`, `mapping.delimiter` …, with the headers found), 400 `invalid_file` when the file is not what its kind needs
 * (a GTFS zip without stops.txt, a LODES file without w_geocode: `field` = `file`), 422 `nothing_imported` when the
 * file was read but no usable record remains.
 * The body carries the same validation report as a successful import.
 */
export class ImportRefusedError extends AppError {
  /** @param report the validation report, as objects or as the JSON a compute worker wrote (sent as those bytes, {@link pacedProblem}). */
  constructor(status: 400 | 422, text: RefusalText, readonly report: ImportReport | EncodedReport, field?: string, readonly headers?: string[]) {
    super(status, status === 422 ? 'nothing_imported' : field && (field.startsWith('mapping') || field === 'crs') ? 'mapping_required' : 'invalid_file',
      refusalMessage(text), { ...(field ? { field } : {}), messageCode: text.code, params: text.params });
  }
  override toProblem(): Problem & { report: ImportReport | JsonBytes; headers?: string[] } {
    return { ...super.toProblem(), report: isEncodedReport(this.report) ? new JsonBytes(this.report.json) : this.report, ...(this.headers ? { headers: this.headers } : {}) };
  }
  /** The body holds the report's JSON bytes: written with server/http/pacedJson.ts, not `c.json`. */
  override get pacedProblem(): boolean {
    return isEncodedReport(this.report);
  }
}

/** Extensions read as delimited text. */
const TEXT_EXT = /\.(csv|tsv|txt|tab)$/i;
const JSON_EXT = /\.(geo)?json$/i;

/** Decode text as UTF-8; invalid UTF-8 (a Windows-1252 export) is decoded as Windows-1252 with a warning. */
export function decodeText(bytes: Uint8Array, file: string, report?: ImportReport): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    report?.warnings.push({ code: 'not-utf8', message: `${file} is not valid UTF-8: read as Windows-1252` });
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Read an upload into records. Kind `transit`: a GTFS zip (core/datasets/gtfs.ts; tables found in the folder holding
 * stops.txt). Kind `jobs`: a LODES WAC file and the state crosswalk, zipped together or the crosswalk as `xwalk`
 * (core/datasets/lodes.ts). Otherwise zip (unpacked with the path and size guards of server/datasets/archive.ts:
 * a Shapefile inside, or exactly one data file) and gzip wrappers are opened first, then by content and extension:
 * Parquet / GeoParquet, GeoJSON, delimited text. The caller decides what to do with a `refusal`.
 * @throws AppError 400/413 for unsafe or oversized archives, 415 for a format that is not read.
 */
export async function parseUpload(req: ImportRequest, ctx: ParseContext): Promise<ParseResult & { format: string }> {
  const crs = req.crs ? resolveCrs(req.crs) : undefined;
  const opts = (file: string): RecordOptions => ({ file, kind: req.kind, mapping: req.mapping, transform: crs?.transform, crs: crs?.name });
  const bytesOf = (entries: Map<string, Uint8Array>, key: string) => {
    const b = entries.get(key)!;
    return /\.gz$/i.test(key) ? gunzipSafe(b, key, ctx.limits) : b;
  };
  if (req.kind === 'transit') {
    if (!isZip(req.file.bytes)) throw refusalError(400, 'bad_request', refusal('transitNotZip', { file: req.file.name }), { field: 'file' });
    const entries = unzipSafe(req.file.bytes, req.file.name, ctx.limits);
    const stops = [...entries.keys()].filter((k) => /(^|\/)stops\.txt$/i.test(k)).sort((a, b) => a.length - b.length)[0];
    const dir = stops ? stops.slice(0, stops.length - 'stops.txt'.length) : '';
    const tables = new Map<string, string>();
    for (const [k, b] of entries) if (k.startsWith(dir) && !k.slice(dir.length).includes('/') && /\.txt$/i.test(k)) tables.set(k.slice(dir.length).toLowerCase(), decodeText(b, k));
    return { ...parseGtfs(tables, ctx.serviceDate, `${req.file.name}/${dir}`), format: 'gtfs' };
  }
  if (req.kind === 'jobs') {
    let wac: { file: string; text: string } | undefined, xwalk: { file: string; text: string } | undefined;
    if (isZip(req.file.bytes)) {
      const entries = unzipSafe(req.file.bytes, req.file.name, ctx.limits);
      const w = [...entries.keys()].find((k) => /_wac_[^/]*\.csv(\.gz)?$/i.test(k));
      const x = [...entries.keys()].find((k) => /_xwalk\.csv(\.gz)?$/i.test(k));
      if (w) wac = { file: `${req.file.name}/${w}`, text: decodeText(bytesOf(entries, w), w) };
      if (x) xwalk = { file: `${req.file.name}/${x}`, text: decodeText(bytesOf(entries, x), x) };
    } else {
      const b = isGzip(req.file.bytes) ? gunzipSafe(req.file.bytes, req.file.name, ctx.limits) : req.file.bytes;
      wac = { file: req.file.name.replace(/\.gz$/i, ''), text: decodeText(b, req.file.name) };
    }
    if (!xwalk && req.xwalk) {
      const b = isGzip(req.xwalk.bytes) ? gunzipSafe(req.xwalk.bytes, req.xwalk.name, ctx.limits) : req.xwalk.bytes;
      xwalk = { file: req.xwalk.name.replace(/\.gz$/i, ''), text: decodeText(b, req.xwalk.name) };
    }
    if (!wac || !xwalk) {
      const missing = refusal(!wac && !xwalk ? 'missingBoth' : !wac ? 'missingWac' : 'missingXwalk');
      throw refusalError(400, 'bad_request', refusal('jobsFiles', { file: req.file.name, missing: [missing] }), { field: !wac ? 'file' : 'xwalk' });
    }
    return { ...parseLodes(wac, xwalk), format: 'lodes' };
  }
  const open = async (file: UploadFile, depth: number): Promise<ParseResult & { format: string }> => {
    const { name, bytes } = file;
    if (isZip(bytes)) {
      if (depth > 0) throw refusalError(400, 'bad_archive', refusal('zipInZip', { file: name }), { field: 'file' });
      const entries = unzipSafe(bytes, name, ctx.limits);
      const shp = [...entries.keys()].filter((e) => /\.shp$/i.test(e));
      if (shp.length > 1) throw refusalError(400, 'bad_archive', refusal('manyShapefiles', { file: name, n: shp.length, names: shp.join(', ') }), { field: 'file' });
      if (shp.length === 1) return { ...(await parseShapefile(entries, shp[0], name, opts(name))), format: 'shapefile' };
      const data = [...entries.keys()].filter((e) => TEXT_EXT.test(e) || JSON_EXT.test(e) || /\.(parquet|geoparquet|gz)$/i.test(e));
      if (data.length !== 1) {
        const listed = [...entries.keys()].slice(0, 20).join(', ');
        throw refusalError(400, 'bad_archive', data.length ? refusal('dataFileCount', { file: name, found: data.join(', '), entries: listed })
          : refusal('dataFileNone', { file: name, entries: listed }), { field: 'file' });
      }
      return open({ name: `${name}/${data[0]}`, bytes: entries.get(data[0])! }, depth + 1);
    }
    if (isGzip(bytes)) return open({ name: name.replace(/\.gz$/i, ''), bytes: gunzipSafe(bytes, name, ctx.limits) }, depth + 1);
    if (isParquet(bytes)) return { ...(await parseParquet(bytes, name, opts(name))), format: 'parquet' };
    const report = emptyReport();
    const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
    if (JSON_EXT.test(name) || head.startsWith('{')) return withWarnings(parseGeoJson(decodeText(bytes, name, report), opts(name)), report, 'geojson');
    if (TEXT_EXT.test(name) || !/\.[a-z0-9]+$/i.test(name)) return withWarnings(parseCsv(decodeText(bytes, name, report), opts(name)), report, 'csv');
    throw refusalError(415, 'unsupported_format', refusal('unsupportedFormat', { file: name, ext: path.extname(name) }), { field: 'file' });
  };
  const out = await open(req.file, 0);
  if (crs) out.report.details.crs = crs.name;
  return out;
}

/** Parquet magic `PAR1` at the start. */
function isParquet(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31;
}

function withWarnings(r: ParseResult, pre: ImportReport, format: string): ParseResult & { format: string } {
  r.report.warnings.unshift(...pre.warnings);
  return { ...r, format };
}

/**
 * Import an upload as a new version of a named user dataset (issue 10, item 3): parse and validate it, then store
 * the records the report calls imported in one transaction.
 * @returns the new version's id and the report (2xx: bad rows skipped and listed), encoded when the parse encoded it.
 * @throws ImportRefusedError 400 (columns ambiguous or missing, projected without `crs`, ambiguous delimiter or
 *   decimal mark; the headers found are listed) or 422 (no usable record); AppError 400/413/415 for the file itself.
 */
export async function importDataset(store: DatasetStore, req: ImportRequest, ctx: ImportContext): Promise<{ id: string; report: ImportReport | EncodedReport }> {
  const parsed = await (ctx.parse ?? parseUpload)(req, { serviceDate: ctx.serviceDate, limits: ctx.limits });
  try {
    return await storeParsed(store, req, parsed, ctx.onBatch);
  } finally {
    if (isStaged(parsed.records)) await removeStaged(parsed.records); // stored or refused: the staged file is not needed
  }
}

/** {@link importDataset} after parsing: the refusals, then the new version stored. */
async function storeParsed(store: DatasetStore, req: ImportRequest, parsed: ParsedUpload, onBatch: ImportContext['onBatch']): Promise<{ id: string; report: ImportReport | EncodedReport }> {
  if (parsed.refusal) throw new ImportRefusedError(400, parsed.refusal.text, decodeReport(parsed.report), parsed.refusal.field, parsed.refusal.headers);
  if (parsed.records.length === 0) {
    const r = parsed.report;
    const summary = isEncodedReport(r) && r.summary ? r.summary : reportSummary(decodeReport(r));
    const counts = { file: req.file.name, read: summary.read, skipped: summary.skipped };
    throw new ImportRefusedError(422, summary.firstError != null ? refusal('nothingImportedFirst', { ...counts, first: summary.firstError }) : refusal('nothingImported', counts),
      r);
  }
  const name = (req.name?.trim() || path.basename(req.file.name).replace(/\.[^.]+$/, '').replace(/\.(csv|geojson|json|txt)$/i, '')).slice(0, 200);
  const id = await store.add({
    name, kind: req.kind, format: parsed.format, file: path.basename(req.file.name), bytes: req.file.bytes, crs: req.crs ?? null,
    mapping: req.mapping ? (req.mapping as Record<string, string>) : null, report: parsed.report, records: parsed.records,
  }, onBatch);
  return { id, report: parsed.report };
}
