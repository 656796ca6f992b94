import type { ImportProblem, ImportReport } from '../../core/datasets/types';

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

/** One line summing a report up: read, imported, skipped (and warnings). */
export function reportCounts(r: ImportReport): { read: number; imported: number; skipped: number; warnings: number } {
  return { read: r.read, imported: r.imported, skipped: r.skipped, warnings: r.problems.filter((p) => p.severity === 'warning').length + r.warnings.length };
}
