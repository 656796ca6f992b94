import os from 'node:os';

/**
 * Nice value the server's worker threads run at by default (env COMPUTE_NICE): the event loop's thread stays at the
 * process's own, so on a busy machine the kernel gives the HTTP thread a core before a long computation (issue 11:
 * `/api/health` under 100 ms while heavy work runs). Linux CFS weights nice 10 at about a tenth of nice 0.
 */
export const DEFAULT_WORKER_NICE = 10;

/**
 * Lower the CALLING thread's scheduling priority to nice `nice` (0–19; larger is lower). Linux keeps a nice value per
 * thread and `os.setPriority(0, n)` sets the caller's alone, so a worker thread calls this for itself at start-up and
 * the event loop's thread is untouched. Elsewhere (macOS, Windows) pid 0 means the whole process: nothing is done.
 * Never raises a priority (a thread already at `nice` or lower keeps its own), and a refusal (EACCES, a sandbox
 * without setpriority) is ignored: the thread then simply runs at its present priority.
 * @returns the thread's nice value afterwards, or null when it was left alone (not Linux, or refused).
 * @throws RangeError for a `nice` that is not an integer 0–19.
 */
export function lowerThreadPriority(nice: number): number | null {
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new RangeError(`a thread's nice value must be an integer 0–19, got ${nice}`);
  if (process.platform !== 'linux') return null;
  try {
    const now = os.getPriority(0);
    if (now >= nice) return now;
    os.setPriority(0, nice);
    return os.getPriority(0);
  } catch {
    return null;
  }
}
