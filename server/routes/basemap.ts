import { Hono } from 'hono';
import type { AppContext } from '../services';
import { operation } from './operation';

/** Offline boundary layers: `GET /basemap` (converted once per app from its data folder, then served from memory). */
export function basemapRoutes(ctx: AppContext) {
  return new Hono().get('/basemap', operation({ role: 'viewer', tag: 'map', summary: 'Offline NYC boundary layers for the map (boroughs, NTAs, water, every US state as land, the counties around NYC, labels)' }), (c) => {
    const body = ctx.services.basemap.get();
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(body);
  });
}
