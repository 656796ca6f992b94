import type { GridSpec } from '../../core/api/areas';
import type { SensitivityResponse } from '../../core/api/sites';
import { orderFlip } from '../../core/scoring/weightSensitivity';
import { FACTOR_NAMES, type FactorName, type Weights } from '../../core/scoring/siteScore';
import type { ScoredSite } from '../api/sites';

/**
 * Pure helpers of the weight-sensitivity panel (SITE-MODEL.md "Weight sensitivity"): the request body for
 * `POST /api/sites/sensitivity`, the Dirichlet spread a concentration implies, the rank-interval chart scale,
 * and the order flip of two sites (core/scoring/weightSensitivity.ts `orderFlip`) in percentage points.
 */

/** Concentration presets of the slider (Σα of the Dirichlet; larger = drawn weights closer to the chosen ones). */
export const CONCENTRATIONS = [5, 10, 20, 50, 100, 200, 500, 1000] as const;
export const DEFAULT_CONCENTRATION = 50;
export const DEFAULT_TOP_K = 10;
/** Monte Carlo draws per run (the API default). */
export const SENSITIVITY_DRAWS = 500;

/**
 * Standard deviation of one weight under Dirichlet(c·w): sqrt(w(1−w)/(c+1)) (the Dirichlet marginal is
 * Beta(c·w, c·(1−w))). Reported for the largest weight, in percentage points, so the analyst sees what a
 * concentration means ("weights vary by about ±7 pp").
 */
export function weightSpreadPp(weights: Weights, concentration: number): number {
  const w = Math.max(...FACTOR_NAMES.map((f) => weights[f]));
  return 100 * Math.sqrt((w * (1 - w)) / (concentration + 1));
}

/**
 * The body of `POST /api/sites/sensitivity` for the sites in the view: the grid by reference (its factors are cached on
 * the server) while grid cells are in the view, plus the added or imported sites by coordinates (their factors are the
 * only ones computed; one with a grid cell's id replaces that cell, as in the view). All are normalised against the
 * same study-area grid (`grid`, default NYC at res 9), so ranks match the view's ranking.
 */
export function sensitivityRequest(opts: {
  gridSites: readonly ScoredSite[]; addedSites: readonly ScoredSite[]; weights: Weights; ownNetwork: string | null;
  concentration: number; topK: number; seed?: number;
  /** The study-area grid in view (default: NYC at res 9); added sites are normalised against it too. */
  grid?: GridSpec;
}) {
  const grid: GridSpec = opts.grid ?? { resolution: 9, area: 'nyc' };
  const base = {
    ownNetwork: opts.ownNetwork ?? undefined,
    weights: { transit: opts.weights.transit, demand: opts.weights.demand, competition: opts.weights.competition },
    sensitivity: { draws: SENSITIVITY_DRAWS, concentration: opts.concentration, topK: opts.topK, seed: opts.seed ?? 1 },
  };
  if (!opts.gridSites.length) return { ...base, normalization: { grid }, sites: opts.addedSites.map(({ id, lng, lat }) => ({ id, lng, lat })) };
  if (opts.addedSites.length === 0) return { ...base, grid };
  return { ...base, grid, sites: opts.addedSites.map(({ id, lng, lat }) => ({ id, lng, lat })) };
}

export type SensitivityRow = SensitivityResponse['sites'][number];

/** Index a response by site id. */
export function rowsById(res: SensitivityResponse): Map<string, SensitivityRow> {
  return new Map(res.sites.map((r) => [r.id, r]));
}

/**
 * The x-axis of the rank-interval chart: ranks 1…max, with max the largest 95th-percentile rank shown (at least
 * k + 1, so the top-k line is inside), rounded up to a 1-2-5 step. `pos(rank)` is the left offset in percent.
 */
export function rankAxis(rows: readonly { rankP95: number }[], topK: number): { max: number; pos: (rank: number) => number } {
  const hi = Math.max(topK + 1, ...rows.map((r) => r.rankP95));
  const mag = 10 ** Math.floor(Math.log10(hi));
  const max = [1, 2, 5, 10].map((m) => m * mag).find((v) => v >= hi)!;
  return { max, pos: (rank) => (100 * (Math.min(Math.max(rank, 1), max) - 1)) / Math.max(1, max - 1) };
}

/** Order flip of two sites, in the terms the panel shows. */
export interface FlipSummary {
  /** Score gap under the current weights, leader minus follower (score points, 0–100 scale). */
  gapPoints: number;
  /** True when `a` leads (or ties). */
  aLeads: boolean;
  /**
   * Valid weights (each ≥ 0, sum 1) nearest to the current ones at which the two tie; beyond them the order flips.
   * null when no valid weights flip them (the leader is at least as good on every factor).
   */
  tieWeights: Weights | null;
  /** Change of each weight from the current one to the tie, in percentage points (sums to 0); null with tieWeights. */
  changePp: Record<FactorName, number> | null;
  /** Euclidean size of that change, in percentage points (null with tieWeights). */
  distancePp: number | null;
  /** False when the unconstrained nearest tie (core `orderFlip`) needs a negative weight, so the tie shown is on an edge of the weight triangle. */
  unconstrained: boolean;
}

/**
 * The smallest change of weights at which site `a` and site `b` swap places, or null when their normalised factor
 * profiles differ only by a constant (no weights change their order).
 * Method: the ties form the line {w : w·d = 0, Σw = 1} with d = normalized(a) − normalized(b). Core `orderFlip`
 * projects the current weights onto that line; when the projection has a negative weight, the nearest VALID tie is
 * the nearer end of the segment where the line crosses the weight triangle (distance along a line is convex), found
 * on the edges w_k = 0: w_i = d_j / (d_j − d_i). No crossing → the leader stays ahead under every weighting.
 */
export function flipSummary(a: ScoredSite, b: ScoredSite, weights: Weights): FlipSummary | null {
  const norm = (s: ScoredSite) => ({ transit: s.factors.transit.normalized, demand: s.factors.demand.normalized, competition: s.factors.competition.normalized });
  const na = norm(a), nb = norm(b);
  const f = orderFlip(na, nb, weights);
  if (!f) return null;
  const d = FACTOR_NAMES.map((k) => na[k] - nb[k]);
  const lead = f.scoreDifference >= 0 ? 1 : -1;
  // the leader is at least as good on every factor: ties at most, never a flip
  const dominates = d.every((x) => lead * x >= -1e-12);
  let tie: Weights | null = dominates ? null : f.feasible ? clampTiny(f.weights) : null;
  if (!tie && !dominates) {
    const ends: number[][] = [];
    for (let k = 0; k < 3; k++) {
      const [i, j] = [0, 1, 2].filter((x) => x !== k);
      if (Math.abs(d[j] - d[i]) < 1e-12) continue;
      const wi = d[j] / (d[j] - d[i]);
      if (wi < -1e-12 || wi > 1 + 1e-12) continue;
      const w = [0, 0, 0];
      w[i] = Math.min(1, Math.max(0, wi)); w[j] = 1 - w[i];
      ends.push(w);
    }
    const dist = (w: number[]) => Math.hypot(...FACTOR_NAMES.map((k, m) => w[m] - weights[k]));
    ends.sort((x, y) => dist(x) - dist(y));
    if (ends.length) tie = { transit: ends[0][0], demand: ends[0][1], competition: ends[0][2] };
  }
  const changePp = tie ? Object.fromEntries(FACTOR_NAMES.map((k) => [k, 100 * (tie![k] - weights[k])])) as Record<FactorName, number> : null;
  return {
    gapPoints: Math.abs(f.scoreDifference), aLeads: f.scoreDifference >= 0, tieWeights: tie, changePp,
    distancePp: tie ? 100 * Math.hypot(...FACTOR_NAMES.map((k) => tie![k] - weights[k])) : null, unconstrained: f.feasible,
  };
}

function clampTiny(w: Weights): Weights {
  const c = FACTOR_NAMES.map((k) => Math.max(0, w[k]));
  const s = c[0] + c[1] + c[2];
  return { transit: c[0] / s, demand: c[1] / s, competition: c[2] / s };
}

/**
 * Weights just past the tie: from `tie`, a step of `stepPp` percentage points in the direction that most helps the
 * follower (−d centred, d = normalized(leader) − normalized(follower)), kept inside the weight triangle (on an edge
 * the direction is projected onto it). Applying them makes the follower overtake the leader, so the analyst sees the flip.
 */
export function pastTieWeights(tie: Weights, leader: ScoredSite, follower: ScoredSite, stepPp = 1): Weights {
  const d = FACTOR_NAMES.map((k) => leader.factors[k].normalized - follower.factors[k].normalized);
  const mean = (d[0] + d[1] + d[2]) / 3;
  let dir = d.map((x) => mean - x);
  const w = FACTOR_NAMES.map((k) => tie[k]);
  for (let pass = 0; pass < 2; pass++) {
    const blocked = dir.map((x, m) => w[m] <= 1e-9 && x < 0);
    if (!blocked.some(Boolean)) break;
    const free = [0, 1, 2].filter((m) => !blocked[m]);
    dir = dir.map((x, m) => (blocked[m] ? 0 : x));
    const c = free.reduce((s2, m) => s2 + dir[m], 0) / Math.max(1, free.length);
    for (const m of free) dir[m] -= c;
  }
  const len = Math.hypot(...dir);
  if (len < 1e-12) return { ...tie };
  const raw = w.map((x, m) => Math.max(0, x + (stepPp / 100) * (dir[m] / len)));
  const s2 = raw.reduce((x, y) => x + y, 0);
  return { transit: raw[0] / s2, demand: raw[1] / s2, competition: raw[2] / s2 };
}
