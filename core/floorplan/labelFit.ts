/**
 * Fitting a name into a label box without ever cutting a word: wrap between words (between any two characters in
 * Chinese) onto at most two lines, shrink the font step by step to a readable minimum, and only then shorten the
 * second line by rule — whole words (characters in Chinese) and an ellipsis. Pure: the caller measures text
 * (`measure(text, size)` → width, in the same unit as `width`; size in the caller's font unit, px or pt). Used by the
 * editor's zone labels and the standards PDF's drawing.
 */

/** A label's break points: words with their trailing space, and every CJK character on its own. */
export function labelTokens(text: string): string[] {
  return text.match(/[\u3400-\u9fff\uff00-\uffef]|[^\s\u3400-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [text];
}

/**
 * The lines of `name` at the largest font size from `maxSize` down to `minSize` (in `step`s) at which it fits `width`
 * in at most two lines broken between words; at `minSize` a name still too long keeps two lines and ends the second
 * at a whole word with "…" (`shortened` true — the caller shows the full name elsewhere, e.g. on hover).
 * @example fitLabel('Teller counters (customer side)', 25, (s, pt) => s.length * pt * 0.2, { maxSize: 7, minSize: 4.5 })
 *   // { lines: ['Teller counters', '(customer side)'], size: 7, shortened: false }
 */
export function fitLabel(name: string, width: number, measure: (text: string, size: number) => number,
  opts: { maxSize: number; minSize: number; step?: number }): { lines: string[]; size: number; shortened: boolean } {
  const step = opts.step ?? 0.5;
  const tokens = labelTokens(name);
  const wrap = (size: number): string[] => {
    const lines: string[] = [];
    let cur = '';
    for (const tok of tokens) {
      const next = cur + tok;
      if (cur && measure(next.trimEnd(), size) > width) { lines.push(cur.trimEnd()); cur = tok.trimStart(); } else cur = next;
    }
    if (cur.trim()) lines.push(cur.trimEnd());
    return lines;
  };
  for (let size = opts.maxSize; size >= opts.minSize - 1e-9; size -= step) {
    const lines = wrap(size);
    if (lines.length <= 2 && lines.every((l) => measure(l, size) <= width)) return { lines, size, shortened: false };
  }
  const size = opts.minSize;
  const lines = wrap(size);
  if (lines.length <= 2) return { lines, size, shortened: lines.some((l) => measure(l, size) > width) };
  const words = labelTokens(lines[1]);
  while (words.length > 1 && measure(words.join('').trimEnd() + '…', size) > width) words.pop();
  return { lines: [lines[0], words.join('').trimEnd() + '…'], size, shortened: true };
}
