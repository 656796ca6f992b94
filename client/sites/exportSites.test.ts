import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { sitesToCsv, sitesToGeoJson } from './exportSites';
import { makeSite } from './fixtures';

const a = makeSite('a,"quoted"', 2, { transit: 10, demand: 20, competition: 30 }, -73.9, 40.7);
const b = makeSite('b', 1, { transit: 90, demand: 80, competition: 70 }, -74.0, 40.8);

describe('export scored sites', () => {
  it('writes CSV sorted by rank with every factor field, quoting ids safely', () => {
    const csv = sitesToCsv([a, b], 'Manhattan');
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.id)).toEqual(['b', 'a,"quoted"']);
    const first = parsed.data[0];
    expect(first.rank).toBe('1');
    expect(Number(first.score)).toBeCloseTo(0.3 * 90 + 0.4 * 80 + 0.3 * 70, 4);
    expect(first.transit_nearestStopId).toBe('subway:127');
    expect(first.competition_huffShare).toBe('0.05');
    expect(first.demand_populationWithin1000m).toBe('12000');
    expect(parsed.meta.fields?.slice(0, 11)).toEqual(['rank', 'id', 'lng', 'lat', 'score', 'study_area', 'county_fips', 'county', 'borough', 'neighbourhood', 'warnings']);
    expect(first).toMatchObject({ study_area: 'Manhattan', county_fips: '36061', county: 'New York, New York', borough: 'Manhattan', neighbourhood: 'Midtown-Times Square', warnings: '' });
    expect(first.transit_scored).toBe('true');
  });
  it('writes GeoJSON points [lng, lat] with the same properties', () => {
    const gj = sitesToGeoJson([a, b]);
    expect(gj.features).toHaveLength(2);
    expect(gj.features[0].geometry.coordinates).toEqual([-74.0, 40.8]);
    expect(gj.features[1].properties).toMatchObject({ id: 'a,"quoted"', rank: 2, transit_normalized: 10 });
    expect(gj.features[1].properties).not.toHaveProperty('lng');
  });
  it('in forecast mode adds the forecast columns after the score (USD to the dollar, interval, age, rank)', () => {
    const f = { ...b, forecast: { depositsUsd: 182_044_366.4, lowUsd: 70_000_000, highUsd: 436_000_000.6, level: 0.8, ageYears: 10, rank: 1, contributions: [] } };
    const parsed = Papa.parse<Record<string, string>>(sitesToCsv([a, f]), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields?.slice(0, 11)).toEqual(['rank', 'id', 'lng', 'lat', 'score', 'forecast_deposits_usd', 'forecast_low_usd',
      'forecast_high_usd', 'forecast_interval_level', 'forecast_age_years', 'forecast_rank']);
    expect(parsed.data[0]).toMatchObject({ id: 'b', forecast_deposits_usd: '182044366', forecast_high_usd: '436000001', forecast_interval_level: '0.8', forecast_age_years: '10' });
    expect(parsed.data[1].forecast_deposits_usd).toBe(''); // a site without a forecast leaves the columns empty
  });
});
