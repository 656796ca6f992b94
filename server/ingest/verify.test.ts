import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../cli/verify';
import { loadConfig } from '../config';
import { countRows } from './verify';

const DATA = loadConfig().dataDir;
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'op-verify-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run data:verify', () => {
  it('passes on the real data: every file of every folder matches sha256, size and the SOURCE.md row count', async () => {
    const lines: string[] = [];
    const code = await runVerify(['--data', DATA], (l) => lines.push(l));
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(code).toBe(0);
    expect(lines).toContain('ok   census-cenpop2020/block_group2020.csv (242,335 rows)');
    expect(lines).toContain('ok   fdic-sod-branches/sod_2023.csv.xz (77,796 rows)');
    expect(lines).toContain('ok   fdic-sod-branches/sod_2018.csv.xz (88,075 rows)');
    expect(lines).toContain('ok   nyc-mta-gtfs-json/bus_m/stop_times.json.gz (1,174,914 rows)');
    expect(lines.at(-1)).toMatch(/^\nAll 83 files match/);
  }, 120_000);

  it('fails on a tampered copy, naming the file, its checksum and its row count', async () => {
    const dir = path.join(tmp, 'data');
    fs.cpSync(path.join(DATA, 'nyc-ferry-gtfs'), path.join(dir, 'nyc-ferry-gtfs'), { recursive: true });
    fs.appendFileSync(path.join(dir, 'nyc-ferry-gtfs/stops.txt'), '99,"9999999","Nowhere Pier",40.7,-74.0\r\n');
    const lines: string[] = [];
    const code = await runVerify(['--data', dir, '--only', 'nyc-ferry-gtfs'], (l) => lines.push(l));
    expect(code).toBe(1);
    const fails = lines.filter((l) => l.startsWith('FAIL'));
    expect(fails).toHaveLength(1);
    expect(fails[0]).toMatch(/^FAIL nyc-ferry-gtfs\/stops\.txt \(51 rows\): size \d+ bytes, expected 3379; sha256 [0-9a-f]{64}, expected e618d9b0[0-9a-f]+; 51 rows, expected 50$/);
    expect(lines).toContain('ok   nyc-ferry-gtfs/stop_times.txt (8,441 rows)');
  });

  it('names a missing file and rejects unknown arguments', async () => {
    const dir = path.join(tmp, 'empty');
    fs.mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    expect(await runVerify(['--data', dir, '--only', 'us-atlas'], (l) => lines.push(l))).toBe(1);
    expect(lines).toContain('FAIL us-atlas/counties-10m.json: missing');
    expect(await runVerify(['--bogus'], () => undefined)).toBe(2);
    expect(await runVerify(['--only', 'nope'], () => undefined)).toBe(2);
  });
});

describe('countRows', () => {
  it('counts CSV rows after the header with CRLF, a BOM and a header-only file', async () => {
    const f = path.join(tmp, 'crlf.csv');
    fs.writeFileSync(f, '\uFEFFa,b\r\n1,"x, y"\r\n2,z\r\n');
    expect(await countRows(f, 'csv')).toBe(2);
    fs.writeFileSync(f, 'a,b\r\n');
    expect(await countRows(f, 'csv')).toBe(0);
  });
});
