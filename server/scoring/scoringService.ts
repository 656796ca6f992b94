import type { Database } from '../db/database';
import { runSteps, runStepsPaused, type Steps } from '../../core/steps';
import { geoDataCache, type GeoData } from '../geo/geoData';
import { loadNycGridCells } from '../geo/nycGrid';
import { Lru, memoByKey, memoOnce } from '../memo';
import type { H3CandidateCell } from '../../core/geo/h3Grid';
import { resolveOwnNetwork, type NetworkInfo } from '../../core/network/ownNetwork';
import { createScoringContext, type FactorTable, type ScoringContext } from '../../core/scoring/factorTable';
import type { NormalizationMethod } from '../../core/scoring/normalization';
import { scoringParamsKey, type ScoringParams } from '../../core/scoring/params';
import {
  computeGridTable, normalizeFactors, requestCandidates, roundTo, scoreFactorTable, scoreFactorTableSteps, scoreResponseParams, scoringOutlets, siteFactorStats,
  siteWeightsRounded, TRANSPORT_DECIMALS, type DemandLayerInfo, type FactorColumns, type FactorStats, type GridEcho, type GridTable, type SiteRef,
} from '../../core/scoring/pipeline';
import { dataCoverageEcho, dataExtent, pointsBbox, summariseWarnings, type DataExtent, type FeedExtent, type ScoredColumns } from '../../core/scoring/dataCoverage';
import type { ReferenceStats } from '../../core/scoring/normalization';
import { applyWeights, FACTOR_NAMES, type FactorName, type NormalizedColumns, type ScoredMask, type Weights } from '../../core/scoring/siteScore';
import type { ScoreRequestParsed, ScoreResponse, SensitivityRequestParsed, SensitivityResponse, SitePlace, SiteWarning } from '../../core/api/sites';
import { MAX_GRID_CELLS, type GridSpec } from '../../core/api/areas';
import { AreaResolver, type ResolvedArea } from '../areas/areaResolver';
import { weightSensitivity, type SensitivityOptions, type SensitivityResult } from '../../core/scoring/weightSensitivity';

/**
 * Runs the Monte Carlo draws of a sensitivity request (default: here; the route passes the compute pool's). `scored`:
 * where each factor has data (factors without data are excluded per site, the weights renormalised).
 */
export type MonteCarlo = (normalized: NormalizedColumns, weights: Weights, opts: SensitivityOptions, scored?: ScoredMask) => Promise<SensitivityResult>;

/** What a grid reference's factor table is computed from (plain data: {@link gridTableFrom}, in a compute worker or here). */
export interface GridTableInput {
  ownNetwork: string | undefined;
  params: ScoringParams;
  layers: ScoringLayers | null;
  cells: readonly H3CandidateCell[];
  places: readonly SitePlace[];
  extent: DataExtent | null;
}

/**
 * Computes a grid reference's factor table (default: {@link gridTableFrom} on this thread; the app passes its compute
 * pool's, server/services.ts). `key` names the reference (the pool counts each reference's task on its own).
 */
export type GridTables = (input: GridTableInput, key: string) => Promise<GridTable>;
import { inBox, pointIndexSteps } from '../../core/geo/pointIndex';
import { metresToLatDeg, metresToLngDeg } from '../../core/geo/haversine';
import { ensureDemandSums } from '../../core/scoring/huffModel';
import type { DemandPoints, OutletPoints, StopPoints } from '../../core/scoring/types';
import type { ScoringLayers } from '../datasets/scoringLayers';
import { scoringMetadata, type ScoringMetadata } from './metadata';
import { fromColumns, packShared, toColumns, unpackShared, type Columns } from '../work/sharedResource';
import type { ComputePool } from '../work/computePool';
import { nextTurn } from '../eventLoop';

/** A scoring context for one (own network, parameter set), with what the response echoes. */
interface PreparedContext {
  ctx: ScoringContext;
  network: NetworkInfo | null;
  medianDepositsK: number | null;
}

/** The NYC H3 res-9 land grid: the reference of a `sites` request that names no other. */
export const NYC_GRID: GridSpec = Object.freeze({ resolution: 9, area: 'nyc' }) as GridSpec;

/** A study-area grid reference for one (own network, parameter set, area, resolution), with what re-weighting it reuses. */
export interface GridReference extends GridTable {
  spec: GridSpec;
  area: ResolvedArea;
  /** Normalised columns per method (cached: re-weighting the grid reuses them). */
  normalized: Map<NormalizationMethod, FactorColumns>;
  /** Per method, each cell's weight-independent JSON fragments (see {@link ScoringService.scoreJson}). */
  fragments: Map<NormalizationMethod, GridJson>;
}

/**
 * The weight-independent JSON text of every grid cell: `{"id":…,"lng":…,"lat":…,`, `"place":…,"warnings":…,` and,
 * per factor, its stats' members.
 */
interface GridJson { head: string[]; place: string[]; transit: string[]; demand: string[]; competition: string[] }

/**
 * The scoring caches of requests over the shipped data alone (no users' datasets, no dataset area): prepared Huff
 * contexts per (own network, parameter set) and grid references per (network, parameters, resolution, area). What they
 * hold depends only on the imported data and the data folder, so apps over the same read-only import may share them
 * (server/services.ts `sharedData`, used by the tests); by default each service has its own.
 */
export interface ShippedScoringCaches {
  contexts: Lru<Promise<PreparedContext>>;
  references: Lru<Promise<GridReference>>;
}

/** Empty {@link ShippedScoringCaches} (8 contexts, 12 references, least recently used evicted first). */
export function shippedScoringCaches(): ShippedScoringCaches {
  return { contexts: new Lru(8), references: new Lru(12) };
}

/**
 * Site scoring over the imported data (SITE-MODEL.md): prepares the spatial context once per (own network, parameter
 * set), computes and caches study-area grid references (core/api/areas.ts) per parameter set, and answers score
 * requests by computing factors for the candidates (or reusing the grid table) and running the pure pipeline of
 * core/scoring/pipeline.ts (normalise, weight, rank, round) on top — so re-weighting never redoes the spatial joins.
 * Factors whose data does not cover a site are excluded from its composite with a warning (core/scoring/dataCoverage.ts).
 */
export class ScoringService {
  /** Contexts and references of requests naming users' datasets (their layers or a dataset area): this app's own. */
  private contexts = new Lru<Promise<PreparedContext>>(8);
  private references = new Lru<Promise<GridReference>>(12);
  /** Contexts and references over the shipped data alone (see {@link ShippedScoringCaches}). */
  private readonly shipped: ShippedScoringCaches;
  private meta: Promise<ScoringMetadata> | null = null;

  private readonly geoSource: () => Promise<GeoData>;
  private readonly gridSource: (resolution: number) => Promise<H3CandidateCell[]>;
  private readonly gridTables: GridTables | null;
  private readonly extentOnce: () => Promise<DataExtent>;
  /** Study areas: boundaries, grids and places (the app's, or the service's own). */
  readonly areas: AreaResolver;

  /**
   * @param sources the app's shared geo data, NYC grid and study-area resolver (server/services.ts); without them the
   * service keeps its own. `gridTables`: where grid references' factor tables are computed (the app's compute pool: the
   * NYC grid's held the event loop ≈ 0.5 s at start-up); without it, on this thread. `dataExtent`: where the loaded
   * files' extent is computed from the same geo data (the app's compute pool); without it, here.
   */
  constructor(readonly db: Database, readonly dataDir: string, readonly fallbackServiceDate: string,
    sources: { geo?: () => Promise<GeoData>; nycGrid?: (resolution: number) => Promise<H3CandidateCell[]>; areas?: AreaResolver;
      shipped?: ShippedScoringCaches; gridTables?: GridTables; dataExtent?: () => Promise<DataExtent> } = {}) {
    this.gridTables = sources.gridTables ?? null;
    this.shipped = sources.shipped ?? shippedScoringCaches();
    this.geoSource = sources.geo ?? geoDataCache(db);
    this.gridSource = sources.nycGrid ?? memoByKey((resolution: number) => loadNycGridCells(dataDir, resolution));
    this.areas = sources.areas ?? new AreaResolver(dataDir);
    const extentSource = sources.dataExtent;
    this.extentOnce = memoOnce(async () => {
      if (extentSource) return extentSource();
      const geo = await this.geo();
      return dataExtent(geo.blockGroups, geo.branches, geo.stops);
    });
  }

  /**
   * States covered by the loaded demand and outlet files, and each transit feed's stops and extent (computed once);
   * null in a data folder without the boundary files (sites' states unknown: demand and outlets are then scored
   * everywhere, transit still by its feeds).
   */
  async extent(): Promise<DataExtent | null> {
    return (await this.areas.boundariesAvailable()) ? this.extentOnce() : null;
  }

  /** Drop every cached factor table and Huff context (the geo data and the grid cells stay loaded). */
  clearFactorCache(): void {
    this.contexts.clear();
    this.references.clear();
    this.shipped.contexts.clear();
    this.shipped.references.clear();
  }

  geo(): Promise<GeoData> {
    return this.geoSource();
  }

  /**
   * The context for an own network (or none), a parameter set and the users' datasets of the request (or none).
   * @throws AppError 400 for an unknown network.
   */
  prepare(ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null = null): Promise<PreparedContext> {
    const key = contextKey(ownNetwork, params, layers);
    const cache = layers ? this.contexts : this.shipped.contexts;
    let p = cache.get(key);
    if (!p) {
      p = this.buildContext(ownNetwork, params, layers);
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  }

  /** @throws AppError 400 for an unknown own network (as {@link prepare} would). */
  async checkNetwork(ownNetwork: string | undefined): Promise<void> {
    if (ownNetwork) resolveOwnNetwork((await this.geo()).branches, ownNetwork);
  }

  private async buildContext(ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null): Promise<PreparedContext> {
    return runStepsPaused(preparedContextSteps(await this.geo(), ownNetwork, params, layers), nextTurn);
  }

  /**
   * The grid reference of a study-area grid (default the NYC res-9 grid) for this network and parameter set (computed
   * once, cached). @throws AppError 400 naming `<field>.area` (unknown county/NTA) or `<field>` (over the cell cap),
   * 404 (unknown dataset).
   */
  reference(ownNetwork: string | undefined, params: ScoringParams, spec: GridSpec = NYC_GRID,
    onProgress?: (done: number, total: number) => void, field = 'grid', layers: ScoringLayers | null = null): Promise<GridReference> {
    const base = `${contextKey(ownNetwork, params, layers)}|${spec.resolution}|`;
    // An uploaded boundary may change (re-import): its key comes from the resolved area (with the dataset version).
    if (typeof spec.area === 'object' && 'dataset' in spec.area) {
      return this.areas.resolve(spec.area, `${field}.area`)
        .then((area) => this.cachedReference(base + area.key, ownNetwork, params, spec, area, onProgress, field, layers));
    }
    return this.cachedReference(base + JSON.stringify(spec.area), ownNetwork, params, spec, null, onProgress, field, layers);
  }

  private cachedReference(key: string, ownNetwork: string | undefined, params: ScoringParams, spec: GridSpec, resolved: ResolvedArea | null,
    onProgress: ((done: number, total: number) => void) | undefined, field: string, layers: ScoringLayers | null): Promise<GridReference> {
    // a dataset area's key holds the resolved area (dataset id and version), and `layers` its datasets: this app's own
    const cache = layers || resolved ? this.references : this.shipped.references;
    let p = cache.get(key);
    if (!p) {
      p = (async () => {
        const area = resolved ?? await this.areas.resolve(spec.area, `${field}.area`);
        // the NYC res-9 grid is the app's shared one (the same cells the forecast and coverage use)
        const cellsP = spec.area === 'nyc' && spec.resolution === 9 ? this.gridSource(9) : this.areas.grid(area, spec.resolution, field);
        // off this thread when the app has a pool and no progress is asked for (the CLI's); an unknown network is
        // refused here first (400), as before
        const offThread = this.gridTables && !onProgress;
        const [prepared, cells, extent] = await Promise.all([offThread ? null : this.prepare(ownNetwork, params, layers), cellsP, this.extent(),
          offThread ? this.checkNetwork(ownNetwork) : undefined]);
        const places = await this.areas.gridPlacesOf(cells);
        const grid = offThread ? await this.gridTables!({ ownNetwork, params, layers, cells, places, extent }, key)
          : computeGridTable(prepared!.ctx, cells, onProgress && ((d) => onProgress(d, cells.length)), { places, extent });
        return { ...grid, spec, area, normalized: new Map(), fragments: new Map() };
      })();
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  }

  /**
   * Fill the competition model's per-demand-point sums (core/scoring/huffModel.ts `ensureDemandSums`) of this thread's
   * context for no own network and `params`, for every demand point within Dmax (`huffDMaxM`) of the bounding box of the
   * NYC res-9 grid's cells, {@link SUMS_PER_TURN} points between two turns of the event loop. The grid's factor table is
   * computed in the compute pool, so without this the first few explicit sites scored here fill them at once (60–140 ms
   * of the event loop). The sums are what the lazy filling computes: responses do not change.
   * @returns the number of demand points whose sums were filled now.
   * @throws the geo data's or grid's load error.
   */
  async prefillCompetitionSums(params: ScoringParams): Promise<number> {
    const [{ ctx }, cells] = await Promise.all([this.prepare(undefined, params), this.gridSource(NYC_GRID.resolution)]);
    const [w, s, e, n] = pointsBbox(cells.map((c) => c.lng), cells.map((c) => c.lat));
    const huff = ctx.huff, dLat = metresToLatDeg(huff.dMaxM), dLng = metresToLngDeg(huff.dMaxM, Math.max(Math.abs(s), Math.abs(n)) + dLat);
    const near = inBox(ctx.demand.index, w - dLng, s - dLat, e + dLng, n + dLat);
    let filled = 0;
    for (let k = 0; k < near.length; k++) {
      // a turn before the first piece too: the warm-up calls this right after the grid's response is written
      if (k % SUMS_PER_TURN === 0) await nextTurn();
      if (!Number.isNaN(huff.sumAll[near[k]])) continue;
      ensureDemandSums(huff, near[k]);
      filled++;
    }
    return filled;
  }

  /** Service date and dataset vintages (read once). */
  private metadata(): Promise<ScoringMetadata> {
    if (!this.meta) {
      this.meta = scoringMetadata(this.db, this.fallbackServiceDate);
      this.meta.catch(() => { this.meta = null; });
    }
    return this.meta;
  }

  /**
   * The candidates of a validated request (core/scoring/pipeline.ts `requestCandidates`: `sites`, a study-area grid, or
   * for sensitivity the grid plus `sites`), where each factor's data covers them, their normalised columns (cached for
   * the grid alone) and the response's echo. Reference: the request's grid, `normalization.grid`, the NYC grid, or the
   * request. The grid's factors come from the cache; only `sites` are computed. `layers`: the users' datasets.
   * @throws AppError 400 (unknown `ownNetwork`, unknown county/NTA, over the cell cap), 404 (unknown dataset).
   */
  private async evaluate(req: ScoreRequestParsed | SensitivityRequestParsed, onProgress: ((done: number, total: number) => void) | undefined,
    layers: ScoringLayers | null) {
    const g = await this.gather(req, onProgress, layers);
    return runStepsPaused(evaluateSteps(req, g, layers, onProgress), nextTurn);
  }

  /** What {@link evaluate} reads (contexts, grid references, places, extents, metadata): everything but the factors of `sites`. */
  private async gather(req: ScoreRequestParsed | SensitivityRequestParsed, onProgress: ((done: number, total: number) => void) | undefined,
    layers: ScoringLayers | null, prepareContext = true): Promise<Gathered> {
    const params: ScoringParams = req.params;
    const prepared = prepareContext ? await this.prepare(req.ownNetwork, params, layers) : null;
    const sites = req.sites ?? [];
    const grid = req.grid
      ? await this.reference(req.ownNetwork, params, req.grid, !sites.length ? onProgress : undefined, 'grid', layers) : null;
    const reference: 'grid' | 'nyc-grid' | 'request' = req.normalization.reference ?? (req.grid || req.normalization.grid ? 'grid' : 'nyc-grid');
    const refSpec: GridSpec | null = reference === 'request' ? null : reference === 'nyc-grid' ? NYC_GRID : (req.normalization.grid ?? req.grid!);
    const ref = !refSpec ? null : grid && refSpec === req.grid ? grid
      : await this.reference(req.ownNetwork, params, refSpec, undefined, refSpec === req.normalization.grid ? 'normalization.grid' : 'grid', layers);
    const [extent, places, loaded] = await Promise.all([this.extent(), sites.length ? this.areas.placesOf(sites) : [], this.extentOnce()]);
    return { prepared, grid, ref, refEcho: ref && gridEcho(ref), reference, extent, places, loaded, meta: await this.metadata() };
  }

  /**
   * What scoring the explicit `sites` of a request (no grid) needs once this thread has read it all: plain data,
   * scored by {@link scoreSitesJson} in a compute worker (server/work/tasks.ts) — 10,000 sites held the event loop
   * ≈ 1 s here. The worker builds its own scoring context from the geo data (cached per network, parameters, datasets).
   */
  async sitesInput(req: ScoreRequestParsed, layers: ScoringLayers | null): Promise<SiteScoringInput> {
    const g = await this.gather(req, undefined, layers, false);
    return { req, layers, reference: g.reference, refStats: g.ref?.stats ?? null, refEcho: g.refEcho, extent: g.extent, places: g.places,
      loaded: g.loaded, meta: g.meta };
  }

  /**
   * Score a validated request (see {@link evaluate}) and return the response object; its sites are built a piece at a
   * time with a turn of the event loop between (the NYC grid's 7,405 at once held it 40–80 ms).
   */
  async score(req: ScoreRequestParsed, onProgress?: (done: number, total: number) => void, layers: ScoringLayers | null = null): Promise<ScoreResponse> {
    const e = await this.evaluate(req, onProgress, layers);
    await nextTurn();
    const r = await runStepsPaused(scoreFactorTableSteps(e.sites, e.table, { stats: e.stats, method: e.method, weights: req.weights, normalized: e.normalized,
      demandLayers: e.demandLayers, scored: e.scored, places: e.places, warnings: e.warnings }), nextTurn);
    return { count: r.sites.length, sites: r.sites, params: e.echo, warnings: e.summary, vintage: e.vintage };
  }

  /**
   * Monte Carlo weight sensitivity of a request's ranking (core/scoring/weightSensitivity.ts). Candidates as in
   * {@link evaluate}: with `grid` and `sites` together, the cached grid table plus only the added sites. Sites in
   * candidate order (grid cells, then added sites). `monteCarlo` runs the draws (10,000 sites × 2,000 draws ≈ 7 s: the
   * route runs them in a worker thread).
   */
  async sensitivity(req: SensitivityRequestParsed, layers: ScoringLayers | null = null,
    monteCarlo: MonteCarlo = async (n, w, o, m) => weightSensitivity(n, w, o, m)): Promise<SensitivityResponse> {
    const e = await this.evaluate(req, undefined, layers);
    return sensitivityResponse(e, req.weights, await monteCarlo(e.normalized, req.weights, req.sensitivity ?? {}, e.scored));
  }

  /**
   * The same response as {@link score}, as JSON text. For the grid, each cell's weight-independent JSON is built once
   * per parameter set and normalisation method and kept; a re-weight then writes only score, rank, weights and
   * contributions around it (string joins instead of 7,405 object builds and a full stringify).
   */
  async scoreJson(req: ScoreRequestParsed, layers: ScoringLayers | null = null): Promise<string> {
    return (await this.scoreJsonPieces(req, layers)).join('');
  }

  /**
   * {@link scoreJson}'s text as UTF-8 bytes, encoded a piece at a time ({@link GRID_JSON_PER_TURN} cells) with a turn
   * of the event loop between: a 25,000-cell grid's 16 MB text joined and encoded at once held the loop ≈ 100 ms.
   */
  async scoreJsonBytes(req: ScoreRequestParsed, layers: ScoringLayers | null = null): Promise<Uint8Array<ArrayBuffer>> {
    const pieces = await this.scoreJsonPieces(req, layers);
    const encoder = new TextEncoder();
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    for (let k = 0; k < pieces.length; k++) {
      if (k > 0) await nextTurn();
      const b = encoder.encode(pieces[k]);
      chunks.push(b);
      bytes += b.byteLength;
    }
    const out = new Uint8Array(bytes);
    let at = 0;
    for (const b of chunks) { out.set(b, at); at += b.byteLength; }
    return out;
  }

  /** {@link scoreJson}'s text in pieces whose concatenation is the whole: a grid's cells {@link GRID_JSON_PER_TURN} to a piece. */
  private async scoreJsonPieces(req: ScoreRequestParsed, layers: ScoringLayers | null): Promise<string[]> {
    const e = await this.evaluate(req, undefined, layers);
    const w = req.weights;
    if (!e.ref) {
      const r = scoreFactorTable(e.sites, e.table, { stats: e.stats, method: e.method, weights: w, normalized: e.normalized,
        demandLayers: e.demandLayers, scored: e.scored, places: e.places, warnings: e.warnings });
      return [JSON.stringify({ count: r.sites.length, sites: r.sites, params: e.echo, warnings: e.summary, vintage: e.vintage })];
    }
    let json = e.ref.fragments.get(e.method);
    if (!json) e.ref.fragments.set(e.method, (json = await gridJson(e.sites, e.table, e.normalized, e.scored, e.places, e.warnings, e.demandLayers)));
    const { score, rank } = applyWeights(e.normalized, w, e.scored);
    const nT = e.normalized.transit, nD = e.normalized.demand, nC = e.normalized.competition;
    const c = (x: number) => roundTo(x, TRANSPORT_DECIMALS.contribution);
    const wT = JSON.stringify(w.transit), wD = JSON.stringify(w.demand), wC = JSON.stringify(w.competition);
    const buf: Weights = { ...w };
    const pieces: string[] = [`{"count":${e.sites.length},"sites":[`];
    let parts: string[] = [];
    for (let j = 0; j < e.sites.length; j++) {
      if (j > 0 && j % GRID_JSON_PER_TURN === 0) {
        pieces.push((j > GRID_JSON_PER_TURN ? ',' : '') + parts.join(','));
        parts = [];
        await nextTurn();
      }
      // a site with a factor not scored has its own (renormalised) weights; the others share the request's
      const sw = siteWeightsRounded(w, e.scored, j, buf);
      const [sT, sD, sC] = sw === w ? [wT, wD, wC] : [JSON.stringify(sw.transit), JSON.stringify(sw.demand), JSON.stringify(sw.competition)];
      // template literals print numbers as JSON does (shortest round-trip form, −0 as 0)
      parts.push(`${json.head[j]}"score":${roundTo(score[j], TRANSPORT_DECIMALS.score)},"rank":${rank[j]},${json.place[j]}"factors":{`
        + `"transit":{"weight":${sT},"contribution":${c(sw.transit * nT[j])},${json.transit[j]}},`
        + `"demand":{"weight":${sD},"contribution":${c(sw.demand * nD[j])},${json.demand[j]}},`
        + `"competition":{"weight":${sC},"contribution":${c(sw.competition * nC[j])},${json.competition[j]}}}}`);
    }
    if (parts.length) pieces.push((e.sites.length > GRID_JSON_PER_TURN ? ',' : '') + parts.join(','));
    pieces.push(`],"params":${JSON.stringify(e.echo)},"warnings":${JSON.stringify(e.summary)},"vintage":${JSON.stringify(e.vintage)}}`);
    return pieces;
  }
}

/** A grid reference as the response echoes it. */
function gridEcho(g: GridReference): GridEcho {
  return { resolution: g.spec.resolution, area: g.spec.area, name: g.area.name, boundarySource: g.area.boundarySource, cells: g.cells.length };
}

/**
 * A grid reference's distribution for every factor (the NYC grid has all three).
 * @throws Error naming the factor when it is scored at no cell of the grid (e.g. transit outside every feed).
 */
export function fullStats(ref: { stats: FactorStats; area: { name: string } }): Record<FactorName, ReferenceStats> {
  for (const f of FACTOR_NAMES) if (!ref.stats[f]) throw new Error(`${ref.area.name}: no cell of the grid has ${f} data`);
  return ref.stats as Record<FactorName, ReferenceStats>;
}

/** The users' transit feeds in the data-coverage echo: their stops and the extent of those stops. */
function userFeeds(layers: ScoringLayers | null): FeedExtent[] {
  const u = layers?.stops;
  if (!u || !layers?.echo?.transit?.length) return [];
  const bbox = pointsBbox(u.lng, u.lat);
  return layers.echo.transit.map((f) => ({ feed: `dataset:${f.id}`, stops: f.stops, bbox }));
}

/** Demand points whose competition sums {@link ScoringService.prefillCompetitionSums} fills between two turns of the event loop (≈ 5–15 ms). */
const SUMS_PER_TURN = 500;

/**
 * Grid cells whose JSON fragments {@link gridJson} — or whose response text {@link ScoringService.scoreJson} — writes
 * between two turns of the event loop (≈ 5–10 ms; 1,000 cells and the NYC grid's whole response at once held it 40–90 ms
 * in the start-up warm-up).
 */
const GRID_JSON_PER_TURN = 500;

/**
 * The weight-independent JSON of every grid cell (see {@link GridJson}), {@link GRID_JSON_PER_TURN} cells between two
 * turns of the event loop (the NYC grid's 7,405 at once held it ≈ 100–150 ms in the start-up warm-up).
 */
async function gridJson(sites: readonly SiteRef[], table: FactorTable, normalized: FactorColumns, scored: ScoredColumns, places: readonly SitePlace[],
  warnings: readonly SiteWarning[][], demandLayers?: readonly DemandLayerInfo[]): Promise<GridJson> {
  const out: GridJson = { head: [], place: [], transit: [], demand: [], competition: [] };
  for (let j = 0; j < sites.length; j++) {
    if (j % GRID_JSON_PER_TURN === 0) await nextTurn();
    const st = siteFactorStats(table, normalized, j, demandLayers, scored);
    out.head.push(JSON.stringify({ id: sites[j].id, lng: sites[j].lng, lat: sites[j].lat }).slice(0, -1) + ',');
    out.place.push(JSON.stringify({ place: places[j], warnings: warnings[j] }).slice(1, -1) + ',');
    out.transit.push(JSON.stringify(st.transit).slice(1, -1));
    out.demand.push(JSON.stringify(st.demand).slice(1, -1));
    out.competition.push(JSON.stringify(st.competition).slice(1, -1));
  }
  return out;
}

/**
 * The spatial inputs with the users' datasets merged in (issue 10, items 3–4): extra own / competitor outlets
 * (attractiveness 1), extra transit stops (timetabled, not imputed), and the demand as the weighted layers the request
 * picked (`residents` = the census block groups), each point tagged with its layer for the breakdown. A generator that
 * yields between its pieces (the point indexes a piece at a time: core/geo/pointIndex.ts pointIndexSteps).
 */
function* withUserLayersSteps(geo: GeoData, outlets: OutletPoints, layers: ScoringLayers): Steps<{ outlets: OutletPoints; demand: DemandPoints; stops: StopPoints }> {
  const cat = (a: ArrayLike<number>, ...bs: (ArrayLike<number> | undefined)[]) => {
    const parts = [a, ...bs.filter((b): b is ArrayLike<number> => !!b)];
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p as ArrayLike<number>, o); o += p.length; }
    return out;
  };
  let outs = outlets;
  if (layers.own || layers.competitors) {
    const br = geo.branches;
    const nOwn = layers.own?.size ?? 0, nComp = layers.competitors?.size ?? 0;
    const lng = cat(br.lng, layers.own?.lng, layers.competitors?.lng), lat = cat(br.lat, layers.own?.lat, layers.competitors?.lat);
    const own = new Uint8Array(lng.length), competitor = new Uint8Array(lng.length);
    own.set(outlets.own as ArrayLike<number>); competitor.set(outlets.competitor as ArrayLike<number>);
    own.fill(1, br.size, br.size + nOwn);
    competitor.fill(1, br.size + nOwn, br.size + nOwn + nComp);
    const attractiveness = new Float64Array(lng.length).fill(1);
    attractiveness.set(outlets.attractiveness as ArrayLike<number>);
    yield;
    outs = { own, competitor, attractiveness, index: yield* pointIndexSteps(lng, lat) };
  }
  let stops: StopPoints = geo.stops;
  if (layers.stops) {
    const u = layers.stops, g = geo.stops;
    yield;
    stops = {
      stopId: [...g.stopId, ...u.id], mode: [...g.mode, ...u.mode], departures: cat(g.departures, u.value),
      imputed: Uint8Array.from([...g.imputed, ...new Array<number>(u.size).fill(0)]), routeIds: [...g.routeIds, ...u.routeIds],
      index: yield* pointIndexSteps(cat(g.lng, u.lng), cat(g.lat, u.lat)),
    };
  }
  let demand: DemandPoints = geo.blockGroups;
  if (layers.demand) {
    const bg = geo.blockGroups;
    const parts = layers.demand.map((l) => (l.points ? { lng: l.points.lng, lat: l.points.lat, count: l.points.value } : { lng: bg.lng, lat: bg.lat, count: bg.population }));
    const n = parts.reduce((a, p) => a + p.lng.length, 0);
    const lng = new Float64Array(n), lat = new Float64Array(n), population = new Float64Array(n), layer = new Uint8Array(n);
    let o = 0;
    parts.forEach((p, k) => {
      lng.set(p.lng, o); lat.set(p.lat, o);
      for (let i = 0; i < p.count.length; i++) population[o + i] = p.count[i] * layers.demand![k].weight;
      layer.fill(k, o, o + p.lng.length);
      o += p.lng.length;
    });
    yield;
    demand = { population, layer, layerWeights: layers.demand.map((l) => l.weight), index: yield* pointIndexSteps(lng, lat) };
  }
  return { outlets: outs, demand, stops };
}

/** What {@link ScoringService} reads before it computes: the context (null when a worker builds its own), grid and reference tables, places, extents. */
interface Gathered {
  prepared: PreparedContext | null;
  grid: GridReference | null;
  ref: GridTable | null;
  refEcho: GridEcho | null;
  reference: 'grid' | 'nyc-grid' | 'request';
  extent: DataExtent | null;
  places: readonly SitePlace[];
  loaded: DataExtent;
  meta: ScoringMetadata;
}

/** The cache key of one scoring context: (own network, parameter set, users' datasets) — as {@link preparedContext} is built from. */
export function contextKey(ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null | undefined): string {
  return `${ownNetwork ?? ''}|${scoringParamsKey(params)}|${layers?.key ?? ''}`;
}

/** The scoring context of one (own network, parameter set, users' datasets) over the geo data. @throws NetworkInputError for an unknown network. */
export function preparedContext(geo: GeoData, ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null): PreparedContext {
  return runSteps(preparedContextSteps(geo, ownNetwork, params, layers));
}

/**
 * {@link preparedContext} as a generator that yields between its pieces (core/steps.ts): the service builds a context
 * with users' datasets on the event loop a piece at a time (300,000 demand points and 8,000 competitors indexed at
 * once held it ≈ 150–190 ms); a worker runs it at once.
 */
function* preparedContextSteps(geo: GeoData, ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null): Steps<PreparedContext> {
  const br = geo.branches;
  let own: Uint8Array = new Uint8Array(br.size);
  let network: NetworkInfo | null = null;
  if (ownNetwork) ({ info: network, own } = resolveOwnNetwork(br, ownNetwork));
  const shipped = scoringOutlets(br, own, params);
  let outlets = shipped.outlets;
  let demand: DemandPoints = geo.blockGroups;
  let stops: StopPoints = geo.stops;
  if (layers) {
    yield;
    ({ outlets, demand, stops } = yield* withUserLayersSteps(geo, outlets, layers));
  }
  return { ctx: createScoringContext(params, demand, stops, outlets), network, medianDepositsK: shipped.medianDepositsK };
}

/**
 * The candidates of a request (core/scoring/pipeline.ts `requestCandidates`: `sites`, a study-area grid, or for
 * sensitivity the grid plus `sites`), where each factor's data covers them, their normalised columns (cached for the
 * grid alone) and the response's echo, from what was gathered. Only `sites` get their factors computed here.
 */
function evaluateGathered(req: ScoreRequestParsed | SensitivityRequestParsed, g: Gathered, layers: ScoringLayers | null,
  onProgress?: (done: number, total: number) => void): Evaluated {
  return runSteps(evaluateSteps(req, g, layers, onProgress));
}

/** What {@link evaluateGathered} gives. */
type Evaluated = ReturnType<typeof evaluateSteps> extends Steps<infer T> ? T : never;

/**
 * {@link evaluateGathered} as a generator that yields between its pieces (candidates, normalisation, echo): the
 * service's own {@link ScoringService.evaluate} takes a turn of the event loop at each (the NYC grid's three at once
 * held it 60–95 ms at start-up); a worker runs them at once.
 */
function* evaluateSteps(req: ScoreRequestParsed | SensitivityRequestParsed, g: Gathered, layers: ScoringLayers | null,
  onProgress?: (done: number, total: number) => void) {
  const params: ScoringParams = req.params;
  const prepared = g.prepared!;
  const { grid, ref, reference } = g;
  const sites = req.sites ?? [];
  const method: NormalizationMethod = req.normalization.method;
  const c = requestCandidates(prepared.ctx, { grid, includeGrid: !!req.grid, sites, reference, referenceGrid: ref,
    coverage: { places: g.places, extent: g.extent }, onProgress });
  let normalized = c.gridOnly ? grid!.normalized.get(method) : undefined;
  if (!normalized) {
    yield;
    normalized = normalizeFactors(c.table, c.stats, method, c.scored);
    if (c.gridOnly) grid!.normalized.set(method, normalized);
    yield;
  }
  const echo = scoreResponseParams({
    params, weights: req.weights, method, reference, referenceGrid: g.refEcho, stats: c.stats, requestSize: c.sites.length,
    ownNetwork: prepared.network && { id: prepared.network.id, name: prepared.network.name, branches: prepared.network.branches }, serviceDate: g.meta.serviceDate,
    medianDepositsK: prepared.medianDepositsK, grid: grid && gridEcho(grid), maxCells: MAX_GRID_CELLS,
    dataCoverage: dataCoverageEcho(c.table, c.scored, g.loaded, userFeeds(layers)), datasets: layers?.echo,
  });
  const demandLayers: DemandLayerInfo[] | undefined = layers?.demand?.map((l) => ({ layer: l.layer, name: l.name, weight: l.weight }));
  return { ...c, normalized, method, echo, summary: summariseWarnings(c.warnings), vintage: g.meta.vintage, ref: c.gridOnly ? grid : null, demandLayers };
}

/**
 * A grid reference's factor table from {@link GridTableInput} (core/scoring/pipeline.ts `computeGridTable`): the same
 * table {@link ScoringService.reference} computes on its own thread. `context` supplies the scoring context (a worker
 * keeps its own, per network, parameters and datasets).
 */
export function gridTableFrom(input: GridTableInput, context: (ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null) => PreparedContext): GridTable {
  const { ctx } = context(input.ownNetwork, input.params, input.layers);
  return computeGridTable(ctx, input.cells, undefined, { places: input.places, extent: input.extent });
}

type TransitStatsOf = FactorTable['transit'][number];
type DemandStatsOf = FactorTable['demand'][number];
type CompetitionStatsOf = FactorTable['competition'][number];

/** {@link GridTableInput} as posted to a compute worker: cells and places as columns (server/work/sharedResource.ts `toColumns`). */
export type GridTablePosted = Omit<GridTableInput, 'cells' | 'places'> & { cells: Columns | readonly H3CandidateCell[]; places: Columns | readonly SitePlace[] };

/** A grid table in columns: each factor's per-cell stats as columns; cells and places are the caller's. */
interface GridTableColumns {
  table: Omit<FactorTable, 'transit' | 'demand' | 'competition'> & { transit: Columns | readonly TransitStatsOf[]; demand: Columns | readonly DemandStatsOf[];
    competition: Columns | readonly CompetitionStatsOf[] };
  scored: ScoredColumns;
  stats: FactorStats;
}

/**
 * A grid table as a compute worker answers it: {@link GridTableColumns} in the shared form of server/work/sharedResource.ts
 * (`packShared`: number and string columns in SharedArrayBuffers), so that receiving it clones no per-cell value.
 */
export type GridTableAnswer = { readonly packedGridTable: unique symbol };

/**
 * The compute task of {@link GridTables} (server/work/tasks.ts `gridTable`): {@link gridTableFrom} with its input as
 * columns and its answer as shared columns — 7,405 cells, places and three stats objects each cloned as objects held
 * the event loop ≈ 100–150 ms, their columns as plain arrays still ≈ 70 ms. {@link postGridTable} and
 * {@link gridTableOfAnswer} are the caller's side.
 */
export async function gridTableTask(input: GridTablePosted, context: Parameters<typeof gridTableFrom>[1]): Promise<GridTableAnswer> {
  const g = gridTableFrom({ ...input, cells: fromColumns(input.cells), places: fromColumns(input.places) }, context);
  const t = g.table;
  const answer: GridTableColumns = { table: { raw: t.raw, scored: t.scored, transit: toColumns(t.transit), demand: toColumns(t.demand),
    competition: toColumns(t.competition) }, scored: g.scored, stats: g.stats };
  return await packShared(answer) as GridTableAnswer;
}

/** {@link GridTableInput} as {@link gridTableTask} takes it. */
export function postGridTable(input: GridTableInput): GridTablePosted {
  return { ...input, cells: toColumns(input.cells), places: toColumns(input.places) };
}

/**
 * The grid table of {@link gridTableTask}'s answer to `input`: the same as {@link gridTableFrom} of it (its typed arrays
 * as views of shared memory). Each factor's stats objects are rebuilt in their own turn of the event loop (the NYC
 * grid's three at once held it 15–40 ms).
 */
export async function gridTableOfAnswer(answer: GridTableAnswer, input: GridTableInput): Promise<GridTable> {
  const a = answer as unknown as GridTableColumns;
  const t = a.table;
  const factor = <T>(c: Columns | readonly T[]) => fromColumns(unpackShared(c) as Columns | readonly T[]);
  const transit = factor(t.transit);
  await nextTurn();
  const demand = factor(t.demand);
  await nextTurn();
  const competition = factor(t.competition);
  await nextTurn();
  return { cells: input.cells, places: input.places, scored: unpackShared(a.scored) as ScoredColumns, stats: unpackShared(a.stats) as FactorStats,
    table: { raw: unpackShared(t.raw) as FactorTable['raw'], scored: unpackShared(t.scored) as FactorTable['scored'], transit, demand, competition } };
}

/**
 * {@link GridTables} computed in a compute pool's `gridTable` task ({@link gridTableTask}), with input and answer as
 * columns. Each reference's task counts for the reference (`system:grid:<key>`), not for the user who asked first: a
 * grid reference is shared by every request asking for it.
 */
export function gridTablesInPool(pool: Pick<ComputePool, 'run'>): GridTables {
  return async (input, key) => gridTableOfAnswer(await pool.run('gridTable', postGridTable(input), { user: `system:grid:${key}` }), input);
}

/** See {@link ScoringService.sitesInput}. */
export interface SiteScoringInput {
  req: ScoreRequestParsed;
  layers: ScoringLayers | null;
  reference: 'grid' | 'nyc-grid' | 'request';
  /** The reference grid's factor distributions (null for reference "request") and its echo. */
  refStats: FactorStats | null;
  refEcho: GridEcho | null;
  extent: DataExtent | null;
  places: readonly SitePlace[];
  loaded: DataExtent;
  meta: ScoringMetadata;
}

/** The explicit sites of a request evaluated from {@link SiteScoringInput} (what {@link ScoringService} `evaluate` gives for them). */
function evaluateInput(input: SiteScoringInput, context: (ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null) => PreparedContext) {
  const { req, layers } = input;
  const refGrid = input.refStats ? { cells: [], table: null as unknown as FactorTable, scored: null as unknown as ScoredColumns, stats: input.refStats, places: [] } : null;
  return evaluateGathered(req, { prepared: context(req.ownNetwork, req.params, layers), grid: null, ref: refGrid, refEcho: input.refEcho,
    reference: input.reference, extent: input.extent, places: input.places, loaded: input.loaded, meta: input.meta }, layers);
}

/** The sensitivity answer: each site's score and rank at `weights` beside its Monte Carlo P(top k) and rank interval `w`. */
function sensitivityResponse(e: { sites: readonly { id: string }[]; normalized: NormalizedColumns; scored: ScoredMask }, weights: Weights, w: SensitivityResult): SensitivityResponse {
  const { score, rank } = applyWeights(e.normalized, weights, e.scored);
  return {
    draws: w.draws, concentration: w.concentration, topK: w.topK, meanWeights: w.meanWeights,
    sites: e.sites.map((s, j) => ({ id: s.id, score: roundTo(score[j], TRANSPORT_DECIMALS.score), rank: rank[j], pTopK: w.pTopK[j], rankP5: w.rankP5[j], rankP95: w.rankP95[j] })),
  };
}

/**
 * Weight sensitivity of the explicit sites of a request (`input.req` is the sensitivity request) from
 * {@link SiteScoringInput}, scored and drawn in a compute worker: scoring 10,000 listed sites held the event loop ≈ 340 ms.
 */
export function sensitivitySites(input: SiteScoringInput, opts: SensitivityOptions, context: (ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null) => PreparedContext): SensitivityResponse {
  const e = evaluateInput(input, context);
  return sensitivityResponse(e, input.req.weights, weightSensitivity(e.normalized, input.req.weights, opts, e.scored));
}

/**
 * Score the explicit sites of a request from {@link SiteScoringInput} and return the response as JSON text — the
 * same text {@link ScoringService.scoreJson} gives for them. `context` supplies the scoring context (a worker keeps
 * its own, per network, parameters and datasets).
 */
export function scoreSitesJson(input: SiteScoringInput, context: (ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null) => PreparedContext): string {
  return JSON.stringify(scoreSitesResponse(input, context));
}

/** {@link scoreSitesJson}'s response as the object {@link ScoringService.score} gives for the same sites. */
export function scoreSitesResponse(input: SiteScoringInput, context: (ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null) => PreparedContext): ScoreResponse {
  const { req } = input;
  const e = evaluateInput(input, context);
  const r = scoreFactorTable(e.sites, e.table, { stats: e.stats, method: e.method, weights: req.weights, normalized: e.normalized,
    demandLayers: e.demandLayers, scored: e.scored, places: e.places, warnings: e.warnings });
  return { count: r.sites.length, sites: r.sites, params: e.echo, warnings: e.summary, vintage: e.vintage };
}
