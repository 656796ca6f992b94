import type { OptimizeJobDto, OptimizeRequest, OptimizeResponse } from '../../core/api/coverage';

/** The optimise endpoints a run needs (client/api/coverage.ts in the app; fakes in tests). */
export interface OptimizeApi {
  start: (req: OptimizeRequest) => Promise<{ jobId: string }>;
  get: (id: string) => Promise<OptimizeJobDto>;
  cancel: (id: string) => Promise<unknown>;
  wait: (ms: number) => Promise<void>;
}

/** Thrown when the user cancels a run (the job is cancelled on the server too). */
export class OptimizeCancelled extends Error {
  constructor() {
    super('optimisation cancelled');
    this.name = 'OptimizeCancelled';
  }
}

/**
 * Run an optimisation as a server job: start it, poll every `pollMs` (default 400 ms) reporting progress (0–1
 * and the phase), and return the result. Aborting `signal` cancels the job on the server (DELETE) and throws
 * {@link OptimizeCancelled}; a job that fails or is cancelled elsewhere throws with the server's message.
 */
export async function runOptimizeJob(
  req: OptimizeRequest,
  api: OptimizeApi,
  onProgress: (progress: number, phase: string) => void,
  signal: AbortSignal,
  pollMs = 400,
): Promise<OptimizeResponse> {
  const { jobId } = await api.start(req);
  for (;;) {
    if (signal.aborted) {
      await api.cancel(jobId).catch(() => {});
      throw new OptimizeCancelled();
    }
    const job = await api.get(jobId);
    onProgress(job.progress, job.phase);
    if (job.status === 'done') {
      if (!job.result) throw new Error('optimisation finished without a result');
      return job.result;
    }
    if (job.status === 'failed') throw new Error(job.error?.message ?? 'optimisation failed');
    if (job.status === 'cancelled') throw new OptimizeCancelled();
    await api.wait(pollMs);
  }
}
