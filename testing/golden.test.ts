import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson, expectGolden, goldenPath, goldenUpdateRequested } from './golden';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'op-golden-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
/** A fake test file in its own folder, so each case gets a fresh `__golden__/`. */
const fakeTest = (name: string) => {
  fs.mkdirSync(path.join(tmp, name), { recursive: true });
  return pathToFileURL(path.join(tmp, name, 'x.test.ts')).href;
};

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and prints numbers in shortest round-trip form', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 0.1 + 0.2 }], a: null })).toBe('{\n  "a": null,\n  "b": [\n    3,\n    {\n      "a": 0.30000000000000004,\n      "z": 1\n    }\n  ]\n}\n');
  });
  it('refuses values JSON cannot hold, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('golden value at $.a[1] is NaN');
    expect(() => canonicalJson({ a: { b: Infinity } })).toThrow('$.a.b is Infinity');
    expect(() => canonicalJson([undefined])).toThrow('$[0] is undefined');
  });
});

describe('expectGolden', () => {
  it('only UPDATE=1 asks for an update', () => {
    expect(goldenUpdateRequested({ UPDATE: '1' })).toBe(true);
    for (const v of [undefined, '', '0', 'true', 'yes']) expect(goldenUpdateRequested({ UPDATE: v })).toBe(false);
  });

  it('a missing file fails with the command that creates it, and is not created', () => {
    const url = fakeTest('missing');
    expect(() => expectGolden(url, 'case', { a: 1 }, {})).toThrow(/golden file .*__golden__\/case\.json is missing: create it with `UPDATE=1 npx vitest run .*x\.test\.ts`/);
    expect(fs.existsSync(goldenPath(url, 'case'))).toBe(false);
  });

  it('UPDATE=1 writes the canonical JSON; a normal run then passes on the same value and fails on a changed one without rewriting', () => {
    const url = fakeTest('roundtrip');
    expectGolden(url, 'case', { b: 2, a: [1.5] }, { UPDATE: '1' });
    const file = goldenPath(url, 'case');
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n  "a": [\n    1.5\n  ],\n  "b": 2\n}\n');
    expectGolden(url, 'case', { a: [1.5], b: 2 }, {}); // key order does not matter
    expect(() => expectGolden(url, 'case', { a: [1.5000000001], b: 2 }, {})).toThrow(/differs from the golden file/);
    expect(() => expectGolden(url, 'case', { a: [1.5], b: 2, c: 0 }, { UPDATE: 'true' })).toThrow(/differs from the golden file/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n  "a": [\n    1.5\n  ],\n  "b": 2\n}\n');
  });

  it('names must be plain file names', () => {
    expect(() => goldenPath(fakeTest('names'), '../escape')).toThrow(/golden name "..\/escape"/);
  });
});
