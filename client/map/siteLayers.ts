import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer, SolidPolygonLayer, PolygonLayer, TextLayer } from '@deck.gl/layers';
import { cellToBoundary, isValidCell } from 'h3-js';
import type { DemandLayerResponse, StopsLayerResponse } from '../../core/api/layers';
import type { Outlet, ScoredSite } from '../api/sites';
import { classColor, demandColors, LAYER_COLORS, scoreColor, type RampName, type Rgb } from './colorRamp';
import { classOf, type DemandHex } from './demandHexes';
import type { LabelBox, RankedPoint, RankLabel } from './topMarks';

export type LayerKey = 'candidates' | 'demand' | 'stops' | 'competitors' | 'own';
export const LAYER_KEYS: LayerKey[] = ['candidates', 'demand', 'stops', 'competitors', 'own'];
export const DEFAULT_VISIBLE: Record<LayerKey, boolean> = { candidates: true, demand: false, stops: false, competitors: true, own: true };

/** A stop row taken from the column-oriented stops layer. */
export interface StopDatum { stopId: string; name: string; mode: string; lng: number; lat: number; departures: number; imputed: boolean }
/** A demand point from the column-oriented demand layer. */
export interface DemandDatum { lng: number; lat: number; population: number }
/** A grid-cell candidate: the site as scored, its hexagon ring, and its index into the score column. */
export interface CellDatum { site: ScoredSite; polygon: [number, number][]; k: number }
/** A point candidate (clicked or imported) and its index into the score column. */
export interface PointDatum { site: ScoredSite; k: number }
/** A map label (already translated). */
export interface LabelDatum { text: string; lng: number; lat: number; kind: 'borough' | 'neighborhood' }

/** Rows of the column-oriented stops response. */
export function stopRows(s: StopsLayerResponse): StopDatum[] {
  return s.stopId.map((stopId, k) => ({ stopId, name: s.name[k], mode: s.mode[k], lng: s.lng[k], lat: s.lat[k], departures: s.departures[k], imputed: s.imputed[k] }));
}
/** Rows of the column-oriented demand response. */
export function demandRows(d: DemandLayerResponse): DemandDatum[] {
  return d.lng.map((lng, k) => ({ lng, lat: d.lat[k], population: d.population[k] }));
}

/**
 * Stop marker radius in metres from service-date departures: area ∝ departures (radius ∝ √departures),
 * 5 m plus 1.5 m per √departure, so a 2,000-departure subway station is ≈ 72 m (10 px at zoom 14) and a
 * 100-departure bus stop 20 m. Clamped on screen to 1.5–16 px.
 */
export function stopRadiusM(departures: number): number {
  return 5 + 1.5 * Math.sqrt(Math.max(0, departures));
}

/**
 * Branch marker size by zoom: small dots at city scale so the score colours stay readable (≈ 2,400 branches
 * around NYC), larger with a white ring from street scale. Own branches are drawn a size larger.
 */
export function outletMarker(zoom: number, own: boolean): { radiusPx: number; strokePx: number } {
  // a white ring at every zoom: the dots stay visible over any fill (dark score or resident hexagons)
  const base = zoom < 11 ? { radiusPx: 2.2, strokePx: 0.8 } : zoom < 13 ? { radiusPx: 3, strokePx: 0.75 } : { radiusPx: 5, strokePx: 1 };
  return own ? { radiusPx: base.radiusPx + 2, strokePx: Math.max(1, base.strokePx) } : base;
}

/** The H3 hexagon ring ([lng, lat][]) of a grid-cell site id, or null when the id is not an H3 cell. */
export function cellPolygon(id: string): [number, number][] | null {
  return isValidCell(id) ? (cellToBoundary(id, true) as [number, number][]) : null;
}

export interface SiteLayerInput {
  visible: Record<LayerKey, boolean>;
  /** Grid cells (drawn as hexagons) and point sites (drawn as circles); `k` indexes `scores`. */
  cells: CellDatum[];
  points: PointDatum[];
  /** Current score of site k under the chosen weights (client-side re-ranking). */
  scores: ArrayLike<number>;
  /** When set, sites are coloured by the class of `values[k]` among lower bounds `breaks` (forecast dollars) instead of
   * by their score. */
  valueClasses?: { values: ArrayLike<number>; breaks: readonly number[] } | null;
  /** The top list's rank labels (client/map/topMarks.ts) and a ring at each label's site (a group's best rank). */
  topRings?: readonly RankedPoint[];
  topLabels?: readonly RankLabel[];
  selectedId: string | null;
  hoveredId: string | null;
  /** Residents per H3 hexagon and the class breaks (lower bounds, residents) that colour them. */
  demand: DemandHex[] | null;
  demandBreaks: readonly number[];
  /** Opacity of the hexagon layers (scores and residents), 0–1. */
  opacity: number;
  /** The colour ramp choice of the hexagon layers. */
  ramp: RampName;
  stops: StopDatum[] | null;
  competitors: Outlet[] | null;
  own: Outlet[] | null;
  labels: LabelDatum[];
  /** Font family for the labels (a CJK web font when Chinese is shown). */
  fontFamily: string;
  /** Bump to rebuild the glyph atlas after the web font loads. */
  fontEpoch: number;
  zoom: number;
}

/** Fill alpha of candidate hexagons (0–255); faint while the demand layer is shown on top. */
export const CANDIDATE_ALPHA = 200;
export const CANDIDATE_ALPHA_UNDER_DEMAND = 60;

const alpha = (c: Rgb, a: number): [number, number, number, number] => [c[0], c[1], c[2], a];

/** Map labels drawn at `zoom`: borough names always, neighbourhood names from zoom 12.5 (the TextLayer below). */
export const labelsAtZoom = (labels: readonly LabelDatum[], zoom: number): LabelDatum[] => labels.filter((l) => l.kind === 'borough' || zoom >= 12.5);
/** Text size, px, of a map label (boroughs 17, neighbourhoods 12). */
export const labelSizePx = (l: LabelDatum): number => (l.kind === 'borough' ? 17 : 12);

/**
 * The boxes the map labels drawn at `zoom` take on screen, for the top list's rank labels to keep clear of: about
 * 0.62 em a Latin character and 1 em a CJK one in bold, plus the 5-px white outline on each side.
 */
export function mapLabelBoxes(labels: readonly LabelDatum[], zoom: number): LabelBox[] {
  return labelsAtZoom(labels, zoom).map((l) => {
    const size = labelSizePx(l);
    const em = [...l.text].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 1 : 0.62), 0);
    return { lng: l.lng, lat: l.lat, widthPx: em * size + 10, heightPx: size + 10 };
  });
}

/** Build the deck.gl layers of the Sites map, bottom to top. Pure apart from deck's layer objects. */
export function buildSiteLayers(input: SiteLayerInput): Layer[] {
  const v = input.visible;
  const layers: Layer[] = [];
  // With the resident hexagons on, candidates fade so the two colour ramps never mix into unreadable hues.
  const candidateAlpha = v.demand && input.demand ? CANDIDATE_ALPHA_UNDER_DEMAND : CANDIDATE_ALPHA;
  const ramp = input.ramp;
  const vc = input.valueClasses ?? null;
  const siteColor = (k: number): Rgb => (vc ? classColor(classOf(vc.values[k], vc.breaks), vc.breaks.length, ramp) : scoreColor(input.scores[k], ramp));
  if (v.candidates) {
    layers.push(new SolidPolygonLayer<CellDatum>({
      id: 'candidates',
      data: input.cells,
      getPolygon: (d) => d.polygon,
      getFillColor: (d) => alpha(siteColor(d.k), candidateAlpha),
      opacity: input.opacity,
      pickable: true,
      updateTriggers: { getFillColor: [input.scores, vc, candidateAlpha, ramp] },
    }));
  }
  if (v.demand && input.demand) {
    const colors = demandColors(ramp), breaks = input.demandBreaks;
    layers.push(new SolidPolygonLayer<DemandHex>({
      id: 'demand',
      data: input.demand,
      getPolygon: (d) => d.polygon,
      getFillColor: (d) => alpha(colors[Math.min(colors.length - 1, classOf(d.residents, breaks))], 210),
      opacity: input.opacity,
      pickable: true,
      updateTriggers: { getFillColor: [ramp, breaks] },
    }));
  }
  if (v.stops && input.stops) {
    layers.push(new ScatterplotLayer<StopDatum>({
      id: 'stops',
      data: input.stops,
      getPosition: (d) => [d.lng, d.lat],
      getRadius: (d) => stopRadiusM(d.departures),
      radiusUnits: 'meters',
      radiusMinPixels: 1.5,
      radiusMaxPixels: 16,
      stroked: true,
      filled: true,
      // imputed departures: hollow ring; scheduled: solid fill
      getFillColor: (d) => alpha(LAYER_COLORS[d.mode as 'bus'] ?? LAYER_COLORS.bus, d.imputed ? 0 : 190),
      getLineColor: (d) => alpha(LAYER_COLORS[d.mode as 'bus'] ?? LAYER_COLORS.bus, 230),
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (d.imputed ? 1.5 : 0.5),
      pickable: true,
    }));
  }
  const outletLayer = (id: 'competitors' | 'own', data: Outlet[], color: Rgb, s: { radiusPx: number; strokePx: number }) =>
    new ScatterplotLayer<Outlet>({
      id, data,
      getPosition: (d) => [d.lng, d.lat],
      getRadius: s.radiusPx,
      radiusUnits: 'pixels',
      getFillColor: alpha(color, 235),
      stroked: s.strokePx > 0,
      getLineColor: [255, 255, 255, 230],
      lineWidthUnits: 'pixels',
      getLineWidth: s.strokePx,
      pickable: true,
      updateTriggers: { getRadius: [s.radiusPx], getLineWidth: [s.strokePx] },
    });
  if (v.competitors && input.competitors) layers.push(outletLayer('competitors', input.competitors, LAYER_COLORS.competitor, outletMarker(input.zoom, false)));
  if (v.own && input.own) layers.push(outletLayer('own', input.own, LAYER_COLORS.own, outletMarker(input.zoom, true)));
  if (v.candidates && input.points.length) {
    layers.push(new ScatterplotLayer<PointDatum>({
      id: 'added-sites',
      data: input.points,
      getPosition: (d) => [d.site.lng, d.site.lat],
      getRadius: 9,
      radiusUnits: 'pixels',
      getFillColor: (d) => alpha(siteColor(d.k), 255),
      stroked: true,
      getLineColor: [20, 20, 20, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
      updateTriggers: { getFillColor: [input.scores, vc, ramp] },
    }));
  }
  if (v.candidates && input.topRings?.length) {
    // hollow rings: the cell's colour and any branch dot inside stay visible
    layers.push(new ScatterplotLayer<RankedPoint>({
      id: 'top-rings',
      data: input.topRings,
      getPosition: (d) => [d.lng, d.lat],
      getRadius: TOP_RING_RADIUS_PX,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: TOP_MARK_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }));
  }
  const highlight = [input.hoveredId, input.selectedId].filter((x): x is string => !!x);
  if (highlight.length) {
    const byId = new Map<string, { ring?: [number, number][]; site: ScoredSite }>();
    for (const c of input.cells) if (highlight.includes(c.site.id)) byId.set(c.site.id, { ring: c.polygon, site: c.site });
    for (const p of input.points) if (highlight.includes(p.site.id)) byId.set(p.site.id, { site: p.site });
    const items = highlight.map((id) => ({ id, selected: id === input.selectedId, ...byId.get(id) })).filter((d) => d.site);
    layers.push(new PolygonLayer<(typeof items)[number]>({
      id: 'highlight-cells',
      data: items.filter((d) => d.ring),
      getPolygon: (d) => d.ring!,
      filled: false,
      stroked: true,
      getLineColor: (d) => (d.selected ? alpha(LAYER_COLORS.selected, 255) : [30, 30, 30, 220]),
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (d.selected ? 3.5 : 2),
      updateTriggers: { getLineColor: [input.selectedId], getLineWidth: [input.selectedId] },
    }));
    // points, and grid cells too while hexagons are only a few pixels wide (a ring is easier to spot)
    layers.push(new ScatterplotLayer<(typeof items)[number]>({
      id: 'highlight-points',
      data: items.filter((d) => !d.ring || input.zoom < 13),
      getPosition: (d) => [d.site!.lng, d.site!.lat],
      getRadius: 14,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: (d) => (d.selected ? alpha(LAYER_COLORS.selected, 255) : [30, 30, 30, 220]),
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      updateTriggers: { getLineColor: [input.selectedId] },
    }));
  }
  const labels = labelsAtZoom(input.labels, input.zoom);
  layers.push(new TextLayer<LabelDatum>({
    // a new id per font epoch forces deck to rebuild the glyph atlas once the web font has loaded
    id: `labels-${input.fontEpoch}`,
    data: labels,
    getPosition: (d) => [d.lng, d.lat],
    getText: (d) => d.text,
    getSize: labelSizePx,
    getColor: (d) => (d.kind === 'borough' ? [38, 46, 56, 255] : [70, 76, 84, 255]),
    fontFamily: input.fontFamily,
    fontWeight: 700,
    characterSet: 'auto',
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 5,
    outlineColor: [255, 255, 255, 235],
    billboard: true,
    updateTriggers: { getText: [input.labels] },
  }));
  if (v.candidates && input.topLabels?.length) {
    // rank labels above their ring (not on it), in white pills; overlapping ones were merged ("1–3") before
    layers.push(new TextLayer<RankLabel>({
      id: `top-labels-${input.fontEpoch}`,
      data: input.topLabels,
      getPosition: (d) => [d.lng, d.lat],
      getText: (d) => d.text,
      getSize: 12,
      getColor: TOP_MARK_COLOR,
      fontFamily: input.fontFamily,
      fontWeight: 700,
      characterSet: 'auto',
      getPixelOffset: (d) => d.offsetPx,
      background: true,
      getBackgroundColor: [255, 255, 255, 235],
      getBorderColor: TOP_MARK_COLOR,
      getBorderWidth: 1,
      backgroundPadding: [4, 1],
      billboard: true,
      updateTriggers: { getText: [input.topLabels] },
    }));
  }
  return layers;
}

/** The top sites' rings and rank labels: dark slate, away from the score ramp, the branches' red/green and the orange selection. */
export const TOP_MARK_COLOR: [number, number, number, number] = [29, 39, 51, 255];
/** Radius of a top site's ring, px (the hover/selection ring is 14 px, so both show). */
export const TOP_RING_RADIUS_PX = 8;

/** What a picked object is, for tooltips and clicks. */
export type Picked =
  | { kind: 'site'; site: ScoredSite; k: number }
  | { kind: 'stop'; stop: StopDatum }
  | { kind: 'outlet'; outlet: Outlet; own: boolean }
  | { kind: 'demand'; population: number }
  | null;

/** Classify a deck.gl picking result by layer id. */
export function pickedOf(info: PickingInfo | null | undefined): Picked {
  if (!info?.object || !info.layer) return null;
  const o = info.object as Record<string, unknown>;
  switch (info.layer.id) {
    case 'candidates':
    case 'added-sites': return { kind: 'site', site: (o as unknown as PointDatum).site, k: (o as unknown as PointDatum).k };
    case 'stops': return { kind: 'stop', stop: o as unknown as StopDatum };
    case 'competitors': return { kind: 'outlet', outlet: o as Outlet, own: false };
    case 'own': return { kind: 'outlet', outlet: o as Outlet, own: true };
    case 'demand': return { kind: 'demand', population: (o as unknown as DemandHex).residents };
    default: return null;
  }
}
