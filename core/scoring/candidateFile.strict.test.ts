import { describe, expect, it } from 'vitest';
import { parseCandidateCsv, parseCandidateGeoJson } from './candidateFile';

describe('candidate files: strict decimals and duplicate ids named by file row', () => {
  it('refuses hexadecimal, binary, octal and Infinity coordinates; accepts plain and exponent decimals', () => {
    const r = parseCandidateCsv('id,lng,lat\na,0x10,40.75\nb,-73.9,0b1\nc,0o7,40\nd,-Infinity,40\ne,-7.398e1,+40.7\nf,-73.,.5\n', 'x.csv');
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[1, 'lng'], [2, 'lat'], [3, 'lng'], [4, 'lng']]);
    expect(r.errors[0].message).toBe('x.csv row 1, lng: "0x10" is not a number');
    expect(r.sites).toEqual([{ id: 'e', lng: -73.98, lat: 40.7 }, { id: 'f', lng: -73, lat: 0.5 }]);
  });
  it('a duplicate id is reported at its own file row even when an earlier row was refused', () => {
    const r = parseCandidateCsv('id,lng,lat\nbad,-73.98,x\na,-73.98,40.75\na,-73.9,40.7\n', 'dup.csv');
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[1, 'lat'], [3, 'id']]);
    expect(r.errors[1].message).toBe('dup.csv row 3, id: "a" appears more than once (first at row 2)');
  });
  it('GeoJSON: string coordinates follow the same rule; duplicates are named by feature number', () => {
    const pt = (id: string, c: unknown[]) => ({ type: 'Feature', id, properties: {}, geometry: { type: 'Point', coordinates: c } });
    const fc = { type: 'FeatureCollection', features: [pt('a', ['0x10', 40]), pt('b', [-73.9, 40.7]), pt('b', ['-73.8', '40.6'])] };
    const r = parseCandidateGeoJson(JSON.stringify(fc), 'f.geojson');
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[1, 'geometry.coordinates[0]'], [3, 'id']]);
    expect(r.errors[1].message).toBe('f.geojson feature 3, id: "b" appears more than once (first at feature 2)');
  });
});
