import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ScoredSite } from '../api/sites';
import { scoredSiteRow, scoredSitesToCsv, scoredSitesToGeoJson } from './scoredSiteFile';

/**
 * A scored site with a client-side re-weighted score (an unrounded product), as written before study areas: without
 * `place`, `warnings` and the factors' `scored` flags (the file then has no place or warning columns).
 */
function site(id: string, rank: number, score: number): ScoredSite {
  return ({
    id, lng: -73.9855, lat: 40.758, score, rank,
    factors: {
      transit: { raw: 1000.5, normalized: 90.123456789, weight: 0.3, contribution: 0.3 * 90.123456789, departuresWithinRadius: 1200, imputedDepartures: 200,
        stopsWithinRadius: 4, routesWithinRadius: 6, nearestStopM: 120.5, nearestStopId: 'subway:127', nearestStopMode: 'subway' },
      demand: { raw: 5000, normalized: 80, weight: 0.4, contribution: 32, populationWithin500m: 3000, populationWithin1000m: 12000, populationWithin2000m: 40000 },
      competition: { raw: 900, normalized: 70, weight: 0.3, contribution: 21, competitorsWithin500m: 2, competitorsWithin1000m: 7, nearestCompetitorM: null,
        huffShare: 0.05, expectedCustomers: 1100, cannibalizedFromOwn: 200, netNewDemand: 900 },
    },
  }) as unknown as ScoredSite;
}

/** The same site as the API returns it since study areas: its place, its warnings and each factor's `scored` flag. */
function placedSite(id: string, rank: number, score: number): ScoredSite {
  const s = site(id, rank, score);
  return {
    ...s, place: { countyFips: '36061', county: 'New York, New York', borough: 'Manhattan', neighbourhood: 'Midtown-Times Square' },
    warnings: [{ code: 'no-transit-feed', message: 'no transit feed has a stop within 2 km of this site: transit factor not scored' }, { code: 'no-reference', message: 'x' }],
    factors: { transit: { ...s.factors.transit, scored: false }, demand: { ...s.factors.demand, scored: true }, competition: { ...s.factors.competition, scored: true } },
  };
}

describe('scored-site files (one serialiser for the Sites view and npm run score)', () => {
  const a = site('a,"quoted"', 2, 0.3 * 90.123456789 + 32 + 21 - 30), b = site('b', 1, 0.3 * 90.123456789 + 32 + 21);

  it('one column set: rank, id, lng, lat, score, then <factor>_<field> in the API order', () => {
    const row = scoredSiteRow(b);
    expect(Object.keys(row).slice(0, 7)).toEqual(['rank', 'id', 'lng', 'lat', 'score', 'transit_raw', 'transit_normalized']);
    expect(Object.keys(row)).toContain('competition_netNewDemand');
    expect(Object.keys(row)).toHaveLength(5 + 11 + 7 + 11);
    // a client re-weight: 0.3 · 90.123456789 + 32 + 21 = 80.0370370367 → written as the API rounds scores (1e-6)
    expect(row.score).toBe(80.037037);
    expect(row.transit_contribution).toBe(27.037037);
    expect(row.transit_normalized).toBe(90.123457);
    expect(row.transit_raw).toBe(1000.5);
    expect(row.competition_nearestCompetitorM).toBeNull();
  });

  it('writes people as whole people and raw values with 2 decimals (no "12,345.0472 residents")', () => {
    const s = site('p', 1, 50);
    s.factors.demand.populationWithin1000m = 12_345.0472;
    s.factors.competition.expectedCustomers = 1_100.5;
    s.factors.competition.netNewDemand = 900.4999;
    s.factors.demand.raw = 5_000.123456;
    const row = scoredSiteRow(s);
    expect(row.demand_populationWithin1000m).toBe(12_345);
    expect(row.competition_expectedCustomers).toBe(1_101);
    expect(row.competition_netNewDemand).toBe(900);
    expect(row.demand_raw).toBe(5_000.12);
    expect(row.competition_huffShare).toBe(0.05);
  });

  it('CSV keeps the given order, quotes ids safely, ends lines with CRLF and writes null as empty', () => {
    const csv = scoredSitesToCsv([a, b]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.id)).toEqual(['a,"quoted"', 'b']);
    expect(parsed.data[0].score).toBe('50.037037');
    expect(parsed.data[1].competition_nearestCompetitorM).toBe('');
    expect(parsed.data[1].transit_nearestStopId).toBe('subway:127');
  });

  it('GeoJSON: points [lng, lat], id = site id, properties without lng/lat, the response params kept when given', () => {
    const gj = scoredSitesToGeoJson([b], { grid: null } as unknown as Parameters<typeof scoredSitesToGeoJson>[1]);
    expect(gj.features[0]).toMatchObject({ type: 'Feature', id: 'b', geometry: { type: 'Point', coordinates: [-73.9855, 40.758] } });
    expect(gj.features[0].properties).toMatchObject({ rank: 1, score: 80.037037, demand_populationWithin1000m: 12000 });
    expect(gj.features[0].properties).not.toHaveProperty('lat');
    expect(gj.params).toEqual({ grid: null });
    expect(scoredSitesToGeoJson([b])).not.toHaveProperty('params');
  });

  it('demand layers (users\' datasets) go into one column as JSON text', () => {
    const layered = site('l', 1, 10);
    const layers = [{ layer: 'residents', name: 'Residents (census 2020)', weight: 1, raw: 4000, within1000m: 9000 }];
    (layered.factors.demand as typeof layered.factors.demand & { layers: typeof layers }).layers = layers;
    expect(JSON.parse(scoredSiteRow(layered).demand_layers as string)).toEqual(layers);
  });

  it('study areas: the area name, county FIPS / county / borough / neighbourhood and warning codes follow the score; scored flags per factor', () => {
    const row = scoredSiteRow(placedSite('p', 1, 12.3456789), 'Manhattan');
    expect(Object.keys(row).slice(0, 12)).toEqual(['rank', 'id', 'lng', 'lat', 'score', 'study_area', 'county_fips', 'county', 'borough', 'neighbourhood', 'warnings', 'transit_raw']);
    expect(row).toMatchObject({ score: 12.345679, study_area: 'Manhattan', county_fips: '36061', county: 'New York, New York', borough: 'Manhattan',
      neighbourhood: 'Midtown-Times Square', warnings: 'no-transit-feed;no-reference', transit_scored: false, demand_scored: true });
    expect(Object.keys(row)).toHaveLength(11 + 12 + 8 + 12);
    // a site outside NYC: no borough or neighbourhood (empty in CSV); the GeoJSON names the area on top
    const cook = { ...placedSite('c', 1, 5), place: { countyFips: '17031', county: 'Cook, Illinois', borough: null, neighbourhood: null } };
    const parsed = Papa.parse<Record<string, string>>(scoredSitesToCsv([cook], 'Cook, Illinois'), { header: true, skipEmptyLines: true }).data;
    expect(parsed[0]).toMatchObject({ study_area: 'Cook, Illinois', county_fips: '17031', county: 'Cook, Illinois', borough: '', neighbourhood: '', transit_scored: 'false' });
    const gj = scoredSitesToGeoJson([cook], undefined, 'Cook, Illinois');
    expect(gj.studyArea).toBe('Cook, Illinois');
    expect(gj.features[0].properties).toMatchObject({ county_fips: '17031', study_area: 'Cook, Illinois' });
  });
});
