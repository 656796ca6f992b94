import { describe, expect, it } from 'vitest';
import { addedSite as addedSiteInput } from '../../core/api/coverage';
import { addedSiteFrom } from './AddToScenario';

describe('addedSiteFrom', () => {
  it('keeps the scored site id and exact coordinates, names it by its label', () => {
    const s = addedSiteFrom({ id: '892a100d2c3ffff', lng: -73.914183, lat: 40.839127 }, ' Mount Eden-Claremont (West) ');
    expect(s).toEqual({ id: '892a100d2c3ffff', lng: -73.914183, lat: 40.839127, name: 'Mount Eden-Claremont (West)' });
    expect(addedSiteInput.parse(s)).toEqual(s);
  });
  it('fits the scenario contract: id ≤ 64 characters, name ≤ 200, no empty name', () => {
    const s = addedSiteFrom({ id: 'x'.repeat(80), lng: 1, lat: 2 }, 'n'.repeat(300));
    expect(s.id).toHaveLength(64);
    expect(s.name).toHaveLength(200);
    expect(addedSiteInput.safeParse(s).success).toBe(true);
    expect(addedSiteFrom({ id: 'a', lng: 1, lat: 2 }, '   ').name).toBeUndefined();
  });
});
