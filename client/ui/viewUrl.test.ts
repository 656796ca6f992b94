import { describe, expect, it } from 'vitest';
import { hashPath, hashQuery, hashWith, mapViewParam, parseMapViewParam, parseWeightsParam, weightsParam } from './viewUrl';

describe('view state in the address (hash query)', () => {
  it('splits path and query and merges a patch, deleting keys set to null', () => {
    expect(hashPath('#/sites?w=1')).toBe('sites');
    expect(hashPath('#/coverage/abc?a=today')).toBe('coverage/abc');
    expect(hashPath('')).toBe('');
    expect(hashQuery('#/sites?sel=8a2a1072b59ffff&map=1,2,3').get('sel')).toBe('8a2a1072b59ffff');
    expect(hashWith('#/sites?a=1&c=3', { b: '2', a: null })).toBe('#/sites?c=3&b=2');
    expect(hashWith('#/sites?a=1', { a: null })).toBe('#/sites');
    expect(hashWith('#/sites', { net: 'cert:628' })).toBe('#/sites?net=cert%3A628');
    expect(hashQuery(hashWith('#/sites', { net: 'cert:628' })).get('net')).toBe('cert:628');
  });
  it('weights round-trip exactly (the same ranking after a reload); anything not summing to 1 is refused', () => {
    const w = { transit: 0.1 + 0.2, demand: 0.45, competition: 1 - (0.1 + 0.2) - 0.45 };
    expect(parseWeightsParam(weightsParam(w))).toEqual(w);
    expect(weightsParam({ transit: 0.3, demand: 0.4, competition: 0.3 })).toBe('0.3,0.4,0.3');
    expect(parseWeightsParam('0.5,0.5,0.5')).toBeNull();
    expect(parseWeightsParam('0.5,0.5')).toBeNull();
    expect(parseWeightsParam('-0.5,1,0.5')).toBeNull();
    expect(parseWeightsParam('x,0.5,0.5')).toBeNull();
    expect(parseWeightsParam(null)).toBeNull();
  });
  it('map views are lng,lat,zoom with 5 / 5 / 2 decimals; out-of-range views are refused', () => {
    expect(mapViewParam({ lng: -73.985123456, lat: 40.7581234, zoom: 12.3456 })).toBe('-73.98512,40.75812,12.35');
    expect(parseMapViewParam('-73.98512,40.75812,12.35')).toEqual({ lng: -73.98512, lat: 40.75812, zoom: 12.35 });
    expect(parseMapViewParam('-73.9,95,12')).toBeNull();
    expect(parseMapViewParam('-73.9,40.7')).toBeNull();
    expect(parseMapViewParam('a,b,c')).toBeNull();
  });
});
