import { describe, expect, it } from 'vitest';
import { parseGeoJson } from './geojson';
import type { DatasetKind } from './types';

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (properties: Record<string, unknown>, geometry: unknown, id?: unknown) => ({ type: 'Feature', ...(id !== undefined ? { id } : {}), properties, geometry });
const run = (text: string, kind: DatasetKind = 'demand') => parseGeoJson(text, { file: 'areas.geojson', kind });
const probs = (r: ReturnType<typeof run>) => r.report.problems.map((p) => [p.severity, p.row, p.field, p.value, p.message]);
const SQUARE_CCW = [[-74, 40.7], [-73.99, 40.7], [-73.99, 40.71], [-74, 40.71], [-74, 40.7]];

describe('GeoJSON import: one fixture per problem kind (issue 10, item 5)', () => {
  it('an unclosed ring is closed (warning) and the feature imported at its centre of mass', () => {
    const r = run(fc([feature({ count: 100 }, { type: 'Polygon', coordinates: [SQUARE_CCW.slice(0, 4)] })]));
    expect(probs(r)).toEqual([['warning', 1, 'geometry.coordinates[0]', '[-74, 40.71]',
      'areas.geojson feature 1, geometry.coordinates[0]: ring 1 is not closed (last position differs from the first): closed']]);
    expect(r.records[0].geometry).toEqual({ type: 'Polygon', coordinates: [SQUARE_CCW] });
    expect(r.records[0].lng).toBeCloseTo(-73.995, 9);
    expect(r.records[0].lat).toBeCloseTo(40.705, 9);
    expect(r.records[0].value).toBe(100);
  });

  it('a ring wound clockwise is rewound counter-clockwise (RFC 7946), a clockwise hole kept', () => {
    const hole = [[-73.998, 40.702], [-73.998, 40.704], [-73.996, 40.704], [-73.996, 40.702], [-73.998, 40.702]];
    const r = run(fc([feature({ count: 5 }, { type: 'Polygon', coordinates: [[...SQUARE_CCW].reverse(), hole] })]));
    expect(probs(r)).toEqual([['warning', 1, 'geometry.coordinates[0]', null,
      'areas.geojson feature 1, geometry.coordinates[0]: ring 1 is wound clockwise: rewound counter-clockwise (exterior, RFC 7946)']]);
    expect((r.records[0].geometry as { coordinates: number[][][] }).coordinates).toEqual([SQUARE_CCW, hole]);
  });

  it('a self-intersecting polygon (bow tie) is skipped, naming the crossing point', () => {
    const bow = [[-74, 40.7], [-73.99, 40.71], [-73.99, 40.7], [-74, 40.71], [-74, 40.7]];
    const r = run(fc([feature({ count: 5 }, { type: 'Polygon', coordinates: [bow] })]));
    expect(r.report).toMatchObject({ read: 1, imported: 0, skipped: 1 });
    expect(probs(r)).toEqual([['error', 1, 'geometry.coordinates', '-73.995, 40.705',
      'areas.geojson feature 1, geometry.coordinates: the polygon crosses itself at (-73.995, 40.705) (self-intersecting); fix it in a GIS (e.g. "make valid")']]);
  });

  it('null geometries are skipped; mixed types judged per feature (a LineString refused for demand, points and polygons kept)', () => {
    const r = run(fc([
      feature({ count: 1 }, null, 'n1'),
      feature({ count: 2 }, { type: 'LineString', coordinates: [[-73.98, 40.75], [-73.9, 40.7]] }, 'l1'),
      feature({ count: 3 }, { type: 'Point', coordinates: [-73.98, 40.75] }, 'p1'),
      feature({ count: 4 }, { type: 'MultiPolygon', coordinates: [[SQUARE_CCW]] }, 'm1'),
    ]));
    expect(r.report).toMatchObject({ read: 4, imported: 2, skipped: 2 });
    expect(probs(r)).toEqual([
      ['error', 1, 'geometry', 'null', 'areas.geojson feature 1, geometry: no geometry (null)'],
      ['error', 2, 'geometry.type', 'LineString', 'areas.geojson feature 2, geometry.type: LineString is not accepted for demand (accepted: Point, Polygon, MultiPolygon)'],
    ]);
    expect(r.records.map((x) => [x.id, x.value, x.geometry?.type ?? 'Point'])).toEqual([['p1', 3, 'Point'], ['m1', 4, 'MultiPolygon']]);
    const outlets = run(fc([feature({}, { type: 'Polygon', coordinates: [SQUARE_CCW] }, 'x')]), 'outlets');
    expect(probs(outlets)[0][4]).toBe('areas.geojson feature 1, geometry.type: Polygon is not accepted for outlets (accepted: Point)');
  });

  it('3D coordinates: the height is dropped with a warning', () => {
    const r = run(fc([feature({ id: '0012', name: 'Main' }, { type: 'Point', coordinates: [-73.98, 40.75, 12.5] })]), 'outlets');
    expect(probs(r)).toEqual([['warning', 1, 'geometry.coordinates', '[-73.98,40.75,12.5]', 'areas.geojson feature 1, geometry.coordinates: has 3 dimensions: the height is ignored']]);
    expect(r.records.map((x) => [x.id, x.name, x.lng, x.lat])).toEqual([['0012', 'Main', -73.98, 40.75]]);
  });

  it('not JSON, or not features: the file is refused naming it', () => {
    expect(run('{"type": "FeatureCollection", "features": [').refusal?.message).toMatch(/^areas\.geojson: not valid JSON/);
    expect(run('{"type": "Point", "coordinates": [1, 2]}').refusal?.message).toBe('areas.geojson: expected a GeoJSON FeatureCollection or Feature, found type "Point"');
  });
});
