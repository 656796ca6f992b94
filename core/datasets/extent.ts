/**
 * Where the product's data can place a point: the United States (the census and FDIC files are national). Used only
 * to recognise swapped coordinates (a point outside these boxes whose swapped pair falls inside) — never to move one.
 * Boxes `[west, south, east, north]` in degrees: the 48 contiguous states and DC, Alaska (west of the antimeridian
 * left out), Hawaii, Puerto Rico and the U.S. Virgin Islands.
 */
export const US_EXTENTS: readonly (readonly [number, number, number, number])[] = [
  [-125.0, 24.4, -66.9, 49.5],
  [-180.0, 51.2, -129.9, 71.5],
  [-160.3, 18.9, -154.8, 22.3],
  [-67.3, 17.8, -64.5, 18.6],
];

/** Is (lng, lat) inside one of {@link US_EXTENTS}? */
export function inUsExtent(lng: number, lat: number): boolean {
  return US_EXTENTS.some(([w, s, e, n]) => lng >= w && lng <= e && lat >= s && lat <= n);
}
