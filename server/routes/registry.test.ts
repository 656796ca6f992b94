import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { testClient } from 'hono/testing';
import { z } from 'zod';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { validate } from '../validate';
import { ROLES, operation, routeTable, toOpenApiPath, type RouteEntry } from './operation';

// The route table needs no imported data: an empty in-memory database is enough to build the app.
let db: Database;
let app: ReturnType<typeof createApp>;
let table: RouteEntry[];
let doc: { openapi: string; paths: Record<string, Record<string, { 'x-role': string; parameters: { name: string; in: string }[]; requestBody?: unknown }>> };

beforeAll(async () => {
  db = await openDatabase(':memory:');
  app = createApp({ config: loadConfig(), db, userDb: db });
  table = routeTable(app.routes);
  const res = await testClient(app).api.docs.$get();
  expect(res.status).toBe(200);
  doc = await res.json() as unknown as typeof doc;
});
afterAll(() => db?.close());

describe('route registry', () => {
  it('every route of the app declares a role', () => {
    expect(table.length).toBeGreaterThanOrEqual(37);
    const withoutRole = table.filter((r) => !r.operation || !(ROLES as readonly string[]).concat('public').includes(r.operation.role)).map((r) => `${r.method} ${r.path}`);
    expect(withoutRole).toEqual([]);
  });

  it('every route of the app is in the OpenAPI document, as /api/… with {param}, with its role', () => {
    const missing: string[] = [];
    for (const r of app.routes) {
      if (r.method === 'ALL') continue;
      const path = r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      if (!op) missing.push(`${r.method} ${path}`);
      else expect(op['x-role']).toBe(table.find((t) => t.method === r.method && t.path === r.path)!.operation!.role);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/') && !p.includes(':'))).toBe(true);
  });

  it('documents the routes the hand-kept list missed, path parameters named', () => {
    expect(Object.keys(doc.paths['/api/scenarios/{id}']).sort()).toEqual(['delete', 'get', 'put']);
    expect(doc.paths['/api/scenarios/{id}'].put.requestBody).toBeDefined();
    expect(Object.keys(doc.paths['/api/optimize/jobs/{id}']).sort()).toEqual(['delete', 'get']);
    expect(doc.paths['/api/coverage/walk'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/layers/stops/{stopId}'].get.parameters).toEqual([expect.objectContaining({ name: 'stopId', in: 'path' })]);
    expect(doc.paths['/api/plans/{id}/export/{format}'].get.parameters.map((p) => `${p.in}:${p.name}`).sort())
      .toEqual(['path:format', 'path:id', 'query:locale', 'query:scale', 'query:version']);
  });

  it('gives the issue-11 roles: viewers read and compute, analysts scenarios and optimisation, designers plans and sites', () => {
    const role = (method: string, path: string) => table.find((r) => r.method === method && r.path === path)?.operation?.role;
    expect(role('GET', '/api/plans')).toBe('viewer');
    expect(role('POST', '/api/sites/score')).toBe('viewer');
    expect(role('POST', '/api/coverage')).toBe('viewer');
    expect(role('POST', '/api/standards/check')).toBe('viewer');
    expect(role('POST', '/api/standards/sizing')).toBe('viewer');
    expect(role('POST', '/api/scenarios')).toBe('analyst');
    expect(role('DELETE', '/api/scenarios/:id')).toBe('analyst');
    expect(role('POST', '/api/optimize')).toBe('analyst');
    expect(role('POST', '/api/plans/:id/versions')).toBe('designer');
    expect(role('POST', '/api/sites')).toBe('designer');
  });

  it('lists the 401 and 403 a route\'s declared role implies, and none on public routes', () => {
    const responses = (path: string, method: string) => (doc.paths[path][method] as unknown as { responses: Record<string, { description: string }> }).responses;
    // analyst route (dataset import): 401 without credentials, 403 naming the role (and the CSRF token of a write)
    const imp = responses('/api/datasets', 'post');
    expect(Object.keys(imp)).toEqual(expect.arrayContaining(['201', '400', '401', '403']));
    expect(imp[401].description).toContain('unauthenticated');
    expect(imp[403].description).toContain('does not include analyst');
    expect(imp[403].description).toContain('csrf_token');
    // viewer read: every signed-in role includes viewer and a GET needs no CSRF token, so 401 only
    expect(Object.keys(responses('/api/plans', 'get'))).toContain('401');
    expect(Object.keys(responses('/api/plans', 'get'))).not.toContain('403');
    // public: neither
    for (const [path, method] of [['/api/health', 'get'], ['/api/auth/login', 'post']]) {
      expect(Object.keys(responses(path, method)).filter((s) => s === '401' || s === '403')).toEqual([]);
    }
  });

  it('finds a route mounted without operation() and the schemas of its validators', () => {
    const body = z.object({ n: z.number() });
    const sub = new Hono()
      .post('/declared', operation({ role: 'analyst', tag: 't', summary: 's' }), validate('json', body), (c) => c.json({}))
      .get('/bare/:id', (c) => c.json({}));
    const t = routeTable(new Hono().route('/api', sub).routes);
    expect(t.map((r) => [r.method, r.openApiPath, r.operation?.role ?? null])).toEqual([
      ['POST', '/api/declared', 'analyst'],
      ['GET', '/api/bare/{id}', null],
    ]);
    expect(t[0].inputs.json).toBe(body);
    expect(toOpenApiPath('/api/a/:id{[0-9]+}/b/:v')).toEqual({ openApiPath: '/api/a/{id}/b/{v}', pathParams: ['id', 'v'] });
  });
});
