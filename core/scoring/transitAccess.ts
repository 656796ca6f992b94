import { nearest, type NeighbourList } from '../geo/pointIndex';
import { linearDecay } from './distanceDecay';
import type { ScoringParams } from './params';
import type { StopMode, StopPoints } from './types';

/** Transit-access stats of one site (names are the API contract of issue 2). */
export interface TransitStats {
  /** T_j = Σ_s dep_s · g(d_js, R_mode(s)). */
  raw: number;
  /** Σ dep_s over stops inside their mode's radius, undecayed. */
  departuresWithinRadius: number;
  /** The part of departuresWithinRadius that is imputed (feeds without timetables). */
  imputedDepartures: number;
  stopsWithinRadius: number;
  /** Distinct route ids over those stops. */
  routesWithinRadius: number;
  /** Nearest stop of any mode (any distance up to 50 km), or null. */
  nearestStopM: number | null;
  nearestStopId: string | null;
  nearestStopMode: StopMode | null;
}

/**
 * A site is covered by a transit feed when one of the feed's stops lies within this distance (metres; issue 10).
 * Beyond every feed the transit factor is not scored (excluded from the composite, never a silent 0).
 */
export const TRANSIT_FEED_COVERAGE_M = 2000;

/** Whether a site whose nearest stop (any feed) is `nearestStopM` metres away (null: none within 50 km) is covered by a feed. */
export function coveredByTransitFeed(nearestStopM: number | null): boolean {
  return nearestStopM !== null && nearestStopM <= TRANSIT_FEED_COVERAGE_M;
}

/** Walk radius R_mode in metres for a stop's mode (TCQSM 3rd ed.: bus 400 m, rail/subway/ferry 800 m by default). */
export function modeRadiusM(mode: StopMode, p: Pick<ScoringParams, 'busRadiusM' | 'subwayRadiusM' | 'railRadiusM' | 'ferryRadiusM'>): number {
  switch (mode) {
    case 'bus': return p.busRadiusM;
    case 'subway': return p.subwayRadiusM;
    case 'rail': return p.railRadiusM;
    case 'ferry': return p.ferryRadiusM;
  }
}

/** The largest of the four mode radii: the query radius that finds every stop that can count. */
export function maxTransitRadiusM(p: ScoringParams): number {
  return Math.max(p.busRadiusM, p.subwayRadiusM, p.railRadiusM, p.ferryRadiusM);
}

/**
 * Transit access of a site (SITE-MODEL.md factor 1): `T_j = Σ_s dep_s · (1 − d_js / R_mode(s))` over stops with
 * d_js < R_mode(s); each stop counts within its own mode's walk radius.
 * @param near stops within {@link maxTransitRadiusM} of the site (from a radius query), distances in metres.
 * @param lng site longitude, degrees (for the nearest-stop search); @param lat latitude, degrees.
 * @param nearestStop the nearest stop when the caller already found it (any distance ≤ 50 km); searched when omitted.
 */
export function transitAccess(stops: StopPoints, near: NeighbourList, lng: number, lat: number, p: ScoringParams,
  nearestStop?: { i: number; distanceM: number } | null): TransitStats {
  let raw = 0, departures = 0, imputed = 0, count = 0;
  let routes: Set<string> | null = null; // most sites outside a feed have no stop: no Set for them
  for (let n = 0; n < near.count; n++) {
    const s = near.i[n];
    const d = near.distanceM[n];
    const r = modeRadiusM(stops.mode[s], p);
    if (d >= r) continue; // g = 0 at d = R: the stop is outside its catchment
    const dep = stops.departures[s];
    raw += dep * linearDecay(d, r);
    departures += dep;
    if (stops.imputed[s]) imputed += dep;
    count++;
    for (const route of stops.routeIds[s]) (routes ??= new Set<string>()).add(route);
  }
  const best = nearestStop === undefined ? nearest(stops.index, lng, lat, 50_000) : nearestStop;
  return {
    raw, departuresWithinRadius: departures, imputedDepartures: imputed, stopsWithinRadius: count,
    routesWithinRadius: routes ? routes.size : 0,
    nearestStopM: best ? best.distanceM : null,
    nearestStopId: best ? stops.stopId[best.i] : null,
    nearestStopMode: best ? stops.mode[best.i] : null,
  };
}
