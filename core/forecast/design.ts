import { bankEffectFor, fitBankEffects, type BankEffects, type ElsewhereMedians } from './bankEffect';
import { LOCATION_FEATURES, logAge } from './features';
import type { Design } from './ridge';
import type { TrainingTable } from './trainingTable';

/**
 * Location columns that read the deposits of the site's OWN institution's other branches. They stay out of the network
 * profile: averaged over a bank's branches, a held-out branch's deposits would reach its own forecast through its
 * neighbours' values (and the average would be a bank effect learned on held-out rows).
 */
export const OWN_DEPOSIT_FEATURES = ['ownNeighbourLogDeposits', 'ownNeighbourLogDepositsWide'] as const;

type ProfileLocation = Exclude<(typeof LOCATION_FEATURES)[number], (typeof OWN_DEPOSIT_FEATURES)[number]>;
const PROFILE_LOCATION = LOCATION_FEATURES.filter((f): f is ProfileLocation => !(OWN_DEPOSIT_FEATURES as readonly string[]).includes(f));

/** The age-spline columns ({@link ageHinge}). */
export const AGE_HINGE_FEATURES = ['logAgeHinge2', 'logAgeHinge5', 'logAgeHinge15'] as const;

/** The per-branch columns whose institution average forms the network profile: location (but {@link OWN_DEPOSIT_FEATURES}) and maturity. */
export const PROFILE_SOURCES = [...PROFILE_LOCATION, 'logAgeYears', 'youngerThan5Years', 'acquired'] as const;
export type ProfileSource = (typeof PROFILE_SOURCES)[number];
/** A network-profile column: the mean of one {@link PROFILE_SOURCES} column over the institution's study-area branches. */
export type ProfileFeature = `network:${ProfileSource}`;
/** The network-profile columns, in {@link PROFILE_SOURCES} order. */
export const PROFILE_FEATURES: readonly ProfileFeature[] = PROFILE_SOURCES.map((f): ProfileFeature => `network:${f}`);

/**
 * The forecast's base model columns: the location features, the bank effect (and whether it came from outside the
 * area), maturity, survey-year indicators (deposits grew between surveys; a candidate is forecast for the latest year).
 * The full model adds one network-profile column per location and maturity column ({@link PROFILE_FEATURES}; Y. Mundlak
 * 1978, "On the pooling of time series and cross section data", Econometrica 46(1)): the institution's average of that
 * column over its study-area branches of the same survey year. With the profile in the fit, each location coefficient
 * measures how a branch differs from its own network's typical site — the within-bank comparison an expansion team
 * makes — instead of mixing it with which banks choose which places. The profile never reads the institution's own
 * deposits (not the row's, not its other branches': {@link OWN_DEPOSIT_FEATURES} stay out), so it needs no fold-wise
 * learning.
 */
export const MODEL_FEATURES = [
  ...LOCATION_FEATURES, 'bankEffect', 'bankNewToArea', 'logAgeYears', 'youngerThan5Years', 'acquired', 'year2021', 'year2022', 'year2023',
  'compositeScore', ...AGE_HINGE_FEATURES,
] as const;
/**
 * A linear spline in ln(age): hinge columns max(0, ln age − ln k) at knots k = 2, 5 and 15 years (beside logAgeYears),
 * so deposits can grow fast in a branch's first years and level off later.
 */
export const AGE_HINGE_KNOTS_YEARS = { logAgeHinge2: 2, logAgeHinge5: 5, logAgeHinge15: 15 } as const;

/** Value of an age-hinge column for a branch aged `ageYearsValue`. */
export function ageHinge(f: keyof typeof AGE_HINGE_KNOTS_YEARS, ageYearsValue: number): number {
  return Math.max(0, logAge(ageYearsValue) - Math.log(AGE_HINGE_KNOTS_YEARS[f]));
}

/** Any model column: a base column or a network-profile column. */
export type ModelFeature = (typeof MODEL_FEATURES)[number] | ProfileFeature;

/** Survey years with an indicator column (2018 is the base level). */
export const YEAR_INDICATORS: readonly number[] = [2021, 2022, 2023];

/** A model variant: which columns enter the ridge fit (the full model, location alone, each baseline…). */
export interface Variant {
  id: string;
  label: string;
  features: readonly ModelFeature[];
}

const YEARS = ['year2021', 'year2022', 'year2023'] as const;
/** The bank-effect columns: always last in a variant, so the other columns stay fixed across folds. */
const BANK = ['bankEffect', 'bankNewToArea'] as const;
const LOCATION = LOCATION_FEATURES as readonly ModelFeature[];
/** Maturity: ln age, a linear spline in it (knots 2, 5, 15 years), the "younger than 5 years" flag, acquired. */
const MATURITY: readonly ModelFeature[] = ['logAgeYears', ...AGE_HINGE_FEATURES, 'youngerThan5Years', 'acquired'];

/** The full model: location + maturity + the network profile + bank effect (+ survey year). */
export const FULL_MODEL: Variant = {
  id: 'full', label: 'Location + bank effect + maturity + network profile',
  features: [...LOCATION, ...MATURITY, ...YEARS, ...PROFILE_FEATURES, ...BANK],
};

/** The model before the network profile (location + bank effect + maturity), kept in the table for comparison. */
export const NO_PROFILE_MODEL: Variant = {
  id: 'noProfile', label: 'Location + bank effect + maturity (no network profile)',
  features: [...LOCATION, ...MATURITY, ...YEARS, ...BANK],
};

/** The variants validated beside the full model, in table order (baselines last). */
export const VARIANTS: readonly Variant[] = [
  FULL_MODEL,
  NO_PROFILE_MODEL,
  { id: 'location', label: 'Location features alone', features: [...LOCATION, ...YEARS] },
  { id: 'locationMaturity', label: 'Location + maturity (no bank effect)', features: [...LOCATION, ...MATURITY, ...YEARS] },
  { id: 'baselineResidents', label: 'Baseline: residents within 1 km', features: ['logResidents1000m', ...YEARS] },
  { id: 'baselineHuff', label: 'Baseline: Huff-expected residents alone', features: ['logHuffExpectedResidents', ...YEARS] },
  { id: 'baselineComposite', label: "Baseline: today's weighted-criteria score", features: ['compositeScore', ...YEARS] },
  { id: 'baselineBank', label: 'Baseline: bank effect alone', features: [...YEARS, ...BANK] },
];

/** Whether a variant uses the bank effect (then it is re-learned on every training set). */
export function usesBankEffect(v: Variant): boolean {
  return v.features.includes('bankEffect');
}

/** How many of a variant's columns are fold-independent: all but the trailing bank-effect columns. @throws if they do not trail. */
export function staticColumns(v: Variant): number {
  const first = v.features.findIndex((f) => (BANK as readonly string[]).includes(f));
  if (first < 0) return v.features.length;
  if (!v.features.slice(first).every((f) => (BANK as readonly string[]).includes(f))) {
    throw new Error(`variant "${v.id}": the bank-effect columns must come last`);
  }
  return first;
}

/** Where each row's bank effect comes from in one fit. */
export interface BankEffectPlan {
  effects: BankEffects;
  elsewhere: ElsewhereMedians | undefined;
  /** 1 for a training row of this fit: its own branch is left out of its institution's effect. */
  isTraining: Uint8Array;
  /** The year whose elsewhere medians a row uses (the temporal hold-out uses the training year's for everyone). */
  elsewhereYear: (row: number) => number;
}

/** Age used when a row has no establishment date: 10 years (the mature age candidates are forecast at). */
export const UNKNOWN_AGE_YEARS = 10;

/**
 * The design matrix of one fit: the variant's columns for every row of the table. The bank-effect columns (last) are
 * computed from `bank.effects` — learned from that fit's training rows only.
 */
export function buildDesign(table: TrainingTable, variant: Variant, bank: BankEffectPlan | null): Design {
  const design = buildStaticDesign(table, variant);
  if (staticColumns(variant) < variant.features.length) {
    if (!bank) throw new Error(`buildDesign: variant "${variant.id}" needs a bank effect plan`);
    writeBankColumns(design, table, variant, bank);
  }
  return design;
}

/** The fold-independent columns of a variant's design for every row (bank-effect columns left at 0). */
export function buildStaticDesign(table: TrainingTable, variant: Variant): Design {
  const n = table.n, p = variant.features.length, L = LOCATION_FEATURES.length, ps = staticColumns(variant);
  const x = new Float64Array(n * p);
  const locIndex = new Map<string, number>(LOCATION_FEATURES.map((f, j) => [f, j]));
  const cols = variant.features.map((f) => locIndex.get(f) ?? -1);
  const profileCol = variant.features.map((f) => (PROFILE_FEATURES as readonly string[]).indexOf(f));
  const profiles = profileCol.some((j) => j >= 0) ? networkProfiles(table) : null;
  for (let r = 0; r < n; r++) {
    const o = r * p;
    for (let j = 0; j < ps; j++) {
      const c = cols[j];
      if (c >= 0) { x[o + j] = table.location.values[r * L + c]; continue; }
      if (profileCol[j] >= 0) { x[o + j] = profiles!.means[profiles!.rowProfile[r] * PROFILE_SOURCES.length + profileCol[j]]; continue; }
      const f = variant.features[j];
      switch (f) {
        case 'logAgeYears': x[o + j] = logAge(ageOf(table, r)); break;
        case 'youngerThan5Years': x[o + j] = ageOf(table, r) < 5 ? 1 : 0; break;
        case 'acquired': x[o + j] = table.acquired[r]; break;
        case 'year2021': x[o + j] = table.year[r] === 2021 ? 1 : 0; break;
        case 'year2022': x[o + j] = table.year[r] === 2022 ? 1 : 0; break;
        case 'year2023': x[o + j] = table.year[r] === 2023 ? 1 : 0; break;
        case 'compositeScore': x[o + j] = Number.isFinite(table.composite[r]) ? table.composite[r] : 0; break;
        case 'logAgeHinge2': case 'logAgeHinge5': case 'logAgeHinge15': x[o + j] = ageHinge(f, ageOf(table, r)); break;
        default: throw new Error(`buildStaticDesign: unknown feature ${f}`);
      }
    }
  }
  return { n, p, x };
}

/**
 * Write the bank-effect columns of `rows` (all rows when omitted) in place: each row's institution effect under
 * `bank` — a training row's own branch left out of its institution's mean ({@link bankEffectFor}).
 */
export function writeBankColumns(design: Design, table: TrainingTable, variant: Variant, bank: BankEffectPlan, rows?: ArrayLike<number>): void {
  const p = design.p, ps = staticColumns(variant);
  const kinds = variant.features.slice(ps);
  const count = rows ? rows.length : table.n;
  for (let k = 0; k < count; k++) {
    const r = rows ? rows[k] : k;
    const be = bankEffectFor(bank.effects, table.cert[r], bank.elsewhereYear(r), bank.elsewhere, bank.isTraining[r] ? table.branchId[r] : -1);
    for (let j = 0; j < kinds.length; j++) design.x[r * p + ps + j] = kinds[j] === 'bankEffect' ? be.effect : be.newToArea;
  }
}

/** Row r's value of a {@link PROFILE_SOURCES} column (location features as computed; maturity as in the design). */
export function profileSourceValue(table: TrainingTable, r: number, j: number): number {
  const L = LOCATION_FEATURES.length;
  const f = PROFILE_SOURCES[j];
  const loc = LOCATION_INDEX.get(f);
  if (loc !== undefined) return table.location.values[r * L + loc];
  if (f === 'logAgeYears') return logAge(ageOf(table, r));
  if (f === 'youngerThan5Years') return ageOf(table, r) < 5 ? 1 : 0;
  return table.acquired[r];
}

const LOCATION_INDEX = new Map<string, number>(LOCATION_FEATURES.map((f, j) => [f, j]));

/** Network profiles of a table: one per (institution, survey year). */
export interface NetworkProfiles {
  /** Per profile: CERT, year, branches averaged. */
  keys: { cert: number; year: number; branches: number }[];
  /** means[p · S + j] = the mean of PROFILE_SOURCES[j] over profile p's rows (S = PROFILE_SOURCES.length). */
  means: Float64Array;
  /** The profile of each row (its own institution and year). */
  rowProfile: Int32Array;
}

/**
 * The network profile of every (institution, survey year) of the table: the mean of each {@link PROFILE_SOURCES}
 * column over the institution's rows of that year (its study-area branches the exclusion rule keeps). Reads
 * features only, none of them the institution's own deposits, so every row, held out or not, gets its institution's
 * profile.
 */
export function networkProfiles(table: TrainingTable): NetworkProfiles {
  const S = PROFILE_SOURCES.length;
  const idOf = new Map<string, number>();
  const keys: NetworkProfiles['keys'] = [];
  const rowProfile = new Int32Array(table.n);
  for (let r = 0; r < table.n; r++) {
    const key = `${table.cert[r]}:${table.year[r]}`;
    let p = idOf.get(key);
    if (p === undefined) { idOf.set(key, (p = keys.length)); keys.push({ cert: table.cert[r], year: table.year[r], branches: 0 }); }
    keys[p].branches++;
    rowProfile[r] = p;
  }
  const means = new Float64Array(keys.length * S);
  for (let r = 0; r < table.n; r++) {
    const o = rowProfile[r] * S;
    for (let j = 0; j < S; j++) means[o + j] += profileSourceValue(table, r, j);
  }
  keys.forEach((k, p) => { for (let j = 0; j < S; j++) means[p * S + j] /= k.branches; });
  return { keys, means, rowProfile };
}

function ageOf(table: TrainingTable, r: number): number {
  const a = table.ageYears[r];
  return Number.isFinite(a) ? a : UNKNOWN_AGE_YEARS;
}

/** A bank-effect plan learned from `train` (indices), with training rows flagged for leave-own-branch-out. */
export function planBankEffects(table: TrainingTable, train: ArrayLike<number>, elsewhere: ElsewhereMedians | undefined,
  elsewhereYear?: (row: number) => number): BankEffectPlan {
  const isTraining = new Uint8Array(table.n);
  for (let k = 0; k < train.length; k++) isTraining[train[k]] = 1;
  return {
    effects: fitBankEffects({ cert: table.cert, branchId: table.branchId, logDeposits: table.logDeposits }, train),
    elsewhere, isTraining, elsewhereYear: elsewhereYear ?? ((r) => table.year[r]),
  };
}
