import type { ElsewhereMedians } from './bankEffect';
import { FULL_MODEL, VARIANTS, type Variant } from './design';
import { fitForecastModel, type ForecastModel } from './model';
import { DEFAULT_EXCLUSION_RULE, DEPDOM_SHARE_EXCLUSION_RULE, exclusionReason, FORECAST_PROTOCOL, type ExclusionRule } from './protocol';
import { subsetTable, type ExclusionCount, type TrainingTable } from './trainingTable';
import { validateForecast, type MetricWithCi, type VariantValidation } from './validation';

/** The targets, checked in the report (never in a timed test). */
export const FORECAST_TARGETS = Object.freeze({ spearmanHoldout: 0.7, withinBankSpearman: 0.5, temporalSpearman: 0.5 });

/** One point of the predicted-vs-actual plot and the residual map (a test-year branch, out-of-fold forecast). */
export interface HoldoutBranch {
  branchId: number;
  cert: number;
  institution: string;
  group: string;
  lng: number;
  lat: number;
  /** ln USD thousands. */
  predictedLog: number;
  actualLog: number;
}

/** The whole validation report: the table, the exclusion rule and its counts, the points behind the plots. */
export interface ValidationReport {
  protocol: typeof FORECAST_PROTOCOL & { exclusionRule: ExclusionRule; sensitivityRule: ExclusionRule; blocks: number; description: string };
  n: { rows: number; testYearRows: number; byYear: Record<string, number>; blocks: number };
  exclusion: ExclusionCount[];
  /** The table, full model first, baselines last. */
  variants: VariantValidation[];
  /** The full model under the stricter "≤ 10 % of the institution's DEPDOM" rule. */
  sensitivity: VariantValidation & { rule: ExclusionRule; rows: number; dropped: number };
  /** Each target and whether the full model meets it and beats every baseline. */
  targets: { metric: keyof typeof FORECAST_TARGETS; target: number; value: number; meetsTarget: boolean; beatsBaselines: boolean }[];
  holdout: HoldoutBranch[];
  coefficients: { feature: string; coef: number; ci95: [number, number] }[];
}

export interface Calibration {
  model: ForecastModel;
  report: ValidationReport;
}

/**
 * The whole calibration: validate every variant (core/forecast/validation.ts) on `table` (built with the default
 * exclusion rule), re-run the full model with the stricter DEPDOM-share rule as a sensitivity row, fit the final model
 * on every row, and assemble the report. Pure (async only so `opts.pause` can yield between fits).
 */
export async function calibrateForecast(table: TrainingTable, opts: { elsewhere?: ElsewhereMedians; variants?: readonly Variant[];
  seeds?: readonly number[]; bootstrapReplicates?: number; coefficientBootstrap?: number; pause?: () => Promise<void> } = {}): Promise<Calibration> {
  const P = FORECAST_PROTOCOL;
  const common = { elsewhere: opts.elsewhere, seeds: opts.seeds, bootstrapReplicates: opts.bootstrapReplicates, pause: opts.pause };
  const main = await validateForecast(table, { ...common, variants: opts.variants ?? VARIANTS });
  const strict = subsetTable(table, (r) => exclusionReason({ validCoords: true, serviceType: 11, isMainOffice: false, depositsK: table.depositsK[r],
    institutionDepositsDomK: Number.isFinite(table.institutionDepositsDomK[r]) ? table.institutionDepositsDomK[r] : null }, DEPDOM_SHARE_EXCLUSION_RULE) === null);
  const sens = (await validateForecast(strict, { ...common, variants: [FULL_MODEL] })).variants[0];
  const model = fitForecastModel(table, { elsewhere: opts.elsewhere, residualsLog: main.residualsLog, bootstrap: opts.coefficientBootstrap });
  const full = main.variants.find((v) => v.id === FULL_MODEL.id)!;
  const baselines = main.variants.filter((v) => v.id.startsWith('baseline'));
  const metric = (v: VariantValidation, m: keyof typeof FORECAST_TARGETS): MetricWithCi => v[m];
  const byYear: Record<string, number> = {};
  for (let r = 0; r < table.n; r++) byYear[table.year[r]] = (byYear[table.year[r]] ?? 0) + 1;
  const blocks = new Set(table.block).size;
  return {
    model,
    report: {
      protocol: { ...P, exclusionRule: DEFAULT_EXCLUSION_RULE, sensitivityRule: DEPDOM_SHARE_EXCLUSION_RULE, blocks,
        description: `${P.blockSizeM / 1000} km spatial blocks (${blocks} blocks; all years of a branch share its block), ${P.seeds.length} seeds × ${P.folds} folds, ` +
          `λ by ${P.innerFolds}-fold inner block CV, bank effect learned on training folds only; leave-one-borough-out; ` +
          `temporal: fit on ${P.temporalTrainYear} rows, test on ${P.testYear} branches established after 30 June ${P.temporalTrainYear}; ` +
          `${P.bootstrapReplicates} block-bootstrap replicates for 95 % intervals` },
      n: { rows: table.n, testYearRows: byYear[P.testYear] ?? 0, byYear, blocks },
      exclusion: table.exclusion,
      variants: main.variants,
      sensitivity: { ...sens, rule: DEPDOM_SHARE_EXCLUSION_RULE, rows: strict.n, dropped: table.n - strict.n },
      targets: (Object.keys(FORECAST_TARGETS) as (keyof typeof FORECAST_TARGETS)[]).map((m) => ({
        metric: m, target: FORECAST_TARGETS[m], value: metric(full, m).value,
        meetsTarget: metric(full, m).value >= FORECAST_TARGETS[m],
        beatsBaselines: baselines.every((b) => !(metric(b, m).value >= metric(full, m).value)),
      })),
      holdout: main.holdout.rows.map((r, k) => ({ branchId: table.branchId[r], cert: table.cert[r], institution: table.institutionName[r],
        group: table.group[r], lng: table.lng[r], lat: table.lat[r], predictedLog: main.holdout.predictedLog[k], actualLog: main.holdout.actualLog[k] })),
      coefficients: model.features.map((feature, j) => ({ feature, coef: model.coef[j], ci95: model.coefCi95[j] })),
    },
  };
}
