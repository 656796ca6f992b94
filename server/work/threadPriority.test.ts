import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { ComputePool } from './computePool';
import { lowerThreadPrioritySource } from './threadPriority';

const noResources = { geo: () => Promise.reject(new Error('not used')), walkGraph: () => Promise.reject(new Error('not used')) };

describe('lowerThreadPrioritySource', () => {
  it('refuses a nice value outside the integers 0–19', () => {
    for (const bad of [-1, 20, 2.5, Number.NaN]) expect(() => lowerThreadPrioritySource(bad)).toThrow(RangeError);
  });
});

/**
 * The pool's threads as a process of their own sees them (server/work/threadPriorityProbe.ts): in this test process other
 * test files' pools and databases may start threads of their own at any moment (once on a loaded machine: a thread at
 * another nice appeared beside the pool's).
 */
function probe(nice: number): { mine: number; mineAfter: number; added: number[]; parsed: unknown } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/work/threadPriorityProbe.ts'), String(nice)],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out);
}

describe.runIf(process.platform === 'linux')('compute workers below the event loop (Linux per-thread nice)', () => {
  it('a pool with nice 7 runs its worker thread, and the threads it starts (its module loader), at nice 7 and leaves this thread at its own', () => {
    const r = probe(7);
    expect(r.parsed).toEqual({ ok: true, data: { name: 'x', target: 'outcome', csv: 'id,lng,lat,outcome' } });
    // every thread started for the worker: the worker itself and its module loader's, none left at the main thread's nice
    expect(r.added.length).toBeGreaterThanOrEqual(2);
    expect(r.added).toEqual(r.added.map(() => Math.max(7, r.mine)));
    expect(r.mineAfter).toBe(r.mine);
  });

  it('nice 0 leaves the worker at the process priority; a bad nice is refused when the pool is made', () => {
    const r = probe(0);
    expect(r.added.length).toBeGreaterThanOrEqual(2);
    expect(r.added).toEqual(r.added.map(() => r.mine));
    expect(() => new ComputePool({ size: 1, nice: 20, resources: noResources })).toThrow(/nice must be an integer 0–19/);
  });
});
