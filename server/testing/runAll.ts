/**
 * `npm test` = `node --import tsx server/testing/runAll.ts test:unit test:e2e`: runs the given npm scripts AT THE SAME
 * TIME, as child processes — the unit + API tests and the browser tests (client build, then Playwright). The browser
 * suite spends much of its time waiting on chromium's page loads, the app's compute worker and the network, so on a
 * two-core machine the unit tests largely fit into its gaps instead of running before it.
 *
 * Output stays readable: the first script's output is shown as it comes; each later script's output is held until the
 * scripts before it have finished, then shown (and from then on as it comes). Each script's wall time and result are
 * printed at the end. The exit code is 0 only when every script exits 0 (otherwise the first non-zero exit code in
 * argument order; 1 for a script ended by a signal or that could not start). SIGINT/SIGTERM are passed on to the
 * scripts.
 *
 * `TEST_PHASES=sequential` runs them one after the other instead (as `npm run a && npm run b`, but running every
 * script), for comparison.
 */
import { spawn, type ChildProcess } from 'node:child_process';

interface Phase { script: string; child?: ChildProcess; code?: number; ms?: number }
type Stream = 'stdout' | 'stderr';

const phases: Phase[] = process.argv.slice(2).map((script) => ({ script }));
if (!phases.length) {
  console.error('usage: node --import tsx server/testing/runAll.ts <npm script>…');
  process.exit(2);
}

/** Run one npm script; its stdout/stderr go to `out`, which may hold them back. */
function run(phase: Phase, out: (chunk: Buffer, stream: Stream) => void): Promise<void> {
  const t0 = performance.now();
  const child = spawn('npm', ['run', '-s', phase.script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  phase.child = child;
  child.stdout!.on('data', (b: Buffer) => out(b, 'stdout'));
  child.stderr!.on('data', (b: Buffer) => out(b, 'stderr'));
  return new Promise((resolve) => {
    const done = (code: number) => {
      phase.code ??= code;
      phase.ms ??= performance.now() - t0;
      resolve();
    };
    child.once('error', (err) => {
      out(Buffer.from(`could not start npm run ${phase.script}: ${err.message}\n`), 'stderr');
      done(1);
    });
    child.once('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const write = (chunk: Buffer, stream: Stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(chunk);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    for (const p of phases) if (p.child && p.child.exitCode === null && p.child.signalCode === null) p.child.kill(sig);
  });
}

if (process.env.TEST_PHASES === 'sequential') {
  for (const p of phases) await run(p, write);
} else {
  // every script starts now; the first one's output is live, the others' waits in memory for its turn
  const held: ({ chunk: Buffer; stream: Stream }[] | null)[] = phases.map((_, i) => (i === 0 ? null : []));
  const runs = phases.map((p, i) => run(p, (chunk, stream) => {
    const h = held[i];
    if (h) h.push({ chunk, stream });
    else write(chunk, stream);
  }));
  for (let i = 0; i < phases.length; i++) {
    if (i > 0) {
      process.stdout.write(`\n──── npm run ${phases[i].script} (started with the others; its output so far, then live) ────\n`);
      for (const h of held[i]!) write(h.chunk, h.stream);
      held[i] = null;
    }
    await runs[i];
  }
}

process.stdout.write('\n');
for (const p of phases) {
  process.stdout.write(`npm run ${p.script}: ${p.code === 0 ? 'passed' : `FAILED (exit ${p.code})`} in ${((p.ms ?? 0) / 1000).toFixed(0)} s\n`);
}
process.exitCode = phases.find((p) => p.code !== 0)?.code ?? 0;
