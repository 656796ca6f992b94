import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { sitesToCsv, sitesToGeoJson } from './exportSites';
import { makeSite } from './fixtures';

const a = makeSite('a,"quoted"', 2, { transit: 10, demand: 20, competition: 30 }, -73.9, 40.7);
const b = makeSite('b', 1, { transit: 90, demand: 80, competition: 70 }, -74.0, 40.8);

describe('export scored sites', () => {
  it('writes CSV sorted by rank with every factor field, quoting ids safely', () => {
    const csv = sitesToCsv([a, b]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.id)).toEqual(['b', 'a,"quoted"']);
    const first = parsed.data[0];
    expect(first.rank).toBe('1');
    expect(Number(first.score)).toBeCloseTo(0.3 * 90 + 0.4 * 80 + 0.3 * 70, 4);
    expect(first.transit_nearestStopId).toBe('subway:127');
    expect(first.competition_huffShare).toBe('0.05');
    expect(first.demand_populationWithin1000m).toBe('12000');
    expect(parsed.meta.fields?.slice(0, 5)).toEqual(['rank', 'id', 'lng', 'lat', 'score']);
  });
  it('writes GeoJSON points [lng, lat] with the same properties', () => {
    const gj = sitesToGeoJson([a, b]);
    expect(gj.features).toHaveLength(2);
    expect(gj.features[0].geometry.coordinates).toEqual([-74.0, 40.8]);
    expect(gj.features[1].properties).toMatchObject({ id: 'a,"quoted"', rank: 2, transit_normalized: 10 });
    expect(gj.features[1].properties).not.toHaveProperty('lng');
  });
});
