import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../app';
import { createTestDeps } from '../testing/testApp';
import { AccountStore } from './accounts';
import { routeTable } from '../routes/operation';
import { ROLES, type Role } from '../../core/api/roles';

let deps: AppDeps;
let app: ReturnType<typeof createApp>;
const PW = 'role matrix password';
const heads: Record<Role, Record<string, string>> = {} as never;

beforeAll(async () => {
  const base = await createTestDeps();
  deps = { ...base, config: { ...base.config, auth: 'accounts' } };
  app = createApp(deps);
  const store = new AccountStore(deps.userDb);
  for (const role of ROLES) {
    await store.create(`${role}@bank.example`, PW, role);
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${role}@bank.example`, password: PW }) });
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    heads[role] = { cookie, 'x-csrf-token': (await res.json()).csrfToken, 'content-type': 'application/json' };
  }
});
afterAll(() => { deps?.db.close(); deps?.userDb.close(); });

describe('the route table (AUTH=on)', () => {
  it('every /api route declares operation() with a role, and answers 401 without credentials unless declared public', async () => {
    const table = routeTable(app.routes).filter((r) => r.path.startsWith('/api/'));
    expect(table.length).toBeGreaterThan(40);
    const undeclared = table.filter((r) => !r.operation).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
    const wrong: string[] = [];
    for (const r of table) {
      const url = r.path.replace(/:(\w+)(\{[^}]*\})?/g, 'x1');
      const res = await app.request(url, { method: r.method, headers: { 'content-type': 'application/json' }, body: r.method === 'GET' ? undefined : '{}' });
      const open = r.operation!.role === 'public';
      if (open ? res.status === 401 : res.status !== 401) wrong.push(`${r.method} ${r.path} (${r.operation!.role}) answered ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(table.filter((r) => r.operation!.role === 'public').map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
  });

  it('operation() itself enforces the declared role: every non-public route refuses a viewer unless it is a viewer route', async () => {
    const table = routeTable(app.routes).filter((r) => r.path.startsWith('/api/') && r.operation && r.operation.role !== 'viewer' && r.operation.role !== 'public');
    expect(table.length).toBeGreaterThan(15);
    const wrong: string[] = [];
    for (const r of table) {
      const url = r.path.replace(/:(\w+)(\{[^}]*\})?/g, 'x1');
      const res = await app.request(url, { method: r.method, headers: heads.viewer, body: r.method === 'GET' ? undefined : '{}' });
      if (res.status !== 403) wrong.push(`${r.method} ${r.path} (${r.operation!.role}) answered a viewer ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

const scenario = { name: 'matrix', baseNetwork: 'cert:628', added: [{ id: 'a', lng: -73.98, lat: 40.75 }], closed: [], moved: [], params: {} };

/** One representative request per route family: [family, method, url, body, role needed]. */
const FAMILIES: [string, string, string, unknown, Role][] = [
  ['read plans', 'GET', '/api/plans', undefined, 'viewer'],
  ['compute: standards check', 'POST', '/api/standards/sizing', { expectedCustomers: 5000 }, 'viewer'],
  ['compute: coverage', 'POST', '/api/coverage', { ownNetwork: 'cert:628', area: { counties: ['36061'] }, radiiM: [1000] }, 'viewer'],
  ['scenarios', 'POST', '/api/scenarios', scenario, 'analyst'],
  ['optimisation', 'POST', '/api/optimize', { objective: 'mclp', p: 1, radiusM: 1000, ownNetwork: 'cert:628', area: { counties: ['36061'] }, candidates: [{ id: 'c', lng: -73.98, lat: 40.75 }] }, 'analyst'],
  ['dataset import', 'DELETE', '/api/datasets/nope-v1', undefined, 'analyst'],
  ['plans and versions', 'POST', '/api/plans/PLAN/versions', 'PLAN_BODY', 'designer'],
  ['users', 'GET', '/api/users', undefined, 'admin'],
  ['audit', 'GET', '/api/audit.csv', undefined, 'admin'],
];

describe('role matrix: each role × each route family', () => {
  it('allowed roles pass the guard, the others get 403 naming the role needed', async () => {
    const plans = (await (await app.request('/api/plans', { headers: heads.admin })).json()).plans as { id: string }[];
    const planId = plans[0].id;
    const latest = await (await app.request(`/api/plans/${planId}`, { headers: heads.admin })).json();
    const table: string[] = [];
    for (const [family, method, url0, body0, need] of FAMILIES) {
      for (const role of ROLES) {
        const url = url0.replace('PLAN', planId);
        const body = body0 === 'PLAN_BODY' ? { baseVersion: 999_999, plan: latest.plan } : body0;
        const res = await app.request(url, { method, headers: heads[role], body: body === undefined ? undefined : JSON.stringify(body) });
        const allowed = role === need || role === 'admin' || need === 'viewer';
        const ok = allowed ? res.status !== 403 && res.status !== 401 : res.status === 403;
        if (!allowed) expect((await res.json()).error.message).toMatch(/needs (an?|any) /);
        table.push(`${family} × ${role}: ${res.status}${ok ? '' : '  ← WRONG'}`);
      }
    }
    expect(table.filter((l) => l.endsWith('WRONG'))).toEqual([]);
  });

  it("a viewer's attempt to save a plan version changes nothing", async () => {
    const plans = (await (await app.request('/api/plans', { headers: heads.viewer })).json()).plans as { id: string }[];
    const id = plans[0].id;
    const before = (await (await app.request(`/api/plans/${id}/versions`, { headers: heads.viewer })).json()).versions;
    const latest = await (await app.request(`/api/plans/${id}`, { headers: heads.viewer })).json();
    const res = await app.request(`/api/plans/${id}/versions`, { method: 'POST', headers: heads.viewer,
      body: JSON.stringify({ baseVersion: latest.version, plan: latest.plan, message: 'viewer edit' }) });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe(`POST /api/plans/${id}/versions needs a designer (floor plans and their versions, saved sites); you are signed in as viewer`);
    const after = (await (await app.request(`/api/plans/${id}/versions`, { headers: heads.viewer })).json()).versions;
    expect(after).toEqual(before);
    const restore = await app.request(`/api/plans/${id}/versions/1/restore`, { method: 'POST', headers: heads.viewer, body: JSON.stringify({ baseVersion: latest.version }) });
    expect(restore.status).toBe(403);
    expect((await (await app.request(`/api/plans/${id}/versions`, { headers: heads.viewer })).json()).versions).toEqual(before);
    // the designer may
    const ok = await app.request(`/api/plans/${id}/versions`, { method: 'POST', headers: heads.designer,
      body: JSON.stringify({ baseVersion: latest.version, plan: latest.plan, message: 'designer edit' }) });
    expect(ok.status).toBe(201);
  });
});
