import type { ImportProblem, ImportReport } from '../../core/datasets/types';
import type { Locale } from '../i18n/messages';
import { formatInt } from '../sites/format';

/** Which problems the report table shows: a severity (or all) and a text found in file, id, field, value or message. */
export interface ProblemFilter {
  severity: 'all' | 'error' | 'warning';
  text: string;
}

/**
 * The problems that pass `filter` (case-insensitive text match), in report order. `shown` gives the message as the
 * table shows it (in the UI language), which the text is matched against beside the server's own message.
 */
export function filterProblems(problems: readonly ImportProblem[], filter: ProblemFilter, shown?: (p: ImportProblem) => string): ImportProblem[] {
  const q = filter.text.trim().toLowerCase();
  return problems.filter((p) => (filter.severity === 'all' || p.severity === filter.severity) &&
    (!q || [p.file, p.id, p.field, p.value, p.message, shown?.(p) ?? null, p.row === null ? '' : String(p.row)].some((v) => (v ?? '').toLowerCase().includes(q))));
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The report's problems as CSV (`severity,file,row,id,field,value,message`; RFC 4180 quoting), for download. */
export function problemsToCsv(problems: readonly ImportProblem[]): string {
  const lines = ['severity,file,row,id,field,value,message'];
  for (const p of problems) lines.push([p.severity, p.file, p.row, p.id, p.field, p.value, p.message].map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** {@link reportCounts} with digits grouped for `locale` (200,000 read, not 200000), for the counts line. */
export function reportCountsText(r: ImportReport, locale: Locale): { read: string; imported: string; skipped: string; warnings: string } {
  const c = reportCounts(r);
  return { read: formatInt(locale, c.read), imported: formatInt(locale, c.imported), skipped: formatInt(locale, c.skipped), warnings: formatInt(locale, c.warnings) };
}

/** One line summing a report up: read, imported, skipped (and warnings). */
export function reportCounts(r: ImportReport): { read: number; imported: number; skipped: number; warnings: number } {
  return { read: r.read, imported: r.imported, skipped: r.skipped, warnings: r.problems.filter((p) => p.severity === 'warning').length + r.warnings.length };
}

/** What a column-mapping refusal asks for, in the order of the mapping form. */
export const MAPPING_ASKS = ['lng', 'lat', 'id', 'count', 'outcome', 'name', 'delimiter', 'decimal', 'crs'] as const;
export type MappingAsk = (typeof MAPPING_ASKS)[number];

/**
 * The fields a refused import asks the user for (400 `mapping_required`): every `mapping.<field>` the server's
 * message names (a file can lack several columns at once), and `crs` when that is the refused field. Lets the mapping
 * step say what is needed in the UI language instead of the server's English sentence.
 */
export function mappingAsks(message: string, field: string): MappingAsk[] {
  return MAPPING_ASKS.filter((f) => (f === 'crs' ? field === 'crs' : new RegExp(`\\bmapping\\.${f}\\b`).test(message)));
}
