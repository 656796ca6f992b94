/**
 * The bank effect of the deposit forecast (issue "Scores that predict real branches"): which institution runs a
 * branch explains about a third of the variance of log deposits, so each institution (FDIC CERT) gets its mean log
 * deposits, shrunk toward the overall mean by empirical Bayes (one-way random effects; C. Morris 1983, "Parametric
 * empirical Bayes inference", JASA 78(381)):
 *
 *   effect_c = (B_c · m_c + k · m) / (B_c + k),   k = σ²_within / τ²_between,
 *
 * m_c = the institution's mean log deposits over its training rows, B_c = its distinct training branches, m = the
 * mean over all training rows. It is LEARNED ON TRAINING ROWS ONLY: a held-out row's effect never sees its own
 * deposits, and a training row's effect leaves its own branch out (all its years), so the effect the fit learns on
 * matches what a new site gets. An institution with no training branch ("new to the area") gets its median branch
 * deposits elsewhere (outside the study area, same exclusion rule, same year; {@link ElsewhereMedians}), flagged so
 * the model learns the offset between the two; with no branch anywhere, the overall mean.
 */

/** Log of the median DEPSUMBR (USD thousands) of each institution's branches outside the study area, per year. */
export type ElsewhereMedians = ReadonlyMap<number, ReadonlyMap<number, { logMedianK: number; branches: number }>>;

/** What {@link fitBankEffects} learned from the training rows. */
export interface BankEffects {
  /** Mean log deposits over the training rows. */
  overallMean: number;
  /** Shrinkage strength k (branches' worth of prior weight). */
  shrinkK: number;
  /** Per institution: training rows, distinct branches, sum of log deposits, and the shrunk effect. */
  byCert: Map<number, { rows: number; branches: number; sumLog: number; effect: number }>;
  /** Per branch id: its rows and sum of log deposits (to leave a branch out of its own institution's effect). */
  byBranch: Map<number, { rows: number; sumLog: number }>;
}

/** The rows a bank effect is learned from: parallel columns indexed by row. */
export interface BankEffectRows {
  cert: ArrayLike<number>;
  branchId: ArrayLike<number>;
  /** ln(deposits in USD thousands). */
  logDeposits: ArrayLike<number>;
}

/**
 * Learn institution effects from `train` (row indices into `rows`).
 * k = σ²_w / τ², with σ²_w the pooled within-institution variance of log deposits and τ² the between-institution
 * variance of the institution means minus their sampling part (floored at 1 % of σ²_w, so k ≤ 100).
 */
export function fitBankEffects(rows: BankEffectRows, train: ArrayLike<number>): BankEffects {
  const byCert = new Map<number, { rows: number; branches: number; sumLog: number; sumSq: number; effect: number }>();
  const byBranch = new Map<number, { rows: number; sumLog: number }>();
  let total = 0;
  for (let k = 0; k < train.length; k++) {
    const r = train[k];
    const c = rows.cert[r], b = rows.branchId[r], y = rows.logDeposits[r];
    total += y;
    let e = byCert.get(c);
    if (!e) byCert.set(c, (e = { rows: 0, branches: 0, sumLog: 0, sumSq: 0, effect: 0 }));
    e.rows++; e.sumLog += y; e.sumSq += y * y;
    let br = byBranch.get(b);
    if (!br) { byBranch.set(b, (br = { rows: 0, sumLog: 0 })); e.branches++; }
    br.rows++; br.sumLog += y;
  }
  const overallMean = train.length > 0 ? total / train.length : 0;
  // σ²_w: pooled within-institution variance; τ²: variance of institution means minus σ²_w / mean rows per institution.
  let ssw = 0, dfw = 0;
  const means: number[] = [];
  let rowsSum = 0;
  for (const e of byCert.values()) {
    const m = e.sumLog / e.rows;
    ssw += e.sumSq - e.rows * m * m;
    dfw += e.rows - 1;
    means.push(m);
    rowsSum += e.rows;
  }
  const sigmaW2 = dfw > 0 ? Math.max(ssw / dfw, 1e-9) : 1;
  let tau2 = 0;
  if (means.length > 1) {
    const mm = means.reduce((s, v) => s + v, 0) / means.length;
    const varMeans = means.reduce((s, v) => s + (v - mm) ** 2, 0) / (means.length - 1);
    tau2 = varMeans - sigmaW2 / (rowsSum / means.length);
  }
  tau2 = Math.max(tau2, sigmaW2 / 100);
  const shrinkK = sigmaW2 / tau2;
  const out: BankEffects = { overallMean, shrinkK, byCert: new Map(), byBranch };
  for (const [c, e] of byCert) {
    out.byCert.set(c, { rows: e.rows, branches: e.branches, sumLog: e.sumLog, effect: shrink(e.sumLog / e.rows, e.branches, overallMean, shrinkK) });
  }
  return out;
}

function shrink(mean: number, branches: number, overall: number, k: number): number {
  return (branches * mean + k * overall) / (branches + k);
}

/** A bank effect and whether it came from outside the study area (or the overall mean). */
export interface BankEffectValue {
  /** ln(USD thousands). */
  effect: number;
  /** 1 when the institution had no training branch here (elsewhere median or overall mean used). */
  newToArea: 0 | 1;
  source: 'area' | 'elsewhere' | 'overall';
}

/**
 * The bank effect of institution `cert` for a row of `year`. `leaveOutBranch`: a training row's own branch id,
 * removed from its institution's mean (and branch count) first; pass −1 for a held-out row or a candidate site.
 */
export function bankEffectFor(fx: BankEffects, cert: number, year: number, elsewhere: ElsewhereMedians | undefined,
  leaveOutBranch = -1): BankEffectValue {
  const e = fx.byCert.get(cert);
  if (e) {
    let rows = e.rows, sumLog = e.sumLog, branches = e.branches;
    if (leaveOutBranch >= 0) {
      const b = fx.byBranch.get(leaveOutBranch);
      if (b) { rows -= b.rows; sumLog -= b.sumLog; branches -= 1; }
    }
    if (rows > 0 && branches > 0) return { effect: shrink(sumLog / rows, branches, fx.overallMean, fx.shrinkK), newToArea: 0, source: 'area' };
  }
  const away = elsewhere?.get(year)?.get(cert);
  if (away) return { effect: away.logMedianK, newToArea: 1, source: 'elsewhere' };
  return { effect: fx.overallMean, newToArea: 1, source: 'overall' };
}
