import { gaussianKernel } from './distanceDecay';
import type { DemandPoints, NeighbourList } from './types';

/** Target-customer-density stats of one site (names are the API contract of issue 2). */
export interface DemandStats {
  /** D_j = Σ_i P_i · exp(−d_ij² / 2h²) over d_ij ≤ 3h (people, kernel-weighted). */
  raw: number;
  populationWithin500m: number;
  populationWithin1000m: number;
  populationWithin2000m: number;
}

/** Query radius that finds every demand point {@link customerDensity} needs: max(3h, 2000 m). */
export function demandQueryRadiusM(bandwidthM: number): number {
  return Math.max(3 * bandwidthM, 2000);
}

/**
 * Target-customer density of a site (SITE-MODEL.md factor 2): Gaussian kernel density of residents,
 * `D_j = Σ_{i: d_ij ≤ 3h} P_i · exp(−d_ij² / 2h²)`, plus plain resident sums within 500/1000/2000 m (d ≤ r).
 * @param near demand points within at least {@link demandQueryRadiusM} of the site, distances in metres.
 * @param bandwidthM kernel bandwidth h, metres.
 */
export function customerDensity(demand: DemandPoints, near: NeighbourList, bandwidthM: number): DemandStats {
  const cutoffM = 3 * bandwidthM;
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
