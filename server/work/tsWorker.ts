import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lowerThreadPrioritySource } from './threadPriority';

/**
 * Start a worker thread running a TypeScript module: it registers tsx's ESM loader inside the worker, then imports
 * `entry` (works under tsx at run time and under Vitest, which cannot load .ts in worker threads on its own).
 * A failure to load posts `{ type: 'error', message }` to the parent.
 * `opts.nice`: the worker thread first lowers its own priority to this nice value (server/work/threadPriority.ts), so
 * its module loader and start-up compile already run below the event loop's thread; 0 or absent leaves it as is.
 * @throws RangeError for a nice value that is not an integer 0–19.
 */
export function spawnTsWorker(entry: URL, workerData: unknown, opts: { nice?: number } = {}): Worker {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/index\.cjs$/, 'index.mjs');
  const lower = opts.nice ? lowerThreadPrioritySource(opts.nice) + '\n' : '';
  return new Worker(`${lower}import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })` +
    `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.stack || e) }); });`, {
    eval: true,
    workerData,
  });
}
