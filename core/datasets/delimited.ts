import Papa from 'papaparse';
import type { ImportProblem } from './types';

/** Delimiters tried when the file does not say. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** A delimited text table: trimmed header names and, per data record, its 1-based row and trimmed values. */
export interface TextTable {
  headers: string[];
  rows: { row: number; values: string[] }[];
  delimiter: string;
  /** Data records read (header excluded), refused ones included. */
  read: number;
  /** Records refused while reading (wrong number of fields, unterminated quotes). */
  problems: ImportProblem[];
  /** The trimmed values of the rows refused for their number of fields, by row. */
  refusedValues: Map<number, string[]>;
}

/**
 * Read delimited text (CSV and kin) with papaparse: a UTF-8 BOM is dropped; CR, CRLF and mixed line endings are
 * read as one (inside quoted fields too); quoted fields may hold delimiters, doubled quotes and newlines; every
 * header and value is trimmed (stray spaces); blank lines are skipped. Rows are numbered as data records (header
 * excluded), so a quoted field spanning lines does not shift later rows.
 *
 * Delimiter: `delimiter` when given; else each of {@link DELIMITERS} is tried on the first 200 records and the one
 * splitting the header into more than one field with every record the same width is used. When two delimiters
 * both fit (or none does and two split the header equally) nothing is guessed: `delimiter` is null and
 * `ambiguous` lists the candidates, so the caller asks for `mapping.delimiter`.
 * @returns the table, or `{ ambiguous }` (empty when the header has a single column under every delimiter).
 */
export function readDelimited(text: string, file: string, delimiter?: string): TextTable | { ambiguous: string[]; headers: string[] } {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let delim = delimiter;
  if (!delim) {
    const fits: { d: string; width: number; consistent: boolean }[] = [];
    for (const d of DELIMITERS) {
      const p = Papa.parse<string[]>(clean, { delimiter: d, newline: '\n', preview: 201, skipEmptyLines: 'greedy', quoteChar: '"' });
      const width = p.data[0]?.length ?? 0;
      if (width < 2) continue;
      const consistent = p.data.every((r) => r.length === width) && !p.errors.some((e) => e.type === 'Quotes');
      fits.push({ d, width, consistent });
    }
    const consistent = fits.filter((f) => f.consistent);
    if (consistent.length === 1) delim = consistent[0].d;
    else if (consistent.length > 1) return { ambiguous: consistent.map((f) => f.d), headers: firstLine(clean) };
    else if (fits.length) {
      const widest = Math.max(...fits.map((f) => f.width));
      const top = fits.filter((f) => f.width === widest);
      if (top.length > 1) return { ambiguous: top.map((f) => f.d), headers: firstLine(clean) };
      delim = top[0].d;
    } else return { ambiguous: [], headers: firstLine(clean) };
  }
  const parsed = Papa.parse<string[]>(clean, { delimiter: delim, newline: '\n', skipEmptyLines: 'greedy', quoteChar: '"' });
  const data = parsed.data;
  const headers = (data[0] ?? []).map((h, i) => (h.trim() === '' ? `column${i + 1}` : h.trim()));
  const problems: ImportProblem[] = [];
  const badRows = new Set<number>();
  for (const e of parsed.errors) {
    if (e.row === undefined || e.row === 0) continue;
    if (e.type === 'Quotes') {
      badRows.add(e.row);
      problems.push({ file, row: e.row, id: null, field: null, value: null, severity: 'error', message: `${file} row ${e.row}: ${e.message.toLowerCase()}` });
    }
  }
  const rows: TextTable['rows'] = [];
  const refusedValues = new Map<number, string[]>();
  for (let k = 1; k < data.length; k++) {
    if (badRows.has(k)) continue;
    const values = data[k].map((v) => v.trim());
    if (values.length !== headers.length) {
      const shown = data[k].join(delim).slice(0, 120);
      problems.push({ file, row: k, id: null, field: null, value: shown, severity: 'error',
        message: `${file} row ${k}: ${values.length} fields where the header has ${headers.length} (delimiter "${printable(delim)}")` });
      refusedValues.set(k, values);
      continue;
    }
    rows.push({ row: k, values });
  }
  return { headers, rows, delimiter: delim, read: Math.max(0, data.length - 1), problems, refusedValues };
}

/** A delimiter as shown in messages (`\t` → `tab`). */
export function printable(d: string): string {
  return d === '\t' ? 'tab' : d;
}

function firstLine(clean: string): string[] {
  return [clean.split('\n')[0] ?? ''];
}
