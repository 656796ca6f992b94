import { printable, readDelimited } from './delimited';
import { tableRecords, type RecordOptions } from './records';
import { emptyReport, type ParseResult } from './types';

/**
 * Import a delimited text file (CSV, semicolon or tab separated, …) as records of `opts.kind`: read with
 * {@link readDelimited} (delimiter from `opts.mapping.delimiter` or detected), then checked row by row with
 * {@link tableRecords}. An ambiguous delimiter refuses the file naming `mapping.delimiter` and the candidates.
 */
export function parseCsv(text: string, opts: RecordOptions): ParseResult {
  const t = readDelimited(text, opts.file, opts.mapping?.delimiter);
  if ('ambiguous' in t) {
    const report = emptyReport();
    const message = t.ambiguous.length
      ? `${opts.file}: the delimiter cannot be told: ${t.ambiguous.map((d) => `"${printable(d)}"`).join(' and ')} both split every row evenly; ` +
        `say which in mapping.delimiter; first line: ${JSON.stringify(t.headers[0].slice(0, 200))}`
      : `${opts.file}: no delimiter (, ; tab |) splits the header into columns; first line: ${JSON.stringify(t.headers[0].slice(0, 200))}`;
    report.problems.push({ file: opts.file, row: null, id: null, field: 'mapping.delimiter', value: null, severity: 'error', message });
    return { records: [], report, refusal: { field: 'mapping.delimiter', message, headers: t.headers } };
  }
  return tableRecords({ ...t, details: { format: 'csv', delimiter: printable(t.delimiter) } }, opts);
}
