import fs from 'node:fs';
import type { Database } from '../db/database';
import { quoteIdent } from '../db/database';
import { ImportError } from './errors';
import { sqlString } from './files';

/**
 * Staging: every source table is first loaded as all-VARCHAR into a TEMP table (rows keep file order, so
 * `rowid + 1` is the 1-based data row), checked field by field, and only then cast into the final tables.
 * That is how a bad value becomes an {@link ImportError} naming file, row and field instead of a bare cast
 * error (or, worse, a silent NULL).
 */
export interface StageSource {
  /** Absolute path to read. */
  path: string;
  /** Name used in errors (relative to DATA_DIR). */
  display: string;
}

/** A column to stage; `required` columns must be present in the file's header / JSON keys. */
export interface StageColumn {
  name: string;
  required?: boolean;
}

/** Every staging table's name starts with this prefix; {@link dropStaged} drops the temp tables that carry it. */
export const STAGING_PREFIX = '_stg_';

function checkStagingName(table: string): void {
  if (!table.startsWith(STAGING_PREFIX)) throw new Error(`staging table "${table}" must be named ${STAGING_PREFIX}…`);
}

/** Drop every staging table (temp table named `_stg_…`) of `db`'s connection. */
export async function dropStaged(db: Database): Promise<void> {
  const rows = await db.all<{ t: string }>(
    `SELECT table_name AS t FROM duckdb_tables() WHERE temporary AND starts_with(table_name, '${STAGING_PREFIX}')`).catch(() => []);
  for (const { t } of rows) await db.run(`DROP TABLE IF EXISTS temp.${quoteIdent(t)}`).catch(() => undefined);
}

function wrapReadError(src: StageSource, err: unknown): ImportError {
  const msg = String((err as Error)?.message ?? err);
  const lines = msg.split('\n').map((l) => l.trim()).filter(Boolean);
  // DuckDB's CSV errors say "CSV Error on Line: N" (N counts the header as line 1; the files here have no
  // embedded newlines, so data row = N − 1) and then the reason ("Expected Number of Columns: 7 Found: 8").
  const csvLine = /CSV Error on Line: (\d+)/.exec(msg);
  if (csvLine) {
    const reason = lines.find((l) => /Expected Number of Columns|unterminated quote|Invalid unicode/i.test(l)) ?? lines[0];
    return new ImportError(src.display, Math.max(1, Number(csvLine[1]) - 1), undefined, `malformed CSV at line ${csvLine[1]}: ${reason}`, { cause: err });
  }
  return new ImportError(src.display, undefined, undefined, `unreadable: ${lines[0] ?? msg}`, { cause: err });
}

/** Column names of a CSV header line (BOM and CR stripped, quotes removed; an empty name becomes `column<i>`). */
export function csvHeader(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const first = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').split('\n')[0].replace(/\r$/, '');
    const names: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < first.length; i++) {
      const ch = first[i];
      if (quoted) {
        if (ch === '"' && first[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') names.push(cur), (cur = '');
      else cur += ch;
    }
    names.push(cur);
    return names.map((h, i) => (h.trim() === '' ? `column${i}` : h.trim()));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Stage a CSV file as all-VARCHAR columns: comma-delimited, `"`-quoted, header row (a UTF-8 BOM is skipped),
 * LF or CRLF. The dialect is fixed (not sniffed) and strict, so a row with too many or too few fields, or an
 * unterminated quote, fails with its line number instead of being mis-parsed. Missing optional columns are
 * added as NULL; a missing required column is an ImportError naming it. `opts.only`: stage just `columns`
 * (the reader then skips the others: a wide file with a few needed columns stages several times faster).
 */
export async function stageCsv(db: Database, table: string, src: StageSource, columns: StageColumn[],
  opts: { only?: boolean } = {}): Promise<void> {
  checkStagingName(table);
  let header: string[];
  try {
    header = csvHeader(src.path);
  } catch (err) {
    throw new ImportError(src.display, undefined, undefined, `unreadable: ${(err as Error).message}`, { cause: err });
  }
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) throw new ImportError(src.display, undefined, dup, 'column appears twice in the header');
  const spec = '{' + header.map((h) => `${sqlString(h)}: 'VARCHAR'`).join(', ') + '}';
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS
      SELECT ${opts.only ? columns.filter((c) => header.includes(c.name)).map((c) => quoteIdent(c.name)).join(', ') || '*' : '*'} FROM read_csv(${sqlString(src.path)}, header = true, auto_detect = false, delim = ',', quote = '"',
        escape = '"', strict_mode = true, columns = ${spec})`);
  } catch (err) {
    throw wrapReadError(src, err);
  }
  const have = new Set(header);
  for (const c of columns) {
    if (have.has(c.name)) continue;
    if (c.required) throw new ImportError(src.display, undefined, c.name, 'column missing from the header');
    await db.run(`ALTER TABLE temp.${quoteIdent(table)} ADD COLUMN ${quoteIdent(c.name)} VARCHAR`);
  }
}

/**
 * Stage a JSON array of flat objects (MTA GTFS-as-JSON: every value a string; `.json.gz` read directly) as
 * VARCHAR columns. Keys absent from an object become NULL; a required key absent from EVERY object is an
 * ImportError naming it (absent from some objects is caught by the field checks).
 */
export async function stageJson(db: Database, table: string, src: StageSource, columns: StageColumn[]): Promise<void> {
  checkStagingName(table);
  const spec = '{' + columns.map((c) => `${sqlString(c.name)}: 'VARCHAR'`).join(', ') + '}';
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS
      SELECT * FROM read_json(${sqlString(src.path)}, format = 'array', columns = ${spec})`);
  } catch (err) {
    throw wrapReadError(src, err);
  }
  const rows = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM temp.${quoteIdent(table)}`);
  if (Number(rows[0].n) === 0) return;
  for (const c of columns.filter((c) => c.required)) {
    const r = await db.all<{ n: bigint }>(`SELECT count(${quoteIdent(c.name)}) AS n FROM temp.${quoteIdent(table)}`);
    if (Number(r[0].n) === 0) throw new ImportError(src.display, undefined, c.name, 'key missing from every record');
  }
}

/**
 * Check one field of a staged table: the first row (in file order) where `validSql` is not true raises an
 * ImportError naming file, row and field, quoting the offending value.
 * @param validSql SQL boolean over the staged columns, with `$v` standing for the field (e.g. `TRY_CAST($v AS INTEGER) >= 0`).
 */
export async function checkField(db: Database, table: string, src: StageSource, field: string, validSql: string, expected: string): Promise<void> {
  const v = quoteIdent(field);
  const cond = validSql.replaceAll('$v', v);
  const bad = await db.all<{ rowid: bigint; value: string | null }>(
    `SELECT ${ROW_NUMBER(table)} AS rowid, ${v} AS value FROM temp.${quoteIdent(table)} WHERE NOT coalesce((${cond}), false) ORDER BY rowid LIMIT 1`);
  if (bad.length) {
    const value = bad[0].value === null ? 'nothing (empty or missing)' : `"${bad[0].value}"`;
    throw new ImportError(src.display, Number(bad[0].rowid), field, `expected ${expected}, got ${value}`);
  }
}

/**
 * Check several fields in ONE scan of the staged table (the happy path of a wide import); on a failure, the first
 * failing row's first failing field is reported exactly as {@link checkField} would (file, row, field, value).
 */
export async function checkFields(db: Database, table: string, src: StageSource,
  checks: { field: string; validSql: string; expected: string }[]): Promise<void> {
  if (checks.length === 0) return;
  const conds = checks.map((c) => `coalesce((${c.validSql.replaceAll('$v', quoteIdent(c.field))}), false)`);
  const bad = await db.all<{ k: number }>(
    `SELECT CASE ${conds.map((c, k) => `WHEN NOT ${c} THEN ${k}`).join(' ')} END AS k FROM temp.${quoteIdent(table)}
     WHERE NOT (${conds.join(' AND ')}) ORDER BY rowid LIMIT 1`);
  if (bad.length) {
    const c = checks[Number(bad[0].k)];
    await checkField(db, table, src, c.field, c.validSql, c.expected);
  }
}

/**
 * Check that `field` (or the SQL expression `expr` over the staged columns, reported as `field`) is unique;
 * the first repeated value's second occurrence is reported.
 */
export async function checkUnique(db: Database, table: string, src: StageSource, field: string, expr?: string): Promise<void> {
  const v = expr ?? quoteIdent(field);
  const bad = await db.all<{ rowid: bigint; value: string }>(
    `SELECT ${ROW_NUMBER(table)} AS rowid, ${v} AS value FROM temp.${quoteIdent(table)} QUALIFY row_number() OVER (PARTITION BY ${v} ORDER BY rowid) = 2 ORDER BY rowid LIMIT 1`);
  if (bad.length) throw new ImportError(src.display, Number(bad[0].rowid), field, `duplicate value "${bad[0].value}" (must be unique)`);
}

/**
 * SQL for the 1-based data row of a staged row. Rows keep file order and get consecutive rowids, but rows
 * written inside a transaction start at a large base (DuckDB's transaction-local row ids), so the row number
 * is taken relative to the table's smallest rowid.
 */
export function ROW_NUMBER(table: string): string {
  return `(rowid - (SELECT min(rowid) FROM temp.${quoteIdent(table)}) + 1)`;
}

/** Common validity predicates (SQL over `$v`). */
export const VALID = {
  nonEmpty: `length(trim($v)) > 0`,
  digits: (n: number) => `regexp_full_match($v, '[0-9]{${n}}')`,
  int: `TRY_CAST(trim($v) AS BIGINT) IS NOT NULL`,
  nonNegInt: `TRY_CAST(trim($v) AS BIGINT) >= 0`,
  number: `isfinite(TRY_CAST(trim($v) AS DOUBLE))`,
  latitude: `TRY_CAST(trim($v) AS DOUBLE) BETWEEN -90 AND 90`,
  longitude: `TRY_CAST(trim($v) AS DOUBLE) BETWEEN -180 AND 180`,
  yyyymmdd: `TRY_STRPTIME($v, '%Y%m%d') IS NOT NULL`,
  zeroOne: `$v IN ('0', '1')`,
} as const;
