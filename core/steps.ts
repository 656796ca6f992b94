/**
 * A long computation written once as a generator that yields between its pieces: run at once where nothing else waits
 * (a worker thread, a test) with {@link runSteps}, or with a pause between pieces on a server's event loop with
 * {@link runStepsPaused}, so requests are answered in between. Pure: the pause is the caller's (core does no I/O).
 */
export type Steps<T> = Generator<void, T, void>;

/** Run `steps` to its end at once and return its value. Throws what the computation throws. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * Run `steps` to its end, awaiting `pause()` between two pieces (e.g. a turn of the event loop), and return its value.
 * Throws (rejects with) what the computation or the pause throws.
 */
export async function runStepsPaused<T>(steps: Steps<T>, pause: () => Promise<unknown>): Promise<T> {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await pause();
  }
}
