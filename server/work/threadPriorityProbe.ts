import fs from 'node:fs';
import os from 'node:os';
import { ComputePool } from './computePool';

/**
 * Run by server/work/threadPriority.test.ts in a process of its own (`node --import tsx server/work/threadPriorityProbe.ts
 * <nice>`), so that no other test's threads start while it looks: a compute pool of one worker at nice `<nice>` runs one
 * task; printed as JSON: this (main) thread's nice before and after, and the nice of every thread started meanwhile.
 */
function threadNices(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch { /* the thread ended */ }
  }
  return out;
}

async function main() {
  const nice = Number(process.argv[2]);
  const mine = os.getPriority(0);
  // start libuv's thread pool now (its threads are the main thread's, at its nice), so it does not start mid-look
  await fs.promises.readFile(new URL(import.meta.url));
  const before = threadNices();
  const pool = new ComputePool({ size: 1, nice, resources: { geo: () => Promise.reject(new Error('not used')), walkGraph: () => Promise.reject(new Error('not used')) } });
  // a task needing no resource: a body parsed and validated in the worker
  const parsed = await pool.run('validateBody', { schema: 'refitRequest', text: JSON.stringify({ name: 'x', csv: 'id,lng,lat,outcome' }) }, { user: 'u' });
  const added = [...threadNices()].filter(([tid]) => !before.has(tid)).map(([, n]) => n);
  await pool.close();
  process.stdout.write(JSON.stringify({ mine, mineAfter: os.getPriority(0), added, parsed }));
}

void main();
