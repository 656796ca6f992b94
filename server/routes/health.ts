import { Hono } from 'hono';
import type { AppContext } from '../services';
import { operation } from './operation';
import { datasetsResponse, healthResponse } from '../../core/api/health';
import type { Database } from '../db/database';
import type { DatasetRow, DatasetsResponse, HealthResponse, TransitFeedRow } from '../../core/api/health';

async function hasTable(db: Database, name: string): Promise<boolean> {
  const r = await db.all(`SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $1`, [name]);
  return r.length > 0;
}

/**
 * `GET /health` → `{ ok, datasets, serviceDate }`: `ok` is true when the data is imported (the catalog has
 * rows); `serviceDate` is the GTFS date the imported departures were counted for (config's when none).
 * `GET /datasets` → `{ datasets, transitFeeds }`: the import catalog (source, file, sha256, bytes, row count,
 * vintage, import time, details), per transit feed its calendar, service date, stop and departure counts, and
 * `userDatasets`: every version of every user dataset (server/datasets/store.ts).
 */
export function healthRoutes(ctx: AppContext) {
  // The imported catalog cannot change while this server holds the database (the shipped data is imported before it
  // listens; `npm run data:import` refuses while it runs), so once it is complete the answer is kept: health then costs
  // no database read, which on a busy machine took 100–600 ms while the event loop itself answered in < 50 ms
  // (reliability benchmark, 2026-12-04). Until the data is imported, every call reads the catalog again.
  let imported: HealthResponse | null = null;
  return new Hono()
    .get('/health', operation({ role: 'public', tag: 'system', summary: 'Is the server up and the data imported', response: healthResponse }), async (c) => {
      if (imported) return c.json(imported);
      let datasets = 0;
      let serviceDate = ctx.config.serviceDate;
      if (await hasTable(ctx.db, 'datasets')) {
        const r = await ctx.db.all<{ n: bigint }>(`SELECT count(*) AS n FROM datasets`);
        datasets = Number(r[0].n);
      }
      if (await hasTable(ctx.db, 'transit_feeds')) {
        const r = await ctx.db.all<{ d: string | null }>(`SELECT CAST(max(service_date) AS VARCHAR) AS d FROM transit_feeds`);
        serviceDate = r[0]?.d ?? serviceDate;
      }
      const body: HealthResponse = { ok: datasets > 0, datasets, serviceDate };
      if (body.ok) imported = body;
      return c.json(body);
    })
    .get('/datasets', operation({ role: 'viewer', tag: 'system', summary: 'The import catalog (source, checksum, row counts, vintage), transit feeds and every version of the users\' own datasets', response: datasetsResponse }), async (c) => {
      const body: DatasetsResponse = { datasets: [], transitFeeds: [], userDatasets: await ctx.services.datasets.list() };
      if (await hasTable(ctx.db, 'datasets')) {
        const rows = await ctx.db.all<{ id: string; source: string; file: string; sha256: string; bytes: bigint; row_count: bigint;
          vintage: string; imported_at: string; details: string }>(
          `SELECT id, source, file, sha256, bytes, row_count, vintage, strftime(imported_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS imported_at,
                  CAST(details AS VARCHAR) AS details FROM datasets ORDER BY id`);
        body.datasets = rows.map((r): DatasetRow => ({ id: r.id, source: r.source, file: r.file, sha256: r.sha256, bytes: Number(r.bytes),
          rowCount: Number(r.row_count), vintage: r.vintage, importedAt: r.imported_at, details: JSON.parse(r.details) }));
      }
      if (await hasTable(ctx.db, 'transit_feeds')) {
        const rows = await ctx.db.all<{ feed: string; mode: TransitFeedRow['mode']; scheduled: boolean; s: string | null; e: string | null;
          d: string; stop_count: number; departures: bigint }>(
          `SELECT feed, mode, scheduled, CAST(calendar_start AS VARCHAR) AS s, CAST(calendar_end AS VARCHAR) AS e,
                  CAST(service_date AS VARCHAR) AS d, stop_count, departures FROM transit_feeds ORDER BY feed`);
        body.transitFeeds = rows.map((r) => ({ feed: r.feed, mode: r.mode, scheduled: r.scheduled, calendarStart: r.s, calendarEnd: r.e,
          serviceDate: r.d, stopCount: r.stop_count, departures: Number(r.departures) }));
      }
      return c.json(body);
    });
}
