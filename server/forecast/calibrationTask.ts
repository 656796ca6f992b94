import { isMainThread } from 'node:worker_threads';
import type { Columns } from '../work/sharedResource';
import type { GeoData } from '../geo/geoData';
import { forecastLayers } from './trainingData';
import type { ValidationReportDto } from '../../core/api/forecast';
import type { ElsewhereMedians } from '../../core/forecast/bankEffect';
import { calibrateForecast, type ValidationReport } from '../../core/forecast/calibrate';
import { createForecastFeatureContext, type YearOutlets } from '../../core/forecast/features';
import type { ForecastModel } from '../../core/forecast/model';
import { buildOutcomeTable, calibrateOutcomes, type OutcomeRow } from '../../core/forecast/outcomes';
import { DEFAULT_EXCLUSION_RULE, FORECAST_PROTOCOL, NYC_BOROUGH_BY_COUNTY } from '../../core/forecast/protocol';
import { buildTrainingTable, type SodBranchYear } from '../../core/forecast/trainingTable';
import { createPointIndex } from '../../core/geo/pointIndex';
import type { ReferenceStats } from '../../core/scoring/normalization';
import { DEFAULT_WEIGHTS, type FactorName } from '../../core/scoring/siteScore';
import { nextTurn } from '../eventLoop';

/**
 * The deposit forecast's fits as compute-pool tasks (server/work/tasks.ts): the SOD calibration (≈ 5–6 s CPU at start)
 * and a user's refit on their outcomes. The main thread reads the databases and resolves what needs its services
 * (poverty share and borough of each point, from the NTA boundaries); the worker builds the feature layers on its own
 * copy of the geo data, fits, validates and turns the report into its JSON form. Everything in and out is plain data.
 */

/** The ATM points and poverty fallback every forecast feature context is built from (besides the geo data). */
export interface ForecastLayerInput {
  /** Bank-owned ATMs, degrees. */
  atm: { lng: Float64Array; lat: Float64Array };
  /** Poverty share (0–1) where a point has none: the median NTA share. */
  povertyFallback: number;
}

/** What the SOD calibration needs besides the geo data. */
export interface SodCalibrationInput extends ForecastLayerInput {
  /** Every SOD row of the region, every year (server/forecast/trainingData.ts). */
  rows: SodBranchYear[];
  /** Poverty share (0–1, null outside every NTA with one) of each study-area row's point, keyed `${lng},${lat}`. */
  povertyByPoint: Map<string, number | null>;
  /** The weighted-criteria score's reference distribution per factor (the composite baseline). */
  reference: Record<FactorName, ReferenceStats>;
  elsewhere: ElsewhereMedians;
  seeds?: number[];
  bootstrapReplicates?: number;
  /** Name and target of the set (echoed in the report). */
  name: string;
  target: string;
}

/**
 * {@link SodCalibrationInput} as posted to a compute worker: the rows as columns packed into shared buffers
 * (server/work/sharedResource.ts `toColumns`, `packShared`) — cloning the region's rows as objects held the event loop
 * ≈ 100–150 ms when the calibration started.
 */
export type SodCalibrationPosted = Omit<SodCalibrationInput, 'rows'> & { rows: Columns | readonly SodBranchYear[] };

/** A finished fit: the model, its validation report (JSON form), the rows it saw and its process CPU time, s. */
export interface FitOutput {
  rows: number;
  model: ForecastModel;
  report: ValidationReportDto;
  /** Process CPU (user + system) while it ran, s: in a worker this is the fit's own time plus whatever else ran. */
  cpuSeconds: number;
  wallSeconds: number;
}

/** NaN/±∞ → null (JSON has no NaN): the report as the API and the cache file carry it. */
export function reportDto(report: ValidationReport | Record<string, unknown>, name: string, target: string, calibrationSeconds: number | null): ValidationReportDto {
  return JSON.parse(JSON.stringify({ ...report, name, target, calibrationSeconds }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}

/** On the main thread (pool size 0, the CLI) a fit yields between its steps; a worker has nothing else to serve. */
const pause = isMainThread ? nextTurn : undefined;

/** Calibrate on the imported SOD years: training table, validation (5 seeds × 5 folds, LOBO, temporal), final fit. */
export async function calibrateSodFrom(geo: GeoData, input: SodCalibrationInput): Promise<FitOutput> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const layers = forecastLayers(geo, createPointIndex(input.atm.lng, input.atm.lat), input.povertyFallback);
  const table = buildTrainingTable({ rows: input.rows, studyCounties: NYC_BOROUGH_BY_COUNTY, rule: DEFAULT_EXCLUSION_RULE, layers,
    povertyShareAt: (x, y) => input.povertyByPoint.get(`${x},${y}`) ?? null,
    composite: { reference: input.reference, weights: DEFAULT_WEIGHTS }, blockSizeM: FORECAST_PROTOCOL.blockSizeM });
  const cal = await calibrateForecast(table, { elsewhere: input.elsewhere, seeds: input.seeds, bootstrapReplicates: input.bootstrapReplicates, pause });
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { rows: table.n, model: cal.model, report: reportDto(cal.report, input.name, input.target, cpuSeconds), cpuSeconds,
    wallSeconds: (performance.now() - t0) / 1000 };
}

/** What a refit on a user's outcomes needs besides the geo data. */
export interface OutcomeRefitInput extends ForecastLayerInput {
  rows: OutcomeRow[];
  /** Today's branch set (the latest SOD year) the location features are measured against. */
  outlets: YearOutlets;
  /** CERTs of the outcomes' own network (its branches count as own), possibly empty. */
  ownCerts: number[];
  year: number;
  /** Per outcome row: its poverty share (null outside every NTA with one) and its group (borough, or "Outside NYC"). */
  povertyShare: (number | null)[];
  group: string[];
  name: string;
  target: string;
}

/** Refit the location model on a user's outcomes: validate (spatial blocks, leave-one-borough-out) and fit. */
export async function refitOutcomesFrom(geo: GeoData, input: OutcomeRefitInput): Promise<FitOutput> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const ctx = createForecastFeatureContext(forecastLayers(geo, createPointIndex(input.atm.lng, input.atm.lat), input.povertyFallback), input.outlets);
  const own = new Set(input.ownCerts);
  const outletCert = input.outlets.cert;
  const at = new Map(input.rows.map((r, k) => [`${r.lng},${r.lat}`, k] as const));
  const table = buildOutcomeTable(input.rows, ctx, {
    year: input.year, isOwn: (k) => own.has(outletCert[k]), isOwnCert: (c) => own.has(c),
    povertyShareAt: (x, y) => input.povertyShare[at.get(`${x},${y}`) ?? -1] ?? null,
    groupOf: (x, y) => input.group[at.get(`${x},${y}`) ?? -1] ?? 'Outside NYC',
  });
  const cal = await calibrateOutcomes(table, { pause });
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rows = input.rows;
  const report = reportDto({
    protocol: { ...FORECAST_PROTOCOL, exclusionRule: DEFAULT_EXCLUSION_RULE, sensitivityRule: DEFAULT_EXCLUSION_RULE, blocks: new Set(table.block).size,
      description: `${FORECAST_PROTOCOL.blockSizeM / 1000} km spatial blocks, ${FORECAST_PROTOCOL.seeds.length} seeds × ${FORECAST_PROTOCOL.folds} folds, λ by inner block CV; leave-one-borough-out; location features only (the outcomes carry no bank or age)` },
    n: { rows: table.n, testYearRows: table.n, byYear: { [table.years[0]]: table.n }, blocks: new Set(table.block).size },
    exclusion: [], variants: cal.validation.variants,
    sensitivity: null, targets: [],
    holdout: cal.validation.holdout.rows.map((r, k) => ({ branchId: r, cert: 0, institution: rows[r].id, group: table.group[r], lng: table.lng[r], lat: table.lat[r],
      predictedLog: cal.validation.holdout.predictedLog[k], actualLog: cal.validation.holdout.actualLog[k] })),
    coefficients: cal.model.features.map((feature, j) => ({ feature, coef: cal.model.coef[j], ci95: cal.model.coefCi95[j] })),
  }, input.name, input.target, cpuSeconds);
  report.sensitivity = null;
  report.protocol.exclusionRule = null;
  report.protocol.sensitivityRule = null;
  return { rows: table.n, model: cal.model, report, cpuSeconds, wallSeconds: (performance.now() - t0) / 1000 };
}
