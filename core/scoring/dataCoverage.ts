import type { ScoreResponse, SitePlace, SiteWarning } from '../api/sites';
import type { FactorTable } from './factorTable';
import { FACTOR_NAMES, type FactorName } from './siteScore';
import { TRANSIT_FEED_COVERAGE_M } from './transitAccess';

/**
 * Data coverage of the scoring factors (issue 10, item 2; SITE-MODEL.md "Data coverage"): where each factor's data is
 * valid, which sites it therefore scores, and the warnings a site outside it carries — never a silent 0.
 *
 * - transit: a site is covered when a stop of some loaded feed lies within {@link TRANSIT_FEED_COVERAGE_M} (the factor
 *   table's `scored.transit`);
 * - demand and outlets: a site is covered when its state (2-digit FIPS of its county) has block groups / branches in
 *   the loaded files; a site outside every county outline (a pier, a coastline simplified at 1:10M) when the file has
 *   residents within 2 km / a competitor within 25 km.
 */

/** One value per site per factor: 1 = the factor is scored at the site, 0 = not. */
export type ScoredColumns = Record<FactorName, Uint8Array>;

/** A transit feed's extent as the response echoes it: its stops and their bbox [west, south, east, north] (1e-5°). */
export interface FeedExtent { feed: string; stops: number; bbox: [number, number, number, number] }

/** What the loaded files cover: states (2-digit FIPS) with populated block groups, with branches; each transit feed. */
export interface DataExtent {
  demandStates: ReadonlySet<string>;
  outletStates: ReadonlySet<string>;
  feeds: FeedExtent[];
}

/** The warning each factor's missing data raises on a site. */
export const COVERAGE_WARNINGS: Readonly<Record<FactorName, SiteWarning>> = Object.freeze({
  transit: { code: 'no-transit-feed', message: `no transit feed has a stop within ${TRANSIT_FEED_COVERAGE_M / 1000} km of this site: transit factor not scored` },
  demand: { code: 'no-demand-data', message: 'no loaded demand data (census block groups) covers this site: demand factor not scored' },
  competition: { code: 'no-outlet-data', message: 'no loaded outlet data (FDIC branches) covers this site: competition factor not scored' },
});

/** A place with nothing known (no boundary holds the site, or places were not looked up). */
export const NO_PLACE: Readonly<SitePlace> = Object.freeze({ countyFips: null, county: null, borough: null, neighbourhood: null });

const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** The bbox of points (degrees, rounded to 1e-5°); [Infinity, …] when there are none. */
export function pointsBbox(lng: ArrayLike<number>, lat: ArrayLike<number>, rows?: ArrayLike<number>): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const count = rows ? rows.length : lng.length;
  for (let q = 0; q < count; q++) {
    const k = rows ? rows[q] : q;
    if (lng[k] < w) w = lng[k];
    if (lng[k] > e) e = lng[k];
    if (lat[k] < s) s = lat[k];
    if (lat[k] > n) n = lat[k];
  }
  return [r5(w), r5(s), r5(e), r5(n)];
}

/**
 * The extent of the loaded files: states whose block groups have residents, states with branches, and each feed's
 * stops and bbox (feeds sorted by name).
 */
export function dataExtent(blockGroups: { size: number; population: ArrayLike<number>; countyFips: readonly string[] },
  branches: { size: number; countyFips: readonly (string | null)[] },
  stops: { size: number; feed: readonly string[]; lng: ArrayLike<number>; lat: ArrayLike<number> }): DataExtent {
  // each county's state once (a slice and a set insertion per row held the event loop ≈ 30–50 ms for the national
  // files at start-up); the states in the order of their first row, as before
  const demandStates = new Set<string>(), outletStates = new Set<string>();
  const bgCounties = new Set<string>(), brCounties = new Set<string>();
  // rows of the county seen last skip the set lookup (block groups come in geoid order: a county's rows in one run)
  let lastBg: string | null = null;
  for (let i = 0; i < blockGroups.size; i++) {
    const c = blockGroups.countyFips[i];
    if (blockGroups.population[i] > 0 && c !== lastBg) {
      lastBg = c;
      if (!bgCounties.has(c)) { bgCounties.add(c); demandStates.add(c.slice(0, 2)); }
    }
  }
  let lastBr: string | null = null;
  for (let k = 0; k < branches.size; k++) {
    const c = String(branches.countyFips[k] ?? '');
    if (c === lastBr) continue;
    lastBr = c;
    if (!brCounties.has(c)) { brCounties.add(c); outletStates.add(c.slice(0, 2)); }
  }
  const rowsByFeed = new Map<string, number[]>();
  for (let s = 0; s < stops.size; s++) {
    let rows = rowsByFeed.get(stops.feed[s]);
    if (!rows) rowsByFeed.set(stops.feed[s], (rows = []));
    rows.push(s);
  }
  const feeds = [...rowsByFeed.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([feed, rows]) => ({ feed, stops: rows.length, bbox: pointsBbox(stops.lng, stops.lat, rows) }));
  return { demandStates, outletStates, feeds };
}

/**
 * Where each factor is scored for the sites of `table` (see the module comment). `places[j]` is site j's place
 * (its county FIPS decides demand and outlets); without `extent` only the factor table's own masks apply.
 */
export function coverageMask(table: FactorTable, places: readonly SitePlace[], extent: DataExtent | null): ScoredColumns {
  if (!extent) return table.scored;
  const n = table.raw.transit.length;
  const demand = new Uint8Array(n), competition = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const state = places[j]?.countyFips?.slice(0, 2) ?? null;
    demand[j] = (state ? extent.demandStates.has(state) : table.demand[j].populationWithin2000m > 0) && table.scored.demand[j] ? 1 : 0;
    const nc = table.competition[j].nearestCompetitorM;
    competition[j] = (state ? extent.outletStates.has(state) : nc !== null && nc <= 25_000) && table.scored.competition[j] ? 1 : 0;
  }
  return { transit: table.scored.transit, demand, competition };
}

/** Factors whose reference distribution is empty (no reference site has their data): they cannot be normalised. */
export function unreferencedFactors(stats: Record<FactorName, unknown | null>): FactorName[] {
  return FACTOR_NAMES.filter((f) => stats[f] === null);
}

/** `scored` with the factors of `noReference` cleared everywhere (a new object only when something is cleared). */
export function withoutFactors(scored: ScoredColumns, noReference: readonly FactorName[], n: number): ScoredColumns {
  if (!noReference.length) return scored;
  const out = { ...scored };
  for (const f of noReference) out[f] = new Uint8Array(n);
  return out;
}

/**
 * Per-site warnings: one per factor not scored — {@link COVERAGE_WARNINGS} when its data does not cover the site,
 * `no-reference` when the data is there but no site of the normalisation reference has it. Sites with every factor
 * scored share one empty list.
 */
export function siteWarnings(table: FactorTable, scored: ScoredColumns, noReference: readonly FactorName[]): SiteWarning[][] {
  const n = table.raw.transit.length;
  const out: SiteWarning[][] = new Array(n);
  const none: SiteWarning[] = [];
  for (let j = 0; j < n; j++) {
    let list = none;
    for (const f of FACTOR_NAMES) {
      if (scored[f][j] === 1) continue;
      if (list === none) list = [];
      const dataMissing = f === 'transit' ? table.scored.transit[j] !== 1 : true;
      list.push(noReference.includes(f) && !dataMissing
        ? { code: 'no-reference', message: `no site of the normalisation reference has ${f} data: ${f} factor not scored` }
        : COVERAGE_WARNINGS[f]);
    }
    out[j] = list;
  }
  return out;
}

/** Request-level summary: each warning code once, with the number of sites it concerns ("3 of 10 sites: …"). */
export function summariseWarnings(warnings: readonly (readonly SiteWarning[])[]): ScoreResponse['warnings'] {
  const by = new Map<string, { code: string; message: string; sites: number }>();
  for (const list of warnings) for (const w of list) {
    const x = by.get(w.code);
    if (x) x.sites++; else by.set(w.code, { ...w, sites: 1 });
  }
  return [...by.values()].map((w) => ({ ...w, message: `${w.sites} of ${warnings.length} sites: ${w.message}` }));
}

/** Σ of a 0/1 column. */
const countOnes = (m: Uint8Array) => { let s = 0; for (let j = 0; j < m.length; j++) s += m[j]; return s; };

/**
 * The `params.dataCoverage` echo: each factor's coverage rule, its data's extent and how many of the `table`'s sites
 * it covers. `scored` = the coverage mask ({@link coverageMask}); `extraFeeds` = the users' transit feeds.
 */
export function dataCoverageEcho(table: FactorTable, scored: ScoredColumns, extent: DataExtent | null,
  extraFeeds: readonly FeedExtent[] = []): ScoreResponse['params']['dataCoverage'] {
  const n = table.raw.transit.length;
  const t = countOnes(table.scored.transit), d = countOnes(scored.demand), c = countOnes(scored.competition);
  return {
    transit: { rule: `a site is covered by a feed when one of the feed's stops lies within ${TRANSIT_FEED_COVERAGE_M} m`, coverageRadiusM: TRANSIT_FEED_COVERAGE_M,
      feeds: [...(extent?.feeds ?? []), ...extraFeeds], sitesCovered: t, sitesNotCovered: n - t },
    demand: { rule: 'a site is covered when its state has census block groups in the loaded file',
      source: `census 2020 block groups (${extent ? extent.demandStates.size : 'all'} states/territories)`, sitesCovered: d, sitesNotCovered: n - d },
    outlets: { rule: 'a site is covered when its state has branches in the loaded file',
      source: `FDIC SOD branches (${extent ? extent.outletStates.size : 'all'} states/territories)`, sitesCovered: c, sitesNotCovered: n - c },
  };
}
