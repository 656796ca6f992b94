import { describe, expect, it } from 'vitest';
import { parseSitesUrl, sitesUrlPatch } from './useSitesUrl';

const base = {
  weights: { transit: 0.3, demand: 0.4, competition: 0.3 }, selectedId: '892a100d2c3ffff',
  visible: { candidates: true, demand: false, stops: false, competitors: true, own: true }, opacity: 1, ramp: 'default' as const,
  view: null, network: '1234',
};

describe('Site scoring address: scoring mode', () => {
  it('keeps deposit-forecast mode and its parameter set through a reload', () => {
    const patch = sitesUrlPatch({ ...base, mode: 'forecast', parameterSet: 'deposits-10y' });
    expect(patch.mode).toBe('forecast');
    expect(patch.pset).toBe('deposits-10y');
    const q = new URLSearchParams(Object.entries(patch).filter((e): e is [string, string] => e[1] != null));
    const back = parseSitesUrl(q);
    expect(back.mode).toBe('forecast');
    expect(back.parameterSet).toBe('deposits-10y');
    expect(back.network).toBe('1234');
    expect(back.selectedId).toBe('892a100d2c3ffff');
  });
  it('leaves weighted criteria (the default) and any parameter set out of the address', () => {
    const patch = sitesUrlPatch({ ...base, mode: 'criteria', parameterSet: 'deposits-10y' });
    expect(patch.mode).toBeNull();
    expect(patch.pset).toBeNull();
    expect(parseSitesUrl(new URLSearchParams('w=30,40,30')).mode).toBeNull();
    expect(parseSitesUrl(new URLSearchParams('mode=bogus&pset=')).mode).toBeNull();
    expect(parseSitesUrl(new URLSearchParams('mode=bogus&pset=')).parameterSet).toBeNull();
  });
});
