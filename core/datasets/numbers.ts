/**
 * Numbers as people write them in spreadsheets: a decimal point or a decimal comma, thousands grouped by `,` `.`
 * or spaces (also the no-break and narrow no-break spaces Excel writes), an optional sign and exponent. A file uses
 * one decimal mark; {@link detectDecimalMark} tells which from the values themselves and says so when it cannot.
 */

export type DecimalMark = '.' | ',';

/** Group separators allowed with each decimal mark (never the decimal mark itself). */
const SPACES = ' \u00a0\u202f';
const PATTERN: Record<DecimalMark, RegExp> = {
  '.': new RegExp(`^[+-]?(?:(?:\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:[${SPACES}]\\d{3})+|\\d+)(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$`),
  ',': new RegExp(`^[+-]?(?:(?:\\d{1,3}(?:\\.\\d{3})+|\\d{1,3}(?:[${SPACES}]\\d{3})+|\\d+)(?:,\\d*)?|,\\d+)(?:[eE][+-]?\\d+)?$`),
};

/**
 * Parse `text` (already trimmed) as a number written with decimal mark `mark`; null when it is not one.
 * `1,234.5` → 1234.5 with '.'; `1.234,5` → 1234.5 with ','; `40,7128` → 40.7128 with ','; `0x10`, `Infinity`,
 * `1,23` with '.' (bad grouping) → null.
 */
export function parseNumber(text: string, mark: DecimalMark): number | null {
  if (!PATTERN[mark].test(text)) return null;
  const group = mark === '.' ? /[,\s\u00a0\u202f]/g : /[.\s\u00a0\u202f]/g;
  let s = text.replace(group, '');
  if (mark === ',') s = s.replace(',', '.');
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

/** What {@link detectDecimalMark} found. */
export interface DecimalEvidence<T extends { value: string; where: string } = { value: string; where: string }> {
  /** The mark, or null when both occur (`mixed`) or values read differently with each and none decides (`undecided`). */
  mark: DecimalMark | null;
  reason: 'point' | 'comma' | 'integers' | 'mixed' | 'undecided';
  /** A value that reads only with a point / only with a comma (for messages). */
  pointExample?: T;
  commaExample?: T;
  /** How many values read only with each mark. */
  pointOnly: number;
  commaOnly: number;
}

/**
 * Tell a file's decimal mark from its numeric values (`where` labels a value for messages, e.g. `row 3, lat`).
 * A value that parses with one mark only is evidence for it (`40,7128`, `-73.9857`); values that parse with both
 * and give the same number (`12`) say nothing; values that give different numbers (`1,234`: 1234 or 1.234) need a
 * decision. One mark with evidence → it; both → `mixed` (null: the caller asks the user); none but
 * differently-read values → `undecided` (null); only integers → '.' (it makes no difference).
 */
export function detectDecimalMark<T extends { value: string; where: string }>(values: Iterable<T>): DecimalEvidence<T> {
  const out: DecimalEvidence<T> = { mark: null, reason: 'integers', pointOnly: 0, commaOnly: 0 };
  let differ = false;
  for (const v of values) {
    const p = parseNumber(v.value, '.');
    const c = parseNumber(v.value, ',');
    if (p !== null && c === null) { out.pointOnly++; out.pointExample ??= v; }
    else if (c !== null && p === null) { out.commaOnly++; out.commaExample ??= v; }
    else if (p !== null && c !== null && p !== c) differ = true;
  }
  if (out.pointOnly && out.commaOnly) return { ...out, reason: 'mixed' };
  if (out.pointOnly) return { ...out, mark: '.', reason: 'point' };
  if (out.commaOnly) return { ...out, mark: ',', reason: 'comma' };
  if (differ) return { ...out, reason: 'undecided' };
  return { ...out, mark: '.', reason: 'integers' };
}
