import { createPointIndex, type PointIndex } from '../../core/geo/pointIndex';
import type { NetworkRef, ScenarioDto } from '../../core/api/coverage';
import { badRequest, notFound } from '../errors';
import type { GeoData } from '../geo/geoData';
import { resolveOwnNetwork } from '../../core/network/ownNetwork';
import type { ScenarioStore } from './scenarioStore';
import type { DatasetStore } from '../datasets/store';

/**
 * Turning request parameters into arrays: which outlets form a network (own / all / scenario), which demand
 * points form the study area.
 */

/** A network resolved to outlet arrays, plus the competitors outside it (for the Huff choice set). */
export interface ResolvedNetwork {
  /** Network outlets. */
  id: string[];
  name: string[];
  status: ('existing' | 'added' | 'moved')[];
  /** Position in GeoData.branches for existing/moved outlets, −1 for added sites. */
  branchPos: Int32Array;
  lng: Float64Array;
  lat: Float64Array;
  index: PointIndex;
  /** Branch positions of every valid-coordinate outlet NOT in the network (empty for "all"). */
  competitorPos: Int32Array;
  /** The network that was resolved, echoed. */
  network: NetworkRef;
  ownNetwork: string | null;
  scenario: ScenarioDto | null;
}

/** Where scenarios and users' outlet datasets are read from (server/services.ts provides both). */
export interface NetworkStores {
  scenarios: Pick<ScenarioStore, 'get'>;
  datasets: Pick<DatasetStore, 'get' | 'points'>;
}

/**
 * What resolving a network needs from the databases, read on the main thread: the request's network and own network,
 * and the scenario or the outlets dataset it names. Plain data — {@link resolveNetworkFrom} turns it into arrays,
 * on any thread (a compute worker holds its own copy of the geo data).
 */
export interface NetworkSource {
  network: NetworkRef;
  ownNetwork: string | null;
  /** The request field the network came from (named in errors). */
  field: string;
  scenario: ScenarioDto | null;
  /** An outlets dataset's records (when `network` is `{ dataset }`). */
  dataset: { name: string; records: { id: string; lng: number; lat: number; name: string | null }[] } | null;
}

/**
 * Read what a network needs from the stores (default "own" when ownNetwork is given, else "all").
 * Errors: 404 (unknown scenario or dataset), 400 (a dataset that is not of kind outlets).
 */
export async function loadNetworkSource(stores: NetworkStores, networkIn: NetworkRef | undefined, ownNetwork: string | undefined,
  field = 'network'): Promise<NetworkSource> {
  const network: NetworkRef = networkIn ?? (ownNetwork ? 'own' : 'all');
  const src: NetworkSource = { network, ownNetwork: ownNetwork ?? null, field, scenario: null, dataset: null };
  if (typeof network === 'object' && 'dataset' in network) {
    const d = await stores.datasets.get(network.dataset);
    if (!d) throw notFound(`No user dataset "${network.dataset}" (${field}.dataset; GET /api/datasets lists them)`);
    if (d.kind !== 'outlets') throw badRequest(`${field}.dataset: "${network.dataset}" is a dataset of kind ${d.kind}; a network is a dataset of kind outlets`, `${field}.dataset`);
    const c = await stores.datasets.points(network.dataset);
    src.dataset = { name: d.name, records: c.id.map((id, k) => ({ id, lng: c.lng[k], lat: c.lat[k], name: c.name[k] ?? null })) };
  } else if (typeof network === 'object' && 'scenarioId' in network) {
    src.scenario = await stores.scenarios.get(network.scenarioId) ?? null;
    if (!src.scenario) throw notFound(`No scenario "${network.scenarioId}" (${field}.scenarioId)`);
  }
  return src;
}

/**
 * Resolve `network` (default "own" when ownNetwork is given, else "all") to outlet arrays. A scenario applies,
 * in order, its base network, closures, moves and added sites. The own network comes from the one resolver every
 * tab uses (core/network/ownNetwork.ts). Errors: 400 (own without ownNetwork, unknown ownNetwork), 404 (unknown scenario).
 */
export async function resolveNetwork(geo: GeoData, stores: NetworkStores, networkIn: NetworkRef | undefined,
  ownNetwork: string | undefined, field = 'network'): Promise<ResolvedNetwork> {
  return resolveNetworkFrom(geo, await loadNetworkSource(stores, networkIn, ownNetwork, field));
}

/** {@link resolveNetwork} once the stores were read: pure computation over the geo data. @throws 400 as it does. */
export function resolveNetworkFrom(geo: GeoData, src: NetworkSource): ResolvedNetwork {
  const { network, field } = src;
  const ownNetwork = src.ownNetwork ?? undefined;
  const b = geo.branches;
  if (src.dataset) {
    // A user dataset of outlets (issue 10): its records are the network, every FDIC branch competes with it.
    const recs = src.dataset.records;
    const lng = Float64Array.from(recs, (r) => r.lng), lat = Float64Array.from(recs, (r) => r.lat);
    return {
      id: recs.map((r) => r.id), name: recs.map((r) => r.name ?? `${src.dataset!.name} ${r.id}`), status: recs.map(() => 'added' as const),
      branchPos: new Int32Array(recs.length).fill(-1), lng, lat, index: createPointIndex(lng, lat),
      competitorPos: Int32Array.from({ length: b.size }, (_, i) => i), network, ownNetwork: null, scenario: null,
    };
  }
  let basePos: number[];
  let scenario: ScenarioDto | null = null;
  let own: string | null = ownNetwork ?? null;
  if (network === 'own') {
    if (!ownNetwork) throw badRequest('network "own" needs ownNetwork ("cert:<CERT>" or "hc:<RSSDHCR>")', 'ownNetwork');
    basePos = resolveOwnNetwork(geo.branches, ownNetwork).positions;
  } else if (network === 'all') {
    basePos = Array.from({ length: b.size }, (_, i) => i);
  } else if ('scenarioId' in network) {
    scenario = src.scenario;
    if (!scenario) throw notFound(`No scenario "${network.scenarioId}" (${field}.scenarioId)`);
    own = scenario.baseNetwork === 'all' ? null : scenario.baseNetwork;
    basePos = scenario.baseNetwork === 'all' ? Array.from({ length: b.size }, (_, i) => i)
      : resolveOwnNetwork(geo.branches, scenario.baseNetwork, `${field}.scenarioId → baseNetwork`).positions;
  } else {
    throw badRequest(`${field}: unknown network`, field);
  }
  const posOfBranchId = new Map<number, number>();
  for (let i = 0; i < b.size; i++) posOfBranchId.set(b.branchId[i], i);
  const closed = new Set(scenario?.closed ?? []);
  const moved = new Map((scenario?.moved ?? []).map((m) => [m.branchId, m] as const));
  const ids: string[] = [], names: string[] = [], status: ResolvedNetwork['status'] = [], pos: number[] = [], lng: number[] = [], lat: number[] = [];
  const inNetwork = new Uint8Array(b.size);
  for (const i of basePos) {
    inNetwork[i] = 1;
    const bid = b.branchId[i];
    if (closed.has(bid)) continue;
    const mv = moved.get(bid);
    ids.push(String(bid)); names.push(`${b.institutionName[i]} — ${b.branchName[i]}`); pos.push(i);
    status.push(mv ? 'moved' : 'existing'); lng.push(mv ? mv.lng : b.lng[i]); lat.push(mv ? mv.lat : b.lat[i]);
  }
  for (const a of scenario?.added ?? []) {
    ids.push(a.id); names.push(a.name ?? a.id); pos.push(-1); status.push('added'); lng.push(a.lng); lat.push(a.lat);
  }
  // Closed/moved branch ids that are not in the base network are ignored, but never silently when unknown.
  for (const bid of [...closed, ...moved.keys()]) {
    if (!posOfBranchId.has(bid)) throw badRequest(`scenario lists branch ${bid}, which is not a branch with valid coordinates`, `${field}.scenarioId`);
  }
  const competitorPos: number[] = [];
  for (let i = 0; i < b.size; i++) if (!inNetwork[i]) competitorPos.push(i);
  return {
    id: ids, name: names, status, branchPos: Int32Array.from(pos), lng: Float64Array.from(lng), lat: Float64Array.from(lat),
    // Plain "all" is exactly the branch table: reuse its index instead of rebuilding 77.8k points.
    index: network === 'all' ? geo.branches.index : createPointIndex(lng, lat), competitorPos: Int32Array.from(competitorPos), network, ownNetwork: own, scenario,
  };
}
