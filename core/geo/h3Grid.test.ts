import { describe, expect, it } from 'vitest';
import { cellArea, latLngToCell } from 'h3-js';
import { polygonsToH3Cells } from './h3Grid';
import type { Feature, Polygon, MultiPolygon } from 'geojson';

const square = (x0: number, y0: number, size: number, hole?: number[][]): Feature<Polygon> => ({
  type: 'Feature', properties: {},
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]], ...(hole ? [hole] : [])] },
});

describe('polygonsToH3Cells', () => {
  it('covers a 0.05° square with about area/cellArea res-9 cells, each centre inside', () => {
    const sq = square(-74, 40.7, 0.05);
    const cells = polygonsToH3Cells([sq], 9);
    // 0.05° × 0.05° at 40.7°N ≈ 4.22 km × 5.56 km ≈ 23.4 km²; a res-9 cell ≈ 0.105 km² → ≈ 223 cells
    const areaKm2 = (0.05 * 111.195 * Math.cos((40.725 * Math.PI) / 180)) * (0.05 * 111.195);
    const cellKm2 = cellArea(cells[0].id, 'km2');
    expect(cells.length).toBeGreaterThan(0.9 * areaKm2 / cellKm2);
    expect(cells.length).toBeLessThan(1.1 * areaKm2 / cellKm2);
    for (const c of cells) {
      expect(c.lng).toBeGreaterThan(-74); expect(c.lng).toBeLessThan(-73.95);
      expect(c.lat).toBeGreaterThan(40.7); expect(c.lat).toBeLessThan(40.75);
      expect(latLngToCell(c.lat, c.lng, 9)).toBe(c.id);
    }
  });
  it('deduplicates overlapping polygons and honours holes; MultiPolygon parts are unioned', () => {
    const a = polygonsToH3Cells([square(-74, 40.7, 0.02)], 9);
    const twice = polygonsToH3Cells([square(-74, 40.7, 0.02), square(-74, 40.7, 0.02)], 9);
    expect(twice).toEqual(a);
    const holed = polygonsToH3Cells([square(-74, 40.7, 0.02, [[-73.995, 40.705], [-73.985, 40.705], [-73.985, 40.715], [-73.995, 40.715], [-73.995, 40.705]])], 9);
    expect(holed.length).toBeLessThan(a.length);
    expect(holed.some((c) => c.lng > -73.994 && c.lng < -73.986 && c.lat > 40.706 && c.lat < 40.714)).toBe(false);
    const multi: Feature<MultiPolygon> = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(-74, 40.7, 0.02).geometry.coordinates, square(-73.9, 40.7, 0.02).geometry.coordinates] } };
    const b = polygonsToH3Cells([square(-73.9, 40.7, 0.02)], 9);
    expect(polygonsToH3Cells([multi], 9).length).toBe(a.length + b.length);
  });
  it('rejects a bad resolution', () => {
    expect(() => polygonsToH3Cells([], 16)).toThrow(/resolution/);
  });
});
