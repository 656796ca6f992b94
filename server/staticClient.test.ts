import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { mountClient } from './staticClient';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-static-'));
fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
fs.mkdirSync(path.join(dir, 'assets'));
fs.writeFileSync(path.join(dir, 'assets', 'a.js'), 'console.log(1)');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function app() {
  const a = new Hono();
  a.get('/api/health', (c) => c.json({ ok: true }));
  a.notFound((c) => c.json({ error: { code: 'not_found' } }, 404));
  mountClient(a, dir);
  return a;
}

describe('mountClient', () => {
  it('serves files and falls back to index.html for client routes', async () => {
    const js = await app().request('/assets/a.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toBe('console.log(1)');
    const deep = await app().request('/sites/whatever');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>app</title>');
  });
  it('never swallows /api paths: API routes answer, unknown ones get the JSON 404', async () => {
    expect(await (await app().request('/api/health')).json()).toEqual({ ok: true });
    const missing = await app().request('/api/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found' } });
    expect((await app().request('/api')).status).toBe(404);
  });
});
