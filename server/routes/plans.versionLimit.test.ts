import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import v2 from '../../core/floorplan/fixtures/plan.v2.json';
import { createApp, type AppDeps } from '../app';
import { createTestDeps } from '../testing/testApp';
import { AccountStore } from '../auth/accounts';

// Versions kept per plan are capped (here 3); a save past the cap is refused, never made room for silently; only an
// administrator prunes, through the explicit route, and the prune is in the audit log.
let deps: AppDeps;
let app: ReturnType<typeof createApp>;
const heads: Record<'admin' | 'designer', Record<string, string>> = { admin: {}, designer: {} };

beforeAll(async () => {
  const base = await createTestDeps();
  deps = { ...base, config: { ...base.config, auth: 'accounts', maxPlanVersions: 3 } };
  app = createApp(deps);
  const store = new AccountStore(deps.userDb);
  for (const role of ['admin', 'designer'] as const) {
    await store.create(`${role}@bank.example`, 'version limit password', role);
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@bank.example`, password: 'version limit password' }) });
    heads[role] = { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': (await res.json()).csrfToken, 'content-type': 'application/json' };
  }
});
afterAll(() => { deps?.db.close(); deps?.userDb.close(); });

const req = (who: 'admin' | 'designer', method: string, path: string, body?: unknown) =>
  app.request(path, { method, headers: heads[who], body: body === undefined ? undefined : JSON.stringify(body) });

describe('versions kept per plan', () => {
  it('a save past MAX_PLAN_VERSIONS → 409 version_limit and nothing changes; an admin prunes (audited), then saves pass again', async () => {
    const { id } = await (await req('designer', 'POST', '/api/plans', { plan: v2 })).json();
    const plan = (await (await req('designer', 'GET', `/api/plans/${id}`)).json()).plan;
    for (const base of [1, 2]) expect((await req('designer', 'POST', `/api/plans/${id}/versions`, { baseVersion: base, plan: { ...plan, name: `v${base + 1}` } })).status).toBe(201);

    const over = await req('designer', 'POST', `/api/plans/${id}/versions`, { baseVersion: 3, plan: { ...plan, name: 'v4' } });
    expect(over.status).toBe(409);
    const problem = (await over.json()).error;
    expect(problem.code).toBe('version_limit');
    expect(problem.message).toContain(`Plan ${id} keeps 3 versions`);
    expect(problem.message).toContain(`POST /api/plans/${id}/versions/prune`);
    const versions = async () => ((await (await req('designer', 'GET', `/api/plans/${id}/versions`)).json()).versions as { version: number; name: string }[]).map((v) => `${v.version}:${v.name}`);
    expect(await versions()).toEqual(['1:Tiny v2 fixture', '2:v2', '3:v3']);

    // a designer may not prune
    const denied = await req('designer', 'POST', `/api/plans/${id}/versions/prune`, { keepLatest: 1 });
    expect(denied.status).toBe(403);
    expect(await versions()).toEqual(['1:Tiny v2 fixture', '2:v2', '3:v3']);
    // keepLatest is checked (400 naming it)
    const bad = await req('admin', 'POST', `/api/plans/${id}/versions/prune`, { keepLatest: 0 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe('keepLatest');

    const pruned = await req('admin', 'POST', `/api/plans/${id}/versions/prune`, { keepLatest: 2 });
    expect(pruned.status).toBe(200);
    expect(await pruned.json()).toEqual({ id, pruned: [1], kept: [2, 3] });
    expect(await versions()).toEqual(['2:v2', '3:v3']);
    expect((await req('designer', 'GET', `/api/plans/${id}/versions/1`)).status).toBe(404);

    const entries = (await (await req('admin', 'GET', '/api/audit?entity=plan_version')).json()).entries as { action: string; entityId: string; detail: string; userEmail: string }[];
    expect(entries[0]).toMatchObject({ action: 'delete', entityId: `${id}@1..1`, detail: 'pruned 1 version(s) 1; kept 2, 3', userEmail: 'admin@bank.example' });

    // numbering continues after the newest: the next save is version 4, and the cap applies again
    const saved = await req('designer', 'POST', `/api/plans/${id}/versions`, { baseVersion: 3, plan: { ...plan, name: 'v4' } });
    expect(await saved.json()).toEqual({ id, version: 4 });
    expect((await req('designer', 'POST', `/api/plans/${id}/versions`, { baseVersion: 4, plan: { ...plan, name: 'v5' } })).status).toBe(409);
    // pruning an unknown plan is a 404
    expect((await req('admin', 'POST', '/api/plans/plan-00000000/versions/prune', { keepLatest: 1 })).status).toBe(404);
  });
});
