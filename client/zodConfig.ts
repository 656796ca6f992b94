import { z } from 'zod';

/**
 * Zod without its JIT: zod 4 probes `new Function("")` on the first object parse, which a strict Content Security
 * Policy (no 'unsafe-eval') reports as a violation even though zod catches the error. Imported first by every client
 * entry point (the page and the standards worker) so the probe never runs.
 */
z.config({ jitless: true });
