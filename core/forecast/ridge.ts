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

/**
 * Raw (uncentred) sums over a set of rows — count, Σx, Σxxᵀ (full p × p), Σxy, Σy — which add and subtract across
 * disjoint row sets, so nested cross-validation can form each training set's moments from its parts.
 * Only columns `[from, to)` are summed (the static part of a design whose last columns change per fit).
 */
export interface RawSums {
  n: number;
  p: number;
  sx: Float64Array;
  sxx: Float64Array;
  sxy: Float64Array;
  sy: number;
  /** Σy² (hold-out errors from sums, {@link chooseLambda}). */
  syy: number;
}

/** {@link RawSums} of `rows` over columns `[0, to)` of `design` (other entries stay 0). */
export function rawSums(design: Design, y: ArrayLike<number>, rows: ArrayLike<number>, to = design.p): RawSums {
  const { p, x } = design;
  const out: RawSums = { n: rows.length, p, sx: new Float64Array(p), sxx: new Float64Array(p * p), sxy: new Float64Array(p), sy: 0, syy: 0 };
  const { sx, sxx, sxy } = out;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k], o = r * p, yr = y[r];
    out.sy += yr;
    out.syy += yr * yr;
    for (let j = 0; j < to; j++) {
      const xj = x[o + j];
      if (xj === 0) continue;
      sx[j] += xj;
      sxy[j] += xj * yr;
      const row = j * p;
      for (let l = j; l < to; l++) sxx[row + l] += xj * x[o + l];
    }
  }
  return out;
}

/**
 * {@link RawSums} of columns `[0, to)` per cell of a partition of a design's rows (e.g. a spatial block within one
 * borough and survey year), so the sums of any union of whole cells follow in O(cells · to²) instead of
 * O(rows · to²) — every training set of the validation protocol (spatial folds and their inner folds, a borough left
 * out, one survey year) is such a union.
 */
export interface CellSums {
  /** Cell of each design row (−1: in no cell). */
  cellOf: Int32Array;
  /** Rows per cell. */
  size: Int32Array;
  sums: RawSums[];
  /** Columns summed: `[0, to)`. */
  to: number;
}

/** Sum the rows of every cell (`cellOf[r]` in 0…cells−1, or −1 for none) over columns `[0, to)`. */
export function cellSums(design: Design, y: ArrayLike<number>, cellOf: Int32Array, cells: number, to = design.p): CellSums {
  const members: number[][] = Array.from({ length: cells }, () => []);
  for (let r = 0; r < cellOf.length; r++) if (cellOf[r] >= 0) members[cellOf[r]].push(r);
  return { cellOf, size: Int32Array.from(members, (m) => m.length), sums: members.map((rows) => rawSums(design, y, rows, to)), to };
}

/**
 * {@link RawSums} of `rows` over columns `[0, cells.to)`: the sum of their cells' sums when `rows` is a union of whole
 * cells (each row once), else summed over the rows ({@link rawSums}). Equal up to rounding either way.
 */
export function sumsOfRows(cells: CellSums, design: Design, y: ArrayLike<number>, rows: ArrayLike<number>): RawSums {
  const count = new Int32Array(cells.size.length);
  for (let k = 0; k < rows.length; k++) {
    const c = cells.cellOf[rows[k]];
    if (c < 0) return rawSums(design, y, rows, cells.to);
    count[c]++;
  }
  const p = design.p, to = cells.to;
  const out: RawSums = { n: 0, p, sx: new Float64Array(p), sxx: new Float64Array(p * p), sxy: new Float64Array(p), sy: 0, syy: 0 };
  const { sx, sxx, sxy } = out;
  for (let c = 0; c < count.length; c++) {
    if (count[c] === 0) continue;
    if (count[c] !== cells.size[c]) return rawSums(design, y, rows, to);
  }
  for (let c = 0; c < count.length; c++) {
    if (count[c] === 0) continue;
    const s = cells.sums[c];
    out.n += s.n; out.sy += s.sy; out.syy += s.syy;
    for (let j = 0; j < to; j++) {
      sx[j] += s.sx[j]; sxy[j] += s.sxy[j];
      const row = j * p;
      for (let l = j; l < to; l++) sxx[row + l] += s.sxx[row + l];
    }
  }
  return out;
}

/** a − b (same column layout), e.g. a training set = every row minus a held-out fold. */
export function subtractSums(a: RawSums, b: RawSums): RawSums {
  return addSums([a, b], [1, -1]);
}

/** Σ_k w_k · parts_k (weights default 1): e.g. a bootstrap resample = each block's sums × its multiplicity. */
export function addSums(parts: readonly RawSums[], weights?: ArrayLike<number>): RawSums {
  const p = parts[0].p;
  const out: RawSums = { n: 0, p, sx: new Float64Array(p), sxx: new Float64Array(p * p), sxy: new Float64Array(p), sy: 0, syy: 0 };
  const { sx, sxx, sxy } = out;
  for (let k = 0; k < parts.length; k++) {
    const w = weights ? weights[k] : 1;
    if (w === 0) continue;
    const s = parts[k];
    out.n += w * s.n; out.sy += w * s.sy; out.syy += w * s.syy;
    for (let j = 0; j < p; j++) { sx[j] += w * s.sx[j]; sxy[j] += w * s.sxy[j]; }
    const a = s.sxx;
    for (let j = 0; j < p * p; j++) sxx[j] += w * a[j];
  }
  return out;
}

/**
 * The raw sums of `rows` over every column, given those of their first `from` columns (`fixed`): the remaining columns
 * `[from, p)` — and their products with every column — are summed over the rows now (O(rows · (p − from) · p)).
 * @throws when `fixed` is over another number of rows.
 */
export function completeSums(design: Design, y: ArrayLike<number>, rows: ArrayLike<number>, fixed: RawSums, from: number): RawSums {
  const { p, x } = design;
  const n = rows.length;
  if (fixed.n !== n) throw new Error(`completeSums: sums over ${fixed.n} rows, ${n} rows given`);
  const sx = Float64Array.from(fixed.sx), sxx = Float64Array.from(fixed.sxx), sxy = Float64Array.from(fixed.sxy);
  for (let k = 0; k < n; k++) {
    const r = rows[k], o = r * p, yr = y[r];
    for (let j = from; j < p; j++) {
      const xj = x[o + j];
      if (xj === 0) continue;
      sx[j] += xj;
      sxy[j] += xj * yr;
      // upper triangle: static column l < from at (l, j); this and later summed columns at (j, l)
      for (let l = 0; l < from; l++) sxx[l * p + j] += xj * x[o + l];
      for (let l = j; l < p; l++) sxx[j * p + l] += xj * x[o + l];
    }
  }
  return { n, p, sx, sxx, sxy, sy: fixed.sy, syy: fixed.syy };
}

/**
 * The moments of `rows` given the raw sums of their first `from` columns (`fixed`), summing the remaining columns
 * `[from, p)` over the rows now ({@link completeSums}). Same result as {@link ridgeMoments} over those rows (up to rounding).
 */
export function momentsFromSums(design: Design, y: ArrayLike<number>, rows: ArrayLike<number>, fixed: RawSums, from: number): RidgeMoments {
  const n = rows.length;
  if (n === 0) throw new Error('momentsFromSums: no training rows');
  if (fixed.n !== n) throw new Error(`momentsFromSums: sums over ${fixed.n} rows, ${n} rows given`);
  const { p, sx, sxx, sxy } = completeSums(design, y, rows, fixed, from);
  const yMean = fixed.sy / n;
  const means = new Float64Array(p), sds = new Float64Array(p);
  for (let j = 0; j < p; j++) means[j] = sx[j] / n;
  for (let j = 0; j < p; j++) {
    const v = sxx[j * p + j] / n - means[j] * means[j];
    sds[j] = v > 1e-10 * Math.max(1, means[j] * means[j]) ? Math.sqrt(v) : 0;
  }
  const gram = new Float64Array(p * p), xy = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let l = j; l < p; l++) {
      const g = sds[j] > 0 && sds[l] > 0 ? (sxx[j * p + l] / n - means[j] * means[l]) / (sds[j] * sds[l]) : 0;
      gram[j * p + l] = g;
      gram[l * p + j] = g;
    }
    xy[j] = sds[j] > 0 ? (sxy[j] / n - means[j] * yMean) / sds[j] : 0;
  }
  return { n, means, sds, yMean, gram, xy };
}

/**
 * Solve (G + λI)β = c for the moments' standardised system by Cholesky (A = LLᵀ, then forward and back
 * substitution), on flat Float64Arrays: the same operations in the same order as ml-matrix's CholeskyDecomposition
 * (Cholesky–Banachiewicz), so the coefficients are bit-identical to it, without its per-element accessors.
 * @throws for λ ≤ 0, or when G + λI is not positive definite.
 */
export function solveRidge(m: RidgeMoments, lambda: number): RidgeFit {
  if (!(lambda > 0)) throw new Error(`solveRidge: λ must be > 0, got ${lambda}`);
  const p = m.means.length;
  const g = m.gram;
  const l = new Float64Array(p * p);
  let positiveDefinite = true;
  for (let j = 0; j < p; j++) {
    const lj = j * p;
    let d = 0;
    for (let k = 0; k < j; k++) {
      const lk = k * p;
      let s = 0;
      for (let i = 0; i < k; i++) s += l[lk + i] * l[lj + i];
      s = (g[lj + k] - s) / l[lk + k];
      l[lj + k] = s;
      d = d + s * s;
    }
    d = g[lj + j] + lambda - d;
    positiveDefinite &&= d > 0;
    l[lj + j] = Math.sqrt(Math.max(d, 0));
  }
  if (!positiveDefinite) throw new Error('solveRidge: the regularised normal matrix is not positive definite');
  const b = Float64Array.from(m.xy);
  for (let k = 0; k < p; k++) {
    const lk = k * p;
    let v = b[k];
    for (let i = 0; i < k; i++) v = v - b[i] * l[lk + i];
    b[k] = v / l[lk + k];
  }
  for (let k = p - 1; k >= 0; k--) {
    let v = b[k];
    for (let i = k + 1; i < p; i++) v = v - b[i] * l[i * p + k];
    b[k] = v / l[k * p + k];
  }
  const coef = new Float64Array(p);
  for (let j = 0; j < p; j++) coef[j] = m.sds[j] > 0 ? b[j] : 0;
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

/**
 * Add each λ's hold-out sum of squared errors over a set of test rows, from their raw sums (`test`, every column):
 * with a = y − ȳ and d = x − μ at the training moments `m`, and w_j = β_j/σ_j, SSE = Σa² − 2 w·Σad + wᵀ(Σddᵀ)w — the
 * same as forecasting each row (up to rounding), in O(p²) per λ instead of O(rows · p).
 */
export function holdoutSseFromSums(m: RidgeMoments, test: RawSums, lambdas: readonly number[], sse: number[]): void {
  const p = m.means.length, n = test.n, mu = m.means, yb = m.yMean;
  const used: number[] = [];
  for (let j = 0; j < p; j++) if (m.sds[j] > 0) used.push(j);
  const u = used.length;
  const aa = test.syy - 2 * yb * test.sy + n * yb * yb;
  const ad = new Float64Array(u), dd = new Float64Array(u * u);
  for (let a = 0; a < u; a++) {
    const j = used[a];
    ad[a] = test.sxy[j] - mu[j] * test.sy - yb * test.sx[j] + n * yb * mu[j];
    for (let b = a; b < u; b++) {
      const l = used[b];
      const v = test.sxx[j * p + l] - mu[j] * test.sx[l] - mu[l] * test.sx[j] + n * mu[j] * mu[l];
      dd[a * u + b] = v;
      dd[b * u + a] = v;
    }
  }
  const w = new Float64Array(u);
  lambdas.forEach((lambda, li) => {
    const coef = solveRidge(m, lambda).coef;
    for (let a = 0; a < u; a++) w[a] = coef[used[a]] / m.sds[used[a]];
    let lin = 0, quad = 0;
    for (let a = 0; a < u; a++) {
      lin += w[a] * ad[a];
      let row = 0;
      for (let b = 0; b < u; b++) row += dd[a * u + b] * w[b];
      quad += w[a] * row;
    }
    sse[li] += aa - 2 * lin + quad;
  });
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
export function chooseLambda(folds: number,
  buildFold: (f: number) => { design: Design; y: ArrayLike<number>; train: ArrayLike<number>; test: ArrayLike<number>; moments?: RidgeMoments;
    testSums?: RawSums },
  lambdas: readonly number[] = RIDGE_LAMBDAS): { lambda: number; mse: number[] } {
  const sse = new Array<number>(lambdas.length).fill(0);
  let count = 0;
  for (let f = 0; f < folds; f++) {
    const { design, y, train, test, moments, testSums } = buildFold(f);
    if (train.length === 0 || test.length === 0) continue;
    const m = moments ?? ridgeMoments(design, y, train);
    if (testSums) {
      if (testSums.n !== test.length) throw new Error(`chooseLambda: test sums over ${testSums.n} rows, ${test.length} rows given`);
      holdoutSseFromSums(m, testSums, lambdas, sse);
      count += test.length;
      continue;
    }
    // Every λ's hold-out error, row by row: each row's centred features are formed once for all λ, each λ's
    // coefficients divided by the SDs once (the forecast of predictRidge up to rounding).
    const p = design.p, x = design.x, mu = m.means, sd = m.sds;
    const used: number[] = [];
    for (let j = 0; j < p; j++) if (sd[j] > 0) used.push(j);
    const u = used.length;
    const w = new Float64Array(lambdas.length * u);
    lambdas.forEach((lambda, li) => {
      const coef = solveRidge(m, lambda).coef;
      for (let t = 0; t < u; t++) w[li * u + t] = coef[used[t]] / sd[used[t]];
    });
    const dx = new Float64Array(u);
    for (let k = 0; k < test.length; k++) {
      const o = test[k] * p;
      for (let t = 0; t < u; t++) dx[t] = x[o + used[t]] - mu[used[t]];
      const yk = y[test[k]] - m.yMean;
      for (let li = 0, wo = 0; li < lambdas.length; li++, wo += u) {
        let s = 0;
        for (let t = 0; t < u; t++) s += w[wo + t] * dx[t];
        const e = yk - s;
        sse[li] += e * e;
      }
    }
    count += test.length;
  }
  const mse = sse.map((s) => (count > 0 ? s / count : NaN));
  let best = lambdas.length - 1;
  for (let li = lambdas.length - 1; li >= 0; li--) if (mse[li] < mse[best] - 1e-15) best = li;
  return { lambda: lambdas[best], mse };
}
