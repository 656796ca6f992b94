/**
 * `npm start` as a user or a process manager runs it: unattended (stdin closed, CI=true) under PORT, HOST, DATA_DIR
 * and CACHE_DIR, over the tiny data dir. A SIGTERM or SIGINT sent to the npm process — or a SIGTERM to the server
 * process — stops everything: npm and the server are gone, the port is free and the DuckDB file opens read-write.
 * Runs with the browser tests (after their client build, which `npm start` then finds current and does not repeat).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config';
import { openDatabase } from './db/database';

const TINY = path.join(REPO_ROOT, 'data', 'samples', 'tiny');
let tmp: string;
const started: ChildProcess[] = [];
/** Server pids seen, killed in afterAll if a failed test left them running. */
const servers: number[] = [];

beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'op-start-')); });
afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const pid of servers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A port nothing listens on right now (bind to 0, read it, close). */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Direct children of a process (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
    out.push(...fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  }
  return out;
}
const cmdline = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

/** `npm start` with the given port over the tiny data; resolves once it printed its URL. */
async function npmStart(port: number) {
  const dbPath = path.join(tmp, 'cache', 'outlet-planner.duckdb');
  const npm = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: TINY, CACHE_DIR: path.join(tmp, 'cache'), DB_PATH: dbPath, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  let log = '';
  npm.stdout!.on('data', (b: Buffer) => { log += b.toString(); });
  npm.stderr!.on('data', (b: Buffer) => { log += b.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => npm.once('exit', (code, signal) => r({ code, signal })));
  const deadline = Date.now() + 240_000;
  while (!log.includes(`Outlet Planner is running: open http://127.0.0.1:${port}/`)) {
    if (npm.exitCode !== null || npm.signalCode !== null) throw new Error(`npm start exited before serving:\n${log}`);
    if (Date.now() > deadline) throw new Error(`npm start did not print its URL within 240 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  servers.push(...childrenOf(npm.pid!));
  return { npm, exited, dbPath, log: () => log };
}

/** Wait until the npm process has exited (or fail after 20 s). */
async function expectExit(exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>, log: () => string) {
  const r = await Promise.race([exited, new Promise<null>((res) => setTimeout(() => res(null), 20_000))]);
  expect(r, `npm did not exit within 20 s of the signal:\n${log()}`).not.toBeNull();
  return r!;
}

describe('npm start runs unattended and stops cleanly', () => {
  it('serves under PORT/HOST/DATA_DIR/CI=true as ONE node process under npm; SIGTERM to npm frees the port and the database', async () => {
    const port = await freePort();
    const s = await npmStart(port);
    expect(s.log()).toMatch(/Client (built into dist\/ in [\d.]+ s|in dist\/ is current)/);
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
    // no shell between npm and the server: npm's only child is the node process running server/start.ts
    const kids = childrenOf(s.npm.pid!);
    expect(kids).toHaveLength(1);
    const server = kids[0];
    expect(cmdline(server)[0]).toMatch(/(^|\/)node$/);
    expect(cmdline(server)).toContain('server/start.ts');
    // still serving a moment later with stdin closed and CI=true
    await new Promise((r) => setTimeout(r, 1500));
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

    s.npm.kill('SIGTERM');
    await expectExit(s.exited, s.log);
    expect(s.log()).toContain('SIGTERM: stopping Outlet Planner');
    expect(alive(server)).toBe(false);
    expect(await listening(port)).toBe(false);
    const db = await openDatabase(s.dbPath); // read-write: fails while another process holds the file
    db.close();
  }, 300_000);

  it('SIGINT to npm stops it the same way', async () => {
    const port = await freePort();
    const s = await npmStart(port);
    const server = childrenOf(s.npm.pid!)[0];
    s.npm.kill('SIGINT');
    await expectExit(s.exited, s.log);
    expect(s.log()).toContain('SIGINT: stopping Outlet Planner');
    expect(alive(server)).toBe(false);
    expect(await listening(port)).toBe(false);
    (await openDatabase(s.dbPath)).close();
  }, 300_000);

  it('SIGTERM to the server process stops it, and npm exits with it', async () => {
    const port = await freePort();
    const s = await npmStart(port);
    const server = childrenOf(s.npm.pid!)[0];
    process.kill(server, 'SIGTERM');
    const r = await expectExit(s.exited, s.log);
    expect(r.code).toBe(0);
    expect(alive(server)).toBe(false);
    expect(await listening(port)).toBe(false);
    (await openDatabase(s.dbPath)).close();
  }, 300_000);
});
