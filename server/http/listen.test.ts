import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { assertPortFree, cleanLeftoverTempFiles, PortInUseError } from './listen';

describe('assertPortFree', () => {
  it('passes on a free port and refuses a taken one with one line naming host and port', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const err = await assertPortFree(port, '127.0.0.1').catch((e) => e);
      expect(err).toBeInstanceOf(PortInUseError);
      expect(err.message).toBe(`Port ${port} on 127.0.0.1 is already in use (is Outlet Planner already running?): stop that process or start with PORT=<another port>.`);
      expect(err.message).not.toContain('\n');
    } finally {
      await new Promise((r) => holder.close(r));
    }
    await expect(assertPortFree(port, '127.0.0.1')).resolves.toBeUndefined();
  });

  it('`npm start` on a taken port exits 1 at once with that one line, before any import', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const port = (holder.address() as net.AddressInfo).port;
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'op-port-'));
    try {
      const t0 = Date.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CACHE_DIR: cache },
      });
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(`Port ${port} on 127.0.0.1 is already in use (is Outlet Planner already running?): stop that process or start with PORT=<another port>.`);
      expect(r.stdout).not.toMatch(/import/i);
      expect(fs.existsSync(path.join(cache, 'outlet-planner.duckdb'))).toBe(false); // refused before opening/importing
      expect(Date.now() - t0).toBeLessThan(30_000);
    } finally {
      await new Promise((r) => holder.close(r));
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('cleanLeftoverTempFiles', () => {
  it('removes temp files of dead processes and keeps those of a live one and ordinary files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-tmp-'));
    try {
      fs.mkdirSync(path.join(dir, 'decompressed'));
      // a pid that cannot be alive (above the kernel's pid_max default)
      const dead = 4_194_399;
      const files = {
        deadXz: path.join(dir, 'decompressed', `abc-sod.csv.${dead}.1764800000000.tmp`),
        deadBuild: path.join(dir, `outlet-planner.duckdb.${dead}.k3j2.building`),
        deadWal: path.join(dir, `outlet-planner.duckdb.${dead}.k3j2.building.wal`),
        live: path.join(dir, 'decompressed', `abc-sod.csv.${process.ppid}.1764800000000.tmp`),
        keep: path.join(dir, 'decompressed', 'abc-sod.csv'),
        db: path.join(dir, 'outlet-planner.duckdb'),
      };
      for (const f of Object.values(files)) fs.writeFileSync(f, 'x');
      const removed = cleanLeftoverTempFiles(dir).sort();
      expect(removed).toEqual([files.deadXz, files.deadBuild, files.deadWal].sort());
      for (const k of ['live', 'keep', 'db'] as const) expect(fs.existsSync(files[k]), k).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
