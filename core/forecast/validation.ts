import { mulberry32 } from '../random';
import { averageRanks, sortOrder, spearmanRho, weightedSpearmanRho } from '../scoring/rankCorrelation';
import type { ElsewhereMedians } from './bankEffect';
import { buildStaticDesign, FULL_MODEL, planBankEffects, staticColumns, usesBankEffect, VARIANTS, writeBankColumns, type Variant } from './design';
import { FORECAST_PROTOCOL } from './protocol';
import { addSums, cellSums, chooseLambda, completeSums, momentsFromSums, predictRows, rawSums, solveRidge, subtractSums, sumsOfRows, type CellSums, type Design } from './ridge';
import { surveyDay, type TrainingTable } from './trainingTable';

/**
 * The validation protocol of the deposit forecast (issue "Scores that predict real branches"), reported as one table.
 * Never random K-fold: neighbouring branches share demand, so a random split leaks location.
 *
 * - **Spatial blocks** ({@link assignFolds}): a 2 km grid; all years of one branch share its block; each seed shuffles
 *   the blocks into 5 folds. `spearmanHoldout` = Spearman ρ between the out-of-fold forecasts of the test-year (2023)
 *   rows and their actual deposits, averaged over the seeds. Training always uses every year's rows of the other folds.
 * - **Within bank**: the mean over institutions with ≥ 20 test-year branches of their own ρ (the ranking a bank needs).
 * - **Leave one borough out**: each borough forecast from a model fitted on the other four; ρ pooled over the city.
 * - **Temporal**: fitted on 2018 rows only (coefficients and bank effects, banks new to the area at their 2018 median
 *   elsewhere); tested on 2023 branches established after 30 June 2018, with features against the 2023 branch set.
 * - **Closures**: 2018 rows whose branch is gone from the 2023 survey, scored by their out-of-fold forecast (lower =
 *   likelier to close); the area under the ROC curve.
 * - **95 % intervals**: block bootstrap (blocks of test rows resampled with replacement; each replicate uses one seed's
 *   forecasts, cycling through the seeds, so the interval covers seed-to-seed variation too).
 * Every fit chooses λ by an inner spatial-block CV on its own training rows, and learns the bank effect from its own
 * training rows only (core/forecast/bankEffect.ts).
 */

/** A metric with its 95 % bootstrap interval. */
export interface MetricWithCi {
  value: number;
  ci95: [number, number];
}

/** One row of the validation table. */
export interface VariantValidation {
  id: string;
  label: string;
  features: string[];
  spearmanHoldout: MetricWithCi & { perSeed: number[] };
  withinBankSpearman: MetricWithCi & { banks: { cert: number; name: string; branches: number; rho: number }[] };
  leaveOneBoroughOut: MetricWithCi & { byGroup: Record<string, { n: number; rho: number }> };
  temporalSpearman: MetricWithCi & { n: number };
  closureAuc: { value: number; closed: number; n: number };
  /** The λ chosen most often by the inner CV of the spatial folds. */
  lambda: number;
}

/** The out-of-fold forecasts of the full model for the test-year rows (for plots and intervals). */
export interface HoldoutPoints {
  /** Row indices into the table (test-year rows). */
  rows: number[];
  /** ln(USD thousands), averaged over the seeds. */
  predictedLog: number[];
  actualLog: number[];
}

export interface ValidationOptions {
  elsewhere?: ElsewhereMedians;
  /** Awaited after every fit, so a server can keep answering while it calibrates (e.g. a setImmediate tick). */
  pause?: () => Promise<void>;
  variants?: readonly Variant[];
  seeds?: readonly number[];
  folds?: number;
  innerFolds?: number;
  bootstrapReplicates?: number;
  testYear?: number;
  temporalTrainYear?: number;
  withinBankMinBranches?: number;
}

export interface ValidationResult {
  variants: VariantValidation[];
  holdout: HoldoutPoints;
  /** Pooled out-of-fold residuals (actual − forecast, ln) of the full model's test-year rows, every seed. */
  residualsLog: Float64Array;
}

/**
 * Assign `rows` (indices) to `folds` folds by block: the distinct blocks of those rows, sorted, shuffled with
 * mulberry32(seed), dealt round-robin. @returns fold per table row (−1 for rows not listed).
 */
export function assignFolds(block: ArrayLike<number>, rows: ArrayLike<number>, folds: number, seed: number): Int8Array {
  const out = new Int8Array(block.length).fill(-1);
  const blocks = [...new Set(Array.from(rows, (r) => block[r]))].sort((a, b) => a - b);
  const rng = mulberry32(seed);
  for (let i = blocks.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [blocks[i], blocks[j]] = [blocks[j], blocks[i]];
  }
  const foldOf = new Map(blocks.map((b, i) => [b, i % folds]));
  for (let k = 0; k < rows.length; k++) out[rows[k]] = foldOf.get(block[rows[k]])!;
  return out;
}

/** Options of one fit: elsewhere medians, which year's a row uses, inner folds, the shuffle seed, a reusable design. */
export interface FitOptions {
  elsewhere?: ElsewhereMedians;
  elsewhereYear?: (row: number) => number;
  innerFolds: number;
  seed: number;
  /** The variant's static design ({@link buildStaticDesign}); built when omitted. Its bank columns are rewritten. */
  design?: Design;
  /** That design's static columns summed per cell ({@link protocolCells}), to form each inner fold's sums from them. */
  cells?: CellSums;
}

/**
 * The cells the protocol's training sets are unions of — one per (2 km block, borough) — and each row's cell. Spatial
 * folds and their inner folds are unions of blocks, a borough left out a union of (block, borough) pairs; the temporal
 * training set (one survey year's rows) is not, and is summed row by row ({@link sumsOfRows} falls back).
 */
export function protocolCells(table: TrainingTable): { cellOf: Int32Array; cells: number } {
  const id = new Map<string, number>();
  const cellOf = new Int32Array(table.n);
  for (let r = 0; r < table.n; r++) {
    const key = `${table.block[r]}|${table.group[r]}`;
    let c = id.get(key);
    if (c === undefined) id.set(key, (c = id.size));
    cellOf[r] = c;
  }
  return { cellOf, cells: id.size };
}

/**
 * Fit `variant` on `train`: λ by inner block CV on those rows, the bank effect learned from those rows, then the ridge
 * fit. The fold-independent columns' cross-products are summed once per inner fold and combined (a training set = the
 * other inner folds), so the nested CV costs about one pass over the rows. On return the design's bank columns hold
 * the final plan's values for `train` and `alsoRows`.
 */
export function fitVariant(table: TrainingTable, variant: Variant, train: number[], opts: FitOptions, alsoRows: readonly number[] = []) {
  const bank = usesBankEffect(variant);
  const design = opts.design ?? buildStaticDesign(table, variant);
  const ps = staticColumns(variant);
  const y = table.logDeposits;
  const inner = assignFolds(table.block, train, opts.innerFolds, opts.seed * 7919 + 17);
  const innerTest = Array.from({ length: opts.innerFolds }, (_, f) => train.filter((r) => inner[r] === f));
  const innerSums = innerTest.map((rows) => (opts.cells ? sumsOfRows(opts.cells, design, y, rows) : rawSums(design, y, rows, ps)));
  const trainSums = addSums(innerSums);
  const { lambda } = chooseLambda(opts.innerFolds, (f) => {
    const tr = train.filter((r) => inner[r] !== f);
    if (bank) writeBankColumns(design, table, variant, planBankEffects(table, tr, opts.elsewhere, opts.elsewhereYear), train);
    const moments = tr.length ? momentsFromSums(design, y, tr, subtractSums(trainSums, innerSums[f]), ps) : undefined;
    const testSums = innerTest[f].length ? completeSums(design, y, innerTest[f], innerSums[f], ps) : undefined;
    return { design, y, train: tr, test: innerTest[f], moments, testSums };
  });
  const plan = bank ? planBankEffects(table, train, opts.elsewhere, opts.elsewhereYear) : null;
  if (plan) writeBankColumns(design, table, variant, plan, train.concat(alsoRows));
  const fit = solveRidge(momentsFromSums(design, y, train, trainSums, ps), lambda);
  return { fit, lambda, plan, design };
}

/** {@link fitVariant} on `train`, then the forecasts of `test` into `out`. @returns the λ chosen. */
export function fitAndPredict(table: TrainingTable, variant: Variant, train: number[], test: number[], out: Float64Array, opts: FitOptions): number {
  const { fit, lambda, design } = fitVariant(table, variant, train, opts, test);
  predictRows(fit, design, test, out);
  return lambda;
}

/** Rows of the table whose year is `year`. */
function rowsOfYear(table: TrainingTable, year: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < table.n; r++) if (table.year[r] === year) out.push(r);
  return out;
}

const pick = (a: ArrayLike<number>, rows: readonly number[]) => rows.map((r) => a[r]);

/** Mean of per-institution ρ over institutions with ≥ `minBranches` of `rows`; also each institution's ρ. */
export function withinBankRho(table: TrainingTable, rows: readonly number[], pred: ArrayLike<number>, minBranches: number) {
  const byCert = new Map<number, number[]>();
  for (const r of rows) {
    let l = byCert.get(table.cert[r]);
    if (!l) byCert.set(table.cert[r], (l = []));
    l.push(r);
  }
  const banks: { cert: number; name: string; branches: number; rho: number }[] = [];
  for (const [cert, rs] of byCert) {
    if (rs.length < minBranches) continue;
    banks.push({ cert, name: table.institutionName[rs[0]], branches: rs.length, rho: spearmanRho(pick(pred, rs), pick(table.logDeposits, rs)) });
  }
  const valid = banks.filter((b) => Number.isFinite(b.rho));
  return { mean: valid.length ? valid.reduce((s, b) => s + b.rho, 0) / valid.length : NaN, banks };
}

/** Area under the ROC curve of `score` for `label` (1 = positive), ties counted half (Mann–Whitney U / (n₊·n₋)). */
export function rocAuc(score: ArrayLike<number>, label: ArrayLike<number>): number {
  const ranks = averageRanks(score);
  let pos = 0, sumPos = 0;
  for (let k = 0; k < label.length; k++) if (label[k] === 1) { pos++; sumPos += ranks[k]; }
  const neg = label.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (sumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** 2.5 % and 97.5 % quantiles (linear interpolation) of the finite values. */
function ci95(values: number[]): [number, number] {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? [quantile(v, 0.025), quantile(v, 0.975)] : [NaN, NaN];
}

/** Quantile q of a sorted array (linear interpolation between order statistics, type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q, lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Block bootstrap: `replicates` resamples of the blocks of `rows` (with replacement, as many blocks as there are),
 * each given to `stat` as a multiplicity per position of `rows` (how often that row is in the resample) with the
 * replicate number. @returns the 95 % interval of the statistic.
 */
function blockBootstrap(table: TrainingTable, rows: readonly number[], replicates: number, seed: number,
  stat: (weights: Float64Array, b: number) => number): [number, number] {
  const byBlock = new Map<number, number[]>();
  rows.forEach((r, k) => {
    let l = byBlock.get(table.block[r]);
    if (!l) byBlock.set(table.block[r], (l = []));
    l.push(k);
  });
  const groups = [...byBlock.values()];
  const rng = mulberry32(seed);
  const values: number[] = [];
  const w = new Float64Array(rows.length);
  for (let b = 0; b < replicates; b++) {
    w.fill(0);
    for (let g = 0; g < groups.length; g++) for (const k of groups[Math.floor(rng() * groups.length)]) w[k]++;
    values.push(stat(w, b));
  }
  return ci95(values);
}

/** ρ between forecasts and actual deposits over a fixed set of rows, re-weighted cheaply (sort orders kept). */
class RankedRows {
  readonly pred: Float64Array;
  readonly actual: Float64Array;
  private readonly orderPred: Int32Array;
  private readonly orderActual: Int32Array;
  constructor(rows: readonly number[], pred: ArrayLike<number>, actual: ArrayLike<number>) {
    this.pred = Float64Array.from(rows, (r) => pred[r]);
    this.actual = Float64Array.from(rows, (r) => actual[r]);
    this.orderPred = sortOrder(this.pred);
    this.orderActual = sortOrder(this.actual);
  }
  rho(w: ArrayLike<number>): number {
    return weightedSpearmanRho(this.pred, this.actual, w, this.orderPred, this.orderActual);
  }
}

/** Within-bank ρ of a weighted sample: per eligible institution, its rows' weighted ρ; the mean over institutions. */
class WithinBankRows {
  private readonly banks: { positions: number[]; ranked: RankedRows }[];
  constructor(table: TrainingTable, rows: readonly number[], pred: ArrayLike<number>, minBranches: number) {
    const byCert = new Map<number, number[]>();
    rows.forEach((r, k) => byCert.set(table.cert[r], [...(byCert.get(table.cert[r]) ?? []), k]));
    this.banks = [...byCert.values()].filter((ks) => ks.length >= minBranches)
      .map((ks) => ({ positions: ks, ranked: new RankedRows(ks.map((k) => rows[k]), pred, table.logDeposits) }));
  }
  mean(w: ArrayLike<number>): number {
    const rhos = this.banks.map((b) => b.ranked.rho(b.positions.map((k) => w[k]))).filter(Number.isFinite);
    return rhos.length ? rhos.reduce((s, x) => s + x, 0) / rhos.length : NaN;
  }
}

/**
 * Run the whole protocol for every variant. Pure: the table and the elsewhere medians in, the table of numbers out
 * (async only so that `opts.pause` can yield between fits).
 * @throws when the table has no test-year rows.
 */
export async function validateForecast(table: TrainingTable, opts: ValidationOptions = {}): Promise<ValidationResult> {
  const pause = opts.pause ?? (async () => undefined);
  const P = FORECAST_PROTOCOL;
  const seeds = opts.seeds ?? P.seeds, folds = opts.folds ?? P.folds, innerFolds = opts.innerFolds ?? P.innerFolds;
  const B = opts.bootstrapReplicates ?? P.bootstrapReplicates, testYear = opts.testYear ?? P.testYear;
  const trainYear = opts.temporalTrainYear ?? P.temporalTrainYear, minBranches = opts.withinBankMinBranches ?? P.withinBankMinBranches;
  const variants = opts.variants ?? VARIANTS;
  const all = Array.from({ length: table.n }, (_, r) => r);
  const testRows = rowsOfYear(table, testYear);
  if (testRows.length === 0) throw new Error(`validateForecast: no ${testYear} rows`);
  const foldsBySeed = seeds.map((s) => assignFolds(table.block, all, folds, s));
  const groups = [...new Set(table.group)].sort();
  const temporalTrain = rowsOfYear(table, trainYear);
  const cutoff = surveyDay(trainYear);
  const temporalTest = testRows.filter((r) => table.openedDay[r] > cutoff);
  const closureRows = rowsOfYear(table, trainYear);
  const presentLater = table.presentByYear.get(testYear);
  const closed = closureRows.map((r) => (presentLater && !presentLater.has(table.branchId[r]) ? 1 : 0));
  const actualTest = pick(table.logDeposits, testRows);
  const partition = protocolCells(table);

  const results: VariantValidation[] = [];
  let holdout: HoldoutPoints = { rows: [], predictedLog: [], actualLog: [] };
  let residualsLog = new Float64Array(0);
  for (const variant of variants) {
    const design = buildStaticDesign(table, variant);
    const cells = cellSums(design, table.logDeposits, partition.cellOf, partition.cells, staticColumns(variant));
    // Spatial-block CV, every seed.
    const oof = seeds.map(() => new Float64Array(table.n).fill(NaN));
    const lambdas: number[] = [];
    for (let si = 0; si < seeds.length; si++) {
      for (let f = 0; f < folds; f++) {
        const train = all.filter((r) => foldsBySeed[si][r] !== f), test = all.filter((r) => foldsBySeed[si][r] === f);
        if (test.length === 0) continue;
        lambdas.push(fitAndPredict(table, variant, train, test, oof[si], { elsewhere: opts.elsewhere, innerFolds, seed: seeds[si] * 101 + f, design, cells }));
        await pause();
      }
    }
    const perSeed = oof.map((o) => spearmanRho(pick(o, testRows), actualTest));
    const wb = oof.map((o) => withinBankRho(table, testRows, o, minBranches));
    const spearmanHoldout = { value: mean(perSeed), perSeed,
      ci95: ((ranked) => blockBootstrap(table, testRows, B, 11, (w, b) => ranked[b % seeds.length].rho(w)))(
        oof.map((o) => new RankedRows(testRows, o, table.logDeposits))) };
    const bankRho = new Map<number, number[]>();
    for (const w of wb) for (const b of w.banks) bankRho.set(b.cert, [...(bankRho.get(b.cert) ?? []), b.rho]);
    const withinBankSpearman = {
      value: mean(wb.map((w) => w.mean)),
      ci95: ((within) => blockBootstrap(table, testRows, B, 12, (w, b) => within[b % seeds.length].mean(w)))(
        oof.map((o) => new WithinBankRows(table, testRows, o, minBranches))),
      banks: wb[0].banks.map((b) => ({ ...b, rho: mean(bankRho.get(b.cert) ?? []) })).sort((a, b) => b.branches - a.branches),
    };
    // Leave one borough out.
    const lobo = new Float64Array(table.n).fill(NaN);
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      const train = all.filter((r) => table.group[r] !== g), test = all.filter((r) => table.group[r] === g);
      if (train.length && test.length) fitAndPredict(table, variant, train, test, lobo, { elsewhere: opts.elsewhere, innerFolds, seed: 500 + gi, design, cells });
      await pause();
    }
    const byGroup: Record<string, { n: number; rho: number }> = {};
    for (const g of groups) {
      const rs = testRows.filter((r) => table.group[r] === g);
      byGroup[g] = { n: rs.length, rho: spearmanRho(pick(lobo, rs), pick(table.logDeposits, rs)) };
    }
    const leaveOneBoroughOut = { value: spearmanRho(pick(lobo, testRows), actualTest), byGroup,
      ci95: ((ranked) => blockBootstrap(table, testRows, B, 13, (w) => ranked.rho(w)))(new RankedRows(testRows, lobo, table.logDeposits)) };
    // Temporal hold-out: 2018 rows only; banks new to the area at their 2018 median elsewhere.
    const temporal = new Float64Array(table.n).fill(NaN);
    if (temporalTrain.length && temporalTest.length) {
      fitAndPredict(table, variant, temporalTrain, temporalTest, temporal, { elsewhere: opts.elsewhere, elsewhereYear: () => trainYear, innerFolds, seed: 900, design, cells });
    }
    const temporalSpearman = { value: spearmanRho(pick(temporal, temporalTest), pick(table.logDeposits, temporalTest)), n: temporalTest.length,
      ci95: ((ranked) => blockBootstrap(table, temporalTest, B, 14, (w) => ranked.rho(w)))(new RankedRows(temporalTest, temporal, table.logDeposits)) };
    // Closures 2018 → test year, scored by the seed-averaged out-of-fold forecast (lower = likelier to close).
    const closureScore = closureRows.map((r) => -mean(oof.map((o) => o[r])));
    const closureAuc = { value: rocAuc(closureScore, closed), closed: closed.reduce((s: number, c) => s + c, 0), n: closureRows.length };
    results.push({ id: variant.id, label: variant.label, features: [...variant.features], spearmanHoldout, withinBankSpearman,
      leaveOneBoroughOut, temporalSpearman, closureAuc, lambda: mode(lambdas) });
    if (variant.id === FULL_MODEL.id) {
      holdout = { rows: testRows, predictedLog: testRows.map((r) => mean(oof.map((o) => o[r]))), actualLog: actualTest };
      residualsLog = Float64Array.from(oof.flatMap((o) => testRows.map((r) => table.logDeposits[r] - o[r])));
    }
  }
  return { variants: results, holdout, residualsLog };
}

function mean(v: readonly number[]): number {
  const f = v.filter(Number.isFinite);
  return f.length ? f.reduce((s, x) => s + x, 0) / f.length : NaN;
}

function mode(v: readonly number[]): number {
  const c = new Map<number, number>();
  for (const x of v) c.set(x, (c.get(x) ?? 0) + 1);
  let best = NaN, n = -1;
  for (const [x, k] of c) if (k > n || (k === n && x > best)) { best = x; n = k; }
  return best;
}
