import { mulberry32 } from '../random';
import type { BankEffectValue, ElsewhereMedians } from './bankEffect';
import { ageHinge, FULL_MODEL, networkProfiles, planBankEffects, PROFILE_FEATURES, PROFILE_SOURCES, staticColumns, writeBankColumns, type ModelFeature,
  type Variant } from './design';
import { LOCATION_FEATURES, logAge } from './features';
import { FORECAST_PROTOCOL } from './protocol';
import { addSums, momentsFromSums, predictRidge, rawSums, ridgeContributions, solveRidge, type RidgeFit } from './ridge';
import type { TrainingTable } from './trainingTable';
import { fitVariant, quantile } from './validation';

/**
 * The fitted deposit forecast as a named parameter set's `params`: JSON-serialisable, enough to forecast any site
 * from its location features (core/forecast/features.ts) and a bank effect. ln deposits are in USD thousands.
 */
export interface ForecastModel {
  features: ModelFeature[];
  /** Standardisation and standardised ridge coefficients (core/forecast/ridge.ts). */
  means: number[];
  sds: number[];
  coef: number[];
  /** 95 % interval of each standardised coefficient over block-bootstrap refits at the chosen λ. */
  coefCi95: [number, number][];
  intercept: number;
  lambda: number;
  /** Training rows. */
  n: number;
  /** Quantiles of the out-of-fold residuals (actual − forecast, ln) giving the prediction interval. */
  residualQuantilesLog: { low: number; high: number; level: number };
  bank: {
    overallMean: number;
    shrinkK: number;
    /** Institutions with training branches in the area: CERT, name, distinct branches, rows and the shrunk effect (ln USD k). */
    institutions: { cert: number; name: string; branches: number; rows: number; effect: number }[];
    /** Institutions new to the area: ln median branch deposits elsewhere in the forecast year, by CERT. */
    elsewhereLogMedianK: Record<string, number>;
    /**
     * Each institution's network profile in the forecast year (core/forecast/design.ts): the mean of every
     * `sources` column over its study-area branches. Absent in sets fitted without profile columns.
     */
    networkProfiles?: { sources: string[]; byCert: { cert: number; branches: number; means: number[] }[] };
  };
  /** Survey year a candidate is forecast for (its year indicator is set), and the age it is forecast at. */
  forecastYear: number;
  matureAgeYears: number;
  /** exp(ln forecast) × this = the forecast in the set's unit (1,000: SOD deposits are in USD thousands; 1: a user's outcome). */
  targetScale: number;
  /**
   * The 1st and 99th percentile of each feature over the training rows: a candidate's value is clamped into this range
   * (a linear model must not extrapolate to a place unlike any branch, e.g. a park with no residents or transit).
   */
  featureRange: [number, number][];
}

/**
 * Fit the full model on every row of `table`: λ by inner spatial-block CV on all rows, the bank effect from all rows,
 * coefficient intervals from `bootstrap` block-bootstrap refits, the prediction interval from `residualsLog` (the
 * validation's out-of-fold residuals).
 */
export function fitForecastModel(table: TrainingTable, opts: { elsewhere?: ElsewhereMedians; residualsLog: ArrayLike<number>;
  bootstrap?: number; variant?: Variant; forecastYear?: number; targetScale?: number }): ForecastModel {
  const P = FORECAST_PROTOCOL;
  const variant = opts.variant ?? FULL_MODEL;
  const all = Array.from({ length: table.n }, (_, r) => r);
  const { fit, lambda, plan, design } = fitVariant(table, variant, all, { elsewhere: opts.elsewhere, innerFolds: P.innerFolds, seed: 4242 });
  // Each column's 1st–99th percentile over the training rows (before the bootstrap rewrites the bank columns).
  const featureRange = variant.features.map((_, j): [number, number] => {
    const col = Float64Array.from(all, (r) => design.x[r * design.p + j]).sort();
    return [quantile(col, 0.01), quantile(col, 0.99)];
  });
  // Block bootstrap of the coefficients at the chosen λ (bank effect re-learned on each resample): the static columns'
  // sums per block are added with each block's multiplicity; only the bank columns are summed over the resample.
  const ps = staticColumns(variant);
  const byBlock = new Map<number, number[]>();
  for (const r of all) byBlock.set(table.block[r], [...(byBlock.get(table.block[r]) ?? []), r]);
  const groups = [...byBlock.values()];
  const blockSums = groups.map((rows) => rawSums(design, table.logDeposits, rows, ps));
  const rng = mulberry32(77);
  const draws: number[][] = variant.features.map(() => []);
  const mult = new Float64Array(groups.length);
  for (let b = 0; b < (opts.bootstrap ?? 100); b++) {
    mult.fill(0);
    for (let g = 0; g < groups.length; g++) mult[Math.floor(rng() * groups.length)]++;
    const sample: number[] = [];
    groups.forEach((rows, g) => { for (let t = 0; t < mult[g]; t++) sample.push(...rows); });
    if (plan) writeBankColumns(design, table, variant, planBankEffects(table, sample, opts.elsewhere), [...new Set(sample)]);
    const bf = solveRidge(momentsFromSums(design, table.logDeposits, sample, addSums(blockSums, mult), ps), lambda);
    bf.coef.forEach((c, j) => draws[j].push(c));
  }
  const res = Float64Array.from(opts.residualsLog).filter(Number.isFinite).sort();
  const level = P.intervalLevel;
  const forecastYear = opts.forecastYear ?? Math.max(...table.years);
  const names = new Map<number, string>();
  for (let r = 0; r < table.n; r++) names.set(table.cert[r], table.institutionName[r]);
  const elsewhereLogMedianK: Record<string, number> = {};
  for (const [cert, v] of opts.elsewhere?.get(forecastYear) ?? []) elsewhereLogMedianK[String(cert)] = round(v.logMedianK, 6);
  const usesProfile = variant.features.some((f) => (PROFILE_FEATURES as readonly string[]).includes(f));
  const profiles = usesProfile ? networkProfiles(table) : null;
  const S = PROFILE_SOURCES.length;
  return {
    features: [...variant.features],
    means: Array.from(fit.means), sds: Array.from(fit.sds), coef: Array.from(fit.coef),
    coefCi95: draws.map((d) => { const s = d.sort((a, b) => a - b); return [quantile(s, 0.025), quantile(s, 0.975)]; }),
    intercept: fit.intercept, lambda, n: fit.n,
    residualQuantilesLog: { low: quantile(res, (1 - level) / 2), high: quantile(res, 1 - (1 - level) / 2), level },
    bank: {
      overallMean: plan ? plan.effects.overallMean : fit.intercept, shrinkK: plan ? plan.effects.shrinkK : 0,
      institutions: [...(plan?.effects.byCert ?? [])].map(([cert, e]) => ({ cert, name: names.get(cert) ?? String(cert), branches: e.branches, rows: e.rows, effect: e.effect }))
        .sort((a, b) => b.branches - a.branches || a.cert - b.cert),
      elsewhereLogMedianK,
      ...(profiles ? { networkProfiles: { sources: [...PROFILE_SOURCES], byCert: profiles.keys.flatMap((k, p) => k.year !== forecastYear ? []
        : [{ cert: k.cert, branches: k.branches, means: Array.from(profiles.means.subarray(p * S, p * S + S), (v) => round(v, 6)) }]) } } : {}),
    },
    forecastYear, matureAgeYears: P.matureAgeYears, targetScale: opts.targetScale ?? 1000, featureRange,
  };
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Which bank effect a forecast assumed. */
export interface AssumedBank extends BankEffectValue {
  /** The institution whose effect is used (null: the overall mean — no network chosen, or none known). */
  cert: number | null;
  name: string | null;
  /**
   * The network profile used (`model.bank.networkProfiles.sources` order): the first of the network's institutions with
   * study-area branches in the forecast year; null when none has (a network new to the area, or none chosen) — then
   * each profile column sits at its training mean, i.e. an average network.
   */
  profile?: number[] | null;
}

/**
 * The bank effect for a network given as its institutions (CERTs, most branches first): the first with branches in the
 * area; else the first with branches elsewhere; else the overall mean. With no CERT at all: the overall mean, i.e. an
 * average institution of the area.
 */
export function assumedBankEffect(model: ForecastModel, certs: readonly number[]): AssumedBank {
  const profiled = certs.map((c) => model.bank.networkProfiles?.byCert.find((p) => p.cert === c)).find((p) => p !== undefined);
  const profile = profiled ? profiled.means : null;
  for (const cert of certs) {
    const inst = model.bank.institutions.find((i) => i.cert === cert);
    if (inst) return { effect: inst.effect, newToArea: 0, source: 'area', cert, name: inst.name, profile };
  }
  for (const cert of certs) {
    const e = model.bank.elsewhereLogMedianK[String(cert)];
    if (e !== undefined) return { effect: e, newToArea: 1, source: 'elsewhere', cert, name: null, profile };
  }
  return { effect: model.bank.overallMean, newToArea: certs.length ? 1 : 0, source: 'overall', cert: null, name: null, profile };
}

/** A site's forecast (issue "Scores that predict real branches", item 4). */
export interface SiteForecast {
  /** Forecast deposits at `ageYears`, USD. */
  depositsUsd: number;
  /** The prediction interval (`level`, from hold-out residuals), USD. */
  lowUsd: number;
  highUsd: number;
  ageYears: number;
  level: number;
  /** Each feature's term of the ln forecast (relative to an average training branch), largest magnitude first. */
  contributions: { feature: ModelFeature; value: number; contributionLog: number; clamped?: boolean }[];
}

/**
 * Forecast one site from its location features (`location[j]` = LOCATION_FEATURES[j]) and a bank effect, at the
 * model's mature age, as a new (not acquired) branch in the forecast year, each location feature clamped into the
 * training rows' 1st–99th percentile (`featureRange`); the network-profile columns from `bank.profile` (the chosen
 * network's averages; without one, their training means — an average network, contributing 0):
 * ln D = ȳ + Σ_j β_j (x_j − μ_j)/σ_j; D · targetScale (USD for SOD sets); interval exp(ln D + residual quantiles) · targetScale.
 */
export function forecastSite(model: ForecastModel, location: ArrayLike<number>, bank: BankEffectValue & { profile?: readonly number[] | null },
  ageYearsValue = model.matureAgeYears): SiteForecast {
  const locIndex = new Map<string, number>(LOCATION_FEATURES.map((f, j) => [f, j]));
  const sources = model.bank.networkProfiles?.sources ?? [];
  const raw = model.features.map((f, col) => {
    const j = locIndex.get(f);
    if (j !== undefined) return location[j];
    if (f.startsWith('network:')) {
      const k = sources.indexOf(f.slice('network:'.length));
      return bank.profile && k >= 0 ? bank.profile[k] : model.means[col];
    }
    switch (f) {
      case 'bankEffect': return bank.effect;
      case 'bankNewToArea': return bank.newToArea;
      case 'logAgeYears': return logAge(ageYearsValue);
      case 'youngerThan5Years': return ageYearsValue < 5 ? 1 : 0;
      case 'logAgeHinge2': case 'logAgeHinge5': case 'logAgeHinge15': return ageHinge(f, ageYearsValue);
      case 'acquired': return 0;
      case 'year2021': return model.forecastYear === 2021 ? 1 : 0;
      case 'year2022': return model.forecastYear === 2022 ? 1 : 0;
      case 'year2023': return model.forecastYear === 2023 ? 1 : 0;
      default: throw new Error(`forecastSite: feature ${f} has no value for a candidate site`);
    }
  });
  // Location features are clamped into the training range (the bank effect and maturity are set, never clamped).
  const x = raw.map((v, j) => {
    const range = model.featureRange?.[j];
    return range && locIndex.has(model.features[j]) ? Math.min(Math.max(v, range[0]), range[1]) : v;
  });
  const fit: RidgeFit = { means: Float64Array.from(model.means), sds: Float64Array.from(model.sds), coef: Float64Array.from(model.coef),
    intercept: model.intercept, lambda: model.lambda, n: model.n };
  const lnK = predictRidge(fit, x);
  const terms = ridgeContributions(fit, x);
  const q = model.residualQuantilesLog;
  const scale = model.targetScale;
  return {
    depositsUsd: Math.exp(lnK) * scale,
    lowUsd: Math.exp(lnK + q.low) * scale,
    highUsd: Math.exp(lnK + q.high) * scale,
    ageYears: ageYearsValue, level: q.level,
    contributions: model.features.map((feature, j) => ({ feature, value: raw[j], contributionLog: terms[j], ...(x[j] !== raw[j] ? { clamped: true } : {}) }))
      .filter((c) => c.contributionLog !== 0)
      .sort((a, b) => Math.abs(b.contributionLog) - Math.abs(a.contributionLog)),
  };
}
