import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * Standardised ridge regression in closed form (A. E. Hoerl & R. W. Kennard 1970, "Ridge regression: biased
 * estimation for nonorthogonal problems", Technometrics 12(1); the scaling follows J. Friedman, T. Hastie &
 * R. Tibshirani 2010, "Regularization paths for generalized linear models via coordinate descent", J. Stat. Softw. 33(1)).
 *
 * Each feature is centred and scaled by its training mean and (population) standard deviation, z = (x − μ)/σ; the
 * intercept is the training mean of y; the coefficients minimise (1/n)·‖y − ȳ − Zβ‖² + λ‖β‖², i.e.
 * β = (ZᵀZ/n + λI)⁻¹ Zᵀ(y − ȳ)/n, solved by Cholesky. A feature that is constant on the training rows (σ = 0) gets
 * β = 0. The design is a row-major n × p Float64Array so the same table serves every fold without copying.
 */

/** A design matrix: `n` rows × `p` columns, row-major. */
export interface Design {
  n: number;
  p: number;
  /** x[r·p + j] = feature j of row r. */
  x: Float64Array;
}

/** A fitted standardised ridge model. */
export interface RidgeFit {
  /** Training means μ_j and standard deviations σ_j of the features (σ_j = 0: the feature was constant). */
  means: Float64Array;
  sds: Float64Array;
  /** Standardised coefficients β_j (per training-SD change of feature j, in units of y). */
  coef: Float64Array;
  /** ȳ over the training rows. */
  intercept: number;
  lambda: number;
  /** Training rows used. */
  n: number;
}

/** The cross-products of a set of rows, from which the standardised normal equations follow for any λ. */
export interface RidgeMoments {
  n: number;
  means: Float64Array;
  sds: Float64Array;
  yMean: number;
  /** G = ZᵀZ/n (p × p, row-major) and c = Zᵀ(y − ȳ)/n. */
  gram: Float64Array;
  xy: Float64Array;
}

/**
 * Means, SDs and the standardised Gram matrix over `rows` (indices into `design`; all rows when omitted).
 * @throws when there are no rows or y has a non-finite value.
 */
export function ridgeMoments(design: Design, y: ArrayLike<number>, rows?: ArrayLike<number>): RidgeMoments {
  const { p, x } = design;
  const idx = rows ?? Int32Array.from({ length: design.n }, (_, r) => r);
  const n = idx.length;
  if (n === 0) throw new Error('ridgeMoments: no training rows');
  const means = new Float64Array(p);
  let yMean = 0;
  for (let k = 0; k < n; k++) {
    const r = idx[k], o = r * p;
    if (!Number.isFinite(y[r])) throw new Error(`ridgeMoments: y[${r}] is not finite`);
    yMean += y[r];
    for (let j = 0; j < p; j++) means[j] += x[o + j];
  }
  yMean /= n;
  for (let j = 0; j < p; j++) means[j] /= n;
  const cross = new Float64Array(p * p);
  const xy = new Float64Array(p);
  const d = new Float64Array(p);
  for (let k = 0; k < n; k++) {
    const r = idx[k], o = r * p;
    for (let j = 0; j < p; j++) d[j] = x[o + j] - means[j];
    const dy = y[r] - yMean;
    for (let j = 0; j < p; j++) {
      const dj = d[j];
      if (dj === 0) continue;
      xy[j] += dj * dy;
      const row = j * p;
      for (let l = j; l < p; l++) cross[row + l] += dj * d[l];
    }
  }
  const sds = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const v = cross[j * p + j] / n;
    sds[j] = v > 1e-24 ? Math.sqrt(v) : 0;
  }
  const gram = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let l = j; l < p; l++) {
      const g = sds[j] > 0 && sds[l] > 0 ? cross[j * p + l] / n / (sds[j] * sds[l]) : 0;
      gram[j * p + l] = g;
      gram[l * p + j] = g;
    }
    xy[j] = sds[j] > 0 ? xy[j] / n / sds[j] : 0;
  }
  return { n, means, sds, yMean, gram, xy };
}

/** Solve (G + λI)β = c for the moments' standardised system. @throws for λ ≤ 0. */
export function solveRidge(m: RidgeMoments, lambda: number): RidgeFit {
  if (!(lambda > 0)) throw new Error(`solveRidge: λ must be > 0, got ${lambda}`);
  const p = m.means.length;
  const a = new Matrix(p, p);
  for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) a.set(j, l, m.gram[j * p + l] + (j === l ? lambda : 0));
  const chol = new CholeskyDecomposition(a);
  if (!chol.isPositiveDefinite()) throw new Error('solveRidge: the regularised normal matrix is not positive definite');
  const beta = chol.solve(Matrix.columnVector(Array.from(m.xy)));
  const coef = new Float64Array(p);
  for (let j = 0; j < p; j++) coef[j] = m.sds[j] > 0 ? beta.get(j, 0) : 0;
  return { means: Float64Array.from(m.means), sds: Float64Array.from(m.sds), coef, intercept: m.yMean, lambda, n: m.n };
}

/** Fit a standardised ridge model on `rows` of `design` (all rows when omitted). */
export function fitRidge(design: Design, y: ArrayLike<number>, lambda: number, rows?: ArrayLike<number>): RidgeFit {
  return solveRidge(ridgeMoments(design, y, rows), lambda);
}

/** ŷ = ȳ + Σ_j β_j (x_j − μ_j)/σ_j for one feature vector (features with σ_j = 0 contribute nothing). */
export function predictRidge(fit: RidgeFit, features: ArrayLike<number>, offset = 0): number {
  let s = fit.intercept;
  for (let j = 0; j < fit.coef.length; j++) if (fit.sds[j] > 0) s += (fit.coef[j] * (features[offset + j] - fit.means[j])) / fit.sds[j];
  return s;
}

/** Each feature's term β_j (x_j − μ_j)/σ_j of {@link predictRidge} (their sum + intercept = the prediction). */
export function ridgeContributions(fit: RidgeFit, features: ArrayLike<number>): Float64Array {
  const out = new Float64Array(fit.coef.length);
  for (let j = 0; j < fit.coef.length; j++) out[j] = fit.sds[j] > 0 ? (fit.coef[j] * (features[j] - fit.means[j])) / fit.sds[j] : 0;
  return out;
}

/** Predict every row of `design` listed in `rows` into `out[row]`. */
export function predictRows(fit: RidgeFit, design: Design, rows: ArrayLike<number>, out: Float64Array): void {
  for (let k = 0; k < rows.length; k++) out[rows[k]] = predictRidge(fit, design.x, rows[k] * design.p);
}

/** The λ grid searched by inner cross-validation (standardised scale: λ = 1 halves a unit-variance signal). */
export const RIDGE_LAMBDAS: readonly number[] = Object.freeze([0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);

/**
 * Choose λ by inner cross-validation: for each inner fold, fit on the other inner folds and sum the squared
 * hold-out error of every λ; the λ with the smallest total wins (ties: the larger λ). `buildFold` returns each inner
 * fold's design, y, training and test rows (a caller-built design lets fold-dependent columns — the bank effect —
 * be recomputed from the inner training rows only).
 * @returns the chosen λ and the mean squared error of every λ.
 */
export function chooseLambda(folds: number, buildFold: (f: number) => { design: Design; y: ArrayLike<number>; train: ArrayLike<number>; test: ArrayLike<number> },
  lambdas: readonly number[] = RIDGE_LAMBDAS): { lambda: number; mse: number[] } {
  const sse = new Array<number>(lambdas.length).fill(0);
  let count = 0;
  for (let f = 0; f < folds; f++) {
    const { design, y, train, test } = buildFold(f);
    if (train.length === 0 || test.length === 0) continue;
    const m = ridgeMoments(design, y, train);
    lambdas.forEach((lambda, li) => {
      const fit = solveRidge(m, lambda);
      for (let k = 0; k < test.length; k++) {
        const e = y[test[k]] - predictRidge(fit, design.x, test[k] * design.p);
        sse[li] += e * e;
      }
    });
    count += test.length;
  }
  const mse = sse.map((s) => (count > 0 ? s / count : NaN));
  let best = lambdas.length - 1;
  for (let li = lambdas.length - 1; li >= 0; li--) if (mse[li] < mse[best] - 1e-15) best = li;
  return { lambda: lambdas[best], mse };
}
