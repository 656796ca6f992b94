/**
 * The deposit forecast's rules as data (issue "Scores that predict real branches", SITE-MODEL.md "Validating the
 * model on real outcomes — and forecasting"): which SOD rows are retail branches to learn from, the named business
 * districts, and the validation protocol's constants. Everything here is echoed in a parameter set's `fit.protocol`.
 */

/**
 * Which SOD rows are retail branches the forecast learns from. Default: full service (BRSERTYP 11 or 12), not the
 * institution's main office, 0 < DEPSUMBR ≤ $5 bn (head-office-booked outliers out: SOURCE.md counts 20 NYC
 * branches above $5 bn holding $1.35 trn). This leaves 1,392 of the 1,478 NYC branches of 2023.
 * Sensitivity: also drop a branch that books more than 10 % of its institution's domestic deposits (`DEPDOM`).
 */
export interface ExclusionRule {
  /** Kept FDIC service types (BRSERTYP). */
  serviceTypes: readonly number[];
  /** Drop the institution's main office (BKMO = 1). */
  dropMainOffice: boolean;
  /** Keep deposits strictly above this (USD thousands). */
  minDepositsExclusiveK: number;
  /** Keep deposits up to and including this (USD thousands). */
  maxDepositsK: number;
  /** Drop a branch holding more than this share of its institution's DEPDOM; null = no such rule. */
  maxShareOfInstitutionDeposits: number | null;
}

export const DEFAULT_EXCLUSION_RULE: Readonly<ExclusionRule> = Object.freeze({
  serviceTypes: Object.freeze([11, 12]),
  dropMainOffice: true,
  minDepositsExclusiveK: 0,
  maxDepositsK: 5_000_000,
  maxShareOfInstitutionDeposits: null,
});

/** The sensitivity row's stricter rule: the default plus "no branch over 10 % of its institution's DEPDOM". */
export const DEPDOM_SHARE_EXCLUSION_RULE: Readonly<ExclusionRule> = Object.freeze({ ...DEFAULT_EXCLUSION_RULE, maxShareOfInstitutionDeposits: 0.1 });

/** Why a row is not a training row (null = kept). */
export type ExclusionReason = 'invalidCoordinates' | 'serviceType' | 'mainOffice' | 'noDeposits' | 'overMaxDeposits' | 'overInstitutionShare';

/** The fields of an SOD row the exclusion rule reads. */
export interface ExclusionFields {
  validCoords: boolean;
  serviceType: number;
  isMainOffice: boolean;
  /** DEPSUMBR, USD thousands. */
  depositsK: number;
  /** The institution's DEPDOM, USD thousands (null when not reported). */
  institutionDepositsDomK: number | null;
}

/**
 * The first rule a row fails, in the order invalid coordinates → service type → main office → deposits ≤ min →
 * deposits > max → share of DEPDOM; null when the row is kept. A row whose DEPDOM is missing or 0 passes the share rule.
 */
export function exclusionReason(row: ExclusionFields, rule: ExclusionRule): ExclusionReason | null {
  if (!row.validCoords) return 'invalidCoordinates';
  if (!rule.serviceTypes.includes(row.serviceType)) return 'serviceType';
  if (rule.dropMainOffice && row.isMainOffice) return 'mainOffice';
  if (!(row.depositsK > rule.minDepositsExclusiveK)) return 'noDeposits';
  if (row.depositsK > rule.maxDepositsK) return 'overMaxDeposits';
  if (rule.maxShareOfInstitutionDeposits !== null && row.institutionDepositsDomK && row.institutionDepositsDomK > 0 &&
    row.depositsK > rule.maxShareOfInstitutionDeposits * row.institutionDepositsDomK) return 'overInstitutionShare';
  return null;
}

/** One named business district (job centre): the forecast's distance features measure to the nearest of each tier. */
export interface BusinessDistrict {
  name: string;
  /** `core`: the three largest office districts; `regional`: the city's regional business districts. */
  tier: 'core' | 'regional';
  lng: number;
  lat: number;
}

/**
 * NYC's business districts, a stand-in for the job-density layer the data does not have (residents-only demand
 * under-counts them; median deposits within 1.5 km of Midtown, FiDi or Downtown Brooklyn: $257 M vs $143 M elsewhere).
 * Core: Midtown (5th Ave & 47th St), Lower Manhattan (Wall St & Broad St), Downtown Brooklyn (Borough Hall / MetroTech).
 * Regional: the regional business districts named by NYC Department of City Planning — Long Island City (Court Sq),
 * Jamaica Center, Flushing (Main St & Roosevelt Ave), the Hub (E 149th St & 3rd Ave, the Bronx), St. George (Staten Island).
 * Points placed by hand at each district's centre (±200 m).
 */
export const NYC_BUSINESS_DISTRICTS: readonly BusinessDistrict[] = Object.freeze([
  { name: 'Midtown', tier: 'core', lng: -73.9787, lat: 40.757 },
  { name: 'Lower Manhattan (FiDi)', tier: 'core', lng: -74.0107, lat: 40.7069 },
  { name: 'Downtown Brooklyn', tier: 'core', lng: -73.9866, lat: 40.6936 },
  { name: 'Long Island City', tier: 'regional', lng: -73.9447, lat: 40.747 },
  { name: 'Jamaica Center', tier: 'regional', lng: -73.8016, lat: 40.7025 },
  { name: 'Flushing', tier: 'regional', lng: -73.8303, lat: 40.7596 },
  { name: 'The Hub (Bronx)', tier: 'regional', lng: -73.9177, lat: 40.8163 },
  { name: 'St. George', tier: 'regional', lng: -74.0776, lat: 40.6437 },
] as BusinessDistrict[]);

/** The five NYC counties and their boroughs (FIPS → name): the study area and the leave-one-borough-out groups. */
export const NYC_BOROUGH_BY_COUNTY: Readonly<Record<string, string>> = Object.freeze({
  '36005': 'Bronx', '36047': 'Brooklyn', '36061': 'Manhattan', '36081': 'Queens', '36085': 'Staten Island',
});

/** The validation protocol's constants (echoed in `fit.protocol`). */
export const FORECAST_PROTOCOL = Object.freeze({
  /** Spatial blocks: a square grid of this side, metres (all years of one branch share its block). */
  blockSizeM: 2000,
  folds: 5,
  seeds: Object.freeze([1, 2, 3, 4, 5]),
  /** Inner cross-validation folds (blocks of the training rows) choosing λ. */
  innerFolds: 4,
  /** Institutions with at least this many NYC branches in the test year enter the within-bank ρ. */
  withinBankMinBranches: 20,
  /** Block-bootstrap replicates for the 95 % intervals. */
  bootstrapReplicates: 200,
  /** The evaluation year (held-out forecasts are compared with this year's deposits). */
  testYear: 2023,
  /** Temporal hold-out: fit on this year only; test on test-year branches established after its 30 June. */
  temporalTrainYear: 2018,
  /** Age at which candidate sites are forecast, years. */
  matureAgeYears: 10,
  /** Prediction interval from hold-out residual quantiles. */
  intervalLevel: 0.8,
});
