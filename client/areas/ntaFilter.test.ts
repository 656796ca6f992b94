import { describe, expect, it } from 'vitest';
import type { NtaDto } from '../api/areas';
import { ntaBoroughOf, ntaOptions } from './ntaFilter';

const NTAS: NtaDto[] = [
  { code: 'BK0101', name: 'Greenpoint', borough: 'Brooklyn', countyFips: '36047' },
  { code: 'BK0102', name: 'Williamsburg', borough: 'Brooklyn', countyFips: '36047' },
  { code: 'MN0201', name: 'Greenwich Village', borough: 'Manhattan', countyFips: '36061' },
  { code: 'QN0101', name: 'Astoria (North)-Ditmars-Steinway', borough: 'Queens', countyFips: '36081' },
];

describe('neighbourhoods listed in the study-area picker', () => {
  it('one borough chosen narrows the list to its neighbourhoods', () => {
    expect(ntaBoroughOf({ counties: ['36047'] }, NTAS)).toBe('36047');
    expect(ntaOptions(NTAS, '36047', '').map((n) => n.code)).toEqual(['BK0101', 'BK0102']);
    // the name search applies within the borough: "Green" matches Greenwich Village only outside Brooklyn
    expect(ntaOptions(NTAS, '36047', 'green').map((n) => n.code)).toEqual(['BK0101']);
    expect(ntaOptions(NTAS, null, 'green').map((n) => n.code)).toEqual(['BK0101', 'MN0201']);
  });
  it('neighbourhoods of one borough keep that borough; of two, or a non-borough area, list everything', () => {
    expect(ntaBoroughOf({ ntas: ['BK0101', 'BK0102'] }, NTAS)).toBe('36047');
    expect(ntaBoroughOf({ ntas: ['BK0101', 'MN0201'] }, NTAS)).toBeNull();
    expect(ntaBoroughOf({ ntas: ['BK0101'] }, null)).toBeNull(); // list not loaded yet
    expect(ntaBoroughOf('nyc', NTAS)).toBeNull();
    expect(ntaBoroughOf({ counties: ['36047', '36061'] }, NTAS)).toBeNull();
    expect(ntaBoroughOf({ counties: ['17031'] }, NTAS)).toBeNull(); // Cook County, Illinois
    expect(ntaOptions(NTAS, null, '')).toHaveLength(4);
  });
  it('caps the list at the limit', () => {
    expect(ntaOptions(NTAS, null, '', 3)).toHaveLength(3);
  });
});
