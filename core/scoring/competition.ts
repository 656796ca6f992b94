import { nearest, type NeighbourList } from '../geo/pointIndex';
import { huffForCandidate, type HuffContext, type HuffStats } from './huffModel';
import type { OutletPoints } from './types';

/** Competition stats of one site (names are the API contract of issue 2). */
export interface CompetitionStats extends HuffStats {
  /** netNewDemand (people; high is good). */
  raw: number;
  competitorsWithin500m: number;
  competitorsWithin1000m: number;
  /** Plain great-circle distance to the nearest competitor (no dMin), metres; null if none within 50 km. */
  nearestCompetitorM: number | null;
}

/**
 * Competitor proximity (SITE-MODEL.md factor 3): the Huff stats of the candidate plus competitor counts within
 * 500 m / 1000 m (d ≤ r) and the nearest competitor. `raw = netNewDemand`.
 * @param nearOutlets outlets within at least 1000 m of the site; @param nearDemand demand points within ≥ Dmax.
 * @param nearestCompetitor the nearest competitor when the caller already found it; searched when omitted.
 */
export function competition(ctx: HuffContext, outlets: OutletPoints, nearOutlets: NeighbourList, nearDemand: NeighbourList,
  lng: number, lat: number, candidateA = 1, nearestCompetitor?: { i: number; distanceM: number } | null): CompetitionStats {
  let c500 = 0, c1000 = 0;
  for (let n = 0; n < nearOutlets.count; n++) {
    if (outlets.competitor[nearOutlets.i[n]] !== 1) continue;
    const d = nearOutlets.distanceM[n];
    if (d <= 1000) { c1000++; if (d <= 500) c500++; }
  }
  const best = nearestCompetitor === undefined ? nearest(outlets.index, lng, lat, 50_000, (k) => outlets.competitor[k] === 1) : nearestCompetitor;
  const huff = huffForCandidate(ctx, nearDemand, candidateA);
  return {
    raw: huff.netNewDemand, ...huff,
    competitorsWithin500m: c500, competitorsWithin1000m: c1000,
    nearestCompetitorM: best ? best.distanceM : null,
  };
}
