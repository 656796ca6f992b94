import { useEffect, useState, useSyncExternalStore } from 'react';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { areaSpec, type GridSpec, type ResolveAreaResponse } from '../../core/api/areas';
import { polygonContainsPoint } from '../../core/floorplan/geometry';
import { patchRememberedQuery, readViewParams, writeViewParams } from '../ui/viewUrl';
import { areaParam, gridFromParams } from './areaParam';

/** The grid the Sites view opens with: NYC at H3 resolution 9 (the 7,405 cells of SITE-MODEL.md). */
export const DEFAULT_GRID: GridSpec = { resolution: 9, area: 'nyc' };
const STORAGE_KEY = 'op.studyArea';

/** The last study-area grid the user picked (localStorage), or {@link DEFAULT_GRID}; a malformed entry is ignored. */
export function loadGridSpec(): GridSpec {
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    if (!raw) return DEFAULT_GRID;
    const g = JSON.parse(raw) as GridSpec;
    if (![8, 9, 10].includes(g.resolution) || !areaSpec.safeParse(g.area).success) return DEFAULT_GRID;
    return g;
  } catch {
    return DEFAULT_GRID;
  }
}

/** Remember the picked grid for the next visit. */
export function saveGridSpec(g: GridSpec): void {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(g)); } catch { /* private mode: not remembered */ }
}

/**
 * The study area shared by the Site scoring and Network coverage tabs (one pick, persisted in localStorage): a tiny
 * external store read with {@link useStudyArea}.
 */
function createStudyAreaStore() {
  let current = loadGridSpec();
  const listeners = new Set<() => void>();
  return {
    get: (): GridSpec => current,
    set(next: GridSpec) {
      if (JSON.stringify(next) === JSON.stringify(current)) return;
      current = next;
      saveGridSpec(next);
      // the other tab's remembered address names the new area too (a tab switch keeps the shared pick)
      for (const tab of ['sites', 'coverage']) patchRememberedQuery(tab, { area: areaParam(next.area), ...(tab === 'sites' ? { res: String(next.resolution) } : {}) });
      for (const l of listeners) l();
    },
    subscribe(l: () => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

let shared: ReturnType<typeof createStudyAreaStore> | null = null;

/** `[grid spec, set]` of the shared study area; re-renders on every change from either tab. */
export function useStudyArea(): [GridSpec, (next: GridSpec) => void] {
  const s = (shared ??= createStudyAreaStore());
  const value = useSyncExternalStore(s.subscribe, s.get, s.get);
  return [value, s.set];
}

/**
 * {@link useStudyArea} with the area in the address of `tab` (`area=…`, and `res=…` where the tab has a grid): the
 * area a reload or a copied link names is picked before the view's first render (so nothing is scored for the
 * stored area first), and every pick is written back (see client/areas/areaParam.ts).
 */
export function useStudyAreaInUrl(tab: 'sites' | 'coverage', opts: { resolution: boolean }): [GridSpec, (next: GridSpec) => void] {
  useState(() => {
    const s = (shared ??= createStudyAreaStore());
    const fromUrl = gridFromParams(readViewParams(), s.get());
    if (fromUrl) s.set(fromUrl);
    return null;
  });
  const [grid, setGrid] = useStudyArea();
  useEffect(() => {
    writeViewParams(tab, { area: areaParam(grid.area), ...(opts.resolution ? { res: String(grid.resolution) } : {}) });
  }, [tab, grid, opts.resolution]);
  return [grid, setGrid];
}

type Outline = ResolveAreaResponse['outline'];
type Rings = number[][][];

/** The polygons (outer ring + holes, [lng, lat]) of an area outline. */
function polygonsOf(outline: Outline): Rings[] {
  const out: Rings[] = [];
  for (const f of outline.features) {
    const g = f.geometry as { type: string; coordinates: unknown };
    if (g.type === 'Polygon') out.push(g.coordinates as Rings);
    else if (g.type === 'MultiPolygon') out.push(...(g.coordinates as Rings[]));
  }
  return out;
}

/**
 * Whether the study area's outline holds (lng, lat): inside an outer ring and outside its holes (even-odd, in
 * degrees — fine at city and county scale). Restricts the top-N table to the area.
 */
export function outlineContains(outline: Outline, lng: number, lat: number): boolean {
  return polygonsOf(outline).some(([outer, ...holes]) =>
    polygonContainsPoint(outer as [number, number][], [lng, lat]) && !holes.some((h) => polygonContainsPoint(h as [number, number][], [lng, lat])));
}

/** Deck.gl layers for the study area's outline and, while drawing, the polygon drawn so far. */
export function studyAreaLayers(outline: Outline | null, drawing: [number, number][] | null): Layer[] {
  const layers: Layer[] = [];
  if (outline) {
    const paths = polygonsOf(outline).flatMap((rings) => rings);
    layers.push(new PathLayer<number[][]>({
      id: 'study-area-outline', data: paths, getPath: (p) => p as [number, number][], getColor: [20, 60, 140, 220],
      getWidth: 2.5, widthUnits: 'pixels', pickable: false,
    }) as unknown as Layer);
  }
  if (drawing && drawing.length) {
    if (drawing.length >= 3) {
      layers.push(new SolidPolygonLayer<[number, number][]>({ id: 'study-area-draw-fill', data: [drawing], getPolygon: (d) => d,
        getFillColor: [20, 60, 140, 40], pickable: false }) as unknown as Layer);
    }
    layers.push(new PathLayer<[number, number][]>({ id: 'study-area-draw', data: [drawing.length >= 3 ? [...drawing, drawing[0]] : drawing],
      getPath: (d) => d, getColor: [20, 60, 140, 255], getWidth: 2, widthUnits: 'pixels', pickable: false }) as unknown as Layer);
    layers.push(new ScatterplotLayer<[number, number]>({ id: 'study-area-draw-points', data: drawing, getPosition: (d) => d,
      getRadius: 5, radiusUnits: 'pixels', getFillColor: [255, 255, 255, 255], getLineColor: [20, 60, 140, 255], stroked: true,
      lineWidthUnits: 'pixels', getLineWidth: 2, pickable: false }) as unknown as Layer);
  }
  return layers;
}

/** The drawn corners as a closed GeoJSON Polygon area spec. */
export function drawnPolygon(points: [number, number][]): GridSpec['area'] {
  const ring = points.map(([x, y]) => [+x.toFixed(6), +y.toFixed(6)] as [number, number]);
  return { polygon: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } };
}
