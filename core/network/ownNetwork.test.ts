import { describe, expect, it } from 'vitest';
import { NetworkInputError, resolveOwnNetwork } from './ownNetwork';

// Four branches with valid coordinates: two of CERT 628 (holding company 1039502), one of CERT 7 (same holding
// company), one of CERT 9 without a holding company.
const branches = {
  size: 4,
  cert: Int32Array.from([628, 9, 628, 7]),
  rssdhcr: [1039502, null, 1039502, 1039502],
  institutionName: ['JPMorgan Chase Bank', 'Tiny Bank', 'JPMorgan Chase Bank', 'Chase Bank USA'],
  holdingCompany: ['JPMORGAN CHASE&CO', null, 'JPMORGAN CHASE&CO', 'JPMORGAN CHASE&CO'],
};

describe('resolveOwnNetwork', () => {
  it('an institution: its branches, flags and FDIC name; the count is the branches given (valid coordinates)', () => {
    const r = resolveOwnNetwork(branches, 'cert:628');
    expect(r.positions).toEqual([0, 2]);
    expect([...r.own]).toEqual([1, 0, 1, 0]);
    expect(r.info).toEqual({ id: 'cert:628', kind: 'institution', name: 'JPMorgan Chase Bank', branches: 2 });
  });
  it('a holding company includes every bank it holds', () => {
    const r = resolveOwnNetwork(branches, 'hc:1039502');
    expect(r.positions).toEqual([0, 2, 3]);
    expect(r.info).toEqual({ id: 'hc:1039502', kind: 'holdingCompany', name: 'JPMORGAN CHASE&CO', branches: 3 });
  });
  it('a malformed or unknown id is an input error naming the field', () => {
    expect(() => resolveOwnNetwork(branches, 'bank:1', 'network')).toThrow(NetworkInputError);
    const err = (() => { try { resolveOwnNetwork(branches, 'cert:12345', 'baseNetwork'); } catch (e) { return e as NetworkInputError; } })()!;
    expect(err.field).toBe('baseNetwork');
    expect(err.message).toMatch(/unknown institution "cert:12345".*CERT 12345/);
    expect(() => resolveOwnNetwork(branches, 'hc:9')).toThrow(/unknown holding company "hc:9"/);
  });
});
