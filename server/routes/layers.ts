import { Hono } from 'hono';
import type { AppContext } from '../services';
import type { Database } from '../db/database';
import { notFound } from '../errors';
import { validate } from '../validate';
import { operation } from './operation';
import { pacedJson } from '../http/pacedJson';
import { LAYER_MAX_POINTS, layerQuery, type DemandLayerResponse, type StopResponse, type StopsLayerResponse } from '../../core/api/layers';

/**
 * The rows of an imported point table (`lng`, `lat` columns, WGS84 degrees) inside `bbox` = [west, south, east,
 * north] (edges included), ordered by `orderBy`, at most {@link LAYER_MAX_POINTS}, column by column; `truncated` when more matched.
 * Table and column names are fixed identifiers from this module, never request input.
 */
async function pointsInBbox<Cols extends Record<string, unknown[]>>(db: Database, table: string, columns: (keyof Cols & string)[], orderBy: string,
  bbox: [number, number, number, number]): Promise<{ cols: Cols; count: number; truncated: boolean }> {
  // column by column, a turn of the event loop between pieces (Database.columns): the country's 60,000 block groups
  // as row objects held the loop ≈ 100 ms in one piece
  const cols = await db.columns<Cols>(
    `SELECT ${columns.join(', ')} FROM ${table}
     WHERE lng BETWEEN $1 AND $3 AND lat BETWEEN $2 AND $4
     ORDER BY ${orderBy} LIMIT ${LAYER_MAX_POINTS + 1}`,
    bbox,
  );
  const truncated = cols[columns[0]].length > LAYER_MAX_POINTS;
  if (truncated) for (const k of columns) cols[k].length = LAYER_MAX_POINTS;
  return { cols, count: cols[columns[0]].length, truncated };
}

/**
 * Map context layers read straight from the imported data (`ctx.db`), limited to a bbox:
 * `GET /layers/demand?bbox=w,s,e,n` (block-group centroids + population) and
 * `GET /layers/stops?bbox=w,s,e,n` (transit stops + departures, imputed flag) and
 * `GET /layers/stops/:stopId` (one stop by its `<feed>:<gtfs stop_id>` id, e.g. to name a breakdown's nearest stop).
 */
export function layersRoutes(ctx: AppContext) {
  return new Hono()
    .get('/layers/demand', operation({ role: 'viewer', tag: 'map', summary: 'Census 2020 block-group population centroids inside a bbox' }), validate('query', layerQuery), async (c) => {
      const bbox = c.req.valid('query').bbox;
      const { cols, count, truncated } = await pointsInBbox<{ geoid: string[]; lng: number[]; lat: number[]; population: (number | bigint)[] }>(
        ctx.db, 'block_groups', ['geoid', 'lng', 'lat', 'population'], 'geoid', bbox);
      const body: DemandLayerResponse = {
        bbox,
        count,
        truncated,
        geoid: cols.geoid,
        lng: cols.lng,
        lat: cols.lat,
        population: cols.population.map(Number),
      };
      return pacedJson(c, body);
    })
    .get('/layers/stops', operation({ role: 'viewer', tag: 'map', summary: 'Transit stops with service-date departures (imputed flag) inside a bbox' }), validate('query', layerQuery), async (c) => {
      const bbox = c.req.valid('query').bbox;
      const { cols, count, truncated } = await pointsInBbox<{ stop_id: string[]; name: string[]; mode: StopsLayerResponse['mode']; lng: number[]; lat: number[];
        departures: (number | bigint | null)[]; imputed: (boolean | null)[] }>(
        ctx.db, 'transit_stops', ['stop_id', 'name', 'mode', 'lng', 'lat', 'departures', 'imputed'], 'stop_id', bbox);
      const body: StopsLayerResponse = {
        bbox,
        count,
        truncated,
        stopId: cols.stop_id,
        name: cols.name,
        mode: cols.mode,
        lng: cols.lng,
        lat: cols.lat,
        departures: cols.departures.map((d) => Number(d ?? 0)),
        imputed: cols.imputed.map(Boolean),
      };
      return pacedJson(c, body);
    })
    .get('/layers/stops/:stopId', operation({ role: 'viewer', tag: 'map', summary: 'One transit stop by its <feed>:<gtfs stop_id> id, with its routes' }), async (c) => {
      const stopId = c.req.param('stopId');
      const rows = await ctx.db.all<{ stop_id: string; name: string; mode: StopResponse['mode']; lng: number; lat: number; departures: number; imputed: boolean; route_ids: string[] | null }>(
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
