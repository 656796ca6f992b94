import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';
import { exactMaxCover } from '../../core/optimize/exact';
import type { CoverProblem } from '../../core/optimize/maxCover';

/**
 * Worker thread running the HiGHS MCLP MIP off the main thread, so the server keeps answering (progress polls,
 * cancel) while HiGHS works. Input (workerData): the cover problem arrays, p, timeLimitS, warmStart and a shared
 * Int32Array flag; the main thread sets flag[0] = 1 to cancel and HiGHS stops at its next MIP interrupt callback.
 * Posts `{ type: 'progress', gap, bound }` during the solve and `{ type: 'done', result }` or `{ type: 'error' }`.
 */
interface Input { problem: CoverProblem; p: number; timeLimitS: number; warmStart: number[]; cancel: Int32Array; relaxation?: boolean }

const input = workerData as Input;
const highs = await loadHighs();
try {
  let last = 0;
  const result = exactMaxCover(highs, input.problem, input.p, {
    timeLimitS: input.timeLimitS, warmStart: input.warmStart, relaxation: input.relaxation,
    shouldInterrupt: () => Atomics.load(input.cancel, 0) === 1,
    onProgress: (gap, bound) => { const now = Date.now(); if (now - last > 200) { last = now; parentPort!.postMessage({ type: 'progress', gap, bound }); } },
  });
  parentPort!.postMessage({ type: 'done', result });
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: (err as Error).message });
}
