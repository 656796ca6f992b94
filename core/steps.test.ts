import { describe, expect, it } from 'vitest';
import { runSteps, runStepsPaused, type Steps } from './steps';

/** Sums 1..n, yielding after every `every` terms. */
function* sumSteps(n: number, every: number, log: string[]): Steps<number> {
  let s = 0;
  for (let i = 1; i <= n; i++) {
    s += i;
    if (i % every === 0 && i < n) { log.push(`piece ${i}`); yield; }
  }
  return s;
}

describe('steps', () => {
  it('runSteps runs every piece at once and returns the value', () => {
    const log: string[] = [];
    expect(runSteps(sumSteps(10, 3, log))).toBe(55);
    expect(log).toEqual(['piece 3', 'piece 6', 'piece 9']);
  });

  it('runStepsPaused awaits the pause between two pieces, once per yield', async () => {
    const log: string[] = [];
    const v = await runStepsPaused(sumSteps(10, 3, log), async () => { log.push('pause'); });
    expect(v).toBe(55);
    expect(log).toEqual(['piece 3', 'pause', 'piece 6', 'pause', 'piece 9', 'pause']);
  });

  it('a throw inside the computation or the pause rejects', async () => {
    function* failing(): Steps<number> { yield; throw new Error('row 3: bad'); }
    expect(() => runSteps(failing())).toThrow('row 3: bad');
    await expect(runStepsPaused(failing(), async () => undefined)).rejects.toThrow('row 3: bad');
    await expect(runStepsPaused(sumSteps(10, 3, []), async () => { throw new Error('stopped'); })).rejects.toThrow('stopped');
  });
});
