import { describe, expect, it } from 'vitest';
import type { Institution } from '../api/sites';
import { matchInstitutions } from './NetworkPicker';

const list: Institution[] = [
  { id: 'cert:628', kind: 'institution', name: 'JPMorgan Chase Bank, National Association', holdingCompany: 'JPMORGAN CHASE & CO.', branches: 4876 },
  { id: 'hc:1039502', kind: 'holdingCompany', name: 'JPMORGAN CHASE & CO.', holdingCompany: 'JPMORGAN CHASE & CO.', branches: 4880 },
  { id: 'cert:3510', kind: 'institution', name: 'Bank of America, National Association', holdingCompany: 'BANK OF AMERICA CORP', branches: 3800 },
  { id: 'cert:99', kind: 'institution', name: 'Banco Popular de Puerto Rico', holdingCompany: null, branches: 150 },
];

describe('matchInstitutions', () => {
  it('matches every word, case- and accent-insensitively, largest networks first', () => {
    expect(matchInstitutions(list, 'chase').map((i) => i.id)).toEqual(['hc:1039502', 'cert:628']);
    expect(matchInstitutions(list, 'BANK america').map((i) => i.id)).toEqual(['cert:3510']);
    expect(matchInstitutions(list, 'bánco').map((i) => i.id)).toEqual(['cert:99']);
    expect(matchInstitutions(list, 'cert:3510').map((i) => i.id)).toEqual(['cert:3510']);
    expect(matchInstitutions(list, 'nothing like it')).toEqual([]);
  });
  it('lists the largest networks for an empty query, up to the limit', () => {
    expect(matchInstitutions(list, '  ', 2).map((i) => i.id)).toEqual(['hc:1039502', 'cert:628']);
  });
});
