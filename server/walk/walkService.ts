import { convex, featureCollection, point } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { metresPerMinute, snapToGraph, walkDistances, type WalkSource } from '../../core/walk/walkGraph';
import type { GeoData } from '../geo/geoData';
import type { WalkGraph } from '../../core/walk/walkGraph';
import { MIDTOWN_BBOX } from './osmGraph';
import { inBox } from '../../core/geo/pointIndex';

/**
 * Walk-network coverage and walk-time catchments inside the Midtown OSM extract (14th–42nd St, Hudson River to
 * ~2nd Av). Outside the extract there is no walk network (and no drive network): callers use straight-line radii
 * and say so. Snapping: a point joins the graph at its nearest node within 200 m, and the snap distance is walked.
 */

/** Max distance (m) from a point to the graph for it to be routable. */
export const MAX_SNAP_M = 200;

export function insideMidtown(lng: number, lat: number): boolean {
  const [w, s, e, n] = MIDTOWN_BBOX;
  return lng >= w && lng <= e && lat >= s && lat <= n;
}

/**
 * Coverage by walk time for the area's block groups that lie inside the extract: population whose walk time to
 * the nearest network outlet inside the extract is ≤ T minutes, for each T. Multi-source Dijkstra from every
 * outlet in the extract. Edge effect: outlets just outside the box are not seen, so coverage near the edges is
 * a lower bound.
 */
export async function walkCoverage(walkGraph: () => Promise<WalkGraph>, geo: GeoData, net: { lng: Float64Array; lat: Float64Array },
  subset: ArrayLike<number>, minutes: number[], speedKmh: number) {
  const g = await walkGraph();
  const mpm = metresPerMinute(speedKmh);
  const sources: WalkSource[] = [];
  for (let k = 0; k < net.lng.length; k++) {
    if (!insideMidtown(net.lng[k], net.lat[k])) continue;
    const s = snapToGraph(g, net.lng[k], net.lat[k], MAX_SNAP_M);
    if (s.node >= 0) sources.push(s);
  }
  const maxM = Math.max(...minutes) * mpm;
  const dist = walkDistances(g, sources, maxM);
  const bg = geo.blockGroups;
  const covered = minutes.map(() => 0);
  let total = 0, demandPoints = 0;
  for (let k = 0; k < subset.length; k++) {
    const i = subset[k];
    if (!insideMidtown(bg.lng[i], bg.lat[i])) continue;
    demandPoints++;
    const P = bg.population[i];
    total += P;
    const s = snapToGraph(g, bg.lng[i], bg.lat[i], MAX_SNAP_M);
    if (s.node < 0) continue;
    const d = dist[s.node] + s.offsetM;
    minutes.forEach((t, r) => { if (d <= t * mpm) covered[r] += P; });
  }
  return {
    bbox: MIDTOWN_BBOX, speedKmh, outletsInExtract: sources.length, demandPoints,
    byMinutes: minutes.map((walkMinutes, r) => ({ walkMinutes, coveredPopulation: covered[r], totalPopulation: total,
      share: total > 0 ? covered[r] / total : 0 })),
    note: `Walk-network coverage only for the ${demandPoints} block groups inside the Midtown OSM extract ` +
      `(bbox ${MIDTOWN_BBOX.join(', ')}), at ${speedKmh} km/h, from the ${sources.length} network outlets inside it; ` +
      'everything else uses straight-line radius (there is no walk network outside the extract and no drive network).',
  };
}

/** One point's walk-time catchment. */
export interface WalkCatchmentDto {
  id: string;
  lng: number; lat: number;
  /** False when the point is outside the extract or farther than 200 m from the walk network. */
  routable: boolean;
  /** Residents of block groups (inside the extract) within the walk time. */
  population: number;
  demandPoints: number;
  /** Graph nodes reached. */
  nodesReached: number;
  /** Convex hull of the reached network nodes (an approximate isochrone outline), or null. */
  isochrone: Feature<Polygon | MultiPolygon> | null;
}

/** Walk-time catchments of points (outlets or candidates): who lives within `minutes` on foot. */
export async function walkCatchments(walkGraph: () => Promise<WalkGraph>, geo: GeoData, points: { id: string; lng: number; lat: number }[],
  minutes: number, speedKmh: number): Promise<WalkCatchmentDto[]> {
  return walkCatchmentsFrom(await walkGraph(), geo, points, minutes, speedKmh);
}

/** {@link walkCatchments} over a loaded graph — pure computation (the server runs it in a worker thread, server/work). */
export function walkCatchmentsFrom(g: WalkGraph, geo: GeoData, points: { id: string; lng: number; lat: number }[],
  minutes: number, speedKmh: number): WalkCatchmentDto[] {
  const maxM = minutes * metresPerMinute(speedKmh);
  const bg = geo.blockGroups;
  const [w, s, e, n] = MIDTOWN_BBOX;
  const bgIn = inBox(bg.index, w, s, e, n);
  const bgSnap = bgIn.map((i) => snapToGraph(g, bg.lng[i], bg.lat[i], MAX_SNAP_M));
  return points.map((p) => {
    const src = insideMidtown(p.lng, p.lat) ? snapToGraph(g, p.lng, p.lat, MAX_SNAP_M) : { node: -1, offsetM: Infinity };
    if (src.node < 0) return { ...p, routable: false, population: 0, demandPoints: 0, nodesReached: 0, isochrone: null };
    const dist = walkDistances(g, [src], maxM);
    let population = 0, demandPoints = 0;
    bgIn.forEach((i, k) => {
      const sn = bgSnap[k];
      if (sn.node >= 0 && dist[sn.node] + sn.offsetM <= maxM) { population += bg.population[i]; demandPoints++; }
    });
    const reached = [];
    for (let v = 0; v < g.nodeCount; v++) if (dist[v] <= maxM) reached.push(point([g.lng[v], g.lat[v]]));
    const hull = reached.length >= 3 ? convex(featureCollection(reached)) : null;
    return { ...p, routable: true, population, demandPoints, nodesReached: reached.length, isochrone: hull as Feature<Polygon | MultiPolygon> | null };
  });
}
