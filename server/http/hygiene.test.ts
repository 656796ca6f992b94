import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { OverloadedError } from '../errors';
import { mountClient } from '../staticClient';
import { createTestApp } from '../testing/testApp';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const scenario = { name: 'hygiene', baseNetwork: 'cert:628', added: [{ id: 'x', lng: -73.98, lat: 40.75 }], closed: [], moved: [], params: {} };
const json = (body: unknown, headers: Record<string, string> = {}) =>
  ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('Host allow-list (DNS rebinding)', () => {
  it('refuses a foreign Host on /api/health with 403 naming the host, and serves the loopback names', async () => {
    const evil = await t.app.request('/api/health', { headers: { host: 'evil.example' } });
    expect(evil.status).toBe(403);
    const body = await evil.json();
    expect(body.error.code).toBe('host_not_allowed');
    expect(body.error.message).toContain('"evil.example"');
    for (const host of ['localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'LOCALHOST']) {
      expect((await t.app.request('/api/health', { headers: { host } })).status, host).toBe(200);
    }
    // a rebinding attack keeps the attacker's name and port-less variants must not slip through either
    expect((await t.app.request('/api/health', { headers: { host: 'localhost.evil.example' } })).status).toBe(403);
  });

  it('answers to names configured in ALLOWED_HOSTS, and to the bound address', async () => {
    const db = await openDatabase(':memory:');
    try {
      const config = loadConfig({ HOST: '127.0.0.1', ALLOWED_HOSTS: 'planner.bank.example, 10.1.2.3' });
      const app = createApp({ config, db, userDb: db });
      expect((await app.request('/api/health', { headers: { host: 'planner.bank.example:8787' } })).status).toBe(200);
      expect((await app.request('/api/health', { headers: { host: '10.1.2.3' } })).status).toBe(200);
      expect((await app.request('/api/health', { headers: { host: '10.1.2.4' } })).status).toBe(403);
      expect(loadConfig({ HOST: '10.9.8.7' }).allowedHosts).toContain('10.9.8.7');
      expect(loadConfig({ HOST: '0.0.0.0' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
    } finally {
      db.close();
    }
  });
});

describe('body-size limits', () => {
  it('a 10 MB body → 413 naming the limit, before the body is parsed; the same scenario at normal size → 201', async () => {
    const big = JSON.stringify({ ...scenario, name: 'x'.repeat(10 * 1024 * 1024) });
    const res = await t.app.request('/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(big.length) }, body: big });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toContain('at most 8 MiB');
    expect((await t.app.request('/api/scenarios', json(scenario))).status).toBe(201);
  });

  it('a chunked body (no Content-Length) is counted as it arrives and cut off at the limit', async () => {
    const chunk = new TextEncoder().encode('['.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) { if (sent >= 40) ctl.close(); else { sent++; ctl.enqueue(chunk); } },
    });
    // 40 × 64 KiB = 2.5 MiB against the 1 MiB default of /api/coverage
    const res = await t.app.request('/api/coverage', { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(40); // stopped reading before the end
  });
});

describe('cross-site writes (CSRF)', () => {
  it('a restore posted as text/plain from a foreign Origin → 403, and no version is added', async () => {
    const plans = (await (await t.app.request('/api/plans')).json()).plans as { id: string; latestVersion?: number; versions?: number }[];
    const id = plans[0].id;
    const before = (await (await t.app.request(`/api/plans/${id}/versions`)).json()).versions.length;
    const res = await t.app.request(`/api/plans/${id}/versions/1/restore`, { method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{}' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf_origin');
    const after = (await (await t.app.request(`/api/plans/${id}/versions`)).json()).versions.length;
    expect(after).toBe(before);
  });

  it('text/plain or a form body from the page itself → 415; JSON from the page itself passes', async () => {
    const own = { origin: 'http://localhost', host: 'localhost' };
    const plain = await t.app.request('/api/scenarios', { method: 'POST', headers: { ...own, 'content-type': 'text/plain' }, body: JSON.stringify(scenario) });
    expect(plain.status).toBe(415);
    const form = await t.app.request('/api/scenarios', { method: 'POST', headers: { ...own, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(415);
    const multipart = await t.app.request('/api/scenarios', { method: 'POST', headers: { ...own, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' });
    expect(multipart.status).toBe(415);
    expect((await t.app.request('/api/scenarios', json(scenario, own))).status).toBe(201);
  });

  it('DELETE from a foreign Origin → 403 and the scenario survives; Sec-Fetch-Site cross-site without Origin → 403', async () => {
    const s = await (await t.app.request('/api/scenarios', json(scenario))).json();
    const del = await t.app.request(`/api/scenarios/${s.id}`, { method: 'DELETE', headers: { origin: 'https://evil.example' } });
    expect(del.status).toBe(403);
    const del2 = await t.app.request(`/api/scenarios/${s.id}`, { method: 'DELETE', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(del2.status).toBe(403);
    const nullOrigin = await t.app.request(`/api/scenarios/${s.id}`, { method: 'DELETE', headers: { origin: 'null' } });
    expect(nullOrigin.status).toBe(403);
    expect((await t.app.request(`/api/scenarios/${s.id}`)).status).toBe(200);
    // a non-browser client (no Origin, no Sec-Fetch-Site) deletes
    expect((await t.app.request(`/api/scenarios/${s.id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('CORS is closed: a foreign preflight gets no Access-Control-Allow-Origin', async () => {
    const res = await t.app.request('/api/scenarios', { method: 'OPTIONS', headers: { origin: 'https://evil.example',
      'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await t.app.request('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  it('on the API and on pages: CSP with frame-ancestors none, nosniff, Referrer-Policy, X-Frame-Options', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-hyg-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    const db = await openDatabase(':memory:');
    try {
      const app = createApp({ config: loadConfig(), db, userDb: db });
      mountClient(app, dir);
      for (const url of ['/api/health', '/', '/sites/x']) {
        const res = await app.request(url);
        expect(res.status, url).toBe(200);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, url).toContain("frame-ancestors 'none'");
        expect(csp, url).toContain("script-src 'self'");
        expect(csp, url).toContain("worker-src 'self' blob:");
        expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), url).toBe('same-origin');
        expect(res.headers.get('x-frame-options'), url).toBe('DENY');
        expect(res.headers.get('x-request-id'), url).toMatch(/^[0-9a-f]{12}$/);
      }
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('error answers carry no internals', () => {
  async function appThrowing(err: unknown) {
    const db = await openDatabase(':memory:');
    const app = createApp({ config: loadConfig(), db, userDb: db });
    app.get('/api/boom', () => { throw err; });
    return { app, close: () => db.close() };
  }

  it('500: a generic message with the request id; the raw error is logged under the same id', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { app, close } = await appThrowing(new Error('Binder Error: table "secret_tbl" at /srv/data/outlet-planner.duckdb'));
    try {
      const res = await app.request('/api/boom');
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('secret_tbl');
      expect(text).not.toContain('/srv/data');
      const body = JSON.parse(text);
      expect(body.error.code).toBe('internal');
      expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
      expect(body.error.message).toContain(body.error.requestId);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0][0])).toContain(`[${body.error.requestId}] GET /api/boom → 500`);
      expect(String((spy.mock.calls[0][1] as Error).message)).toContain('secret_tbl');
    } finally {
      spy.mockRestore();
      close();
    }
  });

  it('disk full (DuckDB "No space left on device") → 507 without the file name', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { app, close } = await appThrowing(new Error('IO Error: Could not write file "/srv/cache/outlet-planner.duckdb.wal": No space left on device'));
    try {
      const res = await app.request('/api/boom');
      expect(res.status).toBe(507);
      const body = await res.json();
      expect(body.error.code).toBe('insufficient_storage');
      expect(JSON.stringify(body)).not.toContain('.wal');
    } finally {
      spy.mockRestore();
      close();
    }
  });

  it('overload → 503 with Retry-After', async () => {
    const { app, close } = await appThrowing(new OverloadedError('The server is busy: 8 computations are queued', 7));
    try {
      const res = await app.request('/api/boom');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect((await res.json()).error).toEqual({ code: 'overloaded', message: 'The server is busy: 8 computations are queued' });
    } finally {
      close();
    }
  });
});
