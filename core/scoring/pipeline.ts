import type { ScoredSite, ScoreResponse, SitePlace, SiteWarning } from '../api/sites';
import type { AreaSpec } from '../api/areas';
import { computeFactorTable, type FactorTable, type ScoringContext } from './factorTable';
import { depositAttractiveness } from './huffModel';
import { normalizeColumn, referenceStats, type NormalizationMethod, type ReferenceStats } from './normalization';
import type { ScoringParams } from './params';
import { applyWeights, FACTOR_NAMES, siteWeights, type FactorName, type Weights } from './siteScore';
import type { OutletPoints } from './types';
import { runSteps, type Steps } from '../steps';
import {
  coverageMask, NO_PLACE, siteWarnings, unreferencedFactors, withoutFactors, type DataExtent, type ScoredColumns,
} from './dataCoverage';

/**
 * The scoring pipeline after the spatial part (SITE-MODEL.md "Composite score"), pure and shared by the API service,
 * the CLI and the benchmark: a {@link FactorTable} (computed once per parameter set by `computeFactorTable`) is
 * normalised against a reference distribution, weighted, ranked and rounded for transport into {@link ScoredSite}s.
 *
 * Rounding rule (one for the API response and every file written from it, see {@link TRANSPORT_DECIMALS}): scores,
 * normalised values and contributions to 1e-6; raw factor values, people and departures to 1e-4; distances to 1 mm;
 * the Huff share to 1e-9; counts, populations within a radius and weights as they are (a site's renormalised weights
 * to 1e-6). Normalised values are rounded BEFORE weighting, so a site's score is Σ w_f · (the normalised value it
 * reports) and the client re-ranks to the same order.
 *
 * Data coverage (core/scoring/dataCoverage.ts): a factor whose data does not cover a site is not scored there — its
 * normalised value, weight and contribution are 0, the site's other weights are renormalised, and the site carries a
 * warning; each factor's reference distribution is taken over the reference sites it is scored at.
 */

/** One number per site per factor. */
export type FactorColumns = Record<FactorName, Float64Array>;
/** One reference distribution per factor; null when no reference site has the factor's data. */
export type FactorStats = Record<FactorName, ReferenceStats | null>;

/** Decimal places each reported field is rounded to (fields not listed are reported as computed). */
export const TRANSPORT_DECIMALS = {
  score: 6, normalized: 6, contribution: 6,
  raw: 4, departuresWithinRadius: 4, imputedDepartures: 4, expectedCustomers: 4, cannibalizedFromOwn: 4, netNewDemand: 4,
  within1000m: 4,
  nearestStopM: 3, nearestCompetitorM: 3,
  huffShare: 9,
} as const;

/** Round `x` to `decimals` places (`Math.round(x · 10^d) / 10^d`); null stays null. */
export function roundTo(x: number, decimals: number): number;
export function roundTo(x: number | null, decimals: number): number | null;
export function roundTo(x: number | null, decimals: number): number | null {
  if (x === null) return null;
  const m = 10 ** decimals;
  return Math.round(x * m) / m;
}

/** A field's value rounded by the transport rule ({@link TRANSPORT_DECIMALS}); strings, nulls and unlisted fields unchanged. */
export function roundField<T>(field: string, value: T): T {
  const d = (TRANSPORT_DECIMALS as Record<string, number>)[field];
  return (d !== undefined && typeof value === 'number' ? roundTo(value, d) : value) as T;
}

/**
 * A scored site with every number rounded by the transport rule — e.g. a site the client re-weighted (its score and
 * contributions are then unrounded products) before it is written to a file. Idempotent on API values.
 */
export function roundScoredSite(s: ScoredSite): ScoredSite {
  const factors = {} as Record<FactorName, Record<string, unknown>>;
  for (const f of FACTOR_NAMES) {
    factors[f] = Object.fromEntries(Object.entries(s.factors[f]).map(([k, v]) => [k, roundField(k, v)]));
  }
  return { ...s, score: roundField('score', s.score), factors: factors as unknown as ScoredSite['factors'] };
}

/**
 * The reference distribution of each factor's raw column; with `scored`, over the sites the factor is scored at
 * (null where it is scored at none). @throws on an empty table without a mask (see `referenceStats`).
 */
export function factorStats(table: FactorTable, scored?: ScoredColumns): FactorStats {
  const out = {} as FactorStats;
  for (const f of FACTOR_NAMES) {
    if (!scored) { out[f] = referenceStats(table.raw[f]); continue; }
    const raw = table.raw[f], m = scored[f];
    const vals: number[] = [];
    for (let j = 0; j < raw.length; j++) if (m[j] === 1) vals.push(raw[j]);
    out[f] = vals.length ? referenceStats(vals) : null;
  }
  return out;
}

/**
 * Every raw column normalised by `method` against `stats`, each value rounded to 1e-6 (the transport rule); 0 where
 * the factor is not scored (`scored[f][j] = 0`, or no reference distribution).
 */
export function normalizeFactors(table: FactorTable, stats: FactorStats, method: NormalizationMethod, scored?: ScoredColumns): FactorColumns {
  const out = {} as FactorColumns;
  for (const f of FACTOR_NAMES) {
    const st = stats[f];
    const col = st ? normalizeColumn(table.raw[f], st, method) : new Float64Array(table.raw[f].length);
    const m = scored?.[f];
    for (let j = 0; j < col.length; j++) col[j] = m && m[j] !== 1 ? 0 : roundTo(col[j], TRANSPORT_DECIMALS.normalized);
    out[f] = col;
  }
  return out;
}

/** A demand layer as the breakdown names it (users' datasets in the score request): its id, name and weight. */
export interface DemandLayerInfo { layer: string; name: string; weight: number }

/**
 * The weight-independent part of site j's three factors — raw, normalized and the named stats — rounded for transport.
 * With `demandLayers` (the request's demand layers, in the order the factor table computed them) the demand factor
 * also reports each layer's part of `raw` and its count within 1 km. Field order is the API's (pinned by tests).
 */
export function siteFactorStats(table: FactorTable, normalized: FactorColumns, j: number, demandLayers?: readonly DemandLayerInfo[],
  scored: ScoredColumns = table.scored) {
  const t = table.transit[j], d = table.demand[j], c = table.competition[j];
  const r = roundField;
  const layers = demandLayers && d.layers
    ? { layers: demandLayers.map((l, k) => ({ ...l, raw: r('raw', d.layers![k].raw), within1000m: r('within1000m', d.layers![k].within1000m) })) }
    : {};
  return {
    transit: { raw: r('raw', t.raw), normalized: normalized.transit[j], scored: scored.transit[j] === 1, departuresWithinRadius: r('departuresWithinRadius', t.departuresWithinRadius),
      imputedDepartures: r('imputedDepartures', t.imputedDepartures), stopsWithinRadius: t.stopsWithinRadius, routesWithinRadius: t.routesWithinRadius,
      nearestStopM: r('nearestStopM', t.nearestStopM), nearestStopId: t.nearestStopId, nearestStopMode: t.nearestStopMode },
    demand: { raw: r('raw', d.raw), normalized: normalized.demand[j], scored: scored.demand[j] === 1, populationWithin500m: d.populationWithin500m,
      populationWithin1000m: d.populationWithin1000m, populationWithin2000m: d.populationWithin2000m, ...layers },
    competition: { raw: r('raw', c.raw), normalized: normalized.competition[j], scored: scored.competition[j] === 1, competitorsWithin500m: c.competitorsWithin500m,
      competitorsWithin1000m: c.competitorsWithin1000m, nearestCompetitorM: r('nearestCompetitorM', c.nearestCompetitorM),
      huffShare: r('huffShare', c.huffShare), expectedCustomers: r('expectedCustomers', c.expectedCustomers),
      cannibalizedFromOwn: r('cannibalizedFromOwn', c.cannibalizedFromOwn), netNewDemand: r('netNewDemand', c.netNewDemand) },
  };
}

/** A candidate's identity and position (degrees). */
export interface SiteRef { id: string; lng: number; lat: number }

/** What {@link scoreFactorTable} returns: the normalised columns, each site's score and rank, and the sites as the API reports them. */
export interface ScoredTable {
  normalized: FactorColumns;
  score: Float64Array;
  rank: Int32Array;
  sites: ScoredSite[];
}

/** How {@link scoreFactorTable} scores: the reference, method and weights, and what a caller already has. */
export interface ScoreOptions {
  /** The distributions each factor is normalised against. */
  stats: FactorStats;
  method: NormalizationMethod;
  weights: Weights;
  /** The normalised columns when the caller cached them (they must come from the same table, stats and method). */
  normalized?: FactorColumns;
  /** The request's demand layers, for the breakdown (see {@link siteFactorStats}). */
  demandLayers?: readonly DemandLayerInfo[];
  /** Where each factor is scored (default: the table's own mask, with factors lacking a reference cleared). */
  scored?: ScoredColumns;
  /** Each site's place (county / borough / NTA); unknown when absent. */
  places?: readonly SitePlace[];
  /** Each site's warnings (default: from `scored`, see core/scoring/dataCoverage.ts `siteWarnings`). */
  warnings?: readonly SiteWarning[][];
}

/** The weights site j is scored with: the request's, or — when a factor is not scored there — renormalised and rounded to 1e-6. */
export function siteWeightsRounded(weights: Weights, scored: ScoredColumns, j: number, out: Weights): Weights {
  if (FACTOR_NAMES.every((f) => scored[f][j] === 1)) return weights;
  siteWeights(weights, scored, j, out);
  for (const f of FACTOR_NAMES) out[f] = roundTo(out[f], TRANSPORT_DECIMALS.contribution);
  return out;
}

/**
 * The pipeline: normalise `table` against `stats` by `method` (or reuse `normalized`), weight
 * (`score_j = Σ_f w'_f · normalized_f(j)`, w' = the request's weights renormalised over the factors scored at j),
 * rank within the set (1 = best, ties keep input order) and round into {@link ScoredSite}s with each site's place and
 * warnings. `sites[j]` is the candidate of table row j.
 * @throws when `sites` and the table differ in length.
 */
export function scoreFactorTable(sites: readonly SiteRef[], table: FactorTable, o: ScoreOptions): ScoredTable {
  return runSteps(scoreFactorTableSteps(sites, table, o));
}

/** Sites rounded into {@link ScoredSite}s in one piece of {@link scoreFactorTableSteps} (the NYC grid's 7,405 at once: 40–80 ms). */
export const SCORED_SITES_PER_STEP = 500;

/**
 * {@link scoreFactorTable} as a generator (core/steps.ts) that yields after the weighting and after every
 * {@link SCORED_SITES_PER_STEP} sites (more than that many): a server's event loop takes a turn there. Same arguments,
 * value and errors.
 */
export function* scoreFactorTableSteps(sites: readonly SiteRef[], table: FactorTable, o: ScoreOptions): Steps<ScoredTable> {
  if (sites.length !== table.raw.transit.length) throw new Error(`scoreFactorTable: ${sites.length} sites for ${table.raw.transit.length} table rows`);
  const { weights } = o;
  const noReference = unreferencedFactors(o.stats);
  const scored = o.scored ?? withoutFactors(table.scored, noReference, sites.length);
  const warnings = o.warnings ?? siteWarnings(table, scored, noReference);
  const normalized = o.normalized ?? normalizeFactors(table, o.stats, o.method, scored);
  const { score, rank } = applyWeights(normalized, weights, scored);
  if (sites.length > SCORED_SITES_PER_STEP) yield; // the weighting and ranking of the NYC grid alone ≈ 10–20 ms
  const out: ScoredSite[] = new Array(sites.length);
  const buf: Weights = { ...weights };
  for (let j = 0; j < sites.length; j++) {
    if (j > 0 && j % SCORED_SITES_PER_STEP === 0) yield;
    const st = siteFactorStats(table, normalized, j, o.demandLayers, scored);
    const w = siteWeightsRounded(weights, scored, j, buf);
    const f = <F extends FactorName>(name: F) => ({ weight: w[name], contribution: roundTo(w[name] * normalized[name][j], TRANSPORT_DECIMALS.contribution), ...st[name] });
    out[j] = { id: sites[j].id, lng: sites[j].lng, lat: sites[j].lat, score: roundTo(score[j], TRANSPORT_DECIMALS.score), rank: rank[j],
      place: o.places?.[j] ?? { ...NO_PLACE }, warnings: warnings[j],
      factors: { transit: f('transit'), demand: f('demand'), competition: f('competition') } as ScoredSite['factors'] };
  }
  return { normalized, score, rank, sites: out };
}

/**
 * Rows of several factor tables as one table, in order: every row of each part, or only `rows` of it (positions).
 * Used to score the cached grid table together with a few added sites without recomputing the grid.
 */
export function concatFactorTables(parts: readonly { table: FactorTable; rows?: ArrayLike<number> }[]): FactorTable {
  const picks = parts.map((p) => p.rows ?? Array.from({ length: p.table.raw.transit.length }, (_, j) => j));
  const n = picks.reduce((s, r) => s + r.length, 0);
  const out: FactorTable = {
    raw: { transit: new Float64Array(n), demand: new Float64Array(n), competition: new Float64Array(n) },
    scored: { transit: new Uint8Array(n), demand: new Uint8Array(n), competition: new Uint8Array(n) },
    transit: new Array(n), demand: new Array(n), competition: new Array(n),
  };
  let o = 0;
  parts.forEach((p, k) => {
    const rows = picks[k];
    for (let q = 0; q < rows.length; q++, o++) {
      const j = rows[q];
      for (const f of FACTOR_NAMES) { out.raw[f][o] = p.table.raw[f][j]; out.scored[f][o] = p.table.scored[f][j]; out[f][o] = p.table[f][j] as never; }
    }
  });
  return out;
}

/** Column `rows` of several parts, concatenated (the companion of {@link concatFactorTables} for per-site arrays and masks). */
function concatRows<T>(parts: readonly { values: ArrayLike<T>; rows?: ArrayLike<number> }[]): T[] {
  const out: T[] = [];
  for (const p of parts) {
    const n = p.rows ? p.rows.length : p.values.length;
    for (let q = 0; q < n; q++) out.push(p.values[p.rows ? p.rows[q] : q]);
  }
  return out;
}

/**
 * A study-area grid scored for one (own network, parameter set): the cells, their factor table, where each factor's
 * data covers each cell, each factor's distribution over the cells it is scored at, and the cells' places.
 */
export interface GridTable {
  cells: readonly SiteRef[];
  table: FactorTable;
  /** Where each factor is scored (core/scoring/dataCoverage.ts `coverageMask`). */
  scored: ScoredColumns;
  stats: FactorStats;
  places: readonly SitePlace[];
}

/** Where the data of a set of sites runs out: each site's place and the loaded files' extent (see dataCoverage.ts). */
export interface CoverageInput { places: readonly SitePlace[]; extent: DataExtent | null }

/**
 * Compute a {@link GridTable} for `cells` (the expensive part, once per own network, parameter set and area). Without
 * `coverage` only the factor table's own masks apply (transit: a feed's stop within 2 km) and places are unknown.
 */
export function computeGridTable(ctx: ScoringContext, cells: readonly SiteRef[], onProgress?: (done: number) => void,
  coverage?: CoverageInput): GridTable {
  const table = computeFactorTable(ctx, cells.map((c) => c.lng), cells.map((c) => c.lat), onProgress);
  const places = coverage?.places ?? cells.map(() => NO_PLACE);
  const scored = coverageMask(table, places, coverage?.extent ?? null);
  return { cells, table, scored, stats: factorStats(table, scored), places };
}

/** The candidates of one request with their factor table and the distributions to normalise against. */
export interface RequestCandidates {
  sites: SiteRef[];
  table: FactorTable;
  stats: FactorStats;
  /** Where each factor is scored (data coverage, and factors without a reference distribution cleared). */
  scored: ScoredColumns;
  places: SitePlace[];
  warnings: SiteWarning[][];
  /** True when the candidates are exactly the grid's cells and it is their reference (its normalised columns can be reused). */
  gridOnly: boolean;
}

/**
 * Assemble a request's candidates: the grid's cells (from `grid`, already computed) when `includeGrid`, then `sites`
 * (their factors computed here; a site with a grid cell's id replaces that cell). Normalisation reference: for
 * `"grid"` / `"nyc-grid"` the distributions of `referenceGrid` (default `grid`; the grid alone is also its own request
 * set), else the candidates' own over the sites each factor is scored at. `coverage` gives the added sites' places and
 * the data extent (without it only the factor table's masks apply). A factor the reference has no data for is not
 * scored anywhere (warning `no-reference`).
 * @throws when the grid is needed but not given, or when there are no candidates.
 */
export function requestCandidates(ctx: ScoringContext, o: { grid: GridTable | null; includeGrid: boolean; sites: readonly SiteRef[];
  reference: 'grid' | 'nyc-grid' | 'request'; referenceGrid?: GridTable | null; coverage?: CoverageInput;
  onProgress?: (done: number, total: number) => void }): RequestCandidates {
  const refGrid = o.reference === 'request' ? null : (o.referenceGrid ?? o.grid);
  if ((o.includeGrid && !o.grid) || (o.reference !== 'request' && !refGrid)) throw new Error('requestCandidates: the grid reference is needed');
  const added = o.sites.length
    ? computeFactorTable(ctx, o.sites.map((s) => s.lng), o.sites.map((s) => s.lat), o.onProgress && ((d) => o.onProgress!(d, o.sites.length)))
    : null;
  const addedPlaces = added ? (o.coverage?.places ?? o.sites.map(() => NO_PLACE)) : [];
  const addedScored = added ? coverageMask(added, addedPlaces, o.coverage?.extent ?? null) : null;
  let sites: SiteRef[], table: FactorTable, places: SitePlace[], scored: ScoredColumns;
  if (o.includeGrid && added) {
    const g = o.grid!;
    const replaced = new Set(o.sites.map((s) => s.id));
    const keep: number[] = [];
    g.cells.forEach((c, j) => { if (!replaced.has(c.id)) keep.push(j); });
    sites = [...keep.map((j) => g.cells[j]), ...o.sites];
    table = concatFactorTables([{ table: g.table, rows: keep }, { table: added }]);
    places = concatRows([{ values: g.places, rows: keep }, { values: addedPlaces }]);
    scored = {} as ScoredColumns;
    for (const f of FACTOR_NAMES) scored[f] = Uint8Array.from(concatRows([{ values: g.scored[f], rows: keep }, { values: addedScored![f] }]));
  } else if (o.includeGrid) {
    sites = [...o.grid!.cells];
    ({ table, scored } = o.grid!);
    places = [...o.grid!.places];
  } else if (added) {
    sites = [...o.sites];
    table = added;
    places = [...addedPlaces];
    scored = addedScored!;
  } else throw new Error('requestCandidates: no candidates');
  const gridOnly = o.includeGrid && !added && (!refGrid || refGrid === o.grid);
  const stats = refGrid ? refGrid.stats : gridOnly ? o.grid!.stats : factorStats(table, scored);
  const noReference = unreferencedFactors(stats);
  scored = withoutFactors(scored, noReference, sites.length);
  return { sites, table, stats, scored, places, warnings: siteWarnings(table, scored, noReference), gridOnly };
}

/**
 * The outlets as the Huff model of one scoring run sees them (SITE-MODEL.md factor 3): `own` as given (the chosen
 * network's branches), competitors = every other branch whose FDIC service type is in `params.competitorServiceTypes`
 * (all when empty), attractiveness 1 or, for `"deposits"`, min(deposits / median full-service deposits, 10).
 * @param branches branch columns (BRSERTYP per branch, DEPSUMBR in USD thousands) and their spatial index.
 * @returns the outlets and the median deposits used (null for "equal").
 */
export function scoringOutlets(branches: { size: number; serviceType: ArrayLike<number>; depositsK: ArrayLike<number>; index: OutletPoints['index'] },
  own: Uint8Array, params: Pick<ScoringParams, 'competitorServiceTypes' | 'attractiveness'>): { outlets: OutletPoints; medianDepositsK: number | null } {
  const types = new Set(params.competitorServiceTypes);
  const competitor = new Uint8Array(branches.size);
  for (let k = 0; k < branches.size; k++) competitor[k] = !own[k] && (types.size === 0 || types.has(branches.serviceType[k])) ? 1 : 0;
  let attractiveness: Float64Array;
  let medianDepositsK: number | null = null;
  if (params.attractiveness === 'deposits') ({ attractiveness, medianDepositsK } = depositAttractiveness(branches.depositsK, branches.serviceType));
  else attractiveness = new Float64Array(branches.size).fill(1);
  return { outlets: { own, competitor, attractiveness, index: branches.index }, medianDepositsK };
}

/** A scored study-area grid as the response names it: its spec, the area's name and boundary source, its cell count. */
export interface GridEcho { resolution: number; area: AreaSpec; name: string; boundarySource: string; cells: number }

/**
 * The `params` a score response echoes: every parameter, the weights and normalisation used (the reference grid's
 * spec and name, or the request), what they were applied to (the grid scored, with the cell cap), and each factor's
 * data coverage (core/scoring/dataCoverage.ts `dataCoverageEcho`).
 */
export function scoreResponseParams(o: {
  params: ScoringParams; weights: Weights; method: NormalizationMethod; reference: 'grid' | 'nyc-grid' | 'request';
  /** The reference grid (null for "request"). */
  referenceGrid: GridEcho | null;
  /** The reference distributions (their sizes are stated when a factor is scored at fewer reference sites). */
  stats: FactorStats;
  requestSize: number;
  ownNetwork: { id: string; name: string; branches: number } | null; serviceDate: string | null; medianDepositsK: number | null;
  /** The grid scored (null for a `sites` request). */
  grid: GridEcho | null;
  maxCells: number;
  dataCoverage: ScoreResponse['params']['dataCoverage'];
  /** The users' datasets used (absent when none). */
  datasets?: ScoreResponse['params']['datasets'];
}): ScoreResponse['params'] {
  const ref = o.referenceGrid;
  const size = ref ? ref.cells : o.requestSize;
  // counts grouped as the English UI shows them (1,695 not 1695): this sentence is shown as it is in English
  const n = (v: number) => v.toLocaleString('en-US');
  const perFactor = FACTOR_NAMES.some((f) => (o.stats[f]?.n ?? 0) !== size)
    ? `; each factor ranked among the ${ref ? 'cells' : 'sites'} it is scored at (${FACTOR_NAMES.map((f) => `${f} ${n(o.stats[f]?.n ?? 0)}`).join(', ')})` : '';
  return {
    ...o.params,
    weights: o.weights,
    normalization: {
      method: o.method, reference: o.reference, grid: ref ? { resolution: ref.resolution, area: ref.area, name: ref.name } : null,
      referenceSize: size,
      referenceDescription: (ref
        ? `${ref.name} H3 res-${ref.resolution} land grid (${n(ref.cells)} ${ref.cells === 1 ? 'cell' : 'cells'}) scored with the same parameters and own network`
        : `the ${n(o.requestSize)} ${o.requestSize === 1 ? 'site' : 'sites'} of this request`) + perFactor,
    },
    ownNetwork: o.ownNetwork,
    serviceDate: o.serviceDate,
    medianDepositsK: o.medianDepositsK,
    grid: o.grid ? { ...o.grid, maxCells: o.maxCells } : null,
    dataCoverage: o.dataCoverage,
    ...(o.datasets ? { datasets: o.datasets } : {}),
  };
}
