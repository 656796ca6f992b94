import fs from 'node:fs';
import path from 'node:path';
import * as Plot from '@observablehq/plot';
// jsdom ships no types here (no @types/jsdom installed); only its document is used, for Plot to draw into.
// @ts-expect-error TS7016: untyped module
import { JSDOM as UntypedJSDOM } from 'jsdom';
import { loadConfig, REPO_ROOT, type Config } from '../../server/config';
import { openDatabase, type Database } from '../../server/db/database';
import { createServices, type Services } from '../../server/services';

const JSDOM = UntypedJSDOM as new (html: string) => { window: { document: Document } };

/**
 * What a notebook works with: the imported database (read-only, like the tests), the app's own services over it
 * (the same objects the API routes call, built by server/services.ts), and how this run was asked for.
 *
 * Environment (set by `npm run notebooks`, server/cli/notebooks.ts):
 * - `NOTEBOOK_SUBSET=1`: the CI subset (fewer seeds, one borough; each notebook says what it cuts);
 * - `NOTEBOOK_FIGURES_DIR`: where figures are written (default `notebooks/figures`);
 * - `DB_PATH`, `DATA_DIR`, `CACHE_DIR`: as for the server (server/config.ts).
 */
export interface Notebook {
  config: Config;
  db: Database;
  services: Services;
  /** True for the CI subset. */
  subset: boolean;
  figuresDir: string;
  /** Close the databases (the last cell calls it; the kernel exits anyway). */
  close(): void;
}

/**
 * Open the database read-only and build the app's services over it (user state in a private in-memory database).
 * @throws DatabaseLockedError (with its message naming the file) while a server holds the database read-write.
 */
export async function openNotebook(env: Record<string, string | undefined> = process.env): Promise<Notebook> {
  const config = loadConfig(env);
  if (!fs.existsSync(config.dbPath)) throw new Error(`No database at ${config.dbPath}: run "npm run data:import" first (npm run notebooks does it for you).`);
  const db = await openDatabase(config.dbPath, { readOnly: true });
  const userDb = await openDatabase(':memory:');
  const services = createServices({ config, db, userDb });
  const figuresDir = path.resolve(REPO_ROOT, env.NOTEBOOK_FIGURES_DIR ?? 'notebooks/figures');
  fs.mkdirSync(figuresDir, { recursive: true });
  return { config, db, services, subset: env.NOTEBOOK_SUBSET === '1', figuresDir, close: () => { db.close(); userDb.close(); } };
}

/** The part of the Deno kernel's `Deno.jupyter` namespace used here. */
interface JupyterNamespace {
  display(bundle: Record<string, string>, options: { raw: true }): Promise<void>;
}

/**
 * Send a MIME bundle to the notebook now, as `display_data` (awaited: it goes out while the cell runs, so a headless
 * run never loses it to the kernel's end-of-cell message ordering). Outside a kernel (e.g. tsx) the text form is printed.
 */
async function show(bundle: Record<string, string>): Promise<void> {
  const jupyter = (globalThis as { Deno?: { jupyter?: JupyterNamespace } }).Deno?.jupyter;
  if (jupyter) {
    await jupyter.display(bundle, { raw: true });
    // The Deno kernel sends display messages from its own queue: on a busy machine a cell could finish (reply + idle)
    // before its last display went out, and nbconvert then dropped that output (seen once in a full test run). A short
    // pause lets the queue flush before the cell ends.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } else console.log(bundle['text/plain']);
}

/**
 * Draw an Observable Plot chart to a standalone SVG string (white background, explicit namespace, so the file shows
 * on its own in a browser or a repository page). The notebook kernel has no DOM: jsdom provides the document.
 */
export function plotSvg(options: Plot.PlotOptions): string {
  const { document } = new JSDOM('').window;
  const el = Plot.plot({ ...options, document, style: { background: 'white', color: 'black', ...(typeof options.style === 'object' ? options.style : {}) } });
  const svg = el.tagName.toLowerCase() === 'svg' ? el : el.querySelector('svg');
  if (!svg) throw new Error('Plot returned no <svg>');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // A figure with a legend or title is wrapped in <figure>: keep only the chart (titles live in the notebook).
  return svg.outerHTML;
}

/**
 * Write `svg` to `<figuresDir>/<name>.svg` and show it in the notebook.
 * @param name file stem: letters, digits, `-`.
 */
export function figure(nb: Pick<Notebook, 'figuresDir'>, name: string, svg: string): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`figure name "${name}": lower-case letters, digits and "-" only`);
  const file = path.join(nb.figuresDir, `${name}.svg`);
  fs.writeFileSync(file, `${svg}\n`);
  return show({ 'image/svg+xml': svg, 'text/plain': `figure ${path.relative(REPO_ROOT, file)}` });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Show a table: HTML (rendered) and aligned text (plain-text readers, diffs).
 * Column order is the object's key order (JavaScript puts integer-like keys such as "2023" first).
 * @param columns header → cell of a row (already formatted).
 * @param text the plain-text form, when it exists already (e.g. the CLI's own table); default: the cells aligned.
 */
export function table<T>(rows: readonly T[], columns: Record<string, (row: T) => string | number>, text?: string): Promise<void> {
  const head = Object.keys(columns);
  const cells = rows.map((r) => head.map((h) => String(columns[h](r))));
  const html = `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>` +
    cells.map((c) => `<tr>${c.map((x) => `<td>${escapeHtml(x)}</td>`).join('')}</tr>`).join('') + '</tbody></table>';
  const widths = head.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const plain = text ?? [head.map((h, j) => h.padEnd(widths[j])).join(' | '), widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...cells.map((c) => c.map((x, j) => x.padEnd(widths[j])).join(' | '))].join('\n');
  return show({ 'text/html': html, 'text/plain': plain });
}

/** Show Markdown text (e.g. a sentence with this run's numbers). */
export function markdown(text: string): Promise<void> {
  return show({ 'text/markdown': text, 'text/plain': text });
}

/** Show plain text lines. */
export function text(...lines: string[]): Promise<void> {
  return show({ 'text/plain': lines.join('\n') });
}

/** `x` with `d` decimals, or "—" for null / NaN. */
export const fmt = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
