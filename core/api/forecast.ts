import { z } from 'zod';

/**
 * Contracts of the deposit forecast (issue "Scores that predict real branches"): named parameter sets, their
 * validation report, a site's forecast in a score response, and a refit on the user's own outcomes. Shared by the
 * server (validation) and the client (types).
 */

/** A parameter set name: letters, digits, `-`, `_`, `.`, 1–64 characters. */
export const parameterSetName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-" (1–64, starting with a letter or digit)');

/** The name of the parameter set fitted from the shipped FDIC SOD data. */
export const SOD_PARAMETER_SET = 'nyc-sod-deposits';

const metric = z.object({ value: z.number().nullable(), ci95: z.tuple([z.number().nullable(), z.number().nullable()]) });

/** `fit` of a parameter set: its hold-out accuracy under the stated protocol. */
export const fitSummarySchema = z.object({
  /** Spearman ρ of out-of-fold forecasts vs actual (test year), mean over seeds of spatial-block CV. */
  spearmanHoldout: z.number().nullable(),
  /** The same protocol with residents within 1 km alone. */
  spearmanBaseline: z.number().nullable(),
  /** Mean of per-institution ρ (institutions with ≥ 20 branches in the test year); null when none qualifies. */
  withinBankSpearman: z.number().nullable(),
  /** Fit on 2018 only, tested on branches opened since; null without the 2018 survey (e.g. a user's outcomes). */
  temporalSpearman: z.number().nullable(),
  /** Training rows. */
  n: z.number().int(),
  folds: z.number().int(),
  protocol: z.string(),
});
export type FitSummary = z.infer<typeof fitSummarySchema>;

/** The fitted model (core/forecast/model.ts `ForecastModel`), as `params`. */
export const forecastModelSchema = z.object({
  features: z.array(z.string()),
  means: z.array(z.number()), sds: z.array(z.number()), coef: z.array(z.number()),
  coefCi95: z.array(z.tuple([z.number(), z.number()])),
  intercept: z.number(), lambda: z.number(), n: z.number().int(),
  residualQuantilesLog: z.object({ low: z.number(), high: z.number(), level: z.number() }),
  bank: z.object({
    overallMean: z.number(), shrinkK: z.number(),
    institutions: z.array(z.object({ cert: z.number().int(), name: z.string(), branches: z.number().int(), rows: z.number().int(), effect: z.number() })),
    elsewhereLogMedianK: z.record(z.string(), z.number()),
    /** Each institution's network profile in the forecast year: the mean of every `sources` column over its NYC branches. */
    networkProfiles: z.object({ sources: z.array(z.string()),
      byCert: z.array(z.object({ cert: z.number().int(), branches: z.number().int(), means: z.array(z.number()) })) }).optional(),
  }),
  forecastYear: z.number().int(), matureAgeYears: z.number(), targetScale: z.number(),
  featureRange: z.array(z.tuple([z.number(), z.number()])),
});

/** A fitted parameter set: `POST /api/parameter-sets` answers one, `GET /api/parameter-sets` lists them. */
export const parameterSetSchema = z.object({
  /** Fitted: its model and fit are here (compare {@link calibratingParameterSetSchema}). */
  status: z.literal('ready'),
  name: z.string(),
  /** `sod-deposits`: fitted on FDIC SOD branch deposits; `outcomes`: refitted on a user's own outcomes. */
  kind: z.enum(['sod-deposits', 'outcomes']),
  /** What the forecast predicts, in which unit (USD deposits, or the user's outcome unit). */
  target: z.string(),
  params: forecastModelSchema,
  fit: fitSummarySchema,
  /** The data the set was fitted on (dataset ids and vintages; for outcomes, the file name and row count). */
  dataVintage: z.array(z.object({ id: z.string(), vintage: z.string().nullable() })),
  createdAt: z.string(),
  /** Seconds the fit and its validation took (CPU of the server process). */
  calibrationSeconds: z.number().nullable(),
});
export type ParameterSet = z.infer<typeof parameterSetSchema>;

/**
 * The FDIC SOD set while the server calibrates it (first start, or a new import): listed at once with what is known
 * (name, kind, target, since when), no model or fit yet. `GET /api/parameter-sets?wait=true` waits for it instead.
 */
export const calibratingParameterSetSchema = z.object({
  status: z.literal('calibrating'),
  name: z.string(),
  kind: z.enum(['sod-deposits', 'outcomes']),
  target: z.string(),
  /** When this calibration began (ISO 8601, UTC). */
  calibratingSince: z.string(),
  params: z.null(), fit: z.null(), dataVintage: z.tuple([]), createdAt: z.null(), calibrationSeconds: z.null(),
});
export type CalibratingParameterSet = z.infer<typeof calibratingParameterSetSchema>;

/** `GET /api/parameter-sets` → an array of these: the SOD set first (fitted, or still calibrating), then the users' refits. */
export type ParameterSetListing = ParameterSet | CalibratingParameterSet;

/**
 * `GET /api/parameter-sets` query: `wait=true` answers once the SOD set is fitted (every entry `ready`, as before the
 * `calibrating` status existed — for scripts that need the figures); without it the answer is immediate.
 */
export const parameterSetsQuery = z.object({ wait: z.enum(['true', 'false']).optional() });

/** One row of the validation table (core/forecast/validation.ts). */
export const variantValidationSchema = z.object({
  id: z.string(), label: z.string(), features: z.array(z.string()),
  spearmanHoldout: metric.extend({ perSeed: z.array(z.number().nullable()) }),
  withinBankSpearman: metric.extend({ banks: z.array(z.object({ cert: z.number(), name: z.string(), branches: z.number(), rho: z.number().nullable() })) }),
  leaveOneBoroughOut: metric.extend({ byGroup: z.record(z.string(), z.object({ n: z.number(), rho: z.number().nullable() })) }),
  temporalSpearman: metric.extend({ n: z.number().int() }),
  closureAuc: z.object({ value: z.number().nullable(), closed: z.number().int(), n: z.number().int() }),
  lambda: z.number().nullable(),
});
export type VariantValidationDto = z.infer<typeof variantValidationSchema>;

const exclusionRuleSchema = z.object({
  serviceTypes: z.array(z.number()), dropMainOffice: z.boolean(), minDepositsExclusiveK: z.number(), maxDepositsK: z.number(),
  maxShareOfInstitutionDeposits: z.number().nullable(),
});

/** `GET /api/parameter-sets/{name}/validation`: the report behind a set's `fit` (the Model view and the notebook). */
export const validationReportSchema = z.object({
  name: z.string(),
  target: z.string(),
  // the numbers let a client state the protocol in its own language (`description` says the same in English); optional:
  // a report stored by an earlier version may carry the description alone
  protocol: z.object({ description: z.string(), exclusionRule: exclusionRuleSchema.nullable(), sensitivityRule: exclusionRuleSchema.nullable(),
    blockSizeM: z.number().optional(), blocks: z.number().int().optional(), seeds: z.array(z.number()).optional(), folds: z.number().int().optional(),
    innerFolds: z.number().int().optional(), testYear: z.number().int().optional(), temporalTrainYear: z.number().int().optional(),
    bootstrapReplicates: z.number().int().optional() }).passthrough(),
  n: z.object({ rows: z.number().int(), testYearRows: z.number().int(), byYear: z.record(z.string(), z.number()), blocks: z.number().int() }),
  exclusion: z.array(z.object({ year: z.number().int(), studyRows: z.number().int(), kept: z.number().int(), dropped: z.record(z.string(), z.number().int()) })),
  variants: z.array(variantValidationSchema),
  sensitivity: variantValidationSchema.extend({ rows: z.number().int(), dropped: z.number().int() }).nullable(),
  targets: z.array(z.object({ metric: z.string(), target: z.number(), value: z.number().nullable(), meetsTarget: z.boolean(), beatsBaselines: z.boolean() })),
  holdout: z.array(z.object({ branchId: z.number(), cert: z.number(), institution: z.string(), group: z.string(), lng: z.number(), lat: z.number(),
    predictedLog: z.number(), actualLog: z.number() })),
  coefficients: z.array(z.object({ feature: z.string(), coef: z.number(), ci95: z.tuple([z.number().nullable(), z.number().nullable()]) })),
  calibrationSeconds: z.number().nullable(),
});
export type ValidationReportDto = z.infer<typeof validationReportSchema>;

export const parameterSetParam = z.object({ name: parameterSetName });

/** One feature's part of a site's ln forecast. */
export const forecastContributionSchema = z.object({ feature: z.string(), value: z.number(), contributionLog: z.number(),
  /** The value lay outside the training rows' 1st–99th percentile and was clamped into it. */
  clamped: z.boolean().optional() });

/** `forecast` of a scored site in `mode: "forecast"`. */
export const siteForecastSchema = z.object({
  /** Forecast deposits (or the set's outcome) at `ageYears`, USD for deposit sets. */
  depositsUsd: z.number(),
  lowUsd: z.number(),
  highUsd: z.number(),
  /** The interval's coverage (0.8 = 80 %). */
  level: z.number(),
  ageYears: z.number(),
  /** Rank by forecast within the request (1 = largest). */
  rank: z.number().int(),
  contributions: z.array(forecastContributionSchema),
});
export type SiteForecastDto = z.infer<typeof siteForecastSchema>;

/** `params.forecast` of a forecast-mode score response: which set, which bank effect, how accurate. */
export const forecastEchoSchema = z.object({
  parameterSet: z.string(),
  target: z.string(),
  matureAgeYears: z.number(),
  /** The bank effect assumed for every site, and why (the network's own, its median elsewhere, or the area's mean). */
  bankEffect: z.object({ cert: z.number().nullable(), name: z.string().nullable(), source: z.enum(['area', 'elsewhere', 'overall', 'none']), effectLog: z.number().nullable(), note: z.string() }),
  spearmanHoldout: z.number().nullable(),
  level: z.number(),
});

/** One outcome row: a place and a positive outcome (deposits, accounts, visits…). */
export const outcomeRowSchema = z.object({
  id: z.union([z.string().min(1).max(200), z.number().int()]).transform(String),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  outcome: z.number().positive('outcome must be > 0 (it is modelled on a log scale)').finite(),
});

/**
 * `POST /api/parameter-sets` (role analyst): refit the location model on the user's own outcomes into a new named set.
 * Give the rows as `outcomes` or as `csv` text with the columns `id, lng, lat, outcome`.
 */
export const refitRequestSchema = z.object({
  name: parameterSetName,
  /** What the outcome is, with its unit, e.g. "deposits (USD)", "accounts", "visits per week". */
  target: z.string().min(1).max(100).default('outcome'),
  /** The network these outcomes belong to (its other branches count as own, the rest as competitors). */
  ownNetwork: z.string().regex(/^(cert|hc):[1-9]\d{0,11}$/, 'must be "cert:<CERT>" or "hc:<RSSDHCR>" (digits)').optional(),
  outcomes: z.array(outcomeRowSchema).min(20, 'at least 20 outcomes are needed to fit and validate').max(20_000).optional(),
  csv: z.string().max(5_000_000).optional(),
}).strict().superRefine((r, ctx) => {
  if (!r.outcomes === !r.csv) ctx.addIssue({ code: 'custom', path: r.outcomes ? ['csv'] : ['outcomes'], message: 'give exactly one of "outcomes" and "csv"' });
});
export type RefitRequest = z.output<typeof refitRequestSchema>;

/** The flat export columns of a site's forecast (CSV/GeoJSON from the app and the CLI): USD rounded to the dollar. */
export function forecastColumns(f: SiteForecastDto): Record<string, number> {
  return { forecast_deposits_usd: Math.round(f.depositsUsd), forecast_low_usd: Math.round(f.lowUsd), forecast_high_usd: Math.round(f.highUsd),
    forecast_interval_level: f.level, forecast_age_years: f.ageYears, forecast_rank: f.rank };
}
