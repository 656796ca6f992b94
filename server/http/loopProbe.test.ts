import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import type { LoopDelay } from './loopProbe';

/** A child with an IPC channel that installs the probe, holds its event loop 1 s once asked, and answers. */
const CHILD = `
import { answerLoopDelayProbe } from './server/http/loopProbe.ts';
answerLoopDelayProbe();
process.on('message', (m) => { if (m === 'hold') { const t = Date.now(); while (Date.now() - t < 1000); process.send('held'); } });
process.send('ready');
setTimeout(() => process.exit(0), 20_000);
`;

describe('answerLoopDelayProbe', () => {
  it('answers over the IPC channel with the longest block since the last reset, then starts again', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', CHILD], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      const next = <T>(pred: (m: unknown) => boolean) => new Promise<T>((r) => { const on = (m: unknown) => { if (pred(m)) { child.off('message', on); r(m as T); } }; child.on('message', on); });
      await next((m) => m === 'ready');
      const ask = (id: number) => { const p = next<LoopDelay>((m) => (m as LoopDelay)?.id === id); child.send({ type: 'loop-delay', id, reset: true }); return p; };
      await ask(1); // reset after start-up
      await new Promise((r) => setTimeout(r, 50)); // the first samples after the reset (they only start the clock)
      const held = next((m) => m === 'held');
      child.send('hold');
      await held;
      await new Promise((r) => setTimeout(r, 50)); // a few samples after the block
      const a = await ask(2);
      expect(a.type).toBe('loop-delay');
      expect(a.maxMs).toBeGreaterThanOrEqual(990); // the 1 s hold, seen whole
      expect(a.count).toBeGreaterThan(0);
      const b = await ask(3); // reset by the previous answer: the hold is no longer in it
      // far below the hold even when the machine is busy (the child is idle between the two questions)
      expect(b.maxMs).toBeLessThan(700);
    } finally {
      child.kill();
    }
  }, 30_000);
});
