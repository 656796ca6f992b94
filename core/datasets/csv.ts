import { printable, readDelimited } from './delimited';
import { tableRecords, type RecordOptions } from './records';
import { refusal, refusalMessage } from './refusals';
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
    const line = JSON.stringify(t.headers[0].slice(0, 200));
    const text = t.ambiguous.length
      ? refusal('delimiterAmbiguous', { file: opts.file, candidates: t.ambiguous.map((d) => `"${printable(d)}"`).join(' and '), line })
      : refusal('delimiterNone', { file: opts.file, line });
    const message = refusalMessage(text);
    report.problems.push({ file: opts.file, row: null, id: null, field: 'mapping.delimiter', value: null, severity: 'error', message });
    return { records: [], report, refusal: { field: 'mapping.delimiter', message, headers: t.headers, text } };
  }
  return tableRecords({ ...t, details: { format: 'csv', delimiter: printable(t.delimiter) } }, opts);
}
