import { cellToBoundary, getHexagonAreaAvg, latLngToCell } from 'h3-js';
import type { DemandDatum } from './siteLayers';

/** H3 resolution of the residents layer: res 8 hexagons average 0.737 km² (edge ≈ 461 m), a few blocks across. */
export const DEMAND_HEX_RESOLUTION = 8;

/** One residents hexagon: its H3 id, ring ([lng, lat][]) and the residents of the census points inside it. */
export interface DemandHex { h3: string; polygon: [number, number][]; residents: number }

/**
 * Residents summed per H3 hexagon: every demand point (a census block-group centroid with its population) is
 * counted in the hexagon that contains it. Hexagons with no residents are left out.
 * @param points demand points, degrees WGS84; population in people.
 * @returns hexagons in first-seen order.
 */
export function demandHexes(points: readonly DemandDatum[], resolution = DEMAND_HEX_RESOLUTION): DemandHex[] {
  const sums = new Map<string, number>();
  for (const p of points) {
    if (!(p.population > 0)) continue;
    const h = latLngToCell(p.lat, p.lng, resolution);
    sums.set(h, (sums.get(h) ?? 0) + p.population);
  }
  return [...sums].map(([h3, residents]) => ({ h3, residents, polygon: cellToBoundary(h3, true) as [number, number][] }));
}

/** Average area of an H3 hexagon at `resolution`, km² (res 8: 0.737). */
export function hexAreaKm2(resolution = DEMAND_HEX_RESOLUTION): number {
  return getHexagonAreaAvg(resolution, 'km2');
}

/** `x` rounded to two significant digits (12,345 → 12,000; 1,260 → 1,300; 0 → 0). */
export function roundSignificant(x: number, digits = 2): number {
  if (!(x > 0)) return 0;
  const m = 10 ** (Math.floor(Math.log10(x)) - digits + 1);
  return Math.round(x / m) * m;
}

/**
 * Class breaks for a choropleth: the lower bound of each class, the first 0, the others the quantiles
 * k/classes of `values` rounded to two significant digits so the legend reads in round numbers
 * (e.g. [0, 1100, 2500, 4000, 6000, 9000]). Duplicate rounded breaks are dropped, so fewer classes may come back
 * on data with few distinct values. Values are in the layer's own unit (residents per hexagon here).
 */
export function quantileBreaks(values: readonly number[], classes: number): number[] {
  if (!values.length) return [0];
  const sorted = [...values].sort((a, b) => a - b);
  const out = [0];
  for (let k = 1; k < classes; k++) {
    const q = roundSignificant(sorted[Math.min(sorted.length - 1, Math.floor((k / classes) * sorted.length))]);
    if (q > out[out.length - 1]) out.push(q);
  }
  return out;
}

/** Index of the class `v` falls in for lower bounds `breaks` (v ≥ breaks[k] → at least class k). */
export function classOf(v: number, breaks: readonly number[]): number {
  for (let k = breaks.length - 1; k > 0; k--) if (v >= breaks[k]) return k;
  return 0;
}
