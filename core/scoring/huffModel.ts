import { collectWithin, createNeighbourBuffer, type NeighbourBuffer, type NeighbourList } from '../geo/pointIndex';
import { haversineM } from '../geo/haversine';
import type { ScoringParams } from './params';
import type { DemandPoints, OutletPoints } from './types';

/**
 * The Huff model (D. L. Huff 1963, "A probabilistic analysis of shopping center trade areas", Land Economics 39(1);
 * MCI form, Nakanishi & Cooper 1974, JMR 11(3)) as SITE-MODEL.md factor 3 defines it:
 * `dist(a,b) = max(d_ab, dMinM)`, `p_ij = A_j dist(i,j)^−β / (A_j dist(i,j)^−β + Σ_{k∈K_i} A_k dist(i,k)^−β)`,
 * K_i = existing outlets (own and competitors) within Dmax of demand point i.
 */

/** Huff-model parameters (SITE-MODEL.md §Competition): β, the distance floor dMin and the cut-off Dmax. */
export interface HuffParams {
  /** Distance-decay exponent β (default 2). */
  beta: number;
  /** Distance floor in metres (default 100): `dist = max(d, dMinM)`. */
  dMinM: number;
  /** Cut-off in metres (default 3,000): outlets farther than this from a demand point are not in its choice set. */
  dMaxM: number;
}

/** β = 2, dMin = 100 m, Dmax = 3 km (SITE-MODEL.md). */
export const DEFAULT_HUFF: HuffParams = { beta: 2, dMinM: 100, dMaxM: 3000 };

/**
 * Huff utility `A · max(d, dMin)^−β` of one outlet seen from one demand point (distances in metres). β = 2 is computed
 * as 1 / dist² (the default, and the hot path of grid scoring).
 */
export function huffUtility(attractiveness: number, distanceM: number, dMinM: number, beta: number): number {
  const dd = Math.max(distanceM, dMinM);
  return attractiveness * (beta === 2 ? 1 / (dd * dd) : Math.pow(dd, -beta));
}

/**
 * The Huff sum of one demand point i — the denominator of every Huff probability: `Σ_{k∈K_i} A_k · dist(i,k)^−β` over
 * the outlets of `near` (a radius query around i; only d ≤ dMaxM count) that `inChoiceSet` accepts (default all).
 * `own` (optional, 1 = own network) also sums the own network's part. Returns `{ all, own }` (1/m^β units).
 */
export function huffUtilitySum(near: NeighbourList, attractiveness: ArrayLike<number> | undefined, p: HuffParams,
  inChoiceSet?: (k: number) => boolean, own?: ArrayLike<number>): { all: number; own: number } {
  let all = 0, ownSum = 0;
  for (let n = 0; n < near.count; n++) {
    const d = near.distanceM[n];
    if (d > p.dMaxM) continue;
    const k = near.i[n];
    if (inChoiceSet && !inChoiceSet(k)) continue;
    const u = huffUtility(attractiveness ? attractiveness[k] : 1, d, p.dMinM, p.beta);
    all += u;
    if (own && own[k] === 1) ownSum += u;
  }
  return { all, own: ownSum };
}

/**
 * Per-demand-point sums over the existing outlets, computed lazily and kept for one parameter set:
 * `sumAll[i] = Σ_{k∈K_i} A_k dist(i,k)^−β` and `sumOwn[i]` (the own-network part). NaN = not computed yet.
 */
export interface HuffContext extends HuffParams {
  demand: DemandPoints;
  outlets: OutletPoints;
  sumAll: Float64Array;
  sumOwn: Float64Array;
  /** A scratch buffer for the outlets' radius queries. */
  scratch: NeighbourBuffer;
  /** Whether outlet k is in any choice set (own or competitor). */
  inChoiceSet: (k: number) => boolean;
}

/** A Huff context over these demand points and outlets (nothing computed until a site asks). */
export function createHuffContext(demand: DemandPoints, outlets: OutletPoints,
  p: Pick<ScoringParams, 'huffDMinM' | 'huffBeta' | 'huffDMaxM'>): HuffContext {
  const n = demand.index.size;
  return {
    demand, outlets, dMinM: p.huffDMinM, beta: p.huffBeta, dMaxM: p.huffDMaxM,
    sumAll: new Float64Array(n).fill(NaN), sumOwn: new Float64Array(n).fill(NaN), scratch: createNeighbourBuffer(),
    inChoiceSet: (k) => outlets.own[k] === 1 || outlets.competitor[k] === 1,
  };
}

/** Fill sumAll[i] / sumOwn[i] for demand point i (exact radius query on the outlets, Dmax). */
export function ensureDemandSums(ctx: HuffContext, i: number): void {
  if (!Number.isNaN(ctx.sumAll[i])) return;
  const { outlets, scratch } = ctx;
  collectWithin(outlets.index, ctx.demand.index.lng[i], ctx.demand.index.lat[i], ctx.dMaxM, scratch);
  const s = huffUtilitySum(scratch, outlets.attractiveness, ctx, ctx.inChoiceSet, outlets.own);
  ctx.sumAll[i] = s.all;
  ctx.sumOwn[i] = s.own;
}

/** Huff stats of one candidate (names are the API contract of issue 2). */
export interface HuffStats {
  /** E_j = Σ_i P_i · p_ij: residents expected to choose the site (people). */
  expectedCustomers: number;
  /** E_j / Σ_i P_i over the same demand points (0 when no residents within Dmax). */
  huffShare: number;
  /** Σ_i P_i · (O_i^before − O_i^after): residents moved from the own network's outlets (people). */
  cannibalizedFromOwn: number;
  /** E_j − cannibalizedFromOwn (people); the competition factor's raw value. */
  netNewDemand: number;
}

/**
 * Huff share, expected customers and cannibalisation of a candidate with attractiveness `candidateA`.
 * @param near demand points within at least Dmax of the candidate (only d ≤ Dmax count), metres.
 * @param excludeOutlet index of an existing outlet to leave out of every K_i (−1: none) — an existing branch seen
 *   as a candidate at its own place, e.g. a row of the deposit forecast's training table (core/forecast/features.ts).
 */
export function huffForCandidate(ctx: HuffContext, near: NeighbourList, candidateA = 1, excludeOutlet = -1): HuffStats {
  let expected = 0, population = 0, cannibalized = 0;
  const o = ctx.outlets;
  const exLng = excludeOutlet >= 0 ? o.index.lng[excludeOutlet] : 0, exLat = excludeOutlet >= 0 ? o.index.lat[excludeOutlet] : 0;
  const exOwn = excludeOutlet >= 0 && o.own[excludeOutlet] === 1;
  const exCounted = excludeOutlet >= 0 && (exOwn || o.competitor[excludeOutlet] === 1);
  for (let n = 0; n < near.count; n++) {
    const d = near.distanceM[n];
    if (d > ctx.dMaxM) continue;
    const i = near.i[n];
    const pop = ctx.demand.population[i];
    if (pop === 0) continue;
    ensureDemandSums(ctx, i);
    const a = huffUtility(candidateA, d, ctx.dMinM, ctx.beta);
    let all = ctx.sumAll[i];
    let own = ctx.sumOwn[i];
    if (exCounted) {
      const dk = haversineM(ctx.demand.index.lng[i], ctx.demand.index.lat[i], exLng, exLat);
      if (dk <= ctx.dMaxM) {
        const u = huffUtility(o.attractiveness[excludeOutlet], dk, ctx.dMinM, ctx.beta);
        all = Math.max(all - u, 0);
        if (exOwn) own = Math.max(own - u, 0);
      }
    }
    const pij = a / (a + all);
    expected += pop * pij;
    population += pop;
    if (own > 0) cannibalized += pop * (own / all - own / (all + a));
  }
  return {
    expectedCustomers: expected,
    huffShare: population > 0 ? expected / population : 0,
    cannibalizedFromOwn: cannibalized,
    netNewDemand: expected - cannibalized,
  };
}

/**
 * Huff attractiveness for the "deposits" option: `A_k = min(deposits_k / median deposits of full-service branches, 10)`
 * (SITE-MODEL.md; the cap tames head-office-booked outliers). Full service = BRSERTYP 11 or 12.
 * @param depositsK DEPSUMBR per outlet, USD thousands; @param serviceType BRSERTYP per outlet.
 * @returns A_k per outlet and the median used. @throws when no full-service branch has positive deposits.
 */
export function depositAttractiveness(depositsK: ArrayLike<number>, serviceType: ArrayLike<number>, cap = 10): { attractiveness: Float64Array; medianDepositsK: number } {
  const full: number[] = [];
  for (let k = 0; k < depositsK.length; k++) if (serviceType[k] === 11 || serviceType[k] === 12) full.push(depositsK[k]);
  const medianDepositsK = median(full);
  if (!(medianDepositsK > 0)) throw new Error('depositAttractiveness: no full-service branch (BRSERTYP 11/12) with positive deposits');
  const attractiveness = new Float64Array(depositsK.length);
  for (let k = 0; k < depositsK.length; k++) attractiveness[k] = Math.min(Math.max(depositsK[k], 0) / medianDepositsK, cap);
  return { attractiveness, medianDepositsK };
}

/** Median of a list (mean of the two middle values for an even count); NaN for an empty list. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Huff-expected residents of an EXISTING outlet k (used to validate the model against branch deposits, SITE-MODEL.md
 * "Validating the model on real outcomes"): `E_k = Σ_{i: d_ik ≤ Dmax} P_i · A_k dist(i,k)^−β / Σ_{k'∈K_i} A_k' dist(i,k')^−β`,
 * where K_i already contains k. @param near demand points within at least Dmax of outlet k (metres).
 * @returns people; 0 when k is neither own nor competitor (not in any K_i).
 */
export function huffExpectedForOutlet(ctx: HuffContext, near: NeighbourList, k: number): number {
  const o = ctx.outlets;
  if (!ctx.inChoiceSet(k)) return 0;
  let expected = 0;
  for (let n = 0; n < near.count; n++) {
    const d = near.distanceM[n];
    if (d > ctx.dMaxM) continue;
    const i = near.i[n];
    const pop = ctx.demand.population[i];
    if (pop === 0) continue;
    ensureDemandSums(ctx, i);
    expected += (pop * huffUtility(o.attractiveness[k], d, ctx.dMinM, ctx.beta)) / ctx.sumAll[i];
  }
  return expected;
}
