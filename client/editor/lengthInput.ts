/**
 * Parse what a designer types into the dimension box: a length, or "width x height".
 * Accepted: "3.5" (metres), "3,5" (decimal comma), "350cm", "3500 mm", "3.5m", "3.5x2", "3.5 × 2",
 * "3500x2000mm" (a trailing unit applies to both). Returns metres, or null when it is not a
 * positive length.
 */
export function parseLengthInput(text: string): { aM: number; bM?: number } | null {
  const s = text.trim().toLowerCase().replace(/,/g, '.').replace(/\s+/g, '');
  const m = s.match(/^(\d*\.?\d+)(mm|cm|m)?(?:[x×*](\d*\.?\d+)(mm|cm|m)?)?$/);
  if (!m) return null;
  const trailing = m[4] ?? m[2];
  const unitA = m[2] ?? (m[3] !== undefined ? trailing : undefined);
  const a = toM(parseFloat(m[1]), unitA);
  if (!(a > 0)) return null;
  if (m[3] === undefined) return { aM: a };
  const b = toM(parseFloat(m[3]), m[4] ?? m[2]);
  if (!(b > 0)) return null;
  return { aM: a, bM: b };
}

function toM(v: number, unit: string | undefined): number {
  const f = unit === 'mm' ? 1000 : unit === 'cm' ? 100 : 1;
  return Math.round((v / f) * 1e6) / 1e6;
}
