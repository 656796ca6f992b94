/**
 * Golden files for tests: a value is serialised to canonical JSON (object keys sorted, 2-space indent, trailing
 * newline) and compared EXACTLY with a committed file under a `__golden__` folder next to the test.
 *
 * - A difference fails the test with a line diff; the file is never rewritten on a normal run.
 * - `UPDATE=1` (and only that) writes the current value to the file instead — review the diff before committing.
 * - A missing file fails with a message saying how to create it.
 *
 * Test-only helper (node:fs): lives outside `core/` so the core fence (tsconfig.core.json) stays free of I/O.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** Whether this run may (re)write golden files: only with the explicit `UPDATE=1`. */
export function goldenUpdateRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE === '1';
}

/**
 * Canonical JSON of a value: keys of every object sorted (so construction order does not matter), arrays kept in
 * order, numbers as JavaScript prints them (shortest round-trip form), 2-space indent, trailing newline.
 * @throws Error for values JSON cannot hold exactly (NaN, ±Infinity, undefined in arrays, functions, bigint).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, '$'), null, 2) + '\n';
}

function sortKeys(v: unknown, at: string): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`golden value at ${at} is ${v}: JSON cannot hold it`);
  if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol') throw new Error(`golden value at ${at} is a ${typeof v}: JSON cannot hold it`);
  if (Array.isArray(v)) {
    return v.map((x, i) => {
      if (x === undefined) throw new Error(`golden value at ${at}[${i}] is undefined: JSON cannot hold it`);
      return sortKeys(x, `${at}[${i}]`);
    });
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x, `${at}.${k}`);
    }
    return out;
  }
  return v;
}

/** The golden file `<test file's folder>/__golden__/<name>.json` of a test (pass the test's `import.meta.url`). */
export function goldenPath(testFileUrl: string, name: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`golden name "${name}": use letters, digits, '.', '_' or '-' only`);
  return path.join(path.dirname(fileURLToPath(testFileUrl)), '__golden__', `${name}.json`);
}

/**
 * Compare `value` with its golden file {@link goldenPath}(testFileUrl, name), exactly (canonical JSON text).
 * With `UPDATE=1` in the environment it writes the file instead (creating `__golden__/` if needed).
 * @param testFileUrl the test's `import.meta.url`: the golden file sits beside it, and a missing file's message
 *   names the command that creates it
 * @throws (fails the test) when the file is missing or differs and UPDATE is not 1.
 */
export function expectGolden(testFileUrl: string, name: string, value: unknown, env: NodeJS.ProcessEnv = process.env): void {
  const file = goldenPath(testFileUrl, name);
  const actual = canonicalJson(value);
  const rel = (p: string) => path.relative(process.cwd(), p);
  if (goldenUpdateRequested(env)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== actual) fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) {
    throw new Error(`golden file ${rel(file)} is missing: create it with ` +
      `\`UPDATE=1 npx vitest run ${rel(fileURLToPath(testFileUrl))}\`, review it and commit it`);
  }
  const expected = fs.readFileSync(file, 'utf8');
  expect(actual, `differs from the golden file ${rel(file)} (if the change is intended: rerun with UPDATE=1 and review the diff)`).toBe(expected);
}
