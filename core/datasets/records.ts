import { columnsText, resolveColumns, type ResolvedColumns } from './columns';
import { refusal, refusalMessage, type RefusalText } from './refusals';
import { inUsExtent } from './extent';
import { detectDecimalMark, parseNumber, type DecimalMark } from './numbers';
import { emptyReport, type ColumnMapping, type DatasetKind, type DatasetRecord, type ImportProblem, type ParseResult } from './types';

/** How a parser turns source rows into records. */
export interface RecordOptions {
  /** File name used in every problem. */
  file: string;
  kind: DatasetKind;
  mapping?: ColumnMapping;
  /** Reprojection of (x, y) in the given CRS to WGS84 (lng, lat) degrees; undefined when coordinates are degrees. */
  transform?: (x: number, y: number) => [number, number];
  /** The CRS as the user gave it (for messages). */
  crs?: string;
}

/** A text table as read from CSV (and kin): headers and rows of trimmed strings. */
export interface SourceTable {
  headers: string[];
  rows: { row: number; values: string[] }[];
  /** Data records read, refused ones included. */
  read: number;
  /** Problems found while reading (bad quoting, wrong width). */
  problems: ImportProblem[];
  /** Details to keep in the report (delimiter …). */
  details?: Record<string, unknown>;
  /** The trimmed values of rows refused while reading (by row), so their problems can name the row's id. */
  refusedValues?: ReadonlyMap<number, readonly string[]>;
}

const fmt = (x: number) => String(Math.round(x * 1e7) / 1e7);

/**
 * Turn a table with coordinate columns into validated records (issue 10, items 3 and 5). Columns by
 * {@link resolveColumns}; numbers with the file's decimal mark ({@link detectDecimalMark}, or `mapping.decimal`);
 * ids as strings (`0012`, `NA`, `1E5` stay as written), else the row number. Every bad value is a problem naming
 * file, row, id, field and value, and its row is skipped; the rest is imported:
 * - coordinates blank, not numbers, (0, 0), out of range, or swapped (the point lies outside the United States and
 *   the swapped pair inside it — the row is refused, never silently swapped);
 * - projected coordinates (most pairs outside ±180 / ±90) without a CRS refuse the file (`refusal.field` = `crs`);
 *   with one (`opts.transform`) every pair is reprojected first;
 * - a repeated id (the later rows are skipped, naming the first);
 * - the count (demand: required, ≥ 0) and the outcome (outcomes: required) must be numbers.
 * @returns the records and the report; `refusal` set (and no records) when nothing can be read without the user's help.
 */
export function tableRecords(table: SourceTable, opts: RecordOptions): ParseResult {
  const { file, kind } = opts;
  const report = emptyReport();
  report.read = table.read;
  report.problems.push(...table.problems);
  report.details = { ...table.details, headers: table.headers };
  const refuse = (field: string, text: RefusalText): ParseResult => {
    const message = refusalMessage(text);
    report.problems.push({ file, row: null, id: null, field, value: null, severity: 'error', message });
    report.skipped = report.read;
    return { records: [], report, refusal: { field, message, headers: table.headers, text } };
  };
  const { columns, problems } = resolveColumns(table.headers, kind, opts.mapping, true);
  if (problems.length) return refuse(problems[0].field, columnsText(problems, table.headers));
  report.details.columns = columns;
  const col = (name: string | undefined) => (name === undefined ? -1 : table.headers.indexOf(name));
  const ix = { id: col(columns.id), lng: col(columns.lng), lat: col(columns.lat), count: col(columns.count), outcome: col(columns.outcome), name: col(columns.name) };
  // rows refused while reading (wrong number of fields) are named by their id too when the id field is among what was read
  if (ix.id >= 0 && table.refusedValues) {
    for (const p of table.problems) {
      const id = p.row === null ? undefined : table.refusedValues.get(p.row)?.[ix.id];
      if (p.id === null && id) p.id = id;
    }
  }

  const mark = decideMark(table, ix, columns, opts.mapping?.decimal, file);
  if (typeof mark !== 'string') return refuse('mapping.decimal', mark);
  report.details.decimal = mark;

  // Projected coordinates: most pairs outside the degree ranges and no CRS to read them with → refuse the file.
  if (!opts.transform) {
    let pairs = 0, projected = 0;
    let example: { row: number; x: string; y: string } | undefined;
    for (const r of table.rows) {
      const x = parseNumber(r.values[ix.lng], mark), y = parseNumber(r.values[ix.lat], mark);
      if (x === null || y === null) continue;
      pairs++;
      if (Math.abs(x) > 180 || Math.abs(y) > 90) { projected++; example ??= { row: r.row, x: r.values[ix.lng], y: r.values[ix.lat] }; }
    }
    if (example && projected * 2 > pairs) {
      return refuse('crs', refusal('projectedRows', { file, projected, pairs, row: example.row, lngColumn: columns.lng!, x: example.x, latColumn: columns.lat!, y: example.y }));
    }
  }

  const records: DatasetRecord[] = [];
  const firstRowOfId = new Map<string, number>();
  const used = new Set(Object.values(ix).filter((i) => i >= 0));
  for (const r of table.rows) {
    const v = r.values;
    const id = ix.id >= 0 ? v[ix.id] : String(r.row);
    const errors: ImportProblem[] = [];
    const problem = (field: string | null, value: string | null, message: string, severity: 'error' | 'warning' = 'error') =>
      (severity === 'error' ? errors : report.problems).push({ file, row: r.row, id: id === '' ? null : id, field, value, severity,
        message: `${file} row ${r.row}${field ? `, ${field}` : ''}: ${message}` });
    if (ix.id >= 0 && id === '') problem(columns.id!, '', 'the id is empty');
    const point = readPoint(v[ix.lng], v[ix.lat], columns.lng!, columns.lat!, mark, opts, problem);
    const value = readValue(kind, v, ix, columns, mark, problem);
    if (!errors.length && ix.id >= 0) {
      const first = firstRowOfId.get(id);
      if (first !== undefined) problem(columns.id!, id, `id "${id}" appears more than once (first at row ${first}); this row is skipped`);
    }
    if (errors.length || !point) {
      report.problems.push(...errors);
      report.skipped++;
      continue;
    }
    if (ix.id >= 0) firstRowOfId.set(id, r.row);
    const props: Record<string, string> = {};
    table.headers.forEach((h, k) => { if (!used.has(k) && v[k] !== '') props[h] = v[k]; });
    records.push({ row: r.row, id, lng: point[0], lat: point[1], value, name: ix.name >= 0 ? v[ix.name] || null : null, geometry: null, props });
  }
  report.skipped += table.problems.filter((p) => p.severity === 'error' && p.row !== null).length;
  report.imported = records.length;
  return { records, report };
}

/** The decimal mark of the numeric columns, or why it cannot be told. */
function decideMark(table: SourceTable, ix: Record<string, number>, columns: ResolvedColumns, given: DecimalMark | undefined, file: string): DecimalMark | RefusalText {
  if (given) return given;
  const numeric = (['lng', 'lat', 'count', 'outcome'] as const).filter((f) => ix[f] >= 0);
  function* values() {
    for (const r of table.rows) for (const f of numeric) {
      const s = r.values[ix[f]];
      if (s !== '') yield { value: s, where: `row ${r.row}, ${columns[f]}`, row: r.row, column: columns[f]! };
    }
  }
  const ev = detectDecimalMark(values());
  if (ev.mark) return ev.mark;
  if (ev.reason === 'mixed') {
    const [p, c] = [ev.pointExample!, ev.commaExample!];
    return refusal('decimalMixed', { file, pointOnly: ev.pointOnly, pointRow: p.row, pointColumn: p.column, pointValue: p.value,
      commaOnly: ev.commaOnly, commaRow: c.row, commaColumn: c.column, commaValue: c.value });
  }
  return refusal('decimalUndecided', { file });
}

type ProblemFn = (field: string | null, value: string | null, message: string, severity?: 'error' | 'warning') => void;

/** Parse, reproject and check one coordinate pair; reports and returns null when the pair is unusable. */
function readPoint(xText: string, yText: string, xCol: string, yCol: string, mark: DecimalMark, opts: RecordOptions, problem: ProblemFn): [number, number] | null {
  let bad = false;
  const num = (text: string, colName: string, what: string): number | null => {
    if (text === '') { problem(colName, '', `empty (no ${what})`); bad = true; return null; }
    const x = parseNumber(text, mark);
    if (x === null) { problem(colName, text, `"${text}" is not a number (${what}${mark === ',' ? ', decimal comma' : ''})`); bad = true; }
    return x;
  };
  const x = num(xText, xCol, 'longitude'), y = num(yText, yCol, 'latitude');
  if (bad || x === null || y === null) return null;
  // the pair as written, joined so that decimal commas stay readable ("40,65; -73,95", not "40,65, -73,95")
  return checkPoint(x, y, xCol, yCol, `${xText}${mark === ',' ? '; ' : ', '}${yText}`, opts, problem);
}

/**
 * Check (and reproject with `opts.transform`) a position read as (x, y): reports (0, 0), values out of range and
 * swapped pairs; returns (lng, lat) in degrees or null. Shared by every format (tables and geometries).
 */
export function checkPoint(x: number, y: number, xField: string, yField: string, shown: string, opts: RecordOptions, problem: ProblemFn): [number, number] | null {
  if (x === 0 && y === 0) { problem(`${xField},${yField}`, shown, '(0, 0) is not a location (missing coordinates written as zeros)'); return null; }
  let lng = x, lat = y;
  if (opts.transform) {
    [lng, lat] = opts.transform(x, y);
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) {
      problem(`${xField},${yField}`, shown, `cannot be reprojected from ${opts.crs ?? 'the given CRS'}`);
      return null;
    }
  }
  const lngOk = lng >= -180 && lng <= 180, latOk = lat >= -90 && lat <= 90;
  if (lngOk && latOk && inUsExtent(lng, lat)) return [lng, lat];
  if (!opts.transform && Math.abs(lng) <= 90 && inUsExtent(lat, lng)) {
    problem(`${xField},${yField}`, shown, `longitude ${fmt(lng)} and latitude ${fmt(lat)} look swapped (as latitude ${fmt(lng)}, longitude ${fmt(lat)} ` +
      `the point would be in the United States); fix the file, or map the columns the other way round`);
    return null;
  }
  if (!latOk) { problem(yField, String(y), `latitude ${fmt(lat)} is outside −90…90`); return null; }
  if (!lngOk) { problem(xField, String(x), `longitude ${fmt(lng)} is outside −180…180`); return null; }
  return [lng, lat];
}

/** The record's value: the count (demand: required ≥ 0; others: optional), or the outcome (outcomes: required). */
function readValue(kind: DatasetKind, v: string[], ix: Record<string, number>, columns: ResolvedColumns, mark: DecimalMark, problem: ProblemFn): number | null {
  if (kind === 'outcomes') return requiredNumber(v[ix.outcome], columns.outcome!, 'outcome', mark, problem, false);
  if (ix.count < 0) return null;
  if (kind === 'demand') return requiredNumber(v[ix.count], columns.count!, 'count', mark, problem, true);
  const text = v[ix.count];
  if (text === '') return null;
  const x = parseNumber(text, mark);
  if (x === null) problem(columns.count!, text, `"${text}" is not a number; the count is left empty`, 'warning');
  return x;
}

function requiredNumber(text: string, field: string, what: string, mark: DecimalMark, problem: ProblemFn, nonNegative: boolean): number | null {
  if (text === '') { problem(field, '', `empty (no ${what})`); return null; }
  const x = parseNumber(text, mark);
  if (x === null) { problem(field, text, `"${text}" is not a number${mark === ',' ? ' (decimal comma)' : ''}`); return null; }
  if (nonNegative && x < 0) { problem(field, text, `${what} ${text} is negative`); return null; }
  return x;
}
