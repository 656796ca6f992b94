import { describe, expect, it } from 'vitest';
import type { BasemapLabel } from '../../core/api/basemap';
import { nearestNeighbourhood, siteNeighbourhood } from './siteLabel';

const labels: BasemapLabel[] = [
  { kind: 'borough', code: '3', name: 'Manhattan', lng: -73.9672, lat: 40.7772 },
  { kind: 'neighborhood', code: 'MN0502', name: 'Midtown-Times Square', lng: -73.9855, lat: 40.7565 },
  { kind: 'neighborhood', code: 'MN0501', name: 'Financial District-Battery Park City', lng: -74.0125, lat: 40.7075 },
];

describe('nearestNeighbourhood', () => {
  it('names the closest NTA label point and ignores borough labels', () => {
    expect(nearestNeighbourhood(labels, -73.9857, 40.7484)).toBe('Midtown-Times Square'); // Empire State, ≈ 900 m away
    expect(nearestNeighbourhood(labels, -74.011, 40.706)).toBe('Financial District-Battery Park City');
  });
  it('returns null beyond the distance limit', () => {
    expect(nearestNeighbourhood(labels, -73.9857, 40.7484, 500)).toBeNull();
    expect(nearestNeighbourhood(labels, -118.24, 34.05)).toBeNull();
  });
});

describe('siteNeighbourhood', () => {
  it('names a cell by the NTA polygon the server placed it in, before the nearest label point', () => {
    // the Empire State's nearest label point is Midtown-Times Square's; the server's polygon lookup says otherwise
    expect(siteNeighbourhood({ lng: -73.9857, lat: 40.7484, place: { neighbourhood: 'Midtown South-Flatiron-Union Square' } }, labels))
      .toBe('Midtown South-Flatiron-Union Square');
    expect(siteNeighbourhood({ lng: -73.9857, lat: 40.7484, place: { neighbourhood: null } }, labels)).toBe('Midtown-Times Square');
    expect(siteNeighbourhood({ lng: -73.9857, lat: 40.7484 }, null)).toBeNull();
  });
});

