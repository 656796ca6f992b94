import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { notFound } from '../errors';
import { validate } from '../validate';
import { LAYER_MAX_POINTS, layerQuery, type DemandLayerResponse, type StopResponse, type StopsLayerResponse } from '../../core/api/layers';

/**
 * Map context layers read straight from the imported data (`deps.db`), limited to a bbox:
 * `GET /layers/demand?bbox=w,s,e,n` (block-group centroids + population) and
 * `GET /layers/stops?bbox=w,s,e,n` (transit stops + departures, imputed flag) and
 * `GET /layers/stops/:stopId` (one stop by its `<feed>:<gtfs stop_id>` id, e.g. to name a breakdown's nearest stop).
 */
export function layersRoutes(deps: AppDeps) {
  return new Hono()
    .get('/layers/demand', validate('query', layerQuery), async (c) => {
      const bbox = c.req.valid('query').bbox;
      const rows = await deps.db.all<{ geoid: string; lng: number; lat: number; population: number }>(
        `SELECT geoid, lng, lat, population FROM block_groups
         WHERE lng BETWEEN $1 AND $3 AND lat BETWEEN $2 AND $4
         ORDER BY geoid LIMIT ${LAYER_MAX_POINTS + 1}`,
        bbox,
      );
      const truncated = rows.length > LAYER_MAX_POINTS;
      if (truncated) rows.length = LAYER_MAX_POINTS;
      const body: DemandLayerResponse = {
        bbox,
        count: rows.length,
        truncated,
        geoid: rows.map((r) => r.geoid),
        lng: rows.map((r) => r.lng),
        lat: rows.map((r) => r.lat),
        population: rows.map((r) => Number(r.population)),
      };
      return c.json(body);
    })
    .get('/layers/stops', validate('query', layerQuery), async (c) => {
      const bbox = c.req.valid('query').bbox;
      const rows = await deps.db.all<{ stop_id: string; name: string; mode: StopsLayerResponse['mode'][number]; lng: number; lat: number; departures: number; imputed: boolean }>(
        `SELECT stop_id, name, mode, lng, lat, departures, imputed FROM transit_stops
         WHERE lng BETWEEN $1 AND $3 AND lat BETWEEN $2 AND $4
         ORDER BY stop_id LIMIT ${LAYER_MAX_POINTS + 1}`,
        bbox,
      );
      const truncated = rows.length > LAYER_MAX_POINTS;
      if (truncated) rows.length = LAYER_MAX_POINTS;
      const body: StopsLayerResponse = {
        bbox,
        count: rows.length,
        truncated,
        stopId: rows.map((r) => r.stop_id),
        name: rows.map((r) => r.name),
        mode: rows.map((r) => r.mode),
        lng: rows.map((r) => r.lng),
        lat: rows.map((r) => r.lat),
        departures: rows.map((r) => Number(r.departures ?? 0)),
        imputed: rows.map((r) => Boolean(r.imputed)),
      };
      return c.json(body);
    })
    .get('/layers/stops/:stopId', async (c) => {
      const stopId = c.req.param('stopId');
      const rows = await deps.db.all<{ stop_id: string; name: string; mode: StopResponse['mode']; lng: number; lat: number; departures: number; imputed: boolean; route_ids: string[] | null }>(
        'SELECT stop_id, name, mode, lng, lat, departures, imputed, route_ids FROM transit_stops WHERE stop_id = $1', [stopId]);
      const r = rows[0];
      if (!r) throw notFound(`No transit stop "${stopId}"`);
      const body: StopResponse = {
        stopId: r.stop_id, name: r.name, mode: r.mode, lng: r.lng, lat: r.lat,
        departures: Number(r.departures ?? 0), imputed: Boolean(r.imputed), routeIds: [...(r.route_ids ?? [])],
      };
      return c.json(body);
    });
}
