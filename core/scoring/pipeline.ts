import type { ScoredSite, ScoreResponse } from '../api/sites';
import { computeFactorTable, type FactorTable, type ScoringContext } from './factorTable';
import { depositAttractiveness } from './huffModel';
import { normalizeColumn, referenceStats, type NormalizationMethod, type ReferenceStats } from './normalization';
import type { ScoringParams } from './params';
import { applyWeights, FACTOR_NAMES, type FactorName, type Weights } from './siteScore';
import type { OutletPoints } from './types';

/**
 * The scoring pipeline after the spatial part (SITE-MODEL.md "Composite score"), pure and shared by the API service,
 * the CLI and the benchmark: a {@link FactorTable} (computed once per parameter set by `computeFactorTable`) is
 * normalised against a reference distribution, weighted, ranked and rounded for transport into {@link ScoredSite}s.
 *
 * Rounding rule (one for the API response and every file written from it, see {@link TRANSPORT_DECIMALS}): scores,
 * normalised values and contributions to 1e-6; raw factor values, people and departures to 1e-4; distances to 1 mm;
 * the Huff share to 1e-9; counts, populations within a radius and weights as they are. Normalised values are rounded
 * BEFORE weighting, so a site's score is Σ w_f · (the normalised value it reports) and the client re-ranks to the
 * same order.
 */

/** One number per site per factor. */
export type FactorColumns = Record<FactorName, Float64Array>;
/** One reference distribution per factor. */
export type FactorStats = Record<FactorName, ReferenceStats>;

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

/** The reference distribution of each factor's raw column. @throws on an empty table (see `referenceStats`). */
export function factorStats(table: FactorTable): FactorStats {
  return { transit: referenceStats(table.raw.transit), demand: referenceStats(table.raw.demand), competition: referenceStats(table.raw.competition) };
}

/** Every raw column normalised by `method` against `stats`, each value rounded to 1e-6 (the transport rule). */
export function normalizeFactors(table: FactorTable, stats: FactorStats, method: NormalizationMethod): FactorColumns {
  const out = {} as FactorColumns;
  for (const f of FACTOR_NAMES) {
    const col = normalizeColumn(table.raw[f], stats[f], method);
    for (let j = 0; j < col.length; j++) col[j] = roundTo(col[j], TRANSPORT_DECIMALS.normalized);
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
export function siteFactorStats(table: FactorTable, normalized: FactorColumns, j: number, demandLayers?: readonly DemandLayerInfo[]) {
  const t = table.transit[j], d = table.demand[j], c = table.competition[j];
  const r = roundField;
  const layers = demandLayers && d.layers
    ? { layers: demandLayers.map((l, k) => ({ ...l, raw: r('raw', d.layers![k].raw), within1000m: r('within1000m', d.layers![k].within1000m) })) }
    : {};
  return {
    transit: { raw: r('raw', t.raw), normalized: normalized.transit[j], departuresWithinRadius: r('departuresWithinRadius', t.departuresWithinRadius),
      imputedDepartures: r('imputedDepartures', t.imputedDepartures), stopsWithinRadius: t.stopsWithinRadius, routesWithinRadius: t.routesWithinRadius,
      nearestStopM: r('nearestStopM', t.nearestStopM), nearestStopId: t.nearestStopId, nearestStopMode: t.nearestStopMode },
    demand: { raw: r('raw', d.raw), normalized: normalized.demand[j], populationWithin500m: d.populationWithin500m,
      populationWithin1000m: d.populationWithin1000m, populationWithin2000m: d.populationWithin2000m, ...layers },
    competition: { raw: r('raw', c.raw), normalized: normalized.competition[j], competitorsWithin500m: c.competitorsWithin500m,
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
}

/**
 * The pipeline: normalise `table` against `stats` by `method` (or reuse `normalized`), weight
 * (`score_j = Σ_f w_f · normalized_f(j)`), rank within the set (1 = best, ties keep input order) and round into
 * {@link ScoredSite}s. `sites[j]` is the candidate of table row j.
 * @throws when `sites` and the table differ in length.
 */
export function scoreFactorTable(sites: readonly SiteRef[], table: FactorTable, o: ScoreOptions): ScoredTable {
  if (sites.length !== table.raw.transit.length) throw new Error(`scoreFactorTable: ${sites.length} sites for ${table.raw.transit.length} table rows`);
  const { weights } = o;
  const normalized = o.normalized ?? normalizeFactors(table, o.stats, o.method);
  const { score, rank } = applyWeights(normalized, weights);
  const out: ScoredSite[] = new Array(sites.length);
  for (let j = 0; j < sites.length; j++) {
    const st = siteFactorStats(table, normalized, j, o.demandLayers);
    const f = <F extends FactorName>(name: F) => ({ weight: weights[name], contribution: roundTo(weights[name] * normalized[name][j], TRANSPORT_DECIMALS.contribution), ...st[name] });
    out[j] = { id: sites[j].id, lng: sites[j].lng, lat: sites[j].lat, score: roundTo(score[j], TRANSPORT_DECIMALS.score), rank: rank[j],
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
    transit: new Array(n), demand: new Array(n), competition: new Array(n),
  };
  let o = 0;
  parts.forEach((p, k) => {
    const rows = picks[k];
    for (let q = 0; q < rows.length; q++, o++) {
      const j = rows[q];
      for (const f of FACTOR_NAMES) { out.raw[f][o] = p.table.raw[f][j]; out[f][o] = p.table[f][j] as never; }
    }
  });
  return out;
}

/** The NYC-grid reference of one (own network, parameter set): the cells, their factor table and its distributions. */
export interface GridTable {
  cells: readonly SiteRef[];
  table: FactorTable;
  stats: FactorStats;
}

/** Compute a {@link GridTable} for `cells` (the expensive part, once per own network and parameter set). */
export function computeGridTable(ctx: ScoringContext, cells: readonly SiteRef[], onProgress?: (done: number) => void): GridTable {
  const table = computeFactorTable(ctx, cells.map((c) => c.lng), cells.map((c) => c.lat), onProgress);
  return { cells, table, stats: factorStats(table) };
}

/** The candidates of one request with their factor table and the distributions to normalise against. */
export interface RequestCandidates {
  sites: SiteRef[];
  table: FactorTable;
  stats: FactorStats;
  /** True when the candidates are exactly the grid's cells (its table and normalised columns can be reused as they are). */
  gridOnly: boolean;
}

/**
 * Assemble a request's candidates: the grid's cells (from `grid`, already computed) when `includeGrid`, then `sites`
 * (their factors computed here; a site with a grid cell's id replaces that cell). Normalisation reference: the grid's
 * distributions for `"nyc-grid"` (and for the grid alone, which is its own request set), else the candidates' own.
 * @throws when the grid is needed but not given, or when there are no candidates.
 */
export function requestCandidates(ctx: ScoringContext, o: { grid: GridTable | null; includeGrid: boolean; sites: readonly SiteRef[];
  reference: 'nyc-grid' | 'request'; onProgress?: (done: number, total: number) => void }): RequestCandidates {
  if ((o.includeGrid || o.reference === 'nyc-grid') && !o.grid) throw new Error('requestCandidates: the grid reference is needed');
  const added = o.sites.length
    ? computeFactorTable(ctx, o.sites.map((s) => s.lng), o.sites.map((s) => s.lat), o.onProgress && ((d) => o.onProgress!(d, o.sites.length)))
    : null;
  let sites: SiteRef[], table: FactorTable;
  if (o.includeGrid && added) {
    const replaced = new Set(o.sites.map((s) => s.id));
    const keep: number[] = [];
    o.grid!.cells.forEach((c, j) => { if (!replaced.has(c.id)) keep.push(j); });
    sites = [...keep.map((j) => o.grid!.cells[j]), ...o.sites];
    table = concatFactorTables([{ table: o.grid!.table, rows: keep }, { table: added }]);
  } else if (o.includeGrid) {
    sites = [...o.grid!.cells];
    table = o.grid!.table;
  } else if (added) {
    sites = [...o.sites];
    table = added;
  } else throw new Error('requestCandidates: no candidates');
  const gridOnly = o.includeGrid && !added;
  const stats = o.reference === 'nyc-grid' || gridOnly ? o.grid!.stats : factorStats(table);
  return { sites, table, stats, gridOnly };
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

/** The `params` a score response echoes: every parameter, the weights and normalisation used, and what they were applied to. */
export function scoreResponseParams(o: {
  params: ScoringParams; weights: Weights; method: NormalizationMethod; reference: 'nyc-grid' | 'request';
  referenceSize: number; gridCells: number | null; requestSize: number;
  ownNetwork: { id: string; name: string; branches: number } | null; serviceDate: string | null; medianDepositsK: number | null;
  grid: { resolution: 9; area: 'nyc' } | undefined;
  /** The users' datasets used (absent when none). */
  datasets?: ScoreResponse['params']['datasets'];
}): ScoreResponse['params'] {
  return {
    ...o.params,
    weights: o.weights,
    normalization: {
      method: o.method, reference: o.reference, referenceSize: o.referenceSize,
      referenceDescription: o.reference === 'nyc-grid'
        ? `NYC H3 res-9 land grid (${o.gridCells} cells) scored with the same parameters and own network`
        : `the ${o.requestSize} sites of this request`,
    },
    ownNetwork: o.ownNetwork,
    serviceDate: o.serviceDate,
    medianDepositsK: o.medianDepositsK,
    grid: o.grid ? { resolution: o.grid.resolution, area: o.grid.area, cells: o.gridCells! } : null,
    ...(o.datasets ? { datasets: o.datasets } : {}),
  };
}
