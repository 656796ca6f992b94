import { gaussianKernel } from '../scoring/distanceDecay';
import { mulberry32 } from '../random';
import { LOCATION_FEATURES, NEIGHBOUR_BANDWIDTH_M } from './features';
import { forecastSite, type ForecastModel } from './model';
import type { BankEffectValue } from './bankEffect';
import { quantile } from './validation';

/**
 * Forecasts of a SET of new sites of one network, where each site's forecast reads the others: the deposit forecast's
 * own-network features (branches of the own institution within 250 m / 500 m / 1 km, and the Gaussian-weighted level
 * and weight of the own institution's branches within 1.5 km — core/forecast/features.ts) count the other chosen new
 * sites as own branches, exactly as an opened branch would count in the next survey. Used by the coverage optimiser's
 * objective "forecast deposits" (core/optimize/forecastDeposits.ts).
 *
 * Stated approximations (everything else is the single-site forecast of core/forecast/model.ts, unchanged):
 * - a chosen site enters the others' own-neighbour deposit level with ITS STAND-ALONE forecast (against today's
 *   network) as its ln deposits — not re-solved as a fixed point;
 * - the bank-agnostic Huff crowding term, the competitor counts and the network profile stay at today's network (a new
 *   own site is no competitor; its effect on the Huff term of the other chosen sites is left out);
 * - the wide-area own level and weight (`ownNeighbourLogDepositsWide`, `logOwnNeighbourWeightWide`: h = 5 km, to
 *   15 km) stay at today's network too — one new site is one of the many own branches they average;
 * - the absorbed closures and the young own branches within 1 km (`logAbsorbedClosures`, `logOwnYoungBranches1000m`)
 *   stay at today's network: two chosen sites near the same closed office are both credited with it, and a chosen
 *   site does not count as a young branch beside another (at the forecast's 10 years neither is young);
 * - deposits the new sites draw from the network's EXISTING branches are not subtracted (the objective is the new
 *   sites' own forecast deposits, as the issue states).
 */

/** The location features that depend on the own network, in LOCATION_FEATURES names. */
export const OWN_NETWORK_FEATURES = ['logOwnBranches250m', 'logOwnBranches500m', 'logOwnBranches1000m', 'ownNeighbourLogDeposits',
  'logOwnNeighbourWeight'] as const;

/** Beyond this distance two sites do not affect each other's forecast, metres (the own-neighbour query radius, 3h). */
export const SITE_INTERACTION_M = 3 * NEIGHBOUR_BANDWIDTH_M;

/** One own-network column of the model: its slope on the raw value (β/σ), mean, and the clamp range of candidates. */
interface OwnTerm { feature: (typeof OWN_NETWORK_FEATURES)[number]; slope: number; mean: number; lo: number; hi: number }

/** A candidate set ready for set forecasts. ln values are in the model's target unit (USD thousands for SOD sets). */
export interface SiteSetForecast {
  n: number;
  lng: Float64Array;
  lat: Float64Array;
  /** ln forecast of each candidate WITHOUT its own-network terms (they are added back by {@link siteLogForecast}). */
  baseLog: Float64Array;
  /** ln forecast of each candidate against today's network alone (the single-site forecast). */
  standaloneLog: Float64Array;
  /** Today's own-network state of each candidate: own branches within 250 / 500 / 1,000 m, Gaussian weight Σw and Σ w·ln D. */
  own250: Float64Array;
  own500: Float64Array;
  own1000: Float64Array;
  ownWeight: Float64Array;
  ownWeightedLog: Float64Array;
  /** The level the own-neighbour deposits shrink toward (ln, the year's median retail branch). */
  fallbackLog: number;
  terms: OwnTerm[];
  /** exp(ln) × scale = USD (SOD sets: 1,000). */
  scale: number;
  /** Prediction-interval residual quantiles of one site (ln) and their level. */
  residualQuantilesLog: { low: number; high: number; level: number };
  ageYears: number;
}

/**
 * Build a {@link SiteSetForecast} from each candidate's LOCATION_FEATURES row (computed against today's network with
 * the chosen network as own, `location[s·L + j]`), the model and the network's bank effect. Today's own-network
 * counts and weights are recovered exactly from the features (they enter as ln(1 + x); the level as
 * (Σ w·ln D + fallback)/(Σ w + 1)).
 * @throws when `location` does not hold n rows of LOCATION_FEATURES.
 */
export function siteSetForecast(model: ForecastModel, location: Float64Array, lng: ArrayLike<number>, lat: ArrayLike<number>,
  bank: BankEffectValue & { profile?: readonly number[] | null }, fallbackLog: number): SiteSetForecast {
  const n = lng.length, L = LOCATION_FEATURES.length;
  if (location.length !== n * L) throw new Error(`siteSetForecast: ${location.length} feature values for ${n} sites × ${L} features`);
  const at = (f: string) => LOCATION_FEATURES.indexOf(f as (typeof LOCATION_FEATURES)[number]);
  const terms: OwnTerm[] = [];
  for (const feature of OWN_NETWORK_FEATURES) {
    const col = model.features.indexOf(feature);
    if (col < 0 || !(model.sds[col] > 0)) continue;
    const range = model.featureRange?.[col] ?? [-Infinity, Infinity];
    terms.push({ feature, slope: model.coef[col] / model.sds[col], mean: model.means[col], lo: range[0], hi: range[1] });
  }
  const out: SiteSetForecast = {
    n, lng: Float64Array.from(lng), lat: Float64Array.from(lat), baseLog: new Float64Array(n), standaloneLog: new Float64Array(n),
    own250: new Float64Array(n), own500: new Float64Array(n), own1000: new Float64Array(n), ownWeight: new Float64Array(n),
    ownWeightedLog: new Float64Array(n), fallbackLog, terms, scale: model.targetScale, residualQuantilesLog: model.residualQuantilesLog,
    ageYears: model.matureAgeYears,
  };
  const [i250, i500, i1000, iLevel, iWeight] = OWN_NETWORK_FEATURES.map(at);
  for (let s = 0; s < n; s++) {
    const row = location.subarray(s * L, s * L + L);
    const f = forecastSite(model, row, bank);
    const lnToday = Math.log(f.depositsUsd / model.targetScale);
    out.standaloneLog[s] = lnToday;
    out.own250[s] = Math.round(Math.expm1(row[i250]));
    out.own500[s] = Math.round(Math.expm1(row[i500]));
    out.own1000[s] = Math.round(Math.expm1(row[i1000]));
    out.ownWeight[s] = Math.expm1(row[iWeight]);
    out.ownWeightedLog[s] = row[iLevel] * (out.ownWeight[s] + 1) - fallbackLog;
    out.baseLog[s] = lnToday - ownTermsLog(out, s, 0, 0, 0, 0, 0);
  }
  return out;
}

/** Σ of the own-network terms of site s with `extra` own branches added to today's state (counts, weight, Σ w·ln D). */
function ownTermsLog(set: SiteSetForecast, s: number, add250: number, add500: number, add1000: number, addW: number, addWLog: number): number {
  const w = set.ownWeight[s] + addW;
  const raw: Record<(typeof OWN_NETWORK_FEATURES)[number], number> = {
    logOwnBranches250m: Math.log1p(set.own250[s] + add250),
    logOwnBranches500m: Math.log1p(set.own500[s] + add500),
    logOwnBranches1000m: Math.log1p(set.own1000[s] + add1000),
    ownNeighbourLogDeposits: (set.ownWeightedLog[s] + addWLog + set.fallbackLog) / (w + 1),
    logOwnNeighbourWeight: Math.log1p(w),
  };
  let sum = 0;
  for (const t of set.terms) sum += t.slope * (Math.min(Math.max(raw[t.feature], t.lo), t.hi) - t.mean);
  return sum;
}

/**
 * ln forecast of site s when the sites `others` (positions in the set, s itself skipped) are opened too, each `distanceM`
 * away: each counts in the own-branch rings and, with its stand-alone forecast as its ln deposits and the Gaussian
 * weight of the features (h = 500 m, up to 1.5 km), in the own-neighbour level.
 */
export function siteLogForecast(set: SiteSetForecast, s: number, others: ArrayLike<number>, distanceM: ArrayLike<number>): number {
  let a250 = 0, a500 = 0, a1000 = 0, w = 0, wl = 0;
  for (let k = 0; k < others.length; k++) {
    const o = others[k];
    if (o === s) continue;
    const d = distanceM[k];
    if (d > SITE_INTERACTION_M) continue;
    const g = gaussianKernel(d, NEIGHBOUR_BANDWIDTH_M);
    w += g; wl += g * set.standaloneLog[o];
    if (d <= 1000) { a1000++; if (d <= 500) a500++; if (d <= 250) a250++; }
  }
  return set.baseLog[s] + ownTermsLog(set, s, a250, a500, a1000, w, wl);
}

/**
 * The total of a set's forecasts with an interval. Intervals do not add: the point total is the sum of the sites'
 * point forecasts; the interval comes from `draws` simulations in which every site independently gets a residual drawn
 * from `residualsLog` (hold-out residuals, actual − forecast, ln) — `independent`, too narrow when residuals are
 * spatially correlated — and, as the other extreme, the sum of each site's own interval ends (`comonotone`: all sites
 * off in the same direction at once). `level` is the central share (0.8 = 10th–90th percentile). A point forecast is
 * exp(mean ln), a median-type value: with right-skewed residuals the simulated mean (`independent.meanUsd`) is higher
 * than the point total (on the SOD set's hold-out residuals the mean of exp(residual) is ≈ 1.46), and neither interval
 * need contain the other.
 */
export function totalWithInterval(logForecasts: ArrayLike<number>, scale: number, residualsLog: ArrayLike<number>,
  perSite: { low: number; high: number; level: number }, draws = 2000, seed = 9): {
    totalUsd: number; level: number; independent: { lowUsd: number; highUsd: number; meanUsd: number } | null; comonotone: { lowUsd: number; highUsd: number };
  } {
  const n = logForecasts.length;
  let total = 0, lo = 0, hi = 0;
  for (let s = 0; s < n; s++) {
    total += Math.exp(logForecasts[s]) * scale;
    lo += Math.exp(logForecasts[s] + perSite.low) * scale;
    hi += Math.exp(logForecasts[s] + perSite.high) * scale;
  }
  const res = Array.from(residualsLog).filter(Number.isFinite);
  let independent: { lowUsd: number; highUsd: number; meanUsd: number } | null = null;
  if (res.length > 0 && n > 0) {
    const rng = mulberry32(seed);
    const sums = new Float64Array(draws);
    let mean = 0;
    for (let b = 0; b < draws; b++) {
      let sum = 0;
      for (let s = 0; s < n; s++) sum += Math.exp(logForecasts[s] + res[Math.floor(rng() * res.length)]) * scale;
      sums[b] = sum;
      mean += sum / draws;
    }
    sums.sort();
    independent = { lowUsd: quantile(sums, (1 - perSite.level) / 2), highUsd: quantile(sums, 1 - (1 - perSite.level) / 2), meanUsd: mean };
  }
  return { totalUsd: total, level: perSite.level, independent, comonotone: { lowUsd: lo, highUsd: hi } };
}
