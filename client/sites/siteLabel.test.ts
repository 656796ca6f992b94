import { describe, expect, it } from 'vitest';
import type { BasemapLabel } from '../../core/api/basemap';
import { nearestNeighbourhood } from './siteLabel';

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
