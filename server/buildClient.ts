import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './config';

/**
 * Build the client (`vite build` into dist/) unless dist/ already holds the build of the current sources, so that
 * `npm test` builds it once for every browser test and `npm start` after it does not build it again.
 *
 * The build's inputs — every file under client/ (browser tests and unit tests excepted), core/ (tests and golden
 * files excepted) and layouts/, plus vite.config.ts, tsconfig.json, package.json and package-lock.json — are hashed
 * (sha256 over relative path and content); the hash and dist/index.html's mtime are recorded in
 * `<cacheDir>/client-build.json` after a build. The build is skipped only when both match (a `vite build` run by
 * hand changes the mtime, so it is never mistaken for ours).
 */

/** Folders and root files whose content decides the client bundle. */
const INPUT_DIRS = ['client', 'core', 'layouts'];
const INPUT_FILES = ['vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];
const skipped = (rel: string) => /(^|\/)(e2e|__golden__|node_modules)(\/|$)|\.test\.tsx?$/.test(rel);

/** sha256 (hex) over the relative path and content of every build input under `root`. */
export function clientInputsHash(root = REPO_ROOT): string {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (skipped(r)) continue;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) files.push(r);
    }
  };
  for (const d of INPUT_DIRS) if (fs.existsSync(path.join(root, d))) walk(d);
  for (const f of INPUT_FILES) if (fs.existsSync(path.join(root, f))) files.push(f);
  files.sort();
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(fs.readFileSync(path.join(root, f))).update('\0');
  return h.digest('hex');
}

interface BuildRecord { inputsSha256: string; indexMtimeMs: number }

/**
 * Build dist/ when it is missing or not the build of the current inputs.
 * @param opts.root repository root; opts.recordFile where the last build is recorded; opts.build the build itself
 *   (default: Vite's `build()` with the repo's vite.config.ts, warnings only)
 * @returns whether it built, and the time taken (ms)
 */
export async function buildClientIfStale(opts: { root?: string; recordFile?: string; build?: () => Promise<unknown> } = {}): Promise<{ built: boolean; ms: number }> {
  const t0 = performance.now();
  const root = opts.root ?? REPO_ROOT;
  const recordFile = opts.recordFile ?? path.join(root, 'data', 'cache', 'client-build.json');
  const index = path.join(root, 'dist', 'index.html');
  const inputsSha256 = clientInputsHash(root);
  const mtime = () => fs.statSync(index, { throwIfNoEntry: false })?.mtimeMs;
  let last: BuildRecord | null = null;
  try {
    last = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as BuildRecord;
  } catch { /* never built here */ }
  if (last && last.inputsSha256 === inputsSha256 && last.indexMtimeMs === mtime()) return { built: false, ms: performance.now() - t0 };
  fs.rmSync(recordFile, { force: true }); // a build interrupted half-way must not be taken for a finished one
  await (opts.build ?? (async () => {
    const { build } = await import('vite');
    await build({ root: path.join(root, 'client'), configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  }))();
  const indexMtimeMs = mtime();
  if (indexMtimeMs === undefined) throw new Error(`the client build wrote no ${path.relative(root, index)}`);
  fs.mkdirSync(path.dirname(recordFile), { recursive: true });
  fs.writeFileSync(recordFile, JSON.stringify({ inputsSha256, indexMtimeMs } satisfies BuildRecord) + '\n');
  return { built: true, ms: performance.now() - t0 };
}

// `node --import tsx server/buildClient.ts` (npm run build, npm run test:e2e)
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildClientIfStale().then(
    (r) => console.log(r.built ? `Client built into dist/ in ${(r.ms / 1000).toFixed(1)} s` : 'Client in dist/ is current (sources unchanged since its build)'),
    (err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); },
  );
}
