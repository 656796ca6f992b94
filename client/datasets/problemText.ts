import type { ImportProblem } from '../../core/datasets/types';
import { translate } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';

/**
 * The row problems of a validation report in the UI language. The server writes each problem's message in English
 * as `<file> row <n>[, <field>]: <what is wrong>` (GeoJSON: `feature <n>`); the parts before the colon are the
 * problem's own `file`, `row` and `field`, and the part after it is one of the templates `datasets.problem.*` of
 * client/i18n/datasets.ts, whose English text is exactly the server's wording. The values are read back out of the
 * English message with that template and written into the template of `locale`; a message that matches no
 * template (a whole-file problem, a new message) is shown as the server wrote it.
 */

/** Templates in the order they are tried (the more specific before the more general). */
export const PROBLEM_TEMPLATES = [
  'idEmpty', 'idRepeatedRow', 'idRepeatedFeature', 'empty', 'notNumberWhatComma', 'notNumberWhat', 'notNumberComma',
  'countLeftEmpty', 'notNumber', 'zeroZero', 'notReprojected', 'swapped', 'latRange', 'lngRange', 'width',
  'stopIdEmpty', 'stopRepeated', 'wholeNumber', 'gtfsTime', 'blockCode', 'blockRepeated', 'jobs', 'blockNotInXwalk',
  'blockCoords', 'negative', 'notInTable',
] as const;

/** Parameters that name a quantity (`longitude`, `count` …) and are themselves translated. */
const WHAT_PARAMS = new Set(['what']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let compiled: { key: string; re: RegExp; names: string[] }[] | null = null;

/** Each English template as an anchored pattern capturing its `{params}`. */
function patterns(): { key: string; re: RegExp; names: string[] }[] {
  compiled ??= PROBLEM_TEMPLATES.map((k) => {
    const key = `datasets.problem.${k}`;
    const en = translate('en', key);
    const names: string[] = [];
    const source = en.split(/(\{\w+\})/).map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]);
      return '([\\s\\S]+?)';
    }).join('');
    return { key, re: new RegExp(`^${source}$`), names };
  });
  return compiled;
}

/** The English message's part after `<file> row <n>[, <field>]: `, or null when it does not start that way. */
function tailOf(p: ImportProblem): { unit: 'row' | 'feature'; tail: string } | null {
  if (p.row === null) return null;
  for (const unit of ['row', 'feature'] as const) {
    const head = `${p.file} ${unit} ${p.row}${p.field ? `, ${p.field}` : ''}: `;
    if (p.message.startsWith(head)) return { unit, tail: p.message.slice(head.length) };
  }
  return null;
}

/**
 * A problem's message in `locale` (see the module comment); the server's English message when it cannot be read.
 * In English the result equals the server's message (the templates are its wording; tests hold them to it).
 */
export function problemMessage(p: ImportProblem, locale: Locale): string {
  const parts = tailOf(p);
  if (!parts) return p.message;
  for (const { key, re, names } of patterns()) {
    const m = re.exec(parts.tail);
    if (!m) continue;
    const vars: Record<string, string> = {};
    let known = true;
    names.forEach((n, i) => {
      const v = m[i + 1];
      if (!WHAT_PARAMS.has(n)) { vars[n] = v; return; }
      const what = `datasets.problem.what.${v}`;
      if (translate('en', what) === what) known = false; // not a quantity this template speaks of
      else vars[n] = translate(locale, what);
    });
    if (!known) continue;
    const msg = translate(locale, key, vars);
    return translate(locale, `datasets.problem.${parts.unit}${p.field ? 'Field' : ''}`, { file: p.file, row: p.row!, fld: p.field ?? '', msg });
  }
  return p.message;
}
