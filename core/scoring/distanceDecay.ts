/**
 * Linear walk-catchment decay g(d, R) = 1 − d/R for d < R, else 0 (SITE-MODEL.md, transit access).
 * @param distanceM great-circle distance, metres; @param radiusM catchment radius R, metres (> 0).
 * @returns weight in [0, 1].
 */
export function linearDecay(distanceM: number, radiusM: number): number {
  return distanceM < radiusM ? 1 - distanceM / radiusM : 0;
}

/**
 * Gaussian kernel exp(−d² / 2h²) (SITE-MODEL.md, target-customer density), with no cut-off of its own
 * (the caller sums over d ≤ 3h).
 * @param distanceM metres; @param bandwidthM h, metres (> 0). @returns weight in (0, 1].
 */
export function gaussianKernel(distanceM: number, bandwidthM: number): number {
  return Math.exp(-(distanceM * distanceM) / (2 * bandwidthM * bandwidthM));
}
