import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, REPO_ROOT } from '../config';
import { parseCliArgs } from './args';
import { runImport } from './import';

const USAGE = `Usage: npm run notebooks -- [--subset] [--only NAME[,NAME…]] [--out DIR] [--db FILE]

Executes the TypeScript notebooks in notebooks/ headless (Deno's Jupyter kernel from the npm "deno" package, run by
Debian's Jupyter: apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-notebook) and
renders them:
- default: writes each executed notebook WITH its outputs back to notebooks/NAME.ipynb, its figures to
  notebooks/figures/*.svg, and an HTML rendering to data/cache/notebooks/NAME.html; imports the data first when
  the database is missing or stale (like npm run data:import; stop the server first).
- --subset (or env SUBSET=1): the quick run CI does (fewer seeds and bootstrap replicates, one borough); writes
  the executed notebooks and figures to data/cache/notebooks-subset/ (or --out), no HTML, and leaves the
  committed notebooks alone.
The notebooks run side by side, each in its own kernel.
--only runs the named notebooks (file names without .ipynb). --db uses that database file as it is (read-only, no
import). Exit code 0 when every cell of every notebook ran, 1 when one failed (its error is printed), 2 for bad
arguments.`;

/** Debian's Jupyter (pyenv's python3 on PATH cannot see Debian's Python packages). */
const JUPYTER = process.env.JUPYTER ?? '/usr/bin/jupyter';

/** The Deno binary shipped in the npm package of this platform (a devDependency), else `deno` on PATH. */
export function denoBinary(): string {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  const exe = process.platform === 'win32' ? 'deno.exe' : 'deno';
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const candidates = [`@deno/${process.platform}-${arch}-glibc`, `@deno/${process.platform}-${arch}`]
    .flatMap((pkg) => { try { return [path.join(path.dirname(require.resolve(`${pkg}/package.json`)), exe)]; } catch { return []; } });
  candidates.push(path.join(REPO_ROOT, 'node_modules', 'deno', exe));
  return candidates.find((f) => fs.existsSync(f)) ?? 'deno';
}

/**
 * Write the "deno" kernelspec into `<jupyterDir>/kernels/deno/` (passed to Jupyter as JUPYTER_PATH, so it wins over
 * a user-wide one): this repository's Deno binary, with sloppy imports so the notebooks can import the server's
 * extension-less TypeScript modules unchanged.
 */
export function writeKernelSpec(jupyterDir: string, deno = denoBinary()): string {
  const dir = path.join(jupyterDir, 'kernels', 'deno');
  fs.mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [deno, 'jupyter', '--kernel', '--unstable-sloppy-imports', '--conn', '{connection_file}'],
    display_name: 'Deno (Outlet Planner)',
    language: 'typescript',
    env: { NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
  };
  fs.writeFileSync(path.join(dir, 'kernel.json'), `${JSON.stringify(spec, null, 2)}\n`);
  return dir;
}

/** Every notebook in notebooks/ (sorted by file name). */
export function listNotebooks(dir = path.join(REPO_ROOT, 'notebooks')): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(dir, f));
}

/** Run a command; resolves with its exit code and combined output. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The part of nbconvert's output that names the failing cell and its error (CellExecutionError). */
function failureText(output: string): string {
  const at = output.indexOf('CellExecutionError');
  const text = at >= 0 ? output.slice(output.lastIndexOf('\n', Math.max(0, output.indexOf('An error occurred while executing')))) : output;
  return text.trim().split('\n').slice(-60).join('\n');
}

/** One executed notebook. */
export interface NotebookRun { name: string; ok: boolean; seconds: number; output: string; executed: string }

/**
 * `npm run notebooks`. Returns the exit code; `print` gets each progress line.
 * @param notebookFiles the notebooks to run (default: every notebooks/*.ipynb, or --only).
 */
export async function runNotebooks(argv: string[], print: (line: string) => void = console.log,
  notebookFiles?: string[]): Promise<{ code: number; runs: NotebookRun[] }> {
  const parsed = parseCliArgs(argv, { subset: { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' } }, USAGE, print);
  if ('exitCode' in parsed) return { code: parsed.exitCode, runs: [] };
  const o = parsed.values;
  const subset = o.subset === true || process.env.SUBSET === '1';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (o.db) env.DB_PATH = path.resolve(o.db);
  const config = loadConfig(env);

  let files = notebookFiles ?? listNotebooks();
  if (o.only) {
    const want = o.only.split(',').map((s) => s.trim().replace(/\.ipynb$/, '')).filter(Boolean);
    const unknown = want.filter((w) => !files.some((f) => path.basename(f, '.ipynb') === w));
    if (unknown.length) { print(`--only: no notebook named ${unknown.map((u) => `"${u}"`).join(', ')} in notebooks/ (have: ${files.map((f) => path.basename(f, '.ipynb')).join(', ')}).`); return { code: 2, runs: [] }; }
    files = files.filter((f) => want.includes(path.basename(f, '.ipynb')));
  }
  if (!fs.existsSync(JUPYTER)) {
    print(`No Jupyter at ${JUPYTER}. Install Debian's: apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-notebook`);
    return { code: 1, runs: [] };
  }
  const deno = denoBinary();
  if (deno === 'deno') print('The npm "deno" package has no binary for this platform; using "deno" on PATH.');

  if (!o.db) {
    // The notebooks open the database read-only: make sure it holds the current import first.
    const code = await runImport(['--db', config.dbPath], print);
    if (code !== 0) return { code, runs: [] };
  } else if (!fs.existsSync(config.dbPath)) {
    print(`--db: no database at ${config.dbPath}.`);
    return { code: 2, runs: [] };
  }

  const outDir = path.resolve(o.out ?? (subset ? path.join(config.cacheDir, 'notebooks-subset') : path.join(REPO_ROOT, 'notebooks')));
  const figuresDir = path.join(outDir, 'figures');
  const htmlDir = path.join(config.cacheDir, 'notebooks');
  fs.mkdirSync(figuresDir, { recursive: true });
  if (!subset) fs.mkdirSync(htmlDir, { recursive: true });
  const jupyterDir = path.join(config.cacheDir, 'jupyter');
  writeKernelSpec(jupyterDir, deno);
  const kernelEnv: NodeJS.ProcessEnv = {
    ...env, JUPYTER_PATH: [jupyterDir, env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
    NOTEBOOK_SUBSET: subset ? '1' : '0', NOTEBOOK_FIGURES_DIR: figuresDir, DB_PATH: config.dbPath,
    // Jupyter's own Python must be Debian's, not a pyenv shim earlier on PATH.
    PATH: ['/usr/bin', env.PATH].filter(Boolean).join(path.delimiter),
    // The compute pool's worker threads load TypeScript through tsx, which Deno's kernel cannot start ("compute worker
    // failed to start"): the notebooks' services fit on the kernel's own thread.
    COMPUTE_WORKERS: env.COMPUTE_WORKERS ?? '0',
  };

  // The notebooks are independent (each opens the database read-only in its own kernel): run them side by side.
  const runs = await Promise.all(files.map(async (file): Promise<NotebookRun> => {
    const name = path.basename(file, '.ipynb');
    const t0 = performance.now();
    const exec = await run(JUPYTER, ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=deno',
      // A cell's outputs can reach nbclient after its reply on a loaded machine: wait for them (default 4 s, after which
      // they are dropped silently) and fail the run rather than write a notebook with an output missing.
      '--ExecutePreprocessor.timeout=900', '--ExecutePreprocessor.iopub_timeout=120', '--ExecutePreprocessor.raise_on_iopub_timeout=True',
      '--ExecutePreprocessor.record_timing=False', '--output-dir', outDir, '--output', `${name}.ipynb`, file],
    kernelEnv, path.dirname(file));
    const executed = path.join(outDir, `${name}.ipynb`);
    let ok = exec.code === 0;
    let html: string | null = null;
    if (ok && !subset) {
      html = path.join(htmlDir, `${name}.html`);
      const r = await run(JUPYTER, ['nbconvert', '--to', 'html', '--output-dir', htmlDir, '--output', `${name}.html`, executed], kernelEnv, outDir);
      if (r.code !== 0) { ok = false; exec.output += r.output; }
    }
    const seconds = (performance.now() - t0) / 1000;
    if (ok) print(`${name}: ran in ${seconds.toFixed(1)} s → ${path.relative(process.cwd(), executed)}${html ? `, ${path.relative(process.cwd(), html)}` : ''}`);
    else print(`${name}: FAILED after ${seconds.toFixed(1)} s\n${failureText(exec.output)}`);
    return { name, ok, seconds, output: exec.output, executed };
  }));
  const failed = runs.filter((r) => !r.ok);
  if (runs.length) print(`${runs.length - failed.length} of ${runs.length} notebooks ran${subset ? ' (subset)' : ''}; figures in ${path.relative(process.cwd(), figuresDir)}/`);
  return { code: failed.length ? 1 : 0, runs };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runNotebooks(process.argv.slice(2)).then(({ code }) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  });
}
