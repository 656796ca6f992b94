import { describe, expect, it } from 'vitest';
import type { AreaSpec } from '../../core/api/areas';
import { areaParam, gridFromParams, parseAreaParam } from './areaParam';

describe('study area in the address', () => {
  const drawn: AreaSpec = { polygon: { type: 'Polygon', coordinates: [[[-73.99, 40.7], [-73.95, 40.7], [-73.97, 40.74], [-73.99, 40.7]]] } };
  it.each<[AreaSpec, string]>([
    ['nyc', 'nyc'],
    [{ counties: ['36047', '36061'] }, 'counties:36047,36061'],
    [{ ntas: ['BK0101', 'MN0201'] }, 'ntas:BK0101,MN0201'],
    [{ bbox: [-74.1, 40.6, -73.9, 40.8] }, 'bbox:-74.1,40.6,-73.9,40.8'],
    [{ dataset: 'ds-42' }, 'dataset:ds-42'],
    [drawn, 'poly:[[[-73.99,40.7],[-73.95,40.7],[-73.97,40.74],[-73.99,40.7]]]'],
  ])('%j ⇄ %s, also through URLSearchParams', (spec, text) => {
    expect(areaParam(spec)).toBe(text);
    const q = new URLSearchParams({ area: areaParam(spec) });
    expect(parseAreaParam(new URLSearchParams(q.toString()).get('area'))).toEqual(spec);
  });
  it('rejects what the API would reject', () => {
    for (const bad of ['', 'paris', 'counties:', 'counties:3604', 'ntas:bk0101', 'bbox:1,2,3', 'bbox:-73,40,-74,41', 'poly:[[[0,0],[1,1]', 'poly:[[[0,0],[1,0],[0,0]]]']) {
      expect(parseAreaParam(bad)).toBeNull();
    }
  });
  it('takes the resolution from res (8–10) and keeps the current one otherwise', () => {
    const cur = { resolution: 9 as const, area: 'nyc' as const };
    expect(gridFromParams(new URLSearchParams('area=counties:36047&res=8'), cur)).toEqual({ resolution: 8, area: { counties: ['36047'] } });
    expect(gridFromParams(new URLSearchParams('area=counties:36047&res=7'), cur)).toEqual({ resolution: 9, area: { counties: ['36047'] } });
    expect(gridFromParams(new URLSearchParams('res=8'), cur)).toBeNull();
  });
});
