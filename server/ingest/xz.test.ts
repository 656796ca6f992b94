import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { ImportError } from './errors';
import { decompressXz, libraryXz, systemXz } from './xz';

const SOD = path.join(REPO_ROOT, 'data/samples/tiny/fdic-sod-branches/sod_2023.csv.xz');
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'op-xz-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('xz decompression', () => {
  it('the library fallback and the system xz give the same bytes (the tiny SOD: header + 4 rows)', async () => {
    await systemXz(SOD, path.join(tmp, 'sys.csv'));
    await libraryXz(SOD, path.join(tmp, 'lib.csv'));
    const sys = fs.readFileSync(path.join(tmp, 'sys.csv'));
    expect(fs.readFileSync(path.join(tmp, 'lib.csv')).equals(sys)).toBe(true);
    const lines = sys.toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0].startsWith(',YEAR,CERT,BRNUM,UNINUMBR,')).toBe(true);
  });

  it('writes into the cache dir under a checksum-keyed name and reuses it', async () => {
    const out = await decompressXz(SOD, tmp, 'abcdef0123456789ffff', 'fdic-sod-branches/sod_2023.csv.xz');
    expect(out).toBe(path.join(tmp, 'decompressed', 'abcdef0123456789-sod_2023.csv'));
    const mtime = fs.statSync(out).mtimeMs;
    expect(await decompressXz(SOD, tmp, 'abcdef0123456789ffff', 'x')).toBe(out);
    expect(fs.statSync(out).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(path.join(tmp, 'decompressed'))).toEqual(['abcdef0123456789-sod_2023.csv']);
  });

  it('a corrupt .xz is an ImportError naming the file, and leaves no partial output', async () => {
    const bad = path.join(tmp, 'bad.csv.xz');
    fs.writeFileSync(bad, Buffer.from('this is not xz data'));
    const err = await decompressXz(bad, path.join(tmp, 'c2'), '0000000000000000', 'fdic-sod-branches/sod_2023.csv.xz').catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toMatch(/^Import failed: fdic-sod-branches\/sod_2023\.csv\.xz: cannot decompress xz: /);
    expect(fs.readdirSync(path.join(tmp, 'c2', 'decompressed'))).toEqual([]);
  });
});
