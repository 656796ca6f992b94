import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';
import { TEST_DB_PATH } from '../testing/testPaths';
import type { CoverageResponse } from '../../core/api/coverage';
import { listNotebooks, runNotebooks } from './notebooks';

/** An executed notebook's code cells: their source and outputs (nbformat 4). */
interface Cell { cell_type: string; source: string[] | string; outputs?: { output_type: string; data?: Record<string, string | string[]>; ename?: string }[] }
const readCells = (file: string): Cell[] => (JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: Cell[] }).cells;
const join = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : s ?? '');
/** Every text/plain output of a notebook. */
const plainOutputs = (cells: Cell[]) => cells.flatMap((c) => (c.outputs ?? []).map((o) => join(o.data?.['text/plain'])));
/** The rows of an aligned text table (header first), cells trimmed. */
const tableRows = (text: string) => text.split('\n').filter((l) => !/^-+(-\|-+)*$/.test(l)).map((l) => l.split(' | ').map((c) => c.trim()));

/** A notebook whose second cell throws: the runner must report it and fail. */
function writeBrokenNotebook(dir: string): string {
  const file = path.join(dir, 'zz-broken.ipynb');
  const cell = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
  fs.writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' } },
    cells: [cell('const x = 6 * 7;'), cell("if (x === 42) throw new Error('cell two failed on purpose');"), cell('console.log("never")')] }));
  return file;
}

let t: Awaited<ReturnType<typeof createTestApp>>;
let out: string;
let result: Awaited<ReturnType<typeof runNotebooks>>;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'notebooks-'));
  // One run (the notebooks execute side by side): the real notebooks on the CI subset, plus one that fails.
  result = await runNotebooks(['--subset', '--db', TEST_DB_PATH, '--out', out], (l) => lines.push(l), [...listNotebooks(), writeBrokenNotebook(out)]);
}, 300_000);
afterAll(() => {
  t?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe('npm run notebooks -- --subset (Deno kernel under Debian Jupyter, on the test import)', () => {
  it('executes every notebook in notebooks/ and every code cell has output, none an error', () => {
    expect(result.runs.map((r) => [r.name, r.ok]), lines.join('\n')).toEqual([['01-calibration', true], ['02-network-health', true], ['zz-broken', false]]);
    for (const run of result.runs.filter((r) => r.ok)) {
      const cells = readCells(run.executed).filter((c) => c.cell_type === 'code');
      expect(cells.length).toBeGreaterThan(5);
      for (const c of cells) {
        expect(c.outputs?.length, `${run.name}: no output from\n${join(c.source)}`).toBeGreaterThan(0);
        expect(c.outputs!.filter((o) => o.output_type === 'error')).toEqual([]);
      }
    }
  });

  it('calibration: the exclusion rule keeps the 1,392 NYC branches of 2023, and the predicted-vs-actual figure plots each of them', () => {
    const text = plainOutputs(readCells(path.join(out, '01-calibration.ipynb')));
    const exclusion = tableRows(text.find((x) => x.startsWith('year | NYC SOD rows'))!);
    const row2023 = exclusion.find((r) => r[0] === '2023')!;
    expect(row2023[2]).toBe('1,392');
    // the validation table is the CLI's own text (npm run fit -- --report): every model and baseline row
    const report = text.find((x) => x.startsWith('Parameter set nyc-sod-deposits'))!;
    for (const label of ['Location + bank effect + maturity', 'Baseline: residents within 1 km', 'Baseline: Huff-expected residents alone',
      "Baseline: today's weighted-criteria score", 'Baseline: bank effect alone', 'Sensitivity:']) expect(report).toContain(label);
    const svg = fs.readFileSync(path.join(out, 'figures', 'calibration-predicted-vs-actual.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.match(/<circle/g)?.length).toBe(1392);
  });

  it('network health: the coverage table shows what POST /api/coverage answers for the same bank and area (Manhattan in the subset)', async () => {
    const text = plainOutputs(readCells(path.join(out, '02-network-health.ipynb')));
    const top = tableRows(text.find((x) => x.startsWith('rank | institution'))!);
    expect(top).toHaveLength(6);
    const coverage = tableRows(text.find((x) => x.includes('All banks (reference)'))!);
    const [head, ...rows] = coverage;
    expect(rows.map((r) => r[0])).toEqual([...top.slice(1).map((r) => r[1]), 'All banks (reference)']);
    for (const [k, r] of rows.slice(0, 2).entries()) {
      const cert = top[k + 1][2];
      const res = await t.app.request('/api/coverage', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ownNetwork: `cert:${cert}`, radiiM: [500, 1000, 2000], area: { counties: ['36061'] } }) });
      expect(res.status).toBe(200);
      const api = await res.json() as CoverageResponse;
      expect(r[head.indexOf('residents ≤ 500 m')]).toBe(api.radii[0].coveredPopulation.toLocaleString('en-US'));
      expect(r[head.indexOf('residents ≤ 1 km')]).toBe(api.radii[1].coveredPopulation.toLocaleString('en-US'));
      expect(r[head.indexOf('share ≤ 2 km')]).toBe(`${(100 * api.radii[2].share).toFixed(1)} %`);
    }
    for (const f of ['network-health-coverage', 'network-health-by-borough-1km']) {
      expect(fs.readFileSync(path.join(out, 'figures', `${f}.svg`), 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
  });

  it('fails (exit 1) when a cell throws, printing the error', () => {
    expect(result.code).toBe(1);
    expect(lines.join('\n')).toMatch(/zz-broken: FAILED after [\d.]+ s[\s\S]*cell two failed on purpose/);
    expect(lines.at(-1)).toMatch(/^2 of 3 notebooks ran \(subset\)/);
  });
});
