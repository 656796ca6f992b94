import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Start a worker thread running a TypeScript module: it registers tsx's ESM loader inside the worker, then imports
 * `entry` (works under tsx at run time and under Vitest, which cannot load .ts in worker threads on its own).
 * A failure to load posts `{ type: 'error', message }` to the parent.
 * `opts.nice`: the worker thread lowers its own priority to this nice value (server/work/threadPriority.ts) before it
 * loads `entry`, so its start-up compile already runs below the event loop's thread; 0 or absent leaves it as is.
 */
export function spawnTsWorker(entry: URL, workerData: unknown, opts: { nice?: number } = {}): Worker {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/index\.cjs$/, 'index.mjs');
  const nice = opts.nice ?? 0;
  const lower = nice > 0
    ? `.then(() => import(${JSON.stringify(new URL('./threadPriority.ts', import.meta.url).href)})).then((p) => { p.lowerThreadPriority(${JSON.stringify(nice)}); })`
    : '';
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); })${lower}.then(() => import(${JSON.stringify(entry.href)}))` +
    `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.stack || e) }); });`, {
    eval: true,
    workerData,
  });
}
