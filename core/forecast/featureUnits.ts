/**
 * A forecast feature's value in the unit a reader knows (core/forecast/features.ts builds them): counts and residents
 * enter the model as ln(1 + x), distances as ln(max(d, 100 m)), the neighbours' deposit levels as Gaussian-weighted
 * mean ln deposits in USD thousands (the SOD unit), the branch age as ln(years). This undoes those transforms so the
 * breakdown can say "12,345 here · 8,000 at a typical branch". A network-profile column (`network:<feature>`) is the
 * network's average of `<feature>` and reads in the same unit. The fitted branches' mean of a ln feature maps to the
 * geometric mean (a typical branch, not the arithmetic mean).
 */
export type FeatureUnit = 'residents' | 'count' | 'share' | 'distanceM' | 'depositsUsd' | 'weight' | 'transit' | 'years' | 'flag';

/** A feature value in its reader's unit: `value` in `unit` (residents, branches or ATMs as a count, 0–1 share, metres, USD, years, 0/1). */
export interface FeatureValue {
  value: number;
  unit: FeatureUnit;
}

const LN1P: Record<string, FeatureUnit> = {
  logResidents500m: 'residents', logResidents1000m: 'residents', logResidents2000m: 'residents', logResidentDensity: 'residents',
  logHuffExpectedResidents: 'residents',
  logCompetitors250m: 'count', logCompetitors500m: 'count', logCompetitors1000m: 'count',
  logOwnBranches250m: 'count', logOwnBranches500m: 'count', logOwnBranches1000m: 'count',
  logAtms500m: 'count', logAbsorbedClosures: 'count', logOwnYoungBranches1000m: 'count',
  logNeighbourWeight: 'weight', logOwnNeighbourWeight: 'weight', logOwnNeighbourWeightWide: 'weight',
  logTransitAccess: 'transit',
};
const LOG_DEPOSITS_K = new Set(['neighbourLogDeposits', 'ownNeighbourLogDeposits', 'neighbourLogDepositsWide', 'ownNeighbourLogDepositsWide']);
const FLAGS = new Set(['youngerThan5Years', 'acquired', 'year2021', 'year2022', 'year2023', 'bankNewToArea']);

/**
 * `x` (the model's value of `feature`) in its reader's unit, or null for a feature with no such unit (the bank
 * effect, the age hinges, today's composite score) or a value that is not finite.
 * @example featureValueInUnits('logCompetitors500m', Math.log1p(3)) // { value: 3, unit: 'count' }
 * @example featureValueInUnits('logDistanceCoreDistrictM', Math.log(2500)) // { value: 2500, unit: 'distanceM' }
 * @example featureValueInUnits('neighbourLogDeposits', Math.log(95_000)) // { value: 95_000_000, unit: 'depositsUsd' }
 */
export function featureValueInUnits(feature: string, x: number): FeatureValue | null {
  if (!Number.isFinite(x)) return null;
  const f = feature.startsWith('network:') ? feature.slice('network:'.length) : feature;
  const ln1p = LN1P[f];
  if (ln1p) return { value: Math.max(0, Math.expm1(x)), unit: ln1p };
  if (LOG_DEPOSITS_K.has(f)) return { value: Math.exp(x) * 1000, unit: 'depositsUsd' };
  if (f === 'logDistanceCoreDistrictM' || f === 'logDistanceRegionalDistrictM') return { value: Math.exp(x), unit: 'distanceM' };
  if (f === 'povertyShare') return { value: x, unit: 'share' };
  if (f === 'logAgeYears') return { value: Math.exp(x), unit: 'years' };
  if (FLAGS.has(f)) return { value: x, unit: 'flag' };
  return null;
}
