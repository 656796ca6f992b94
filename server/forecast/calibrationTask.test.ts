import { describe, expect, it } from 'vitest';
import type { SodBranchYear } from '../../core/forecast/trainingTable';
import { packShared, unpackShared } from '../work/sharedResource';
import { sodRowsFromColumns, sodRowsToColumns, type SodRowColumns } from './calibrationTask';

describe('SOD rows as packed columns (the calibration posted to a compute worker)', () => {
  it('give back the same rows: nulls, NaN coordinates and booleans included', async () => {
    const rows: SodBranchYear[] = Array.from({ length: 600 }, (_, i) => ({
      year: 2019 + (i % 5), branchId: 100_000 + i, cert: 628 + (i % 7), institutionName: i % 3 ? `Bank ${i % 11}` : 'JPMorgan Chase Bank, N.A.',
      countyFips: ['36061', '36047', '34017'][i % 3], depositsK: i * 1234.5, institutionDepositsDomK: i % 4 === 0 ? null : 1e6 + i,
      serviceType: i % 2 ? 11 : 12, isMainOffice: i % 50 === 0, openedDay: i % 5 === 0 ? null : 10_000 + i, acquiredDay: i % 9 === 0 ? 12_000 + i : null,
      lng: i % 97 === 0 ? NaN : -74 + i / 1e4, lat: i % 97 === 0 ? NaN : 40.7 + i / 1e4, validCoords: i % 97 !== 0,
    }));
    const packed = await packShared(sodRowsToColumns(rows), async () => undefined);
    const back = sodRowsFromColumns(unpackShared(structuredClone(packed)) as SodRowColumns);
    expect(back).toEqual(rows);
    expect(back[0]).toEqual({ year: 2019, branchId: 100_000, cert: 628, institutionName: 'JPMorgan Chase Bank, N.A.', countyFips: '36061', depositsK: 0,
      institutionDepositsDomK: null, serviceType: 12, isMainOffice: true, openedDay: null, acquiredDay: 12_000, lng: NaN, lat: NaN, validCoords: false });
    expect(Object.keys(back[1])).toEqual(Object.keys(rows[1])); // the same field order (JSON of the rows is unchanged)
  });
});
