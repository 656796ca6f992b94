import { latLngToCell } from 'h3-js';
import { anyWithin, collectWithin, createNeighbourBuffer, forEachWithin, nearest, type PointIndex } from '../geo/pointIndex';
import { haversineM } from '../geo/haversine';
import { DEFAULT_HUFF, huffUtility, huffUtilitySum, type HuffParams } from '../scoring/huffModel';
import type { DemandPoints } from '../scoring/types';

/**
 * Network coverage, catchments, the gap map and 2SFCA over demand points (census block-group centroids) and a
 * network of outlets, on typed arrays and point indexes. Pure: no I/O. Definitions: `SITE-MODEL.md`
 * "Network coverage (executives)". Distances are great-circle metres (WGS84 mean sphere).
 */

/** Covered population at one radius. `share = coveredPopulation / totalPopulation` (0 when the area is empty). */
export interface RadiusCoverage {
  radiusM: number;
  coveredPopulation: number;
  totalPopulation: number;
  share: number;
}

/**
 * Distance in metres from each demand point to its nearest outlet, capped: points with no outlet within
 * `maxDistanceM` get `Infinity` and outlet −1. Exact nearest (spatial-index search, never all-pairs).
 * `subset` (positions) restricts the points searched; the others stay `Infinity` / −1.
 * @returns `{ distanceM, outlet }`, both of length `demand.index.size` (indexable by demand position);
 * `outlet[i]` is a position in `outlets`.
 */
export function nearestOutletDistances(demand: DemandPoints, outlets: PointIndex, maxDistanceM: number,
  subset?: ArrayLike<number>): { distanceM: Float64Array; outlet: Int32Array } {
  const pts = demand.index;
  const distanceM = new Float64Array(pts.size).fill(Infinity);
  const outlet = new Int32Array(pts.size).fill(-1);
  const n = subset ? subset.length : pts.size;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k] : k;
    const hit = nearest(outlets, pts.lng[i], pts.lat[i], maxDistanceM);
    if (hit) { distanceM[i] = hit.distanceM; outlet[i] = hit.i; }
  }
  return { distanceM, outlet };
}

/**
 * Coverage flags at ONE radius: `covered[i] = 1` when any outlet lies within `radiusM` of demand point i
 * (equivalently, its nearest outlet does). Stops at the first outlet found — the fast path for a single radius.
 * Optional `subset` restricts the test to those demand positions (others stay 0).
 */
export function coveredWithin(demand: DemandPoints, outlets: PointIndex, radiusM: number, subset?: ArrayLike<number>): Uint8Array {
  const pts = demand.index;
  const covered = new Uint8Array(pts.size);
  const n = subset ? subset.length : pts.size;
  // Neighbouring demand points (census order is spatially coherent) are usually covered by the same outlet: try
  // the last covering outlet first (one haversine) before searching the index.
  let last = -1;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k] : k;
    const x = pts.lng[i], y = pts.lat[i];
    if (last >= 0 && haversineM(x, y, outlets.lng[last], outlets.lat[last]) <= radiusM) { covered[i] = 1; continue; }
    const hit = anyWithin(outlets, x, y, radiusM);
    if (hit >= 0) { covered[i] = 1; last = hit; }
  }
  return covered;
}

/**
 * Covered population per radius from nearest-outlet distances: point i counts at radius R when
 * `distanceM[i] ≤ R`. `subset` (positions) restricts the area; default all points.
 */
export function coverageAtRadii(population: ArrayLike<number>, distanceM: ArrayLike<number>, radiiM: readonly number[],
  subset?: ArrayLike<number>): RadiusCoverage[] {
  const covered = radiiM.map(() => 0);
  let total = 0;
  const n = subset ? subset.length : population.length;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k] : k;
    const p = population[i];
    total += p;
    const d = distanceM[i];
    for (let r = 0; r < radiiM.length; r++) if (d <= radiiM[r]) covered[r] += p;
  }
  return radiiM.map((radiusM, r) => ({ radiusM, coveredPopulation: covered[r], totalPopulation: total,
    share: total > 0 ? covered[r] / total : 0 }));
}

/**
 * {@link coverageAtRadii} per area: `areaOf[i]` names point i's area (e.g. its county FIPS). Returns a map
 * area → coverage per radius, areas in first-seen order.
 */
export function coverageByArea(population: ArrayLike<number>, distanceM: ArrayLike<number>, areaOf: ArrayLike<string>,
  radiiM: readonly number[], subset?: ArrayLike<number>): Map<string, RadiusCoverage[]> {
  const groups = new Map<string, number[]>();
  const n = subset ? subset.length : population.length;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k] : k;
    const a = areaOf[i];
    let g = groups.get(a);
    if (!g) groups.set(a, (g = []));
    g.push(i);
  }
  const out = new Map<string, RadiusCoverage[]>();
  for (const [a, idx] of groups) out.set(a, coverageAtRadii(population, distanceM, radiiM, idx));
  return out;
}

/** One outlet's catchment. */
export interface Catchment {
  /** Position of the outlet in the outlet arrays. */
  outlet: number;
  /** Residents whose nearest outlet this is (within the assignment cut-off). */
  population: number;
  /** Demand points assigned. */
  demandPoints: number;
}

/**
 * Nearest-outlet catchments: every demand point (optionally `subset`) with an outlet within `maxDistanceM` is
 * assigned to its nearest outlet; returns population and point counts per outlet (all outlets, zeros included).
 */
export function nearestOutletCatchments(demand: DemandPoints, outlets: PointIndex, maxDistanceM: number,
  subset?: ArrayLike<number>): Catchment[] {
  const pop = new Float64Array(outlets.size);
  const count = new Int32Array(outlets.size);
  const pts = demand.index;
  const n = subset ? subset.length : pts.size;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k] : k;
    const hit = nearest(outlets, pts.lng[i], pts.lat[i], maxDistanceM);
    if (!hit) continue;
    pop[hit.i] += demand.population[i];
    count[hit.i]++;
  }
  return Array.from(pop, (population, outlet) => ({ outlet, population, demandPoints: count[outlet] }));
}

/**
 * Huff-expected residents per outlet: `E_k = Σ_i P_i · p_ik`, `p_ik = A_k·dist(i,k)^−β / Σ_{k'∈K_i} A_k'·dist(i,k')^−β`
 * with `K_i` every outlet within `dMaxM` of i and `dist = max(d, dMinM)`.
 * Source: D. L. Huff (1963), Land Economics 39(1); parameters per `SITE-MODEL.md`.
 * `attractiveness[k]` defaults to 1 for every outlet ("equal"). `subset` restricts the demand points.
 * @returns Float64Array of length `outlets.size` (people).
 */
export function huffExpectedResidents(demand: DemandPoints, outlets: PointIndex, params: HuffParams = DEFAULT_HUFF,
  attractiveness?: ArrayLike<number>, subset?: ArrayLike<number>): Float64Array {
  const expected = new Float64Array(outlets.size);
  const near = createNeighbourBuffer();
  const pts = demand.index;
  const n = subset ? subset.length : pts.size;
  for (let q = 0; q < n; q++) {
    const i = subset ? subset[q] : q;
    const P = demand.population[i];
    if (!(P > 0)) continue;
    collectWithin(outlets, pts.lng[i], pts.lat[i], params.dMaxM, near);
    const sum = huffUtilitySum(near, attractiveness, params).all;
    if (sum <= 0) continue;
    for (let t = 0; t < near.count; t++) {
      const k = near.i[t];
      expected[k] += (P * huffUtility(attractiveness ? attractiveness[k] : 1, near.distanceM[t], params.dMinM, params.beta)) / sum;
    }
  }
  return expected;
}

/** A hexagon of the gap map. */
export interface GapHex {
  /** H3 cell index (hex string). */
  h3: string;
  /** Residents of uncovered demand points whose centroid falls in the cell. */
  uncoveredPopulation: number;
  /** Residents of every demand point in the cell. */
  totalPopulation: number;
}

/**
 * The gap map: population NOT covered at `radiusM` (nearest-outlet distance > R) aggregated to H3 cells of
 * resolution `h3Resolution` (default 8, ≈ 0.74 km² cells). Only cells with uncovered population are returned,
 * largest first. `subset` restricts the demand points.
 */
export function gapHexes(demand: DemandPoints, distanceM: ArrayLike<number>, radiusM: number, h3Resolution = 8,
  subset?: ArrayLike<number>): GapHex[] {
  const cells = demandByHex<GapHex>(demand, h3Resolution, subset, (h3) => ({ h3, uncoveredPopulation: 0, totalPopulation: 0 }), (c, i, P) => {
    c.totalPopulation += P;
    if (!(distanceM[i] <= radiusM)) c.uncoveredPopulation += P;
  });
  return [...cells.values()].filter((c) => c.uncoveredPopulation > 0).sort((a, b) => b.uncoveredPopulation - a.uncoveredPopulation);
}

/**
 * Demand points with residents (all, or `subset` positions) aggregated to H3 cells of `h3Resolution`: each point that
 * `keep` accepts (default all) is added to its cell with `add(cell, i, P_i)`; a cell is made by `empty(h3)` on first use.
 */
function demandByHex<C>(demand: DemandPoints, h3Resolution: number, subset: ArrayLike<number> | undefined, empty: (h3: string) => C,
  add: (cell: C, i: number, population: number) => void, keep?: (i: number) => boolean): Map<string, C> {
  const cells = new Map<string, C>();
  const pts = demand.index;
  const n = subset ? subset.length : pts.size;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k] : k;
    const P = demand.population[i];
    if (!(P > 0) || (keep && !keep(i))) continue;
    const h3 = latLngToCell(pts.lat[i], pts.lng[i], h3Resolution);
    let c = cells.get(h3);
    if (c === undefined) cells.set(h3, (c = empty(h3)));
    add(c, i, P);
  }
  return cells;
}

/** A hexagon of the difference map between two networks. */
export interface DiffHex {
  h3: string;
  /** Residents covered by network B but not by A. */
  gainedPopulation: number;
  /** Residents covered by A but not by B. */
  lostPopulation: number;
}

/**
 * Demand gained and lost at `radiusM` going from network A to network B, aggregated to H3 cells: point i is
 * gained when `distB[i] ≤ R < distA[i]`, lost when `distA[i] ≤ R < distB[i]`. Only changed cells are returned.
 */
export function coverageDifferenceHexes(demand: DemandPoints, distanceAM: ArrayLike<number>, distanceBM: ArrayLike<number>,
  radiusM: number, h3Resolution = 8, subset?: ArrayLike<number>): DiffHex[] {
  const cells = demandByHex<DiffHex>(demand, h3Resolution, subset, (h3) => ({ h3, gainedPopulation: 0, lostPopulation: 0 }), (c, i, P) => {
    if (distanceBM[i] <= radiusM) c.gainedPopulation += P; else c.lostPopulation += P;
  }, (i) => (distanceAM[i] <= radiusM) !== (distanceBM[i] <= radiusM));
  return [...cells.values()].sort((x, y) => (y.gainedPopulation + y.lostPopulation) - (x.gainedPopulation + x.lostPopulation));
}

/**
 * Two-step floating catchment area (2SFCA) accessibility. Source: W. Luo & F. Wang (2003), "Measures of spatial
 * accessibility to health care in a GIS environment", Environment and Planning B 30(6).
 * Step 1: each outlet's ratio `R_k = S_k / Σ_{i: d_ik ≤ d0} P_i` (supply S_k = 1 per outlet; 0 when no residents
 * lie within d0). Step 2: each demand point's `A_i = Σ_{k: d_ik ≤ d0} R_k` (outlets per resident).
 * @returns `{ outletRatio (per outlet), accessibility (per demand point) }`.
 */
export function twoStepFca(demand: DemandPoints, outlets: PointIndex, d0M = 1000,
  supply?: ArrayLike<number>): { outletRatio: Float64Array; accessibility: Float64Array } {
  const pts = demand.index;
  const outletRatio = new Float64Array(outlets.size);
  for (let k = 0; k < outlets.size; k++) {
    let pop = 0;
    forEachWithin(pts, outlets.lng[k], outlets.lat[k], d0M, (i) => { pop += demand.population[i]; });
    outletRatio[k] = pop > 0 ? (supply ? supply[k] : 1) / pop : 0;
  }
  const accessibility = new Float64Array(pts.size);
  for (let i = 0; i < pts.size; i++) {
    let a = 0;
    forEachWithin(outlets, pts.lng[i], pts.lat[i], d0M, (k) => { a += outletRatio[k]; });
    accessibility[i] = a;
  }
  return { outletRatio, accessibility };
}
