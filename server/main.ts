import { serve, type ServerType } from '@hono/node-server';
import fs from 'node:fs';
import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { mountClient } from './staticClient';
import { ensureImported } from './ingest/importAll';
import { createServices } from './services';
import { warmUpScoring } from './scoring/warmUp';
import { answerLoopDelayProbe } from './http/loopProbe';
import { assertPortFree, cleanLeftoverTempFiles, PortInUseError, SERVER_OPTIONS } from './http/listen';

/**
 * `npm start` (after server/start.ts has built the client): import the demo data on first run, serve the API and the
 * built client, print the URL. SIGTERM or SIGINT — at any moment, the import included — closes the HTTP server
 * (open connections too) and the database (interrupting a running statement), then exits 0, so the port and the
 * DuckDB file are free when the process is gone.
 */
async function main() {
  const config = loadConfig();
  let db: Database | undefined;
  let server: ServerType | undefined;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Outlet Planner…`);
    if (server) {
      server.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(); // keep-alive sockets
    }
    try {
      await db?.shutdown(); // interrupts a running import, warm-up or request first: exiting under one hangs
    } catch (err) {
      console.error(`closing the database: ${err instanceof Error ? err.message : err}`);
    }
    process.exit(0);
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));

  fs.mkdirSync(config.cacheDir, { recursive: true });
  await assertPortFree(config.port, config.host); // before the import: a taken port is refused in one line, at once
  for (const f of cleanLeftoverTempFiles(config.cacheDir)) console.log(`Removed a temp file left by an interrupted run: ${f}`);
  const openDb = await openDatabase(config.dbPath);
  db = openDb;
  await ensureImported(openDb, config, { log: (m) => console.log(m) });
  const deps = { config, db: openDb, userDb: openDb, log: (m: string) => console.log(m) };
  const services = createServices(deps);
  const app = createApp(deps, services);
  if (fs.existsSync(config.staticDir)) mountClient(app, config.staticDir);
  // Read the import catalog for /api/health now, while the database is idle: health keeps that answer
  // (server/routes/health.ts), so its first call after listening does not wait for the connection behind the
  // warm-up's reads (80–240 ms on this 2-core machine, the start-up's slowest health answer).
  await app.request('/api/health');
  // The basemap's boundaries are converted once (≈ 90 ms in one piece): now, rather than inside the first map's request.
  try {
    services.basemap.get();
  } catch (err) {
    console.error(`Basemap: ${(err as Error).message} (GET /api/basemap will answer with this error)`);
  }
  server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: SERVER_OPTIONS }, (info) => {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    console.log(`\nOutlet Planner is running: open http://${host}:${info.port}/\n`);
    answerLoopDelayProbe(); // only for a parent process with an IPC channel (the reliability benchmark)
    // Warm the scoring service in the background (geo data + NYC-grid reference) so the first map load is quick;
    // the URL above is printed first and requests are served meanwhile (they share the same cached promises).
    // WARM_UP=off (config.warmUp) leaves both to the first request that needs them.
    if (!config.warmUp) {
      console.log('Start-up warm-up off (WARM_UP=off): scoring and the deposit forecast are prepared by the first request needing them');
      return;
    }
    setImmediate(() => {
      console.log('Warming up site scoring (NYC grid, default parameters) in the background…');
      void warmUpScoring(services.scoring, (m) => console.log(m)).then(() => {
        // The deposit forecast's parameter set: read from its cache, or calibrated now (a few seconds; requests are
        // answered meanwhile — it yields between fits — and GET /api/parameter-sets lists the set as "calibrating" until it is ready).
        console.log('Deposit forecast: loading or calibrating the parameter set in the background…');
        // then today's branch set, read by every forecast request
        services.forecast.sodSet().then(() => services.forecast.warmUp(), (err) => console.error(`Deposit forecast calibration failed: ${(err as Error).message}`))
          .catch((err) => console.error(`Deposit forecast inputs failed to load: ${(err as Error).message}`));
      });
    });
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? new PortInUseError(config.host, config.port).message : `Server error: ${err.message}`);
    openDb.close();
    process.exit(1);
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
