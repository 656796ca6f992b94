/**
 * Pure builders for the compare maps: scenario outlets as GeoJSON (own / added / closed), H3 hexagons as
 * polygons with colours for the gap map and the gained/lost difference map, and the camera link between the
 * two maps. No MapLibre import here, so it runs in Node tests.
 */
import { cellToBoundary } from 'h3-js';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { rgbHex, VIRIDIS_5, type RampName } from '../map/colorRamp';

/** An outlet of the base network (from `GET /api/outlets`). */
export interface BaseOutlet {
  branchId: number;
  lng: number;
  lat: number;
  name?: string;
}

/** The changes a scenario makes to its base network. */
export interface ScenarioChanges {
  added: { id: string; lng: number; lat: number; name?: string }[];
  closed: number[];
  moved?: { branchId: number; lng: number; lat: number }[];
}

export type OutletKind = 'own' | 'added' | 'closed';
export interface OutletProps {
  kind: OutletKind;
  /** Branch id (`own`, `closed`) or the added site's id. */
  id: string;
  name: string;
}

/**
 * The scenario's outlets for drawing: every base outlet (`own`, or `closed` if the scenario closes it; moved
 * outlets at their new place) plus the added sites (`added`). Closed outlets stay on the map so they can be
 * crossed out. Order: own, closed, added (added drawn on top).
 */
export function scenarioOutletFeatures(base: BaseOutlet[], changes: ScenarioChanges | null): FeatureCollection<Point, OutletProps> {
  const closed = new Set(changes?.closed ?? []);
  const moved = new Map((changes?.moved ?? []).map((m) => [m.branchId, m]));
  const own: Feature<Point, OutletProps>[] = [];
  const shut: Feature<Point, OutletProps>[] = [];
  for (const o of base) {
    const m = moved.get(o.branchId);
    const kind: OutletKind = closed.has(o.branchId) ? 'closed' : 'own';
    const f = point<OutletProps>(m ? m.lng : o.lng, m ? m.lat : o.lat, { kind, id: String(o.branchId), name: o.name ?? '' });
    (closed.has(o.branchId) ? shut : own).push(f);
  }
  const added = (changes?.added ?? []).map((a) => point(a.lng, a.lat, { kind: 'added' as const, id: a.id, name: a.name ?? a.id }));
  return { type: 'FeatureCollection', features: [...own, ...shut, ...added] };
}

function point<P>(lng: number, lat: number, properties: P): Feature<Point, P> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties };
}

/** A hexagon to draw: its H3 index, a signed value and its fill colour. */
export interface HexProps {
  h3: string;
  /** Which map layer it belongs to; gains and losses get a dark outline so they stand out over the gap map. */
  kind: 'gap' | 'gained' | 'lost';
  /** People: uncovered residents (gap map) or gained − lost residents (difference map). */
  value: number;
  color: string;
}

/** H3 cell → closed GeoJSON ring in [lng, lat] order (h3-js `cellToBoundary(h, true)`). */
export function hexPolygon(h3: string): Polygon {
  return { type: 'Polygon', coordinates: [cellToBoundary(h3, true)] };
}

/** Colour classes of the gap map (uncovered residents per hexagon), light → dark purple. */
export const GAP_BREAKS = [250, 1000, 2500, 5000] as const;
export const GAP_COLORS = ['#efedf5', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;

/**
 * Diverging classes of the difference map: lost (reds) ← 0 → gained (greens); the lightest green is still darker
 * than the basemap's park green so gains never read as parks. Breaks in people.
 */
export const DIFF_BREAKS = [100, 500, 2000] as const;
export const DIFF_GAINED = ['#74c476', '#31a354', '#006d2c'] as const;
export const DIFF_LOST = ['#fb6a4a', '#de2d26', '#a50f15'] as const;

/** Class of `v` against ascending `breaks`: 0 below the first break … breaks.length at or above the last. */
export function classOf(v: number, breaks: readonly number[]): number {
  let c = 0;
  while (c < breaks.length && v >= breaks[c]) c++;
  return c;
}

/** One colour class of a map legend: residents per hexagon from `from` to `to` inclusive (`to` null: and more). */
export interface ClassRange { from: number; to: number | null; color: string }

/**
 * The classes {@link classOf} draws, as whole-people ranges for a legend: `[1, b0 − 1], [b0, b1 − 1] … [bn, ∞)`, one
 * per colour. `skip` drops that many leading breaks (the difference map merges its first two classes into one).
 * `classRanges([250, 1000], ['a', 'b', 'c'])` → 1–249 a, 250–999 b, ≥ 1,000 c.
 */
export function classRanges(breaks: readonly number[], colors: readonly string[], skip = 0): ClassRange[] {
  const lows = [1, ...breaks.slice(skip)];
  return lows.map((from, i) => ({ from, to: i + 1 < lows.length ? lows[i + 1] - 1 : null, color: colors[Math.min(i, colors.length - 1)] }));
}

/**
 * The gap map's five colours for a colour-ramp choice (Map settings): `default` ColorBrewer Purples ({@link GAP_COLORS}),
 * `viridis` the 5-class viridis of the Site scoring ramp (pale yellow = few uncovered residents). The difference map's
 * gained/lost classes are diverging green/red in every ramp (a sequential ramp cannot show a sign).
 */
export function gapColors(ramp: RampName = 'default'): readonly string[] {
  return ramp === 'viridis' ? VIRIDIS_5.map(rgbHex) : GAP_COLORS;
}

/** Gap-map hexagons (`uncoveredPopulation` per H3 cell) coloured by {@link GAP_BREAKS} in the ramp's {@link gapColors}. */
export function gapHexFeatures(hexes: { h3: string; uncoveredPopulation: number }[], ramp: RampName = 'default'): FeatureCollection<Polygon, HexProps> {
  const colors = gapColors(ramp);
  return {
    type: 'FeatureCollection',
    features: hexes
      .filter((h) => h.uncoveredPopulation > 0)
      .map((h) => ({
        type: 'Feature' as const,
        geometry: hexPolygon(h.h3),
        properties: { h3: h.h3, kind: 'gap' as const, value: h.uncoveredPopulation, color: colors[classOf(h.uncoveredPopulation, GAP_BREAKS)] },
      })),
  };
}

/**
 * Difference-map hexagons: net change `gained − lost` per cell, green when positive, red when negative, three
 * classes each by magnitude ({@link DIFF_BREAKS}: < 500, < 2,000, ≥ 2,000 people; below 100 the lightest). Cells
 * whose gains and losses cancel exactly are dropped.
 */
export function diffHexFeatures(hexes: { h3: string; gainedPopulation: number; lostPopulation: number }[]): FeatureCollection<Polygon, HexProps> {
  const features: Feature<Polygon, HexProps>[] = [];
  for (const h of hexes) {
    const net = h.gainedPopulation - h.lostPopulation;
    if (net === 0) continue;
    const cls = Math.max(0, classOf(Math.abs(net), DIFF_BREAKS) - 1);
    const kind = net > 0 ? 'gained' : 'lost';
    features.push({ type: 'Feature', geometry: hexPolygon(h.h3), properties: { h3: h.h3, kind, value: net, color: (net > 0 ? DIFF_GAINED : DIFF_LOST)[cls] } });
  }
  return { type: 'FeatureCollection', features };
}

/** What camera linking needs from a map (MapLibre's Map satisfies it). */
export interface CameraMap {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getBearing(): number;
  getPitch(): number;
  jumpTo(opts: { center: [number, number]; zoom: number; bearing: number; pitch: number }): unknown;
  on(type: 'move', fn: () => void): unknown;
  off(type: 'move', fn: () => void): unknown;
}

/**
 * Keep two maps on the same camera: moving either moves the other (jumpTo, no animation). A re-entrancy flag
 * stops the echo (B's move event fired by our own jumpTo does not move A back).
 * @returns a function that unlinks the maps
 */
export function linkCameras(a: CameraMap, b: CameraMap): () => void {
  let syncing = false;
  const follow = (src: CameraMap, dst: CameraMap) => () => {
    if (syncing) return;
    syncing = true;
    try {
      const c = src.getCenter();
      dst.jumpTo({ center: [c.lng, c.lat], zoom: src.getZoom(), bearing: src.getBearing(), pitch: src.getPitch() });
    } finally {
      syncing = false;
    }
  };
  const ab = follow(a, b);
  const ba = follow(b, a);
  a.on('move', ab);
  b.on('move', ba);
  return () => {
    a.off('move', ab);
    b.off('move', ba);
  };
}

/**
 * The scenario named by a coverage address `#/coverage/<scenarioId>` (as the Sites tab's "Add to scenario…" links
 * it), URI-decoded; null for `#/coverage` or any other tab.
 */
export function scenarioIdFromHash(hash: string): string | null {
  const m = /^#\/?coverage\/([^/?#]+)/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
