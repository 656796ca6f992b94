import type { PointIndex } from '../geo/pointIndex';

/** The four transit modes a stop can have (`transit_stops.mode`). */
export type StopMode = 'subway' | 'bus' | 'rail' | 'ferry';

/**
 * Demand points: residents at block-group population-weighted centroids (SITE-MODEL.md "Entities") — the one demand
 * type of site scoring and network coverage. Point i is at `index.lng[i], index.lat[i]` (degrees).
 */
export interface DemandPoints {
  /** Residents P_i (optionally already multiplied by a demand weight). */
  population: ArrayLike<number>;
  /**
   * Target-customer layers (issue 10, item 4), when the demand is a weighted sum of several: `layer[i]` is the index
   * in `layerWeights` of point i's layer, and `population[i]` is already its count × that layer's weight.
   */
  layer?: ArrayLike<number>;
  layerWeights?: readonly number[];
  index: PointIndex;
}

/** Transit stops with their service-date departures (imputed where the feed has no timetable). */
export interface StopPoints {
  stopId: string[];
  mode: StopMode[];
  /** dep_s: departures on the service date, or the imputed figure. */
  departures: ArrayLike<number>;
  /** 1 where `departures` is imputed (feed without a timetable). */
  imputed: ArrayLike<number>;
  routeIds: string[][];
  index: PointIndex;
}

/**
 * Existing outlets as the Huff model sees them: `own` (the chosen network), `competitor` (every other outlet that
 * passes the competitor filter). An outlet with neither flag is ignored. `attractiveness` is A_k.
 */
export interface OutletPoints {
  own: ArrayLike<number>;
  competitor: ArrayLike<number>;
  attractiveness: ArrayLike<number>;
  index: PointIndex;
}
