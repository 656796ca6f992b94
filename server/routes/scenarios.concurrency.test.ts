import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { createTestApp } from '../testing/testApp';
import { TEST_DB_PATH } from '../testing/testPaths';
import type { ScenarioDto } from '../../core/api/coverage';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const input = (name: string, lng = -73.98) => ({ name, baseNetwork: 'cert:628', added: [{ id: 'a', lng, lat: 40.75 }], closed: [], moved: [], params: {} });
const put = (id: string, body: unknown, ifMatch?: string) => t.app.request(`/api/scenarios/${id}`, { method: 'PUT',
  headers: { 'content-type': 'application/json', ...(ifMatch !== undefined ? { 'if-match': ifMatch } : {}) }, body: JSON.stringify(body) });

describe('scenarios: optimistic concurrency', () => {
  it('GET sends the version as ETag; a PUT with it → 200 and version + 1; the stale ETag then → 409 and nothing changes', async () => {
    const created = await (await t.app.request('/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input('v')) })).json() as ScenarioDto;
    expect(created.version).toBe(1);
    const got = await t.app.request(`/api/scenarios/${created.id}`);
    expect(got.headers.get('etag')).toBe('"1"');
    const first = await put(created.id, input('first edit'), '"1"');
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    expect(((await first.json()) as ScenarioDto).version).toBe(2);
    const stale = await put(created.id, input('stale edit', -74.0), '"1"');
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.error.code).toBe('version_conflict');
    expect(body.error.message).toContain('you edited version 1; it is now at version 2');
    const now = await (await t.app.request(`/api/scenarios/${created.id}`)).json() as ScenarioDto;
    expect([now.name, now.version, now.added[0].lng]).toEqual(['first edit', 2, -73.98]);
  });

  it('a PUT without If-Match → 428 naming it; a malformed one → 400; an unknown id stays 404', async () => {
    const created = await (await t.app.request('/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input('m')) })).json() as ScenarioDto;
    const none = await put(created.id, input('x'));
    expect(none.status).toBe(428);
    expect((await none.json()).error.field).toBe('If-Match');
    expect((await put(created.id, input('x'), 'version 1')).status).toBe(400);
    expect((await put('no-such-scenario', input('x'), '"1"')).status).toBe(404);
  });

  it('two concurrent PUTs on the same version → exactly one 200 and one 409; the winner is stored whole', async () => {
    const created = await (await t.app.request('/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input('race')) })).json() as ScenarioDto;
    const a = { ...input('writer A'), added: [{ id: 'A', lng: -73.9, lat: 40.7 }] };
    const b = { ...input('writer B'), added: [{ id: 'B', lng: -73.8, lat: 40.8 }] };
    const [ra, rb] = await Promise.all([put(created.id, a, '"1"'), put(created.id, b, '"1"')]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const winner = ra.status === 200 ? a : b;
    const stored = await (await t.app.request(`/api/scenarios/${created.id}`)).json() as ScenarioDto;
    expect([stored.name, stored.added, stored.version]).toEqual([winner.name, winner.added, 2]);
  });
});

/** Start `npm start`'s server (tsx server/main.ts) on a copy of the test import; resolves with its URL. */
function startServer(dbPath: string, cacheDir: string): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown>; log: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: dbPath, CACHE_DIR: cacheDir, AUTH: 'off',
        // the test needs no scoring warm-up or forecast calibration (≈ 10 s CPU per start beside the writers)
        WARM_UP: 'off' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 240_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/[^/\s]+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1], exited, log: () => out }); }
    };
    const exited = new Promise((r) => child.once('exit', r));
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before listening: ${out}`)); });
  });
}

describe('kill -9 during scenario saves', () => {
  it('loses no acknowledged write: every scenario the server answered 201/200 for is there, at least at that version, after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-kill-'));
    const dbPath = path.join(dir, 'outlet-planner.duckdb');
    fs.copyFileSync(TEST_DB_PATH, dbPath);
    let server: { child: ChildProcess; url: string; exited: Promise<unknown>; log: () => string } | undefined;
    try {
      server = await startServer(dbPath, dir);
      const url = server.url;
      // warm the geo data the scenario check reads, so the writes run at full speed
      expect((await fetch(`${url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input('warm')) })).status).toBe(201);
      const acked = new Map<string, { name: string; version: number }>();
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const r = await fetch(`${url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input(`w${w}-${i}`)) });
            if (r.status !== 201) continue;
            const s = await r.json() as ScenarioDto;
            acked.set(s.id, { name: s.name, version: 1 });
            const u = await fetch(`${url}/api/scenarios/${s.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': '"1"' },
              body: JSON.stringify(input(`w${w}-${i} edited`)) });
            if (u.status === 200) acked.set(s.id, { name: `w${w}-${i} edited`, version: 2 });
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      // kill once a good number of writes were acknowledged, mid-flight
      const t0 = Date.now();
      while (acked.size < 40 && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 20));
      server.child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await server.exited;
      expect(acked.size).toBeGreaterThanOrEqual(40);
      // restart on the same database and read everything back
      server = await startServer(dbPath, dir);
      const stored = await (await fetch(`${server.url}/api/scenarios`)).json() as ScenarioDto[] | { scenarios: ScenarioDto[] };
      const byId = new Map((Array.isArray(stored) ? stored : stored.scenarios).map((s) => [s.id, s]));
      const lost = [...acked].filter(([id, a]) => {
        const s = byId.get(id);
        return !s || s.version < a.version || (s.version === a.version && s.name !== a.name);
      });
      expect(lost).toEqual([]);
      // WARM_UP=off: neither start scored the NYC grid nor calibrated the forecast
      expect(server.log()).toContain('Start-up warm-up off (WARM_UP=off)');
      expect(server.log()).not.toMatch(/Warming up|Forecast calibrated/);
    } finally {
      if (server) { server.child.kill('SIGKILL'); await server.exited; }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
