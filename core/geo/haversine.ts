/**
 * Great-circle distance on the WGS84 mean sphere.
 *
 * Source: haversine formula (R. W. Sinnott, "Virtues of the Haversine", Sky & Telescope 68(2), 1984);
 * Earth radius R = 6,371,008.8 m, the IUGG mean radius R1 (Moritz 2000, Geodetic Reference System 1980),
 * the radius `SITE-MODEL.md` fixes for every distance in the product.
 */
export const EARTH_RADIUS_M = 6_371_008.8;

const DEG = Math.PI / 180;

/**
 * Distance in metres between two points given as longitude/latitude in degrees.
 * @example haversineM(-73.9857, 40.7484, -73.9772, 40.7527) // ≈ 838 m (Empire State → Grand Central)
 */
export function haversineM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLng = (lng2 - lng1) * DEG;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLng / 2);
  const a = s1 * s1 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Metres → degrees of latitude (exact on the sphere). */
export function metresToLatDeg(distanceM: number): number {
  return (distanceM / EARTH_RADIUS_M) / DEG;
}

/**
 * Metres → degrees of longitude that cover `distanceM` everywhere up to latitude `absLatDeg` (its absolute value, °):
 * {@link metresToLatDeg} / cos(latitude), the latitude capped at 89.9° and the answer at 180° (a box that wide spans
 * every longitude). For bounding boxes around a point or a box, take the latitude farthest from the equator the box
 * reaches (e.g. |lat| + metresToLatDeg(distanceM)).
 */
export function metresToLngDeg(distanceM: number, absLatDeg: number): number {
  return Math.min(180, metresToLatDeg(distanceM) / Math.cos(Math.min(89.9, Math.abs(absLatDeg)) * DEG));
}
