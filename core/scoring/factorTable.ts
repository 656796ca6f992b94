
import { competition, type CompetitionStats } from './competition';
import { customerDensity, demandQueryRadiusM, type DemandStats } from './customerDensity';
import { createHuffContext, type HuffContext } from './huffModel';
import { collectWithin, createNeighbourBuffer, nearest } from '../geo/pointIndex';
import type { ScoringParams } from './params';
import { coveredByTransitFeed, maxTransitRadiusM, transitAccess, type TransitStats } from './transitAccess';
import type { DemandPoints, OutletPoints, StopPoints } from './types';
import type { FactorName } from './siteScore';

/** Everything the factors read, for one parameter set and one own network. */
export interface ScoringContext {
  params: ScoringParams;
  demand: DemandPoints;
  stops: StopPoints;
  outlets: OutletPoints;
  huff: HuffContext;
}

/** Build a {@link ScoringContext} (the Huff per-demand-point sums start empty and fill as sites ask). */
export function createScoringContext(params: ScoringParams, demand: DemandPoints, stops: StopPoints, outlets: OutletPoints): ScoringContext {
  return { params, demand, stops, outlets, huff: createHuffContext(demand, outlets, params) };
}

/** The factors of a set of sites: raw columns (one per factor) and each site's reported stats. */
export interface FactorTable {
  raw: Record<FactorName, Float64Array>;
  /**
   * 1 where the factor's data covers the site, 0 where not (see ScoredMask in siteScore.ts). Transit: a stop of some
   * loaded feed within {@link TRANSIT_FEED_COVERAGE_M}. Demand and competition: 1 here; the caller clears sites
   * outside the loaded files' extent.
   */
  scored: Record<FactorName, Uint8Array>;
  transit: TransitStats[];
  demand: DemandStats[];
  competition: CompetitionStats[];
}

/**
 * Compute the three factors (the expensive spatial part) for every site, once per parameter set; weights and
 * normalisation are applied on top. Radius queries go through the point indexes — never all-pairs.
 * @param lng site longitudes, degrees; @param lat latitudes, degrees.
 * @param onProgress called with the number of sites done (every 256 sites and at the end).
 */
export function computeFactorTable(ctx: ScoringContext, lng: ArrayLike<number>, lat: ArrayLike<number>,
  onProgress?: (done: number) => void): FactorTable {
  const n = lng.length;
  const p = ctx.params;
  const table: FactorTable = {
    raw: { transit: new Float64Array(n), demand: new Float64Array(n), competition: new Float64Array(n) },
    scored: { transit: new Uint8Array(n), demand: new Uint8Array(n).fill(1), competition: new Uint8Array(n).fill(1) },
    transit: new Array(n), demand: new Array(n), competition: new Array(n),
  };
  const nearStops = createNeighbourBuffer();
  const nearDemand = createNeighbourBuffer(4096);
  const nearOutlets = createNeighbourBuffer();
  const competitor = ctx.outlets.competitor;
  const isCompetitor = (k: number) => competitor[k] === 1;
  const transitR = maxTransitRadiusM(p);
  const demandR = Math.max(demandQueryRadiusM(p.kernelBandwidthM), p.huffDMaxM);
  for (let j = 0; j < n; j++) {
    const x = lng[j], y = lat[j];
    collectWithin(ctx.stops.index, x, y, transitR, nearStops);
    collectWithin(ctx.demand.index, x, y, demandR, nearDemand);
    collectWithin(ctx.outlets.index, x, y, 1000, nearOutlets);
    const t = transitAccess(ctx.stops, nearStops, x, y, p, nearest(ctx.stops.index, x, y, 50_000));
    const d = customerDensity(ctx.demand, nearDemand, p.kernelBandwidthM);
    const c = competition(ctx.huff, ctx.outlets, nearOutlets, nearDemand, x, y, 1, nearest(ctx.outlets.index, x, y, 50_000, isCompetitor));
    table.transit[j] = t; table.demand[j] = d; table.competition[j] = c;
    table.raw.transit[j] = t.raw; table.raw.demand[j] = d.raw; table.raw.competition[j] = c.raw;
    table.scored.transit[j] = coveredByTransitFeed(t.nearestStopM) ? 1 : 0;
    if (onProgress && ((j + 1) % 256 === 0 || j === n - 1)) onProgress(j + 1);
  }
  return table;
}

