import { haversineM } from '../geo/haversine';
import { createPointIndex, nearest, type PointIndex } from '../geo/pointIndex';

/**
 * A pedestrian network from OpenStreetMap ways, and walk-time search on it (Dijkstra). Pure: the caller parses
 * the `.osm.pbf` and passes plain nodes and ways. Edge lengths are great-circle metres between consecutive way
 * nodes; every walkable way is two-way for pedestrians (oneway tags bind vehicles, not people on foot).
 */

/** An OSM way as the builder needs it. */
export interface OsmWay { id: number; refs: readonly number[]; tags: Readonly<Record<string, string>> }

/**
 * `highway=*` values a pedestrian may use (OSM wiki "Key:highway", "Tag:footway=sidewalk"). Excluded: motorway,
 * motorway_link, trunk, trunk_link (Manhattan's FDR Drive / West Side Highway carriageways; their sidewalks are
 * mapped as separate footways), construction, proposed, raceway, bus_guideway.
 */
export const WALKABLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'footway', 'pedestrian', 'path', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'track',
  'primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link', 'road', 'cycleway',
  'corridor', 'elevator', 'crossing', 'platform',
]);

/** Whether a way is open to pedestrians: a walkable highway (or `foot=yes|designated`), not `foot=no`/private. */
export function isWalkableWay(tags: Readonly<Record<string, string>>): boolean {
  const hw = tags.highway;
  if (!hw) return false;
  const foot = tags.foot;
  if (foot === 'no' || foot === 'private') return false;
  if ((tags.access === 'no' || tags.access === 'private') && foot !== 'yes' && foot !== 'designated' && foot !== 'permissive') return false;
  if (WALKABLE_HIGHWAYS.has(hw)) return true;
  return foot === 'yes' || foot === 'designated';
}

/** Pedestrian graph in CSR form: node v's edges are `adjTarget/adjLengthM[adjStart[v] .. adjStart[v+1])`. */
export interface WalkGraph {
  nodeCount: number;
  /** OSM node id per graph node. */
  osmId: Float64Array;
  lng: Float64Array;
  lat: Float64Array;
  adjStart: Int32Array;
  adjTarget: Int32Array;
  adjLengthM: Float64Array;
  /** Point index over the graph nodes (for snapping). */
  index: PointIndex;
  /** Number of OSM ways used. */
  wayCount: number;
}

/**
 * Build the pedestrian graph from nodes (`lookup(osmId) → [lng, lat] | undefined`) and ways; keeps only walkable
 * ways ({@link isWalkableWay}) and the nodes they use. Way refs missing from `lookup` (clipped extract) split the
 * way there. Edges are added both ways.
 */
export function buildWalkGraph(ways: Iterable<OsmWay>, lookup: (osmId: number) => readonly [number, number] | undefined): WalkGraph {
  const idOf = new Map<number, number>();
  const osmId: number[] = [], lng: number[] = [], lat: number[] = [];
  const from: number[] = [], to: number[] = [], len: number[] = [];
  let wayCount = 0;
  const nodeFor = (ref: number): number => {
    let v = idOf.get(ref);
    if (v === undefined) {
      const p = lookup(ref)!;
      v = osmId.length; idOf.set(ref, v); osmId.push(ref); lng.push(p[0]); lat.push(p[1]);
    }
    return v;
  };
  for (const w of ways) {
    if (!isWalkableWay(w.tags)) continue;
    wayCount++;
    let prev = -1;
    for (const ref of w.refs) {
      if (!lookup(ref)) { prev = -1; continue; }
      const v = nodeFor(ref);
      if (prev >= 0 && prev !== v) {
        const d = haversineM(lng[prev], lat[prev], lng[v], lat[v]);
        from.push(prev); to.push(v); len.push(d);
        from.push(v); to.push(prev); len.push(d);
      }
      prev = v;
    }
  }
  const n = osmId.length;
  const adjStart = new Int32Array(n + 1);
  for (const f of from) adjStart[f + 1]++;
  for (let v = 0; v < n; v++) adjStart[v + 1] += adjStart[v];
  const fill = adjStart.slice(0, n);
  const adjTarget = new Int32Array(from.length), adjLengthM = new Float64Array(from.length);
  for (let e = 0; e < from.length; e++) { const k = fill[from[e]]++; adjTarget[k] = to[e]; adjLengthM[k] = len[e]; }
  return { nodeCount: n, osmId: Float64Array.from(osmId), lng: Float64Array.from(lng), lat: Float64Array.from(lat),
    adjStart, adjTarget, adjLengthM, index: createPointIndex(lng, lat), wayCount };
}

/** A source of a walk search: a graph node and the metres already walked to reach it (e.g. the snap distance). */
export interface WalkSource { node: number; offsetM: number }

/**
 * Multi-source Dijkstra (E. W. Dijkstra 1959) with a binary heap: shortest walk distance in metres from the
 * nearest source to every node, up to `maxDistanceM` (nodes beyond stay Infinity). `sourceOf` (optional) receives,
 * per node, the index in `sources` of the source that reaches it first — the walk-network catchment assignment.
 */
export function walkDistances(g: WalkGraph, sources: readonly WalkSource[], maxDistanceM = Infinity,
  sourceOf?: Int32Array): Float64Array {
  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  if (sourceOf) sourceOf.fill(-1);
  const hk: number[] = [], hv: number[] = [];
  const push = (k: number, v: number) => {
    let i = hk.length; hk.push(k); hv.push(v);
    while (i > 0) { const p = (i - 1) >> 1; if (hk[p] <= k) break; hk[i] = hk[p]; hv[i] = hv[p]; i = p; }
    hk[i] = k; hv[i] = v;
  };
  const pop = (): number => {
    const top = hv[0];
    const k = hk.pop()!, v = hv.pop()!;
    const n = hk.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i, mk = k;
        if (l < n && hk[l] < mk) { m = l; mk = hk[l]; }
        if (r < n && hk[r] < mk) { m = r; mk = hk[r]; }
        if (m === i) break;
        hk[i] = hk[m]; hv[i] = hv[m]; i = m;
      }
      hk[i] = k; hv[i] = v;
    }
    return top;
  };
  sources.forEach((s, si) => {
    if (s.node < 0 || s.offsetM > maxDistanceM) return;
    if (s.offsetM < dist[s.node]) { dist[s.node] = s.offsetM; if (sourceOf) sourceOf[s.node] = si; push(s.offsetM, s.node); }
  });
  const done = new Uint8Array(g.nodeCount);
  while (hk.length > 0) {
    const v = pop();
    if (done[v]) continue;
    done[v] = 1;
    const dv = dist[v];
    for (let e = g.adjStart[v]; e < g.adjStart[v + 1]; e++) {
      const w = g.adjTarget[e];
      const nd = dv + g.adjLengthM[e];
      if (nd < dist[w] && nd <= maxDistanceM) { dist[w] = nd; if (sourceOf) sourceOf[w] = sourceOf[v]; push(nd, w); }
    }
  }
  return dist;
}

/** Nearest graph node to (lng, lat) within `maxSnapM` (default 200 m), with the snap distance; node −1 if none. */
export function snapToGraph(g: WalkGraph, lng: number, lat: number, maxSnapM = 200): WalkSource {
  const h = nearest(g.index, lng, lat, maxSnapM);
  return h ? { node: h.i, offsetM: h.distanceM } : { node: -1, offsetM: Infinity };
}

/** Walking speed km/h → metres per minute (4.8 km/h = 80 m/min, the default: TCQSM 3rd ed. planning value). */
export function metresPerMinute(speedKmh: number): number {
  return (speedKmh * 1000) / 60;
}
