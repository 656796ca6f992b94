/**
 * Composite site score (SITE-MODEL.md "Composite score"): `score_j = Σ_f w_f · normalized_f(j)`, weights sum to 1,
 * `contribution_f = w_f · normalized_f(j)`, `rank` within the request (1 = best). Applied on top of a factor table
 * computed once per parameter set, so re-weighting never redoes spatial joins; the client re-ranks with the same code.
 */
export const FACTOR_NAMES = ['transit', 'demand', 'competition'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];
export type Weights = Record<FactorName, number>;

/** Default weights: demand 0.4, transit 0.3, competition 0.3 (SITE-MODEL.md). */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({ transit: 0.3, demand: 0.4, competition: 0.3 });

/** Tolerance on Σ w = 1. */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

/** A problem with a weight set, naming the field, or null when valid (each in [0,1], finite, sum 1 ± 1e-6). */
export function weightsProblem(w: Weights): { field: string; message: string } | null {
  let sum = 0;
  for (const f of FACTOR_NAMES) {
    const v = w[f];
    if (!Number.isFinite(v) || v < 0 || v > 1) return { field: `weights.${f}`, message: `weights.${f} must be a number in [0, 1], got ${v}` };
    sum += v;
  }
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) return { field: 'weights', message: `weights must sum to 1, got ${+sum.toFixed(9)}` };
  return null;
}

/** Normalised factor columns of a set of sites (one value per site per factor). */
export type NormalizedColumns = Record<FactorName, ArrayLike<number>>;

/**
 * Where each factor has data (SITE-MODEL.md "Data coverage"): `scored[f][j] = 1` when factor f is scored at site j,
 * 0 when its data does not cover the site (e.g. no transit feed within 2 km). A missing column = scored everywhere.
 */
export type ScoredMask = Partial<Record<FactorName, ArrayLike<number>>>;

/**
 * The weights site j is scored with: a factor without data at the site is excluded and the others renormalised,
 * `w'_f = w_f·s_f / Σ_g w_g·s_g` (s = 1 scored, 0 not). Written into `out`; returns Σ_g w_g·s_g (0 → every weight 0,
 * the site scores 0). Without a mask (or with every factor scored) `out` = `weights`.
 * Example: weights 0.3/0.4/0.3, transit not scored → 0 / 0.571429 / 0.428571.
 */
export function siteWeights(weights: Weights, scored: ScoredMask | undefined, j: number, out: Weights): number {
  let sum = 0, excluded = false;
  for (const f of FACTOR_NAMES) {
    const on = !scored?.[f] || scored[f]![j] === 1;
    out[f] = on ? weights[f] : 0;
    if (!on) excluded = true;
    sum += out[f];
  }
  if (excluded && sum > 0) for (const f of FACTOR_NAMES) out[f] /= sum;
  return sum;
}

/**
 * Score and rank sites: `score_j = Σ_f w'_f · normalized_f(j)` with the per-site weights of {@link siteWeights}
 * (= the request's weights where every factor is scored). Rank 1 = highest score; ties keep input order.
 * @throws when the columns differ in length.
 */
export function applyWeights(normalized: NormalizedColumns, weights: Weights, scored?: ScoredMask): { score: Float64Array; rank: Int32Array } {
  const n = normalized.transit.length;
  for (const f of FACTOR_NAMES) if (normalized[f].length !== n) throw new Error(`applyWeights: column ${f} has ${normalized[f].length} values, expected ${n}`);
  const score = new Float64Array(n);
  const w: Weights = { ...weights };
  const masked = scored && FACTOR_NAMES.some((f) => scored[f]);
  for (let j = 0; j < n; j++) {
    const wj = masked ? (siteWeights(weights, scored, j, w), w) : weights;
    let s = 0;
    for (const f of FACTOR_NAMES) s += wj[f] * normalized[f][j];
    score[j] = s;
  }
  return { score, rank: rankDescending(score) };
}

/**
 * 1-based ranks of `score`, highest first; ties ranked by input order. O(n log n) with a native typed-array sort:
 * rank = #{higher scores} + #{equal scores earlier in the input} + 1.
 */
export function rankDescending(score: ArrayLike<number>): Int32Array {
  const n = score.length;
  const neg = new Float64Array(n);
  for (let j = 0; j < n; j++) neg[j] = 0 - score[j]; // 0 − x also turns −0 into +0
  const sorted = neg.slice().sort();
  const rank = new Int32Array(n);
  let seen: Map<number, number> | null = null;
  for (let j = 0; j < n; j++) {
    const v = neg[j];
    let lo = 0, hi = n;
    while (lo < hi) { const m = (lo + hi) >>> 1; if (sorted[m] < v) lo = m + 1; else hi = m; }
    if (lo + 1 < n && sorted[lo + 1] === v) {
      seen ??= new Map();
      const c = seen.get(v) ?? 0;
      seen.set(v, c + 1);
      rank[j] = lo + 1 + c;
    } else rank[j] = lo + 1;
  }
  return rank;
}

/** A scored site as the API returns it (only the fields re-weighting touches). */
export interface WeightableSite {
  score: number;
  rank: number;
  factors: Record<FactorName, { normalized: number; weight: number; contribution: number; scored?: boolean }>;
}

/** The {@link ScoredMask} of API results (`factors.<f>.scored === false` → 0), or undefined when every factor is scored. */
export function scoredMaskOf(sites: WeightableSite[]): ScoredMask | undefined {
  let any = false;
  const mask: Record<FactorName, Uint8Array> = { transit: new Uint8Array(sites.length), demand: new Uint8Array(sites.length), competition: new Uint8Array(sites.length) };
  sites.forEach((s, j) => {
    for (const f of FACTOR_NAMES) {
      const on = s.factors[f].scored !== false;
      mask[f][j] = on ? 1 : 0;
      if (!on) any = true;
    }
  });
  return any ? mask : undefined;
}

/**
 * Re-weight API results without mutating them: returns new site objects with `weight`, `contribution`, `score`
 * and `rank` recomputed from each factor's `normalized` value (what the client's weight sliders call); a factor
 * with `scored: false` keeps weight 0 and the others are renormalised ({@link siteWeights}).
 */
export function reweightSites<T extends WeightableSite>(sites: T[], weights: Weights): T[] {
  const col = (f: FactorName) => sites.map((s) => s.factors[f].normalized);
  const cols: NormalizedColumns = { transit: col('transit'), demand: col('demand'), competition: col('competition') };
  const mask = scoredMaskOf(sites);
  const { score, rank } = applyWeights(cols, weights, mask);
  const w: Weights = { ...weights };
  return sites.map((s, j) => {
    siteWeights(weights, mask, j, w);
    return {
      ...s,
      score: score[j],
      rank: rank[j],
      factors: Object.fromEntries(FACTOR_NAMES.map((f) => [f, {
        ...s.factors[f], weight: w[f], contribution: w[f] * s.factors[f].normalized,
      }])) as T['factors'],
    };
  });
}
