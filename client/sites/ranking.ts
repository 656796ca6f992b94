import { applyWeights, FACTOR_NAMES, siteWeights, type NormalizedColumns, type ScoredMask, type Weights } from '../../core/scoring/siteScore';
export { scoredMaskOf } from '../../core/scoring/siteScore';
import type { ScoredSite } from '../api/sites';

/**
 * Fast client-side re-ranking for the weight sliders. The normalised factor values of a result set are copied into
 * typed columns once; each slider move is then one `applyWeights` pass (score + rank over ~7.4k sites in a few ms)
 * instead of rebuilding every site object. Full site objects with the new weights are built only where shown
 * (top-N table, breakdown, tooltip) or exported, by {@link weightedSite} — the same numbers as `reweightSites`.
 */
export interface Ranking {
  score: Float64Array;
  /** 1-based rank, highest score first; ties keep input order. */
  rank: Int32Array;
  /** Site indices in rank order. */
  order: Int32Array;
  weights: Weights;
  /** Where each factor is scored (factors without data at a site are excluded there, the others renormalised). */
  scored?: ScoredMask;
}

/** The `normalized` value of every factor of every site, as typed columns. */
export function normalizedColumns(sites: ScoredSite[]): NormalizedColumns {
  const cols = {} as Record<keyof NormalizedColumns, Float64Array>;
  for (const f of FACTOR_NAMES) {
    const c = new Float64Array(sites.length);
    for (let k = 0; k < sites.length; k++) c[k] = sites[k].factors[f].normalized;
    cols[f] = c;
  }
  return cols;
}

/**
 * Score and rank every site under `weights` (SITE-MODEL.md: score = Σ w_f · normalized_f; a factor not scored at a
 * site — `scored` from {@link scoredMaskOf} — is excluded there and the other weights renormalised).
 */
export function rankSites(cols: NormalizedColumns, weights: Weights, scored?: ScoredMask): Ranking {
  const { score, rank } = applyWeights(cols, weights, scored);
  const order = new Int32Array(rank.length);
  for (let k = 0; k < rank.length; k++) order[rank[k] - 1] = k;
  return { score, rank, order, weights, scored };
}

/** Site `k` of the set with its score, rank, and each factor's weight and contribution under the ranking's weights. */
export function weightedSite(site: ScoredSite, ranking: Ranking, k: number): ScoredSite {
  const w = ranking.scored ? { ...ranking.weights } : ranking.weights;
  if (ranking.scored) siteWeights(ranking.weights, ranking.scored, k, w);
  const f = site.factors;
  return {
    ...site,
    score: ranking.score[k],
    rank: ranking.rank[k],
    factors: {
      transit: { ...f.transit, weight: w.transit, contribution: w.transit * f.transit.normalized },
      demand: { ...f.demand, weight: w.demand, contribution: w.demand * f.demand.normalized },
      competition: { ...f.competition, weight: w.competition, contribution: w.competition * f.competition.normalized },
    },
  };
}

/** The first `n` sites in rank order, with their weighted fields. */
export function topSites(sites: ScoredSite[], ranking: Ranking, n: number): ScoredSite[] {
  const out: ScoredSite[] = [];
  for (let r = 0; r < Math.min(n, sites.length); r++) out.push(weightedSite(sites[ranking.order[r]], ranking, ranking.order[r]));
  return out;
}

/** The first `n` sites in rank order among those `keep(k)` accepts (e.g. inside the study area), with their weighted fields. */
export function topSitesWhere(sites: ScoredSite[], ranking: Ranking, n: number, keep: (k: number) => boolean): ScoredSite[] {
  const out: ScoredSite[] = [];
  for (let r = 0; r < sites.length && out.length < n; r++) {
    const k = ranking.order[r];
    if (keep(k)) out.push(weightedSite(sites[k], ranking, k));
  }
  return out;
}

/** Every site with its weighted fields (for export). */
export function allWeighted(sites: ScoredSite[], ranking: Ranking): ScoredSite[] {
  return sites.map((s, k) => weightedSite(s, ranking, k));
}

/**
 * The ranking of a forecast-mode result set: by forecast deposits, largest first (sites without a forecast last), with
 * `score` = the site's percentile among the set's forecasts (0–100), so the map's colour ramp and the score chips keep
 * their meaning (higher = better). Weights are carried only so {@link weightedSite} keeps the factor breakdown.
 */
export function forecastRanking(sites: ScoredSite[], weights: Weights): Ranking {
  const n = sites.length;
  const value = (k: number) => sites[k].forecast?.depositsUsd ?? -Infinity;
  const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => value(b) - value(a) || a - b);
  const rank = new Int32Array(n), score = new Float64Array(n);
  order.forEach((k, r) => { rank[k] = r + 1; score[k] = n > 1 ? (100 * (n - 1 - r)) / (n - 1) : 100; });
  return { score, rank, order, weights };
}

/**
 * The share (0–1) of the reference sites — the first `count` entries of `scores`, the grid cells — whose score under
 * the current weights is strictly below `value`: "better than 96 % of the reference cells". 0 when count is 0.
 * Rounded DOWN to 0.1 % so a site that does not beat every cell never reads "better than 100.0 %".
 */
export function shareBelow(scores: ArrayLike<number>, count: number, value: number): number {
  const n = Math.min(count, scores.length);
  if (n <= 0) return 0;
  let below = 0;
  for (let k = 0; k < n; k++) if (scores[k] < value) below++;
  return Math.floor((1000 * below) / n) / 1000;
}
