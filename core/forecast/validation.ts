import { mulberry32 } from '../random';
import { spearmanRho, averageRanks } from '../scoring/rankCorrelation';
import type { ElsewhereMedians } from './bankEffect';
import { buildDesign, FULL_MODEL, planBankEffects, usesBankEffect, VARIANTS, type Variant } from './design';
import { FORECAST_PROTOCOL } from './protocol';
import { chooseLambda, fitRidge, predictRows } from './ridge';
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

/**
 * Fit `variant` on `train` (λ by inner block CV on those rows, bank effect from those rows) and write the forecasts of
 * `test` into `out`. @returns the λ chosen.
 */
export function fitAndPredict(table: TrainingTable, variant: Variant, train: number[], test: number[], out: Float64Array,
  opts: { elsewhere?: ElsewhereMedians; elsewhereYear?: (row: number) => number; innerFolds: number; seed: number }): number {
  const bank = usesBankEffect(variant);
  const inner = assignFolds(table.block, train, opts.innerFolds, opts.seed * 7919 + 17);
  const { lambda } = chooseLambda(opts.innerFolds, (f) => {
    const tr = train.filter((r) => inner[r] !== f), te = train.filter((r) => inner[r] === f);
    const design = buildDesign(table, variant, bank ? planBankEffects(table, tr, opts.elsewhere, opts.elsewhereYear) : null);
    return { design, y: table.logDeposits, train: tr, test: te };
  });
  const design = buildDesign(table, variant, bank ? planBankEffects(table, train, opts.elsewhere, opts.elsewhereYear) : null);
  const fit = fitRidge(design, table.logDeposits, lambda, train);
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
 * Block bootstrap: `replicates` resamples of the blocks of `rows` (with replacement, as many blocks as there are);
 * `stat(sample, b)` gets the resampled row list and the replicate number.
 */
function blockBootstrap(table: TrainingTable, rows: readonly number[], replicates: number, seed: number,
  stat: (sample: number[], b: number) => number): [number, number] {
  const byBlock = new Map<number, number[]>();
  for (const r of rows) {
    let l = byBlock.get(table.block[r]);
    if (!l) byBlock.set(table.block[r], (l = []));
    l.push(r);
  }
  const groups = [...byBlock.values()];
  const rng = mulberry32(seed);
  const values: number[] = [];
  for (let b = 0; b < replicates; b++) {
    const sample: number[] = [];
    for (let g = 0; g < groups.length; g++) sample.push(...groups[Math.floor(rng() * groups.length)]);
    values.push(stat(sample, b));
  }
  return ci95(values);
}

/**
 * Run the whole protocol for every variant. Pure: the table and the elsewhere medians in, the table of numbers out.
 * @throws when the table has no test-year rows.
 */
export function validateForecast(table: TrainingTable, opts: ValidationOptions = {}): ValidationResult {
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

  const results: VariantValidation[] = [];
  let holdout: HoldoutPoints = { rows: [], predictedLog: [], actualLog: [] };
  let residualsLog = new Float64Array(0);
  for (const variant of variants) {
    // Spatial-block CV, every seed.
    const oof = seeds.map(() => new Float64Array(table.n).fill(NaN));
    const lambdas: number[] = [];
    seeds.forEach((seed, si) => {
      for (let f = 0; f < folds; f++) {
        const train = all.filter((r) => foldsBySeed[si][r] !== f), test = all.filter((r) => foldsBySeed[si][r] === f);
        if (test.length === 0) continue;
        lambdas.push(fitAndPredict(table, variant, train, test, oof[si], { elsewhere: opts.elsewhere, innerFolds, seed: seed * 101 + f}));
      }
    });
    const perSeed = oof.map((o) => spearmanRho(pick(o, testRows), actualTest));
    const wb = oof.map((o) => withinBankRho(table, testRows, o, minBranches));
    const spearmanHoldout = { value: mean(perSeed), perSeed,
      ci95: blockBootstrap(table, testRows, B, 11, (s, b) => spearmanRho(pick(oof[b % seeds.length], s), pick(table.logDeposits, s))) };
    const bankRho = new Map<number, number[]>();
    for (const w of wb) for (const b of w.banks) bankRho.set(b.cert, [...(bankRho.get(b.cert) ?? []), b.rho]);
    const withinBankSpearman = {
      value: mean(wb.map((w) => w.mean)),
      ci95: blockBootstrap(table, testRows, B, 12, (s, b) => withinBankRho(table, s, oof[b % seeds.length], minBranches).mean),
      banks: wb[0].banks.map((b) => ({ ...b, rho: mean(bankRho.get(b.cert) ?? []) })).sort((a, b) => b.branches - a.branches),
    };
    // Leave one borough out.
    const lobo = new Float64Array(table.n).fill(NaN);
    groups.forEach((g, gi) => {
      const train = all.filter((r) => table.group[r] !== g), test = all.filter((r) => table.group[r] === g);
      if (train.length && test.length) fitAndPredict(table, variant, train, test, lobo, { elsewhere: opts.elsewhere, innerFolds, seed: 500 + gi });
    });
    const byGroup: Record<string, { n: number; rho: number }> = {};
    for (const g of groups) {
      const rs = testRows.filter((r) => table.group[r] === g);
      byGroup[g] = { n: rs.length, rho: spearmanRho(pick(lobo, rs), pick(table.logDeposits, rs)) };
    }
    const leaveOneBoroughOut = { value: spearmanRho(pick(lobo, testRows), actualTest), byGroup,
      ci95: blockBootstrap(table, testRows, B, 13, (s) => spearmanRho(pick(lobo, s), pick(table.logDeposits, s))) };
    // Temporal hold-out: 2018 rows only; banks new to the area at their 2018 median elsewhere.
    const temporal = new Float64Array(table.n).fill(NaN);
    if (temporalTrain.length && temporalTest.length) {
      fitAndPredict(table, variant, temporalTrain, temporalTest, temporal, { elsewhere: opts.elsewhere, elsewhereYear: () => trainYear, innerFolds, seed: 900 });
    }
    const temporalSpearman = { value: spearmanRho(pick(temporal, temporalTest), pick(table.logDeposits, temporalTest)), n: temporalTest.length,
      ci95: blockBootstrap(table, temporalTest, B, 14, (s) => spearmanRho(pick(temporal, s), pick(table.logDeposits, s))) };
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
