import { haversineM } from '../geo/haversine';
import { createPointIndex, forEachWithin, type PointIndex } from '../geo/pointIndex';
import { SITE_INTERACTION_M, siteLogForecast, type SiteSetForecast } from '../forecast/siteSet';

/**
 * Site selection with the objective "forecast deposits": choose p new sites of one network maximising
 * F(S) = Σ_{s∈S} D_s(S), the sum of the chosen sites' 10-year deposit forecasts, where D_s(S) is site s's forecast
 * against today's network PLUS the other chosen sites (exact re-forecast of the own-network features at every step —
 * core/forecast/siteSet.ts states what is re-forecast and what is held at today's network).
 *
 * F is not submodular (a nearby own branch can raise or lower a forecast, by the sign of the fitted coefficients), so
 * the greedy evaluates every candidate's true marginal gain F(S ∪ {c}) − F(S) at every step (no lazy evaluation),
 * then a best-improvement 1-swap search (Teitz & Bart 1968) improves it. Sites more than
 * {@link SITE_INTERACTION_M} apart do not interact, so each evaluation only visits a candidate's neighbours.
 * No exact solver: the objective is not linear in the choices. Pure.
 *
 * With the SOD parameter set the own-network coefficients are small (own branches within 250 m–1 km ≈ 0, the
 * own-neighbour deposit level positive), so the forecasts barely fall when chosen sites crowd each other and the best
 * set tends to cluster where single-site forecasts are highest; `minSpacingM` keeps chosen sites apart when wanted.
 */

/** Candidate neighbours within the interaction radius, CSR: neighbours of j are `idx[start[j] .. start[j+1])` with distances. */
interface Neighbours { start: Int32Array; idx: Int32Array; distanceM: Float64Array }

function neighbours(set: SiteSetForecast, index: PointIndex): Neighbours {
  const lists: { i: number[]; d: number[] }[] = [];
  let nnz = 0;
  for (let j = 0; j < set.n; j++) {
    const l = { i: [] as number[], d: [] as number[] };
    forEachWithin(index, set.lng[j], set.lat[j], SITE_INTERACTION_M, (i, d) => { if (i !== j) { l.i.push(i); l.d.push(d); } });
    lists.push(l);
    nnz += l.i.length;
  }
  const start = new Int32Array(set.n + 1), idx = new Int32Array(nnz), distanceM = new Float64Array(nnz);
  let k = 0;
  lists.forEach((l, j) => { l.i.forEach((i, t) => { idx[k] = i; distanceM[k++] = l.d[t]; }); start[j + 1] = k; });
  return { start, idx, distanceM };
}

/** A chosen set: positions (best marginal first for greedy), each site's ln forecast against the whole set, and F(S) in USD. */
export interface ForecastDepositsSolution {
  selected: number[];
  /** ln forecast (model unit) of each selected site, against today's network + the other selected sites. */
  logForecast: number[];
  /** Σ forecasts, USD. */
  valueUsd: number;
}

/** The evaluator: selection flags plus each selected site's current ln forecast. */
class SetState {
  readonly isSel: Uint8Array;
  readonly logD: Float64Array;
  private readonly others: number[] = [];
  private readonly dist: number[] = [];
  constructor(readonly set: SiteSetForecast, readonly nb: Neighbours) {
    this.isSel = new Uint8Array(set.n);
    this.logD = new Float64Array(set.n);
  }
  /** ln D_s with the currently selected sites (s itself excluded), plus `plus` (−1: none) and minus `minus` (−1: none). */
  evalLog(s: number, plus = -1, minus = -1): number {
    const { start, idx, distanceM } = this.nb;
    this.others.length = 0; this.dist.length = 0;
    for (let t = start[s]; t < start[s + 1]; t++) {
      const o = idx[t];
      if ((this.isSel[o] && o !== minus) || o === plus) { this.others.push(o); this.dist.push(distanceM[t]); }
    }
    return siteLogForecast(this.set, s, this.others, this.dist);
  }
  usd(log: number) { return Math.exp(log) * this.set.scale; }
  /** F(S ∪ {c}) − F(S) − (removing `out`, when ≥ 0): the change of the set's total, USD. */
  delta(c: number, out = -1): number {
    const { start, idx } = this.nb;
    let d = this.usd(this.evalLog(c, -1, out));
    if (out >= 0) {
      d -= this.usd(this.logD[out]);
      for (let t = start[out]; t < start[out + 1]; t++) {
        const o = idx[t];
        if (this.isSel[o] && o !== out) d += this.usd(this.evalLog(o, c, out)) - this.usd(this.logD[o]);
      }
    }
    for (let t = start[c]; t < start[c + 1]; t++) {
      const o = idx[t];
      // selected neighbours of c not already re-forecast above (those also neighbouring `out`)
      if (!this.isSel[o] || o === out || (out >= 0 && this.near(o, out))) continue;
      d += this.usd(this.evalLog(o, c, out)) - this.usd(this.logD[o]);
    }
    return d;
  }
  private near(a: number, b: number): boolean {
    const { start, idx } = this.nb;
    for (let t = start[a]; t < start[a + 1]; t++) if (idx[t] === b) return true;
    return false;
  }
  /** Flip site j in or out and refresh the ln forecasts of it and its selected neighbours. */
  set1(j: number, on: boolean) {
    this.isSel[j] = on ? 1 : 0;
    const { start, idx } = this.nb;
    this.logD[j] = on ? this.evalLog(j) : 0;
    for (let t = start[j]; t < start[j + 1]; t++) if (this.isSel[idx[t]]) this.logD[idx[t]] = this.evalLog(idx[t]);
  }
  total(selected: readonly number[]): number {
    let v = 0;
    for (const s of selected) v += this.usd(this.logD[s]);
    return v;
  }
}

/**
 * Greedy then 1-swap for the objective "forecast deposits" (see the module note). Ties go to the lower position.
 * `shouldStop()` is polled once per greedy pick and per swap pass; `onPick(k)` reports progress. Candidates whose
 * marginal gain is not positive are never taken (every forecast is positive, so p sites are always chosen when
 * p ≤ n, unless `minSpacingM` — no two chosen sites closer than this, metres — leaves too few eligible). `maxPasses`
 * bounds the swap search (0: greedy only).
 * @throws when p exceeds the candidates.
 */
export function optimizeForecastDeposits(set: SiteSetForecast, p: number, opts: { maxPasses?: number; shouldStop?: () => boolean;
  onPick?: (picked: number) => void; minSpacingM?: number } = {}): ForecastDepositsSolution & { greedyValueUsd: number; swaps: number } {
  if (p > set.n) throw new Error(`optimizeForecastDeposits: p = ${p} exceeds the ${set.n} candidates`);
  const index = createPointIndex(set.lng, set.lat);
  const nb = neighbours(set, index);
  const st = new SetState(set, nb);
  // blocked[c] = chosen sites closer than minSpacingM to c (c may not be chosen while > 0)
  const spacing = opts.minSpacingM ?? 0;
  const blocked = new Int32Array(set.n);
  const flip = (j: number, on: boolean) => {
    st.set1(j, on);
    if (spacing > 0) forEachWithin(index, set.lng[j], set.lat[j], spacing, (u, d) => { if (u !== j && d < spacing) blocked[u] += on ? 1 : -1; });
  };
  const eligible = (c: number, out = -1) => blocked[c] === 0
    || (out >= 0 && blocked[c] === 1 && haversineM(set.lng[c], set.lat[c], set.lng[out], set.lat[out]) < spacing);
  const selected: number[] = [];
  while (selected.length < p) {
    if (opts.shouldStop?.()) break;
    let best = -1, bestGain = 0;
    for (let c = 0; c < set.n; c++) {
      if (st.isSel[c] || !eligible(c)) continue;
      const g = st.delta(c);
      if (best < 0 || g > bestGain) { best = c; bestGain = g; }
    }
    if (best < 0 || !(bestGain > 0)) break;
    flip(best, true);
    selected.push(best);
    opts.onPick?.(selected.length);
  }
  const greedyValueUsd = st.total(selected);
  let swaps = 0;
  for (let pass = 0; pass < (opts.maxPasses ?? 50); pass++) {
    if (opts.shouldStop?.()) break;
    let bestD = 1e-6 * Math.max(1, st.total(selected)), bestC = -1, bestS = -1;
    for (const s of selected) {
      for (let c = 0; c < set.n; c++) {
        if (st.isSel[c] || !eligible(c, s)) continue;
        const d = st.delta(c, s);
        if (d > bestD) { bestD = d; bestC = c; bestS = s; }
      }
    }
    if (bestC < 0) break;
    flip(bestS, false);
    flip(bestC, true);
    selected[selected.indexOf(bestS)] = bestC;
    swaps++;
  }
  return { selected, logForecast: selected.map((s) => st.logD[s]), valueUsd: st.total(selected), greedyValueUsd, swaps };
}

/**
 * F(S) of a given set: each site's ln forecast against today's network + the others. For checks and for reporting a
 * set chosen another way (e.g. by coverage).
 */
export function evaluateForecastDeposits(set: SiteSetForecast, selected: readonly number[]): ForecastDepositsSolution {
  const st = new SetState(set, neighbours(set, createPointIndex(set.lng, set.lat)));
  for (const s of selected) st.isSel[s] = 1;
  for (const s of selected) st.logD[s] = st.evalLog(s);
  return { selected: [...selected], logForecast: selected.map((s) => st.logD[s]), valueUsd: st.total(selected) };
}
