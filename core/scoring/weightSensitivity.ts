import { mulberry32 } from '../random';
import { applyWeights, FACTOR_NAMES, type NormalizedColumns, type ScoredMask, type Weights } from './siteScore';

/**
 * Weight sensitivity of a ranking (SITE-MODEL.md "Composite score"): how robust is each site's rank to the choice of
 * weights? Weights are drawn from a Dirichlet distribution centred on the chosen weights, α_f = concentration · w_f
 * (mean = w; larger concentration = tighter), every site is re-scored and re-ranked per draw, and for each site we
 * report P(rank ≤ k) and the 5th–95th percentile of its rank. A weight of 0 stays 0 in every draw.
 */
export interface SensitivityOptions {
  /** Monte Carlo draws (default 1000). */
  draws?: number;
  /** Dirichlet concentration Σα (default 50). */
  concentration?: number;
  /** k of P(top k) (default 10). */
  topK?: number;
  /** PRNG seed, so a result is reproducible (default 1). */
  seed?: number;
}

export interface SensitivityResult {
  draws: number;
  concentration: number;
  topK: number;
  /** Per site: share of draws in which its rank ≤ topK. */
  pTopK: Float64Array;
  /** Per site: 5th and 95th percentile of its rank over the draws (nearest-rank). */
  rankP5: Int32Array;
  rankP95: Int32Array;
  /** Mean of the drawn weights (≈ the chosen weights; a check on the sampler). */
  meanWeights: Weights;
}

/**
 * Monte Carlo weight sensitivity. Cost O(draws · n log n); throws when draws · n > 2·10⁷ (memory for the ranks).
 * @param normalized per-factor normalised values of the n sites; @param weights the chosen weights (sum 1).
 * @param scored where each factor has data (factors without data are excluded per site, the weights renormalised).
 */
export function weightSensitivity(normalized: NormalizedColumns, weights: Weights, opts: SensitivityOptions = {}, scored?: ScoredMask): SensitivityResult {
  const draws = opts.draws ?? 1000, concentration = opts.concentration ?? 50, topK = opts.topK ?? 10;
  const n = normalized.transit.length;
  if (!(draws >= 1) || !(concentration > 0)) throw new Error('weightSensitivity: draws must be ≥ 1 and concentration > 0');
  if (draws * n > 2e7) throw new Error(`weightSensitivity: ${draws} draws × ${n} sites is too many (limit 2·10⁷)`);
  const rng = mulberry32(opts.seed ?? 1);
  const ranks = new Int32Array(draws * n);
  const inTop = new Float64Array(n);
  const sumW = { transit: 0, demand: 0, competition: 0 };
  for (let d = 0; d < draws; d++) {
    const w = dirichlet(FACTOR_NAMES.map((f) => concentration * weights[f]), rng);
    const drawn = { transit: w[0], demand: w[1], competition: w[2] };
    for (const f of FACTOR_NAMES) sumW[f] += drawn[f];
    const { rank } = applyWeights(normalized, drawn, scored);
    for (let j = 0; j < n; j++) {
      ranks[j * draws + d] = rank[j];
      if (rank[j] <= topK) inTop[j]++;
    }
  }
  const rankP5 = new Int32Array(n), rankP95 = new Int32Array(n), pTopK = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const r = ranks.subarray(j * draws, (j + 1) * draws).sort();
    rankP5[j] = r[Math.max(0, Math.ceil(0.05 * draws) - 1)];
    rankP95[j] = r[Math.max(0, Math.ceil(0.95 * draws) - 1)];
    pTopK[j] = inTop[j] / draws;
  }
  return { draws, concentration, topK, pTopK, rankP5, rankP95,
    meanWeights: { transit: sumW.transit / draws, demand: sumW.demand / draws, competition: sumW.competition / draws } };
}

/**
 * For two sites a and b, the smallest change of weights (Euclidean, staying on Σw = 1) at which their scores tie
 * and their order flips: δ = −Δ(w) · d′ / |d′|², with d = normalized(a) − normalized(b), d′ = d − mean(d), Δ(w) = w·d.
 * Returns null when their order never changes (d′ = 0); `feasible` is false when the tie point needs a negative weight.
 */
export function orderFlip(a: Record<keyof Weights, number>, b: Record<keyof Weights, number>, weights: Weights):
  { weights: Weights; distance: number; feasible: boolean; scoreDifference: number } | null {
  const d = FACTOR_NAMES.map((f) => a[f] - b[f]);
  const mean = (d[0] + d[1] + d[2]) / 3;
  const dp = d.map((x) => x - mean);
  const norm2 = dp[0] ** 2 + dp[1] ** 2 + dp[2] ** 2;
  const delta = FACTOR_NAMES.reduce((s, f, k) => s + weights[f] * d[k], 0);
  if (norm2 < 1e-18) return null;
  const w = FACTOR_NAMES.map((f, k) => weights[f] - (delta * dp[k]) / norm2);
  return {
    weights: { transit: w[0], demand: w[1], competition: w[2] },
    distance: Math.abs(delta) / Math.sqrt(norm2),
    feasible: w.every((x) => x >= -1e-12),
    scoreDifference: delta,
  };
}

/** A Dirichlet(α) draw; α_f = 0 gives 0. Gamma variates by Marsaglia & Tsang (2000), boosted for α < 1. */
function dirichlet(alpha: number[], rng: () => number): number[] {
  const g = alpha.map((a) => (a > 0 ? gamma(a, rng) : 0));
  const s = g.reduce((x, y) => x + y, 0);
  return g.map((x) => x / s);
}

function gamma(a: number, rng: () => number): number {
  if (a < 1) return gamma(a + 1, rng) * Math.pow(rng() || 1e-300, 1 / a);
  const d = a - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do { x = normal(rng); v = 1 + c * x; } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function normal(rng: () => number): number {
  const u = rng() || 1e-300, v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
