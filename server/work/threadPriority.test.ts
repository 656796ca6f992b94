import fs from 'node:fs';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { ComputePool } from './computePool';
import { lowerThreadPrioritySource } from './threadPriority';

/** The nice value of each thread of this process (Linux /proc: field 19 of a task's stat, after its parenthesised name). */
function threadNices(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return out;
}

const pools: ComputePool[] = [];
afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });
const noResources = { geo: () => Promise.reject(new Error('not used')), walkGraph: () => Promise.reject(new Error('not used')) };

describe('lowerThreadPrioritySource', () => {
  it('refuses a nice value outside the integers 0–19', () => {
    for (const bad of [-1, 20, 2.5, Number.NaN]) expect(() => lowerThreadPrioritySource(bad)).toThrow(RangeError);
  });
});

describe.runIf(process.platform === 'linux')('compute workers below the event loop (Linux per-thread nice)', () => {
  it('a pool with nice 7 runs its worker thread, and the threads it starts (its module loader), at nice 7 and leaves this thread at its own', async () => {
    const mine = os.getPriority(0);
    const before = threadNices();
    const pool = new ComputePool({ size: 1, nice: 7, resources: noResources });
    pools.push(pool);
    // a task needing no resource: a body parsed and validated in the worker
    const parsed = await pool.run('validateBody', { schema: 'refitRequest', text: JSON.stringify({ name: 'x', csv: 'id,lng,lat,outcome' }) }, { user: 'u' });
    expect(parsed).toEqual({ ok: true, data: { name: 'x', target: 'outcome', csv: 'id,lng,lat,outcome' } });
    const added = [...threadNices()].filter(([tid]) => !before.has(tid));
    // every thread started for the worker: the worker itself and its module loader's, none left at this thread's nice
    expect(added.length).toBeGreaterThan(0);
    expect(added.every(([, nice]) => nice === 7)).toBe(true);
    expect(os.getPriority(0)).toBe(mine);
  });

  it('nice 0 leaves the worker at the process priority; a bad nice is refused when the pool is made', async () => {
    const mine = os.getPriority(0);
    const before = threadNices();
    const pool = new ComputePool({ size: 1, nice: 0, resources: noResources });
    pools.push(pool);
    await pool.run('validateBody', { schema: 'refitRequest', text: JSON.stringify({ name: 'y', csv: 'id,lng,lat,outcome' }) }, { user: 'u' });
    const added = [...threadNices()].filter(([tid]) => !before.has(tid)).map(([, nice]) => nice);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((n) => n === mine)).toBe(true);
    expect(() => new ComputePool({ size: 1, nice: 20, resources: noResources })).toThrow(/nice must be an integer 0–19/);
  });
});
