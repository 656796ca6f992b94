import type { Database } from '../db/database';
import { geoDataCache, type GeoData } from '../geo/geoData';
import { loadNycGridCells } from '../geo/nycGrid';
import { memoByKey } from '../memo';
import type { H3CandidateCell } from '../../core/geo/h3Grid';
import { resolveOwnNetwork, type NetworkInfo } from '../../core/network/ownNetwork';
import { computeFactorTable, createScoringContext, type FactorTable, type ScoringContext } from '../../core/scoring/factorTable';
import { depositAttractiveness } from '../../core/scoring/huffModel';
import { normalizeColumn, referenceStats, type NormalizationMethod, type ReferenceStats } from '../../core/scoring/normalization';
import { scoringParamsKey, type ScoringParams } from '../../core/scoring/params';
import { applyWeights, FACTOR_NAMES, type FactorName, type Weights } from '../../core/scoring/siteScore';
import type { OutletPoints } from '../../core/scoring/types';
import type { ScoreRequestParsed, ScoreResponse, ScoredSite, SensitivityRequestParsed, SensitivityResponse } from '../../core/api/sites';
import { weightSensitivity } from '../../core/scoring/weightSensitivity';
import type { ScoringLayers } from '../datasets/scoringLayers';
import { createPointIndex } from '../../core/geo/pointIndex';
import type { DemandPoints, StopPoints } from '../../core/scoring/types';

/** A scoring context for one (own network, parameter set), with what the response echoes. */
interface PreparedContext {
  ctx: ScoringContext;
  network: NetworkInfo | null;
  medianDepositsK: number | null;
}

/** The NYC-grid reference for one (own network, parameter set): the grid's factor table and each factor's distribution. */
export interface GridReference {
  cells: { id: string; lng: number; lat: number }[];
  table: FactorTable;
  stats: Record<FactorName, ReferenceStats>;
  /** Normalised columns per method (cached: re-weighting the grid reuses them). */
  normalized: Map<NormalizationMethod, Record<FactorName, Float64Array>>;
  /** The grid's response template per method: weight-independent JSON with number slots (see {@link ScoringService.scoreJson}). */
  fragments: Map<NormalizationMethod, { bytes: Uint8Array; slots: Int32Array }>;
}

/** Small insertion-ordered LRU for promises. */
class Lru<V> {
  private map = new Map<string, V>();
  constructor(private max: number) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) { this.map.delete(k); this.map.set(k, v); }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k); this.map.set(k, v);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(k: string): void { this.map.delete(k); }
  clear(): void { this.map.clear(); }
}

/**
 * Site scoring over the imported data (SITE-MODEL.md): prepares the spatial context once per (own network, parameter
 * set), computes and caches the NYC H3 res-9 grid reference per parameter set, and answers score requests by
 * computing factors for the candidates (or reusing the grid table) and applying normalisation and weights on top —
 * so re-weighting never redoes the spatial joins.
 */
export class ScoringService {
  private contexts = new Lru<Promise<PreparedContext>>(8);
  private references = new Lru<Promise<GridReference>>(8);
  private meta: Promise<{ serviceDate: string | null; vintage: ScoreResponse['vintage'] }> | null = null;

  private readonly geoSource: () => Promise<GeoData>;
  private readonly gridSource: (resolution: number) => Promise<H3CandidateCell[]>;

  /**
   * @param sources the app's shared geo data and NYC grid (server/services.ts); without them the service keeps its own.
   */
  constructor(readonly db: Database, readonly dataDir: string, readonly fallbackServiceDate: string,
    sources: { geo?: () => Promise<GeoData>; nycGrid?: (resolution: number) => Promise<H3CandidateCell[]> } = {}) {
    this.geoSource = sources.geo ?? geoDataCache(db);
    this.gridSource = sources.nycGrid ?? memoByKey((resolution: number) => loadNycGridCells(dataDir, resolution));
  }

  /** Drop every cached factor table and Huff context (the geo data and the grid cells stay loaded). */
  clearFactorCache(): void {
    this.contexts.clear();
    this.references.clear();
  }

  geo(): Promise<GeoData> {
    return this.geoSource();
  }

  /** The context for an own network (or none) and a parameter set. @throws AppError 400 for an unknown network. */
  prepare(ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null = null): Promise<PreparedContext> {
    const key = `${ownNetwork ?? ''}|${scoringParamsKey(params)}|${layers?.key ?? ''}`;
    let p = this.contexts.get(key);
    if (!p) {
      p = this.buildContext(ownNetwork, params, layers);
      this.contexts.set(key, p);
      p.catch(() => this.contexts.delete(key));
    }
    return p;
  }

  private async buildContext(ownNetwork: string | undefined, params: ScoringParams, layers: ScoringLayers | null): Promise<PreparedContext> {
    const geo = await this.geo();
    const br = geo.branches;
    let own: Uint8Array = new Uint8Array(br.size);
    let network: NetworkInfo | null = null;
    if (ownNetwork) ({ info: network, own } = resolveOwnNetwork(br, ownNetwork));
    const types = new Set(params.competitorServiceTypes);
    const competitor = new Uint8Array(br.size);
    for (let k = 0; k < br.size; k++) competitor[k] = !own[k] && (types.size === 0 || types.has(br.serviceType[k])) ? 1 : 0;
    let attractiveness: Float64Array;
    let medianDepositsK: number | null = null;
    if (params.attractiveness === 'deposits') {
      ({ attractiveness, medianDepositsK } = depositAttractiveness(br.depositsK, br.serviceType));
    } else {
      attractiveness = new Float64Array(br.size).fill(1);
    }
    let outlets: OutletPoints = { own, competitor, attractiveness, index: br.index };
    let demand: DemandPoints = geo.blockGroups;
    let stops: StopPoints = geo.stops;
    if (layers) ({ outlets, demand, stops } = withUserLayers(geo, outlets, layers));
    const ctx = createScoringContext(params, demand, stops, outlets);
    return { ctx, network, medianDepositsK };
  }

  /** The NYC-grid reference for this network and parameter set (computed once, cached). */
  reference(ownNetwork: string | undefined, params: ScoringParams, onProgress?: (done: number, total: number) => void,
    layers: ScoringLayers | null = null): Promise<GridReference> {
    const key = `${ownNetwork ?? ''}|${scoringParamsKey(params)}|${layers?.key ?? ''}`;
    let p = this.references.get(key);
    if (!p) {
      p = (async () => {
        const [{ ctx }, cells] = await Promise.all([this.prepare(ownNetwork, params, layers), this.gridSource(9)]);
        const table = computeFactorTable(ctx, cells.map((c) => c.lng), cells.map((c) => c.lat),
          onProgress && ((d) => onProgress(d, cells.length)));
        const stats = { transit: referenceStats(table.raw.transit), demand: referenceStats(table.raw.demand), competition: referenceStats(table.raw.competition) };
        return { cells, table, stats, normalized: new Map(), fragments: new Map() };
      })();
      this.references.set(key, p);
      p.catch(() => this.references.delete(key));
    }
    return p;
  }

  /** Service date (from the import's scheduled feeds) and dataset vintages (the `datasets` catalog). */
  private metadata() {
    if (!this.meta) {
      this.meta = (async () => {
        let serviceDate: string | null = this.fallbackServiceDate;
        try {
          const r = await this.db.json<{ d: string | null }>('SELECT max(service_date)::VARCHAR AS d FROM transit_feeds WHERE scheduled');
          if (r[0]?.d) serviceDate = r[0].d;
        } catch { /* no transit import: keep the configured date */ }
        let vintage: ScoreResponse['vintage'] = [];
        try {
          vintage = (await this.db.json<{ id: string; source: string | null; vintage: string | null; imported_at: string | null }>(
            'SELECT id, source, vintage, imported_at::VARCHAR AS imported_at FROM datasets ORDER BY id'))
            .map((d) => ({ id: d.id, source: d.source, vintage: d.vintage, importedAt: d.imported_at }));
        } catch { /* no catalog yet */ }
        return { serviceDate, vintage };
      })();
      this.meta.catch(() => { this.meta = null; });
    }
    return this.meta;
  }

  /**
   * Factors, normalisation and weights for a validated request: candidates = `sites` or the NYC grid; factors from
   * the cache (grid) or computed (sites); normalised against the NYC-grid reference (default) or the request; weighted;
   * ranked within the request. @throws AppError 400 (unknown `ownNetwork`).
   */
  private async evaluate(req: ScoreRequestParsed, onProgress?: (done: number, total: number) => void, layers: ScoringLayers | null = null) {
    const params: ScoringParams = req.params;
    const prepared = await this.prepare(req.ownNetwork, params, layers);
    const useGridRef = req.normalization.reference === 'nyc-grid';
    const ref = useGridRef || req.grid ? await this.reference(req.ownNetwork, params, req.grid ? onProgress : undefined, layers) : null;
    const method: NormalizationMethod = req.normalization.method;
    let sites: { id: string; lng: number; lat: number }[];
    let table: FactorTable;
    let normalized: Record<FactorName, Float64Array>;
    let stats: Record<FactorName, ReferenceStats>;
    if (req.grid) {
      sites = ref!.cells;
      table = ref!.table;
      stats = ref!.stats; // the grid is its own request set: both references coincide
      normalized = ref!.normalized.get(method) ?? normalizeTable(table, stats, method);
      ref!.normalized.set(method, normalized);
    } else {
      sites = req.sites!;
      table = computeFactorTable(prepared.ctx, sites.map((s) => s.lng), sites.map((s) => s.lat),
        onProgress && ((d) => onProgress(d, sites.length)));
      stats = useGridRef ? ref!.stats
        : { transit: referenceStats(table.raw.transit), demand: referenceStats(table.raw.demand), competition: referenceStats(table.raw.competition) };
      normalized = normalizeTable(table, stats, method);
    }
    const weights: Weights = req.weights;
    const { score, rank } = applyWeights(normalized, weights);
    const meta = await this.metadata();
    const echo: ScoreResponse['params'] = {
      ...params,
      weights,
      normalization: {
        method, reference: req.normalization.reference, referenceSize: stats.transit.n,
        referenceDescription: useGridRef
          ? `NYC H3 res-9 land grid (${ref!.cells.length} cells) scored with the same parameters and own network`
          : `the ${sites.length} sites of this request`,
      },
      ownNetwork: prepared.network ? { id: prepared.network.id, name: prepared.network.name, branches: prepared.network.branches } : null,
      serviceDate: meta.serviceDate,
      medianDepositsK: prepared.medianDepositsK,
      grid: req.grid ? { resolution: req.grid.resolution, area: req.grid.area, cells: ref!.cells.length } : null,
      ...(layers ? { datasets: layers.echo } : {}),
    };
    const layerInfo = layers?.demand?.map((l) => ({ layer: l.layer, name: l.name, weight: l.weight }));
    return { sites, table, normalized, weights, score, rank, echo, vintage: meta.vintage, ref, method, layerInfo };
  }

  /** Score a validated request (see {@link evaluate}) and return the response object. */
  async score(req: ScoreRequestParsed, onProgress?: (done: number, total: number) => void, layers: ScoringLayers | null = null): Promise<ScoreResponse> {
    const e = await this.evaluate(req, onProgress, layers);
    const out: ScoredSite[] = new Array(e.sites.length);
    for (let j = 0; j < e.sites.length; j++) {
      const st = siteStats(e.table, e.normalized, j, e.layerInfo);
      const f = (name: FactorName) => ({ weight: e.weights[name], contribution: r6(e.weights[name] * e.normalized[name][j]), ...st[name] });
      out[j] = { id: e.sites[j].id, lng: e.sites[j].lng, lat: e.sites[j].lat, score: r6(e.score[j]), rank: e.rank[j],
        factors: { transit: f('transit'), demand: f('demand'), competition: f('competition') } as ScoredSite['factors'] };
    }
    return { count: out.length, sites: out, params: e.echo, vintage: e.vintage };
  }

  /** Monte Carlo weight sensitivity of a request's ranking (core/scoring/weightSensitivity.ts); sites in request order. */
  async sensitivity(req: SensitivityRequestParsed, layers: ScoringLayers | null = null): Promise<SensitivityResponse> {
    const e = await this.evaluate(req, undefined, layers);
    const r = weightSensitivity(e.normalized, e.weights, req.sensitivity);
    return {
      draws: r.draws, concentration: r.concentration, topK: r.topK, meanWeights: r.meanWeights,
      sites: e.sites.map((s, j) => ({ id: s.id, score: r6(e.score[j]), rank: e.rank[j], pTopK: r.pTopK[j], rankP5: r.rankP5[j], rankP95: r.rankP95[j] })),
    };
  }

  /**
   * The same response as {@link score}, serialised to UTF-8 JSON. For the grid, the weight-independent JSON of every
   * site is encoded once per parameter set and normalisation method (a template with space-filled slots), so a
   * re-weight copies the template and writes score, rank, weights and contributions into the slots.
   */
  async scoreJson(req: ScoreRequestParsed, layers: ScoringLayers | null = null): Promise<Uint8Array> {
    if (!req.grid) return encoder.encode(JSON.stringify(await this.score(req, undefined, layers)));
    const e = await this.evaluate(req, undefined, layers);
    const ref = e.ref!;
    let tpl = ref.fragments.get(e.method);
    if (!tpl) {
      tpl = buildGridTemplate(e.sites, e.table, e.normalized, e.layerInfo);
      ref.fragments.set(e.method, tpl);
    }
    const w = e.weights, nT = e.normalized.transit, nD = e.normalized.demand, nC = e.normalized.competition;
    const n = e.sites.length;
    const head = encoder.encode(`{"count":${n},"sites":[`);
    const tail = encoder.encode(`],"params":${JSON.stringify(e.echo)},"vintage":${JSON.stringify(e.vintage)}}`);
    const out = new Uint8Array(head.length + tpl.bytes.length + tail.length);
    out.set(head, 0);
    out.set(tpl.bytes, head.length);
    out.set(tail, head.length + tpl.bytes.length);
    const wT = encoder.encode(String(w.transit)), wD = encoder.encode(String(w.demand)), wC = encoder.encode(String(w.competition));
    if (Math.max(wT.length, wD.length, wC.length) > SLOT.weight) return encoder.encode(JSON.stringify(await this.score(req, undefined, layers)));
    const slots = tpl.slots, base = head.length;
    for (let j = 0; j < n; j++) {
      const s0 = base + slots[8 * j];
      // every slot is pre-filled with spaces (JSON whitespace); a number wider than its slot falls back to plain JSON
      if (writeMicros(out, s0, e.score[j]) > s0 + SLOT.score) return encoder.encode(JSON.stringify(await this.score(req, undefined, layers)));
      writeMicros(out, base + slots[8 * j + 1], e.rank[j]);
      copyBytes(wT, out, base + slots[8 * j + 2]);
      if (writeMicros(out, base + slots[8 * j + 3], w.transit * nT[j]) > base + slots[8 * j + 3] + SLOT.contribution) return encoder.encode(JSON.stringify(await this.score(req, undefined, layers)));
      copyBytes(wD, out, base + slots[8 * j + 4]);
      if (writeMicros(out, base + slots[8 * j + 5], w.demand * nD[j]) > base + slots[8 * j + 5] + SLOT.contribution) return encoder.encode(JSON.stringify(await this.score(req, undefined, layers)));
      copyBytes(wC, out, base + slots[8 * j + 6]);
      if (writeMicros(out, base + slots[8 * j + 7], w.competition * nC[j]) > base + slots[8 * j + 7] + SLOT.contribution) return encoder.encode(JSON.stringify(await this.score(req, undefined, layers)));
    }
    return out;
  }
}

/** Widths (bytes) of the space-filled number slots of the grid template. */
const SLOT = { score: 18, rank: 10, weight: 24, contribution: 18 } as const;

/**
 * The grid's response body without the weight-dependent numbers: every site's JSON with its id, position, raw and
 * normalised values and stats, and space-filled slots (JSON whitespace) where score, rank, the three weights and the
 * three contributions go — 8 slot offsets per site. Built once per parameter set and normalisation method; a
 * re-weight copies it and writes 8 numbers per site.
 */
function buildGridTemplate(sites: { id: string; lng: number; lat: number }[], table: FactorTable, normalized: Record<FactorName, Float64Array>,
  layerInfo?: LayerInfo[]) {
  const chunks: Uint8Array[] = [];
  const slots = new Int32Array(8 * sites.length);
  let pos = 0;
  const push = (str: string) => { const b = encoder.encode(str); chunks.push(b); pos += b.length; };
  const slot = (k: number, width: number) => { slots[k] = pos; push(' '.repeat(width)); };
  for (let j = 0; j < sites.length; j++) {
    const st = siteStats(table, normalized, j, layerInfo);
    push((j > 0 ? ',' : '') + '{' + JSON.stringify({ id: sites[j].id, lng: sites[j].lng, lat: sites[j].lat }).slice(1, -1) + ',"score":');
    slot(8 * j, SLOT.score);
    push(',"rank":');
    slot(8 * j + 1, SLOT.rank);
    FACTOR_NAMES.forEach((f, k) => {
      push((k === 0 ? ',"factors":{' : '},') + `"${f}":{"weight":`);
      slot(8 * j + 2 + 2 * k, SLOT.weight);
      push(',"contribution":');
      slot(8 * j + 3 + 2 * k, SLOT.contribution);
      push(',' + JSON.stringify(st[f]).slice(1, -1));
    });
    push('}}}');
  }
  const bytes = new Uint8Array(pos);
  let o = 0;
  for (const c of chunks) { bytes.set(c, o); o += c.length; }
  return { bytes, slots };
}

const encoder = new TextEncoder();

/**
 * Write x rounded to 1e-6 as JSON number text (ASCII) into `out` at `pos`, the same digits as `String(r6(x))` for
 * |x| < 1e9 (shortest form, no trailing zeros); returns the new position. Falls back to String() beyond that.
 */
export function writeMicros(out: Uint8Array, pos: number, x: number): number {
  let m = Math.round(x * 1e6);
  if (!Number.isFinite(x) || Math.abs(m) >= 1e15) {
    const str = String(r6(x));
    for (let k = 0; k < str.length; k++) out[pos++] = str.charCodeAt(k);
    return pos;
  }
  if (m === 0) { out[pos++] = 48; return pos; }
  if (m < 0) { out[pos++] = 45; m = -m; }
  let int = Math.floor(m / 1e6);
  let frac = m - int * 1e6;
  // integer part: digits into the scratch buffer backwards, then forwards into out
  let k = 0;
  if (int === 0) digitScratch[k++] = 48;
  while (int > 0) { const q = Math.floor(int / 10); digitScratch[k++] = 48 + int - q * 10; int = q; }
  while (k > 0) out[pos++] = digitScratch[--k];
  if (frac > 0) {
    let digits = 6;
    while (frac % 10 === 0) { frac /= 10; digits--; }
    out[pos++] = 46; // .
    for (let d = 0; d < digits; d++) { const q = Math.floor(frac / 10); digitScratch[k++] = 48 + frac - q * 10; frac = q; }
    while (k > 0) out[pos++] = digitScratch[--k];
  }
  return pos;
}

const digitScratch = new Uint8Array(32);

/** Copy a few bytes (cheaper than TypedArray.set for tiny arrays). */
function copyBytes(src: Uint8Array, out: Uint8Array, pos: number): void {
  for (let k = 0; k < src.length; k++) out[pos + k] = src[k];
}

/**
 * Encode the weight-independent JSON of every site once: per site four pieces — `{"id":…,"lng":…,"lat":…,` and the
 * inner members of transit, demand and competition (without braces) — in one byte array with offsets.
 */
function encodeFragments(sites: { id: string; lng: number; lat: number }[], table: FactorTable, normalized: Record<FactorName, Float64Array>) {
  const pieces: string[] = [];
  for (let j = 0; j < sites.length; j++) {
    const st = siteStats(table, normalized, j);
    pieces.push('{' + JSON.stringify({ id: sites[j].id, lng: sites[j].lng, lat: sites[j].lat }).slice(1, -1) + ',');
    for (const f of FACTOR_NAMES) pieces.push(JSON.stringify(st[f]).slice(1, -1));
  }
  const encoded = pieces.map((p) => encoder.encode(p));
  const offsets = new Int32Array(encoded.length + 1);
  for (let k = 0; k < encoded.length; k++) offsets[k + 1] = offsets[k] + encoded[k].length;
  const bytes = new Uint8Array(offsets[encoded.length]);
  encoded.forEach((b, k) => bytes.set(b, offsets[k]));
  return { bytes, offsets };
}

function normalizeTable(table: FactorTable, stats: Record<FactorName, ReferenceStats>, method: NormalizationMethod): Record<FactorName, Float64Array> {
  const out = {
    transit: normalizeColumn(table.raw.transit, stats.transit, method),
    demand: normalizeColumn(table.raw.demand, stats.demand, method),
    competition: normalizeColumn(table.raw.competition, stats.competition, method),
  };
  for (const f of FACTOR_NAMES) for (let j = 0; j < out[f].length; j++) out[f][j] = r6(out[f][j]);
  return out;
}

/** Round to 1e-6 (scores, normalised values, contributions). */
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
/** Round to 1e-4 (people, departures, raw factor values). */
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
/** Round to 1 mm (distances in metres); null stays null. */
const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1e3) / 1e3);
/** Round to 1e-9 (shares 0–1). */
const r9 = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * The weight-independent part of each factor of site j: raw, normalized and the named stats, rounded for transport
 * (people and departures 1e-4, distances 1 mm, shares 1e-9, normalised values 1e-6).
 */
function siteStats(table: FactorTable, normalized: Record<FactorName, Float64Array>, j: number, layerInfo?: LayerInfo[]) {
  const t = table.transit[j], d = table.demand[j], c = table.competition[j];
  const layers = layerInfo && d.layers ? { layers: layerInfo.map((l, k) => ({ ...l, raw: r4(d.layers![k].raw), within1000m: r4(d.layers![k].within1000m) })) } : {};
  return {
    transit: { raw: r4(t.raw), normalized: normalized.transit[j], departuresWithinRadius: r4(t.departuresWithinRadius),
      imputedDepartures: r4(t.imputedDepartures), stopsWithinRadius: t.stopsWithinRadius, routesWithinRadius: t.routesWithinRadius,
      nearestStopM: r3(t.nearestStopM), nearestStopId: t.nearestStopId, nearestStopMode: t.nearestStopMode },
    demand: { raw: r4(d.raw), normalized: normalized.demand[j], populationWithin500m: d.populationWithin500m,
      populationWithin1000m: d.populationWithin1000m, populationWithin2000m: d.populationWithin2000m, ...layers },
    competition: { raw: r4(c.raw), normalized: normalized.competition[j], competitorsWithin500m: c.competitorsWithin500m,
      competitorsWithin1000m: c.competitorsWithin1000m, nearestCompetitorM: r3(c.nearestCompetitorM), huffShare: r9(c.huffShare),
      expectedCustomers: r4(c.expectedCustomers), cannibalizedFromOwn: r4(c.cannibalizedFromOwn), netNewDemand: r4(c.netNewDemand) },
  };
}

/** A demand layer as the breakdown names it. */
type LayerInfo = { layer: string; name: string; weight: number };

/**
 * The spatial inputs with the users' datasets merged in (issue 10, items 3–4): extra own / competitor outlets
 * (attractiveness 1), extra transit stops (timetabled, not imputed), and the demand as the weighted layers the request
 * picked (`residents` = the census block groups), each point tagged with its layer for the breakdown.
 */
function withUserLayers(geo: GeoData, outlets: OutletPoints, layers: ScoringLayers): { outlets: OutletPoints; demand: DemandPoints; stops: StopPoints } {
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
    outs = { own, competitor, attractiveness, index: createPointIndex(lng, lat) };
  }
  let stops: StopPoints = geo.stops;
  if (layers.stops) {
    const u = layers.stops, g = geo.stops;
    stops = {
      stopId: [...g.stopId, ...u.id], mode: [...g.mode, ...u.mode], departures: cat(g.departures, u.value),
      imputed: Uint8Array.from([...g.imputed, ...new Array<number>(u.size).fill(0)]), routeIds: [...g.routeIds, ...u.routeIds],
      index: createPointIndex(cat(g.lng, u.lng), cat(g.lat, u.lat)),
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
    demand = { population, layer, layerWeights: layers.demand.map((l) => l.weight), index: createPointIndex(lng, lat) };
  }
  return { outlets: outs, demand, stops };
}
