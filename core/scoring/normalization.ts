/**
 * Normalisation of a factor's raw values against a reference distribution (SITE-MODEL.md "Composite score"):
 * by default the NYC H3 res-9 grid computed with the same parameters, so a single clicked site gets a stable score
 * and adding a candidate never changes another's; or the request's own candidates (`reference: "request"`).
 */
export type NormalizationMethod = 'percentile' | 'minmax' | 'zscore';

/** Summary of a reference distribution: the sorted values plus min, max, mean and population SD. */
export interface ReferenceStats {
  n: number;
  sorted: Float64Array;
  min: number;
  max: number;
  mean: number;
  sd: number;
}

/** Build {@link ReferenceStats} from raw values. @throws on an empty list or a non-finite value. */
export function referenceStats(values: ArrayLike<number>): ReferenceStats {
  const n = values.length;
  if (n === 0) throw new Error('referenceStats: empty reference distribution');
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(sorted[k])) throw new Error(`referenceStats: non-finite value ${sorted[k]}`);
    sum += sorted[k];
  }
  const mean = sum / n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (sorted[k] - mean) ** 2;
  return { n, sorted, min: sorted[0], max: sorted[n - 1], mean, sd: Math.sqrt(ss / n) };
}

/** Number of sorted values strictly below x (binary search). */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Number of sorted values ≤ x (binary search). */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * Percentile rank (0–100) of x in the reference, mid-rank for ties ("mean" percentile rank, as
 * scipy.stats.percentileofscore kind='mean'): `100 · (#{r < x} + #{r ≤ x}) / (2n)`.
 * Example: reference [1,2,3,4], x = 3 → 100·(2+3)/8 = 62.5; x above every value → 100; below every value → 0.
 */
export function percentileRank(x: number, ref: ReferenceStats): number {
  return (100 * (countBelow(ref.sorted, x) + countAtMost(ref.sorted, x))) / (2 * ref.n);
}

/**
 * Min–max scaling to 0–100 against the reference: `100 · (x − min) / (max − min)`, clamped to [0, 100] so a site
 * outside the reference range stays on the same scale as the other factors. Degenerate reference (max = min) → 50.
 */
export function minMaxScore(x: number, ref: ReferenceStats): number {
  if (ref.max === ref.min) return 50;
  return Math.min(100, Math.max(0, (100 * (x - ref.min)) / (ref.max - ref.min)));
}

/** z-score against the reference: `(x − mean) / sd` (population SD); 0 when sd = 0. Unbounded. */
export function zScore(x: number, ref: ReferenceStats): number {
  return ref.sd === 0 ? 0 : (x - ref.mean) / ref.sd;
}

/** Normalise one raw value by `method` against `ref`. */
export function normalizeValue(x: number, ref: ReferenceStats, method: NormalizationMethod): number {
  switch (method) {
    case 'percentile': return percentileRank(x, ref);
    case 'minmax': return minMaxScore(x, ref);
    case 'zscore': return zScore(x, ref);
  }
}

/** Normalise every raw value of a column against `ref`. */
export function normalizeColumn(raw: ArrayLike<number>, ref: ReferenceStats, method: NormalizationMethod): Float64Array {
  const out = new Float64Array(raw.length);
  for (let k = 0; k < raw.length; k++) out[k] = normalizeValue(raw[k], ref, method);
  return out;
}
