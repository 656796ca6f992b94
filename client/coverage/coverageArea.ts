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
