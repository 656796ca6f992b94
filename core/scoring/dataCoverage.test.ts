import { describe, expect, it } from 'vitest';
import { dataExtent } from './dataCoverage';

describe('dataExtent', () => {
  it('states with residents and with branches (in the order of their first row), and each feed\'s stops and bbox', () => {
    const blockGroups = { size: 5, population: [0, 120, 40, 7, 0], countyFips: ['17031', '36061', '36061', '34017', '06037'] };
    const branches = { size: 4, countyFips: ['34017', null, '36047', '34003'] };
    const stops = { size: 3, feed: ['subway', 'bus_bk', 'subway'], lng: [-73.98731, -73.95, -74.0], lat: [40.75529, 40.65, 40.7] };
    const e = dataExtent(blockGroups, branches, stops);
    expect([...e.demandStates]).toEqual(['36', '34']); // Cook County (17) and Los Angeles (06) have no residents here
    expect([...e.outletStates]).toEqual(['34', '', '36']); // a branch without a county counts as state ''
    expect(e.feeds).toEqual([{ feed: 'bus_bk', stops: 1, bbox: [-73.95, 40.65, -73.95, 40.65] },
      { feed: 'subway', stops: 2, bbox: [-74, 40.7, -73.98731, 40.75529] }]);
  });

  it('gives the states, in order, of a slice and a set insertion per row (many rows per county, counties interleaved)', () => {
    let a = 7;
    const r = () => ((a = (a * 1103515245 + 12345) >>> 0) / 4294967296);
    const county = () => `${String(1 + Math.floor(r() * 56)).padStart(2, '0')}${String(Math.floor(r() * 200)).padStart(3, '0')}`;
    const bg = { size: 3000, population: Array.from({ length: 3000 }, () => (r() < 0.2 ? 0 : Math.floor(r() * 2000))), countyFips: Array.from({ length: 3000 }, county) };
    const br = { size: 2000, countyFips: Array.from({ length: 2000 }, () => (r() < 0.01 ? null : county())) };
    const e = dataExtent(bg, br, { size: 0, feed: [], lng: [], lat: [] });
    const demand = new Set<string>(), outlet = new Set<string>();
    for (let i = 0; i < bg.size; i++) if (bg.population[i] > 0) demand.add(bg.countyFips[i].slice(0, 2));
    for (let k = 0; k < br.size; k++) outlet.add(String(br.countyFips[k] ?? '').slice(0, 2));
    expect([...e.demandStates]).toEqual([...demand]);
    expect([...e.outletStates]).toEqual([...outlet]);
    // the same rows in county runs (block groups in geoid order), unpopulated rows opening and inside the runs
    const order = Array.from({ length: bg.size }, (_, i) => i).sort((x, y) => bg.countyFips[x].localeCompare(bg.countyFips[y]) || x - y);
    const sorted = { size: bg.size, population: order.map((i) => bg.population[i]), countyFips: order.map((i) => bg.countyFips[i]) };
    const byRuns = new Set<string>();
    for (let i = 0; i < sorted.size; i++) if (sorted.population[i] > 0) byRuns.add(sorted.countyFips[i].slice(0, 2));
    expect([...dataExtent(sorted, br, { size: 0, feed: [], lng: [], lat: [] }).demandStates]).toEqual([...byRuns]);
    expect(byRuns.size).toBe(56);
  });
});
