/**
 * Scoring parameters with the defaults of `SITE-MODEL.md` ("Factors per candidate j"). Every parameter is a
 * request option and is echoed back in `params`, so a result can be reproduced.
 */
export interface ScoringParams {
  /** Walk catchment of a bus stop, metres (TCQSM 3rd ed., TCRP Report 165: 400 m). */
  busRadiusM: number;
  /** Walk catchment of a subway station, metres (TCQSM: 800 m). */
  subwayRadiusM: number;
  /** Walk catchment of a commuter-rail station, metres (TCQSM: 800 m). */
  railRadiusM: number;
  /** Walk catchment of a ferry landing, metres (TCQSM: 800 m). */
  ferryRadiusM: number;
  /** Gaussian kernel bandwidth h for target-customer density, metres (800 m; summed over d ≤ 3h). */
  kernelBandwidthM: number;
  /** Huff: floor on distances, metres (100 m) — no singularity on a centroid or a branch. */
  huffDMinM: number;
  /** Huff distance exponent β (2). */
  huffBeta: number;
  /** Huff cut-off Dmax, metres (3 km): demand within Dmax of the site, outlets within Dmax of the demand point. */
  huffDMaxM: number;
  /** Huff attractiveness: "equal" (A = 1) or "deposits" (A_k = min(deposits_k / median full-service deposits, 10)). */
  attractiveness: 'equal' | 'deposits';
  /** FDIC BRSERTYP codes counted as competitors; empty = every service type. */
  competitorServiceTypes: number[];
}

export const DEFAULT_SCORING_PARAMS: Readonly<ScoringParams> = Object.freeze({
  busRadiusM: 400,
  subwayRadiusM: 800,
  railRadiusM: 800,
  ferryRadiusM: 800,
  kernelBandwidthM: 800,
  huffDMinM: 100,
  huffBeta: 2,
  huffDMaxM: 3000,
  attractiveness: 'equal',
  competitorServiceTypes: [],
});

/** A stable string key for a parameter set (same params → same key), used to cache factor tables. */
export function scoringParamsKey(p: ScoringParams): string {
  return JSON.stringify([p.busRadiusM, p.subwayRadiusM, p.railRadiusM, p.ferryRadiusM, p.kernelBandwidthM,
    p.huffDMinM, p.huffBeta, p.huffDMaxM, p.attractiveness, [...p.competitorServiceTypes].sort((a, b) => a - b)]);
}
