import type { BasemapResponse } from '../../core/api/basemap';
import { polygonContainsPoint } from '../../core/floorplan/geometry';

/** Largest |ln(actual / forecast)| a residual dot grows to: e³ ≈ ×20 more or less than forecast. */
export const RESIDUAL_CAP_LOG = 3;

/**
 * Radius (SVG units of the 420 × 340 residual map) of a branch's dot from its hold-out residual
 * r = ln(actual) − ln(forecast): 1.5 + 1.5 · min(|r|, 3), so a branch holding as forecast is 1.5, ×e (2.7 times more
 * or less) is 3 and ×20 or further is 6.
 */
export function residualRadius(residualLog: number): number {
  return 1.5 + Math.min(Math.abs(residualLog), RESIDUAL_CAP_LOG) * 1.5;
}

/** The ratios the size key shows, actual ÷ forecast or its inverse: ×1.5, ×3, ×10 and the cap, ×20 or more. */
export const RESIDUAL_KEY_RATIOS = [1.5, 3, 10, 20] as const;

/**
 * The hold-out branches whose coordinates lie outside every borough outline (even-odd test in degrees). The FDIC
 * files a branch under a county (STCNTYBR) that can disagree with its coordinates — in the 2023 survey one
 * Wyandanch (Suffolk County) branch is filed under Queens; the study area follows the FDIC's county, so such
 * a branch is fitted and validated with the city's branches while its dot falls outside the map's city.
 * @returns the points outside, in input order.
 */
export function outsideBoroughs<P extends { lng: number; lat: number }>(points: readonly P[], boroughs: BasemapResponse['boroughs']): P[] {
  const polys = boroughs.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
  const inside = (p: P) => polys.some(([outer, ...holes]) => polygonContainsPoint(outer as [number, number][], [p.lng, p.lat])
    && !holes.some((h) => polygonContainsPoint(h as [number, number][], [p.lng, p.lat])));
  return points.filter((p) => !inside(p));
}

/** Borough code (basemap `boroughs` properties: 1 Bronx, 2 Brooklyn, 3 Manhattan, 4 Queens, 5 Staten Island) of a report group name. */
export const BOROUGH_CODE: Readonly<Record<string, number>> = { Bronx: 1, Brooklyn: 2, Manhattan: 3, Queens: 4, 'Staten Island': 5 };
