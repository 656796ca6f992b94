import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Sampling resolution of the event-loop delay histogram, ms (a block shorter than this is not seen). */
export const RESOLUTION_MS = 5;

/** The answer to a `loop-delay` message: the event loop's delays since the last reset, ms. */
export interface LoopDelay {
  type: 'loop-delay';
  /** The `id` of the message answered. */
  id: number;
  /** Longest delay of the histogram's timer: the longest the event loop was held in one piece, ms. */
  maxMs: number;
  /** 99th percentile of the delays, ms. */
  p99Ms: number;
  /** Delays sampled. */
  count: number;
}

/**
 * The server's own event-loop delay (node:perf_hooks monitorEventLoopDelay), for a parent process that started the
 * server with an IPC channel (the reliability benchmark, server/bench/reliability.bench.ts): it sends
 * `{ type: 'loop-delay', id, reset? }` and gets a {@link LoopDelay} back (then the histogram starts again if `reset`).
 * Not an HTTP route: without an IPC channel (`npm start`) this does nothing and returns null. Measured from the call on.
 * After a reset the histogram's first sample only starts the clock: a block beginning within {@link RESOLUTION_MS} ms
 * of the reset is not seen (wait a few resolutions before the work to measure).
 */
export function answerLoopDelayProbe(): IntervalHistogram | null {
  if (!process.send || !process.channel) return null;
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  h.enable();
  process.on('message', (m: { type?: string; id?: number; reset?: boolean }) => {
    if (m?.type !== 'loop-delay') return;
    const answer: LoopDelay = { type: 'loop-delay', id: m.id ?? 0, maxMs: h.count ? h.max / 1e6 : 0, p99Ms: h.count ? h.percentile(99) / 1e6 : 0, count: h.count };
    if (m.reset) h.reset();
    process.send!(answer);
  });
  process.channel.unref(); // the channel alone does not keep the server running
  return h;
}
