/**
 * Nice value the server's worker threads run at by default (env COMPUTE_NICE): the event loop's thread stays at the
 * process's own, so on a busy machine the kernel gives the HTTP thread a core before a long computation (issue 11:
 * `/api/health` under 100 ms while heavy work runs). Linux CFS weights nice 10 at about a tenth of nice 0.
 */
export const DEFAULT_WORKER_NICE = 10;

/** Whether `n` is a nice value a thread may be lowered to here: an integer 0–19 (Linux setpriority's range above 0). */
export function isWorkerNice(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 19;
}

/**
 * JavaScript source (a statement, for a worker thread's `eval` preamble: it runs before any module is loaded) that
 * lowers the CALLING thread's scheduling priority to nice `nice` (0–19; larger is lower). Linux keeps a nice value per
 * thread and `os.setPriority(0, n)` sets the caller's alone, so the worker lowers itself and the event loop's thread is
 * untouched; threads the worker starts afterwards (its module loader's) inherit the value. Elsewhere (macOS, Windows)
 * pid 0 means the whole process: nothing is done there. It never raises a priority (a thread already at `nice` or lower
 * keeps its own), and a refusal (EACCES, a sandbox without setpriority) is ignored: the thread keeps its priority.
 * @throws RangeError for a `nice` that is not an integer 0–19.
 */
export function lowerThreadPrioritySource(nice: number): string {
  if (!isWorkerNice(nice)) throw new RangeError(`a thread's nice value must be an integer 0–19, got ${nice}`);
  return `if (process.platform === 'linux') { try { const os = require('node:os'); if (os.getPriority(0) < ${nice}) os.setPriority(0, ${nice}); } catch {} }`;
}
