import { gaussianKernel } from './distanceDecay';
import type { NeighbourList } from '../geo/pointIndex';
import type { DemandPoints } from './types';

/** Target-customer-density stats of one site (names are the API contract of issue 2). */
export interface DemandStats {
  /** D_j = Σ_i P_i · exp(−d_ij² / 2h²) over d_ij ≤ 3h (people, kernel-weighted). */
  raw: number;
  populationWithin500m: number;
  populationWithin1000m: number;
  populationWithin2000m: number;
  /**
   * Per demand layer (when the demand has layers, {@link DemandPoints.layer}): its part of `raw` (weighted) and its
   * own count within 1000 m (unweighted: people, jobs or customers of that layer). The layers' raws sum to `raw`.
   */
  layers?: { raw: number; within1000m: number }[];
}

/** Query radius that finds every demand point {@link customerDensity} needs: max(3h, 2000 m). */
export function demandQueryRadiusM(bandwidthM: number): number {
  return Math.max(3 * bandwidthM, 2000);
}

/**
 * Target-customer density of a site (SITE-MODEL.md factor 2): Gaussian kernel density of residents,
 * `D_j = Σ_{i: d_ij ≤ 3h} P_i · exp(−d_ij² / 2h²)`, plus plain resident sums within 500/1000/2000 m (d ≤ r).
 * With demand layers (issue 10, item 4: residents, workplace jobs, own customers …), `P_i = w_L(i) · count_i`, so
 * `D_j = Σ_L w_L · D_j^L` — the weighted sum of each layer's density — and the sums within r are weighted the same;
 * each layer's part is reported in `layers`.
 * @param near demand points within at least {@link demandQueryRadiusM} of the site, distances in metres.
 * @param bandwidthM kernel bandwidth h, metres.
 */
export function customerDensity(demand: DemandPoints, near: NeighbourList, bandwidthM: number): DemandStats {
  const cutoffM = 3 * bandwidthM;
  if (demand.layer && demand.layerWeights) return layeredDensity(demand, near, bandwidthM);
  let raw = 0, p500 = 0, p1000 = 0, p2000 = 0;
  for (let n = 0; n < near.count; n++) {
    const i = near.i[n];
    const d = near.distanceM[n];
    const pop = demand.population[i];
    if (d <= cutoffM) raw += pop * gaussianKernel(d, bandwidthM);
    if (d <= 2000) {
      p2000 += pop;
      if (d <= 1000) { p1000 += pop; if (d <= 500) p500 += pop; }
    }
  }
  return { raw, populationWithin500m: p500, populationWithin1000m: p1000, populationWithin2000m: p2000 };
}

/** {@link customerDensity} with the per-layer parts (kept apart so the common single-layer loop stays lean). */
function layeredDensity(demand: DemandPoints, near: NeighbourList, bandwidthM: number): DemandStats {
  const weights = demand.layerWeights!, layer = demand.layer!;
  const cutoffM = 3 * bandwidthM;
  const layers = weights.map(() => ({ raw: 0, within1000m: 0 }));
  let raw = 0, p500 = 0, p1000 = 0, p2000 = 0;
  for (let n = 0; n < near.count; n++) {
    const i = near.i[n];
    const d = near.distanceM[n];
    const pop = demand.population[i];
    const L = layers[layer[i]];
    if (d <= cutoffM) { const k = pop * gaussianKernel(d, bandwidthM); raw += k; L.raw += k; }
    if (d <= 2000) {
      p2000 += pop;
      if (d <= 1000) { p1000 += pop; L.within1000m += pop / weights[layer[i]]; if (d <= 500) p500 += pop; }
    }
  }
  return { raw, populationWithin500m: p500, populationWithin1000m: p1000, populationWithin2000m: p2000, layers };
}
