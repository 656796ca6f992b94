import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { haversineM } from '../../core/geo/haversine';
import { cellPolygon, demandRows, outletMarker, stopRadiusM, stopRows } from './siteLayers';

describe('site layer helpers', () => {
  it('sizes stops by departures with area proportional to departures', () => {
    expect(stopRadiusM(0)).toBe(5);
    expect(stopRadiusM(100)).toBe(20);
    // four times the departures → twice the variable part of the radius
    expect(stopRadiusM(400) - 5).toBeCloseTo(2 * (stopRadiusM(100) - 5), 12);
    expect(stopRadiusM(-5)).toBe(5);
  });
  it('turns an H3 res-9 cell id into its hexagon around the cell centre; other ids get null', () => {
    const id = latLngToCell(40.7484, -73.9857, 9);
    const ring = cellPolygon(id)!;
    expect(ring.length).toBeGreaterThanOrEqual(6);
    // [lng, lat] order, and every vertex ~174 m from the Empire State Building (res-9 edge ≈ 174 m)
    for (const [lng, lat] of ring.slice(0, 6)) {
      expect(lng).toBeLessThan(-73.9);
      expect(haversineM(lng, lat, -73.9857, 40.7484)).toBeLessThan(400);
    }
    expect(cellPolygon('site-1')).toBeNull();
  });
  it('unpacks the column-oriented layer responses into rows', () => {
    expect(stopRows({ bbox: [0, 0, 1, 1], count: 1, truncated: false, stopId: ['subway:127'], name: ['Times Sq'], mode: ['subway'], lng: [-73.98], lat: [40.75], departures: [2100], imputed: [false] }))
      .toEqual([{ stopId: 'subway:127', name: 'Times Sq', mode: 'subway', lng: -73.98, lat: 40.75, departures: 2100, imputed: false }]);
    expect(demandRows({ bbox: [0, 0, 1, 1], count: 2, truncated: false, geoid: ['a', 'b'], lng: [1, 2], lat: [3, 4], population: [5, 6] }))
      .toEqual([{ lng: 1, lat: 3, population: 5 }, { lng: 2, lat: 4, population: 6 }]);
  });
});

describe('outletMarker', () => {
  it('keeps branches small at city zoom and grows them at street zoom; own branches are larger', () => {
    // a white ring even at city zoom, so a dot stays visible over the darkest hexagon
    expect(outletMarker(10, false)).toEqual({ radiusPx: 2.2, strokePx: 0.8 });
    expect(outletMarker(14, false)).toEqual({ radiusPx: 5, strokePx: 1 });
    expect(outletMarker(10, true).radiusPx).toBeGreaterThan(outletMarker(10, false).radiusPx);
    expect(outletMarker(10, true).strokePx).toBe(1);
  });
});
