import { serve } from '@hono/node-server';
import fs from 'node:fs';
import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { mountClient } from './staticClient';
import { ensureImported } from './ingest/importAll';
import { createServices } from './services';
import { warmUpScoring } from './scoring/warmUp';
import { assertPortFree, cleanLeftoverTempFiles, PortInUseError, SERVER_OPTIONS } from './http/listen';

/** `npm start`: import the demo data on first run, serve the API and the built client, print the URL. */
async function main() {
  const config = loadConfig();
  fs.mkdirSync(config.cacheDir, { recursive: true });
  await assertPortFree(config.port, config.host); // before the import: a taken port is refused in one line, at once
  for (const f of cleanLeftoverTempFiles(config.cacheDir)) console.log(`Removed a temp file left by an interrupted run: ${f}`);
  const db = await openDatabase(config.dbPath);
  await ensureImported(db, config, { log: (m) => console.log(m) });
  const deps = { config, db, userDb: db, log: (m: string) => console.log(m) };
  const services = createServices(deps);
  const app = createApp(deps, services);
  if (fs.existsSync(config.staticDir)) mountClient(app, config.staticDir);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: SERVER_OPTIONS }, (info) => {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    console.log(`\nOutlet Planner is running: open http://${host}:${info.port}/\n`);
    // Warm the scoring service in the background (geo data + NYC-grid reference) so the first map load is quick;
    // the URL above is printed first and requests are served meanwhile (they share the same cached promises).
    setImmediate(() => {
      console.log('Warming up site scoring (NYC grid, default parameters) in the background…');
      void warmUpScoring(services.scoring, (m) => console.log(m)).then(() => {
        // The deposit forecast's parameter set: read from its cache, or calibrated now (a few seconds; requests are
        // answered meanwhile — it yields between fits — and GET /api/parameter-sets waits for it).
        console.log('Deposit forecast: loading or calibrating the parameter set in the background…');
        services.forecast.sodSet().catch((err) => console.error(`Deposit forecast calibration failed: ${(err as Error).message}`));
      });
    });
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? new PortInUseError(config.host, config.port).message : `Server error: ${err.message}`);
    db.close();
    process.exit(1);
  });
  const stop = () => { server.close(); db.close(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
