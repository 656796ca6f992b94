import { badRequest } from '../errors';
import type { DatasetStore } from './store';
import type { ScoreResponse, ScoringDatasets } from '../../core/api/sites';
import type { DatasetKind } from '../../core/datasets/types';
import type { StopMode } from '../../core/scoring/types';

/** Points of a user dataset as typed columns. */
export interface LayerPoints {
  size: number;
  id: string[];
  lng: Float64Array;
  lat: Float64Array;
  /** Count (demand, jobs), departures (transit), or 0. */
  value: Float64Array;
}

/** The users' datasets of one score request, loaded and checked (server/scoring/scoringService.ts merges them). */
export interface ScoringLayers {
  /** Cache key: the request's dataset ids and the store revision (a deletion or a new version invalidates it). */
  key: string;
  /** Demand layers in request order; `points` null for `residents` (the census block groups). */
  demand: { layer: string; name: string; weight: number; points: LayerPoints | null }[] | null;
  /** Extra transit stops (every listed feed, ids `<dataset>:<stop_id>`). */
  stops: (LayerPoints & { name: string[]; mode: StopMode[]; routeIds: string[][]; feed: string[] }) | null;
  own: LayerPoints | null;
  competitors: LayerPoints | null;
  echo: NonNullable<ScoreResponse['params']['datasets']>;
}

/** The demand layer that stands for the census residents. */
export const RESIDENTS_LAYER = 'residents';

/**
 * Load and check the datasets a score request names (`datasets`). Each id must exist and be of the right kind:
 * demand layers `demand` or `jobs`; transit `transit`; own outlets and competitors `outlets`.
 * @returns null when the request names none (the shipped data alone).
 * @throws AppError 400 naming `datasets.<part>[.<k>]` for an unknown id or a wrong kind.
 */
export async function loadScoringLayers(store: DatasetStore, spec: ScoringDatasets | undefined): Promise<ScoringLayers | null> {
  if (!spec || (!spec.demand && !spec.transit?.length && !spec.ownOutlets && !spec.competitors?.length)) return null;
  const load = (id: string, field: string, kinds: DatasetKind[]) => loadLayer(store, id, field, kinds);
  const echo: ScoringLayers['echo'] = { demand: [], transit: [], ownOutlets: null, competitors: [] };
  let demand: ScoringLayers['demand'] = null;
  if (spec.demand) {
    demand = [];
    for (const [k, l] of spec.demand.entries()) {
      if (l.weight === 0) continue;
      if (l.layer === RESIDENTS_LAYER) {
        demand.push({ layer: l.layer, name: 'Residents (census 2020)', weight: l.weight, points: null });
        echo.demand.push({ layer: l.layer, name: 'Residents (census 2020)', weight: l.weight, points: null });
        continue;
      }
      const { d, pts } = await load(l.layer, `datasets.demand.${k}.layer`, ['demand', 'jobs']);
      demand.push({ layer: l.layer, name: `${d.name} (v${d.version})`, weight: l.weight, points: pts });
      echo.demand.push({ layer: l.layer, name: `${d.name} (v${d.version})`, weight: l.weight, points: pts.size });
    }
  }
  let stops: ScoringLayers['stops'] = null;
  for (const [k, id] of (spec.transit ?? []).entries()) {
    const d = await checkedDataset(store, id, `datasets.transit.${k}`, ['transit']);
    const records = await store.records(id);
    echo.transit.push({ id, name: `${d.name} (v${d.version})`, stops: records.length });
    stops ??= { size: 0, id: [], lng: new Float64Array(0), lat: new Float64Array(0), value: new Float64Array(0), name: [], mode: [], routeIds: [], feed: [] };
    const n = stops.size + records.length;
    const grow = (a: Float64Array, f: (k: number) => number) => { const b = new Float64Array(n); b.set(a); records.forEach((_, j) => { b[stops!.size + j] = f(j); }); return b; };
    stops.lng = grow(stops.lng, (j) => records[j].lng);
    stops.lat = grow(stops.lat, (j) => records[j].lat);
    stops.value = grow(stops.value, (j) => records[j].value ?? 0);
    for (const r of records) {
      stops.id.push(`${id}:${r.id}`);
      stops.name.push(r.name ?? r.id);
      stops.mode.push(r.mode ?? 'bus');
      stops.routeIds.push((r.routeIds ?? []).map((route) => `${id}:${route}`));
      stops.feed.push(id);
    }
    stops.size = n;
  }
  let own: LayerPoints | null = null;
  if (spec.ownOutlets) {
    const { d, pts } = await load(spec.ownOutlets, 'datasets.ownOutlets', ['outlets']);
    own = pts;
    echo.ownOutlets = { id: spec.ownOutlets, name: `${d.name} (v${d.version})`, outlets: pts.size };
  }
  const loaded = await loadCompetitorLayers(store, spec.competitors ?? [], 'datasets.competitors');
  const competitors = loaded.points;
  echo.competitors = loaded.echo;
  const key = JSON.stringify([store.revision, spec.demand ?? null, spec.transit ?? [], spec.ownOutlets ?? null, spec.competitors ?? []]);
  return { key, demand, stops, own, competitors, echo };
}

/** One dataset's catalog row, checked to exist and be of one of `kinds`. @throws AppError 400 naming `field`. */
async function checkedDataset(store: Pick<DatasetStore, 'get'>, id: string, field: string, kinds: DatasetKind[]) {
  const d = await store.get(id);
  if (!d) throw badRequest(`${field}: no dataset "${id}" (GET /api/datasets lists them)`, field);
  if (!kinds.includes(d.kind)) throw badRequest(`${field}: "${id}" is a dataset of kind ${d.kind}; expected kind ${kinds.join(' or ')}`, field);
  return d;
}

/**
 * One dataset's records as points (read as columns: no object per record), checked to exist and be of one of
 * `kinds`. @throws AppError 400 naming `field`.
 */
async function loadLayer(store: Pick<DatasetStore, 'get' | 'points'>, id: string, field: string, kinds: DatasetKind[]) {
  const d = await checkedDataset(store, id, field, kinds);
  const c = await store.points(id);
  const value = new Float64Array(c.value.length);
  for (let k = 0; k < value.length; k++) value[k] = c.value[k] ?? 0;
  const pts: LayerPoints = { size: c.id.length, id: c.id, lng: Float64Array.from(c.lng), lat: Float64Array.from(c.lat), value };
  return { d, pts };
}

/**
 * Users' competitor datasets (kind `outlets`) as one set of points with their echo — the competitor set of site
 * scoring (`datasets.competitors`) and of the coverage tab's Huff model (`competitors`).
 * @throws AppError 400 naming `<field>.<k>` for an unknown id or a dataset of another kind.
 */
export async function loadCompetitorLayers(store: Pick<DatasetStore, 'get' | 'points'>, ids: readonly string[], field: string):
  Promise<{ points: LayerPoints | null; echo: ScoringLayers['echo']['competitors'] }> {
  let points: LayerPoints | null = null;
  const echo: ScoringLayers['echo']['competitors'] = [];
  for (const [k, id] of ids.entries()) {
    const { d, pts } = await loadLayer(store, id, `${field}.${k}`, ['outlets']);
    echo.push({ id, name: `${d.name} (v${d.version})`, outlets: pts.size });
    points = points ? concatPoints(points, pts) : pts;
  }
  return { points, echo };
}

function concatPoints(a: LayerPoints, b: LayerPoints): LayerPoints {
  const cat = (x: Float64Array, y: Float64Array) => { const z = new Float64Array(x.length + y.length); z.set(x); z.set(y, x.length); return z; };
  return { size: a.size + b.size, id: [...a.id, ...b.id], lng: cat(a.lng, b.lng), lat: cat(a.lat, b.lat), value: cat(a.value, b.value) };
}
