import { z } from 'zod';

/** Hard cap on points returned by one layer request; more sets `truncated: true`. */
export const LAYER_MAX_POINTS = 60_000;

/**
 * `bbox=west,south,east,north` in WGS84 degrees (west < east, south < north; no antimeridian wrap).
 * Shared by the layer endpoints and `GET /api/outlets`.
 */
export const bboxParam = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => Number(p.trim()));
    if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers "west,south,east,north"' });
      return z.NEVER;
    }
    const [w, s2, e, n] = parts;
    if (w < -180 || e > 180 || s2 < -90 || n > 90 || w >= e || s2 >= n) {
      ctx.addIssue({ code: 'custom', message: 'bbox must satisfy -180 ≤ west < east ≤ 180 and -90 ≤ south < north ≤ 90' });
      return z.NEVER;
    }
    return [w, s2, e, n] as [number, number, number, number];
  });

export const layerQuery = z.object({ bbox: bboxParam });

/**
 * `GET /api/layers/demand?bbox=` — census 2020 block-group population-weighted centroids inside the bbox,
 * column-oriented (parallel arrays, same order). `population` = residents (no workplace population).
 */
export interface DemandLayerResponse {
  bbox: [number, number, number, number];
  count: number;
  truncated: boolean;
  geoid: string[];
  lng: number[];
  lat: number[];
  population: number[];
}

/**
 * `GET /api/layers/stops?bbox=` — transit stops inside the bbox, column-oriented. `departures` are the
 * service-date departures, or the imputed figure where the feed has no timetable (`imputed` true).
 */
export interface StopsLayerResponse {
  bbox: [number, number, number, number];
  count: number;
  truncated: boolean;
  stopId: string[];
  name: string[];
  mode: ('subway' | 'bus' | 'rail' | 'ferry')[];
  lng: number[];
  lat: number[];
  departures: number[];
  imputed: boolean[];
}

/** `GET /api/layers/stops/:stopId` — one transit stop. */
export interface StopResponse {
  stopId: string;
  name: string;
  mode: 'subway' | 'bus' | 'rail' | 'ferry';
  lng: number;
  lat: number;
  departures: number;
  imputed: boolean;
  /** `<feed>:<route_id>`; empty for feeds without timetables. */
  routeIds: string[];
}
