import { describe, expect, it } from 'vitest';
import { featureValueInUnits } from './featureUnits';
import { LOCATION_FEATURES } from './features';

describe('featureValueInUnits', () => {
  it('undoes each transform of core/forecast/features.ts', () => {
    expect(featureValueInUnits('logResidents1000m', Math.log1p(41_250))).toEqual({ value: expect.closeTo(41_250, 6), unit: 'residents' });
    expect(featureValueInUnits('logCompetitors500m', Math.log1p(3))).toEqual({ value: expect.closeTo(3, 12), unit: 'count' });
    expect(featureValueInUnits('logOwnBranches250m', 0)).toEqual({ value: 0, unit: 'count' });
    // distances: ln(max(d, 100 m))
    expect(featureValueInUnits('logDistanceCoreDistrictM', Math.log(2500))).toEqual({ value: expect.closeTo(2500, 9), unit: 'distanceM' });
    // a deposit level: mean ln deposits in USD thousands → USD ($95 M)
    expect(featureValueInUnits('neighbourLogDeposits', Math.log(95_000))!.value).toBeCloseTo(95_000_000, 3);
    expect(featureValueInUnits('povertyShare', 0.18)).toEqual({ value: 0.18, unit: 'share' });
    expect(featureValueInUnits('logAgeYears', Math.log(10))).toEqual({ value: expect.closeTo(10, 12), unit: 'years' });
    expect(featureValueInUnits('year2023', 1)).toEqual({ value: 1, unit: 'flag' });
    // a network-profile column reads as its feature
    expect(featureValueInUnits('network:logCompetitors1000m', Math.log1p(12))).toEqual({ value: expect.closeTo(12, 12), unit: 'count' });
  });

  it('has a unit for every location feature, and none for the bank effect or an age hinge', () => {
    for (const f of LOCATION_FEATURES) expect(featureValueInUnits(f, 1), f).not.toBeNull();
    expect(featureValueInUnits('bankEffect', 0.3)).toBeNull();
    expect(featureValueInUnits('logAgeHinge5', 0.7)).toBeNull();
    expect(featureValueInUnits('logResidents500m', NaN)).toBeNull();
  });
});
