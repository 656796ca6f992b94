import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Start a worker thread running a TypeScript module: it registers tsx's ESM loader inside the worker, then imports
 * `entry` (works under tsx at run time and under Vitest, which cannot load .ts in worker threads on its own).
 * A failure to load posts `{ type: 'error', message }` to the parent.
 */
export function spawnTsWorker(entry: URL, workerData: unknown): Worker {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/index\.cjs$/, 'index.mjs');
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })` +
    `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.stack || e) }); });`, {
    eval: true,
    workerData,
  });
}
