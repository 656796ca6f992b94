import { nearest } from '../geo/pointIndex';
import { LOCATION_FEATURES, computeLocationFeatures, type ForecastFeatureContext, type ForecastSite } from './features';
import { fitForecastModel, type ForecastModel } from './model';
import { FORECAST_PROTOCOL } from './protocol';
import { blockId, type TrainingTable } from './trainingTable';
import { validateForecast, type VariantValidation } from './validation';
import type { Variant } from './design';

/**
 * Refit on the user's own outcomes (issue "Scores that predict real branches", item 6): a bank knows its own branches'
 * deposits, accounts or visits. Each row (`id, lng, lat, outcome > 0`) gets the same location features as any site
 * (core/forecast/features.ts) against today's branch set — its own branch (the network's outlet within
 * {@link SELF_MATCH_M}) left out — and ln(outcome) is fitted by the same standardised ridge, validated by the same
 * spatial-block protocol (no bank effect or maturity: the rows carry neither).
 */

/** A user's outcome at a place. */
export interface OutcomeRow {
  id: string;
  lng: number;
  lat: number;
  outcome: number;
}

/** A row within this distance of an outlet of the user's network is that outlet (left out of its own features), metres. */
export const SELF_MATCH_M = 50;

/** The location-only model fitted on outcomes, and its baseline. */
export const OUTCOME_VARIANTS: readonly Variant[] = [
  { id: 'full', label: 'Location features', features: [...LOCATION_FEATURES] },
  { id: 'baselineResidents', label: 'Baseline: residents within 1 km', features: ['logResidents1000m'] },
];

/**
 * The outcome rows as a training table for `year` (today's branch set, `ctx`). `isOwn` marks the user's network (by
 * outlet; `isOwnCert` by CERT, for closed offices);
 * `groupOf` names each row's area for leave-one-area-out (e.g. its borough).
 * @throws naming the row when an outcome is not > 0.
 */
export function buildOutcomeTable(rows: readonly OutcomeRow[], ctx: ForecastFeatureContext, opts: { year: number; isOwn: (k: number) => boolean; isOwnCert: (cert: number) => boolean;
  povertyShareAt: (lng: number, lat: number) => number | null; groupOf: (lng: number, lat: number) => string }): TrainingTable {
  const n = rows.length;
  rows.forEach((r, k) => { if (!(r.outcome > 0)) throw new Error(`outcome row ${k + 1} (${r.id}): outcome must be > 0, got ${r.outcome}`); });
  const sites: ForecastSite[] = rows.map((r) => {
    const self = nearest(ctx.outlets.index, r.lng, r.lat, SELF_MATCH_M, opts.isOwn);
    return { lng: r.lng, lat: r.lat, selfOutlet: self ? self.i : -1, isOwn: opts.isOwn, isOwnCert: opts.isOwnCert, povertyShare: opts.povertyShareAt(r.lng, r.lat) };
  });
  const location = computeLocationFeatures(ctx, sites);
  const f64 = (fn: (r: OutcomeRow, k: number) => number) => Float64Array.from(rows, fn);
  const group = rows.map((r) => opts.groupOf(r.lng, r.lat));
  return {
    n, year: new Int32Array(n).fill(opts.year), branchId: f64((_, k) => k), cert: new Int32Array(n), institutionName: rows.map(() => 'own'),
    countyFips: rows.map(() => ''), group, lng: f64((r) => r.lng), lat: f64((r) => r.lat), depositsK: f64((r) => r.outcome),
    institutionDepositsDomK: new Float64Array(n).fill(NaN), logDeposits: f64((r) => Math.log(r.outcome)), ageYears: new Float64Array(n).fill(NaN),
    openedDay: new Float64Array(n).fill(NaN), acquired: new Uint8Array(n),
    block: Int32Array.from(rows, (r) => blockId(r.lng, r.lat, FORECAST_PROTOCOL.blockSizeM)),
    location, composite: new Float64Array(n).fill(NaN), exclusion: [], presentByYear: new Map(), years: [opts.year],
  };
}

/** Validate and fit the location model on an outcome table. */
export async function calibrateOutcomes(table: TrainingTable, opts: { seeds?: readonly number[]; bootstrapReplicates?: number; pause?: () => Promise<void> } = {}) {
  const year = table.years[0];
  const v = await validateForecast(table, { variants: OUTCOME_VARIANTS, testYear: year, temporalTrainYear: year - 100, withinBankMinBranches: Infinity,
    seeds: opts.seeds, bootstrapReplicates: opts.bootstrapReplicates, pause: opts.pause });
  const model: ForecastModel = fitForecastModel(table, { residualsLog: v.residualsLog, variant: OUTCOME_VARIANTS[0], forecastYear: year, targetScale: 1, bootstrap: 50 });
  const full: VariantValidation = v.variants[0];
  return { model, validation: v, full, baseline: v.variants[1] };
}
