/**
 * The study area of the Network coverage tab: New York City, the radii it reports, the camera box, the Midtown walk
 * extract and the box of outlets drawn.
 */

/** Straight-line catchment radii reported for every network (metres). */
export const RADII_M = [500, 1000, 2000];
/** The camera box of both maps `[west, south, east, north]`. */
export const NYC_BOUNDS: [number, number, number, number] = [-74.26, 40.49, -73.7, 40.92];
/** The Midtown OSM extract (server/walk/osmGraph.ts MIDTOWN_BBOX), until the walk coverage answer names it. */
export const MIDTOWN_BBOX: [number, number, number, number] = [-74.014, 40.736, -73.963, 40.759];
/** Outlets drawn: the own network around NYC (New Jersey and Westchester outlets can cover NYC residents). */
export const OUTLET_BBOX: [number, number, number, number] = [-74.35, 40.4, -73.6, 41.0];

/** Margin around a study area's box within which own outlets are drawn (degrees; ≥ the 2 km radius at any US latitude). */
export const OUTLET_MARGIN_DEG = 0.1;

/**
 * The box of own outlets drawn on the coverage maps for a study area whose map box is `bounds`: New York City keeps
 * {@link OUTLET_BBOX} (New Jersey and Westchester included); any other area its own box widened by
 * {@link OUTLET_MARGIN_DEG}, so the outlets of Cook County, IL are drawn there instead of none.
 */
export function outletBbox(bounds: readonly [number, number, number, number]): [number, number, number, number] {
  if (bounds.every((v, i) => v === NYC_BOUNDS[i])) return OUTLET_BBOX;
  const [w, s, e, n] = bounds;
  const m = OUTLET_MARGIN_DEG;
  return [Math.max(-180, w - m), Math.max(-90, s - m), Math.min(180, e + m), Math.min(90, n + m)];
}
