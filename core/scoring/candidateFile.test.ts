import { describe, expect, it } from 'vitest';
import { parseCandidateCsv, parseCandidateFile, parseCandidateGeoJson } from './candidateFile';

describe('parseCandidateCsv', () => {
  it('reads id,lng,lat and the lon/longitude/latitude aliases (any case, BOM)', () => {
    expect(parseCandidateCsv('id,lng,lat\na,-73.9855,40.758\nb,-73.9,40.7\n')).toEqual({
      sites: [{ id: 'a', lng: -73.9855, lat: 40.758 }, { id: 'b', lng: -73.9, lat: 40.7 }], errors: [] });
    expect(parseCandidateCsv('\uFEFFID,Longitude,Latitude\nx,-74,40.6\n').sites).toEqual([{ id: 'x', lng: -74, lat: 40.6 }]);
    expect(parseCandidateCsv('name,lon,lat\nq,-73.8,40.7\n').sites).toEqual([{ id: 'row-1', lng: -73.8, lat: 40.7 }]);
  });
  it('names the row and field of every bad value', () => {
    const r = parseCandidateCsv('id,lng,lat\na,-73.9,40.7\nb,abc,40.7\nc,-73.9,95\n', 'mine.csv');
    expect(r.sites).toHaveLength(1);
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'mine.csv', row: 2, field: 'lng', message: expect.stringContaining('"abc" is not a number') }),
      expect.objectContaining({ file: 'mine.csv', row: 3, field: 'lat', message: expect.stringContaining('outside [-90, 90]') }),
    ]);
  });
  it('reports a missing coordinate column and duplicate ids', () => {
    expect(parseCandidateCsv('id,x1,lat\na,1,2\n').errors[0]).toMatchObject({ row: 0, field: 'lng' });
    expect(parseCandidateCsv('id,lng,lat\na,1,2\na,1,3\n').errors[0]).toMatchObject({ row: 2, field: 'id' });
  });
});

describe('parseCandidateGeoJson', () => {
  it('reads Point features with ids from feature.id or properties.id', () => {
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', id: 7, properties: {}, geometry: { type: 'Point', coordinates: [-73.98, 40.75] } },
      { type: 'Feature', properties: { id: 'p2' }, geometry: { type: 'Point', coordinates: [-73.9, 40.7] } },
      { type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [-73.8, 40.6] } },
    ] };
    expect(parseCandidateFile(JSON.stringify(fc), 'x.geojson').sites).toEqual([
      { id: '7', lng: -73.98, lat: 40.75 }, { id: 'p2', lng: -73.9, lat: 40.7 }, { id: 'feature-3', lng: -73.8, lat: 40.6 }]);
  });
  it('names the feature and field of bad geometries and coordinates', () => {
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [200, 40] } },
    ] };
    const r = parseCandidateGeoJson(JSON.stringify(fc), 'f.geojson');
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[1, 'geometry'], [2, 'geometry.coordinates[0]']]);
    expect(parseCandidateGeoJson('{oops').errors[0].field).toBe('(file)');
    expect(parseCandidateGeoJson('{"type":"Feature"}').errors[0].field).toBe('type');
  });
});
