import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../app';
import { loadConfig } from '../config';
import { createTestDeps } from '../testing/testApp';
import { AccountStore, LOCKOUT_MS, MAX_FAILED_LOGINS, roleAllows } from './accounts';
import { runUserCreate } from '../cli/userCreate';
import { LOGIN_ATTEMPTS_PER_MINUTE } from '../routes/auth';
import { openDatabase } from '../db/database';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

/** An accounts-mode app (AUTH=on on loopback) over the test data, with accounts created directly in its store. */
let deps: AppDeps;
let app: ReturnType<typeof createApp>;
let store: AccountStore;
const PW = 'correct horse battery';

beforeAll(async () => {
  deps = await createTestDeps();
  deps = { ...deps, config: loadConfig({ ...process.env, AUTH: 'on', DB_PATH: deps.config.dbPath }) };
  app = createApp(deps);
  store = new AccountStore(deps.userDb);
  for (const role of ['viewer', 'analyst', 'designer', 'admin'] as const) await store.create(`${role}@bank.example`, PW, role);
});
afterAll(() => { deps?.db.close(); deps?.userDb.close(); });

function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.headers.getSetCookie()) {
    const [kv] = c.split(';');
    const i = kv.indexOf('=');
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

async function login(email: string, password = PW, extraCookie?: string) {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json',
    ...(extraCookie ? { cookie: extraCookie } : {}) }, body: JSON.stringify({ email, password }) });
  return { res, cookies: cookiesOf(res), body: await res.json() };
}

/** Headers of a signed-in browser: the session cookie and the CSRF token echoed. */
async function browser(email: string) {
  const { cookies, body } = await login(email);
  return { cookie: `op_session=${cookies.op_session}; op_csrf=${cookies.op_csrf}`, 'x-csrf-token': body.csrfToken as string };
}

describe('accounts mode (AUTH=on): 401 without credentials', () => {
  it('/api/health answers 200; every other /api route 401 — also with no account created at all', async () => {
    const fresh = await createTestDeps();
    try {
      const a = createApp({ ...fresh, config: { ...fresh.config, auth: 'accounts' } });
      expect((await a.request('/api/health')).status).toBe(200);
      for (const [method, url] of [['GET', '/api/plans'], ['GET', '/api/scenarios'], ['POST', '/api/sites/score'], ['DELETE', '/api/scenarios/x'],
        ['GET', '/api/users'], ['GET', '/api/audit'], ['GET', '/api/auth/me'], ['GET', '/api/no-such-route']]) {
        const res = await a.request(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
        expect(res.status, `${method} ${url}`).toBe(401);
        expect((await res.json()).error.code).toBe('unauthenticated');
      }
      // the login route is reachable (wrong credentials on an empty install → 401 bad_credentials, not unauthenticated)
      const r = await a.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(12) }) });
      expect((await r.json()).error.code).toBe('bad_credentials');
    } finally {
      fresh.db.close(); fresh.userDb.close();
    }
  });

  it('order of refusals: foreign Host → 403 before 413; an oversized body → 413 before 401', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const hostFirst = await app.request('/api/coverage', { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json', 'content-length': String(big.length) }, body: big });
    expect(hostFirst.status).toBe(403);
    const sizeFirst = await app.request('/api/coverage', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(big.length) }, body: big });
    expect(sizeFirst.status).toBe(413);
    const authThen = await app.request('/api/coverage', { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{}' });
    expect(authThen.status).toBe(401); // 401 before the CSRF refusal
  });
});

describe('sessions', () => {
  it('login sets an HttpOnly SameSite=Strict session cookie; /auth/me names the user; logout ends the session', async () => {
    const { res, cookies, body } = await login('Analyst@Bank.example ');
    expect(res.status).toBe(200);
    expect(body.user).toMatchObject({ email: 'analyst@bank.example', role: 'analyst' });
    const sessionCookie = res.headers.getSetCookie().find((c) => c.startsWith('op_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Strict/);
    expect(sessionCookie).toMatch(/Path=\//);
    const me = await app.request('/api/auth/me', { headers: { cookie: `op_session=${cookies.op_session}` } });
    expect((await me.json()).user.email).toBe('analyst@bank.example');
    const out = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie: `op_session=${cookies.op_session}`, 'x-csrf-token': body.csrfToken } });
    expect(out.status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: { cookie: `op_session=${cookies.op_session}` } })).status).toBe(401);
  });

  it('session fixation: a session token planted before sign-in is replaced, and the planted one never works', async () => {
    // the attacker holds a real session of their own (viewer) and plants it in the victim's browser
    const attacker = await login('viewer@bank.example');
    const planted = attacker.cookies.op_session;
    const victim = await login('designer@bank.example', PW, `op_session=${planted}`);
    expect(victim.res.status).toBe(200);
    expect(victim.cookies.op_session).toBeTruthy();
    expect(victim.cookies.op_session).not.toBe(planted);
    // the planted token was ended at sign-in: it opens nothing, neither as the victim nor as the attacker
    expect((await app.request('/api/auth/me', { headers: { cookie: `op_session=${planted}` } })).status).toBe(401);
    const me = await app.request('/api/auth/me', { headers: { cookie: `op_session=${victim.cookies.op_session}` } });
    expect((await me.json()).user.email).toBe('designer@bank.example');
    // a made-up token planted before sign-in is never honoured either
    expect((await app.request('/api/plans', { headers: { cookie: 'op_session=ops_madeup' } })).status).toBe(401);
  });

  it('a session-authenticated write without the CSRF token → 403 csrf_token; with it → passes', async () => {
    const h = await browser('analyst@bank.example');
    const scenario = { name: 'csrf', baseNetwork: 'cert:628', added: [], closed: [], moved: [], params: {} };
    const noToken = await app.request('/api/scenarios', { method: 'POST', headers: { cookie: h.cookie, 'content-type': 'application/json' }, body: JSON.stringify(scenario) });
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('csrf_token');
    const ok = await app.request('/api/scenarios', { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify(scenario) });
    expect(ok.status).toBe(201);
  });

  it('password change: the old password stops working, other sessions end, the caller gets a rotated session', async () => {
    await store.create('pw@bank.example', PW, 'viewer');
    const other = await browser('pw@bank.example');
    const mine = await browser('pw@bank.example');
    const res = await app.request('/api/auth/password', { method: 'POST', headers: { ...mine, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: PW, newPassword: 'a much newer passphrase' }) });
    expect(res.status).toBe(200);
    const rotated = cookiesOf(res).op_session;
    expect(rotated).toBeTruthy();
    expect((await app.request('/api/auth/me', { headers: { cookie: other.cookie } })).status).toBe(401);
    expect((await app.request('/api/auth/me', { headers: { cookie: mine.cookie } })).status).toBe(401);
    expect((await app.request('/api/auth/me', { headers: { cookie: `op_session=${rotated}` } })).status).toBe(200);
    expect((await login('pw@bank.example')).res.status).toBe(401);
    expect((await login('pw@bank.example', 'a much newer passphrase')).res.status).toBe(200);
    const wrong = await app.request('/api/auth/password', { method: 'POST', headers: { cookie: `op_session=${rotated}`, 'x-csrf-token': (await res.json()).csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: 'not it at all', newPassword: 'whatever else entirely' }) });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.field).toBe('currentPassword');
  });
});

describe('brute force', () => {
  it(`${MAX_FAILED_LOGINS} wrong passwords lock the account for ${LOCKOUT_MS / 60_000} min — even the right password is refused; it opens again after`, async () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const clockDb = await openDatabase(':memory:');
    const s = new AccountStore(clockDb, () => now);
    try {
      await s.create('target@bank.example', PW, 'analyst');
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await s.login('target@bank.example', `guess number ${i}`)).ok).toBe(false);
      const fifth = await s.login('target@bank.example', 'guess number 5');
      expect(fifth).toEqual({ ok: false, reason: 'locked', retryAfterS: LOCKOUT_MS / 1000 });
      now += 60_000;
      expect(await s.login('target@bank.example', PW)).toEqual({ ok: false, reason: 'locked', retryAfterS: LOCKOUT_MS / 1000 - 60 });
      now += LOCKOUT_MS;
      expect((await s.login('target@bank.example', PW)).ok).toBe(true);
    } finally {
      clockDb.close();
    }
  });

  it('through the API: the lock answers 429 account_locked with Retry-After', async () => {
    await store.create('locked@bank.example', PW, 'viewer');
    const codes: number[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) codes.push((await login('locked@bank.example', `wrong password ${i}`)).res.status);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const right = await login('locked@bank.example');
    expect(right.res.status).toBe(429);
    expect(right.body.error.code).toBe('account_locked');
    expect(Number(right.res.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it(`password spraying: more than ${LOGIN_ATTEMPTS_PER_MINUTE} attempts a minute from one address → 429 rate_limited`, async () => {
    const fresh = await createTestDeps();
    try {
      const a = createApp({ ...fresh, config: { ...fresh.config, auth: 'accounts' } });
      const codes: number[] = [];
      for (let i = 0; i <= LOGIN_ATTEMPTS_PER_MINUTE; i++) {
        const r = await a.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `user${i}@bank.example`, password: 'spray spray spray' }) });
        codes.push(r.status);
      }
      expect(codes.slice(0, LOGIN_ATTEMPTS_PER_MINUTE).every((c) => c === 401)).toBe(true);
      expect(codes.at(-1)).toBe(429);
    } finally {
      fresh.db.close(); fresh.userDb.close();
    }
  });
});

describe('API tokens', () => {
  it('a token works as Bearer without a CSRF token; revoked or expired it is refused with 401', async () => {
    const h = await browser('analyst@bank.example');
    const issued = await app.request('/api/auth/token', { method: 'POST', headers: h });
    expect(issued.status).toBe(201);
    const { token, expiresAt } = await issued.json();
    expect(token).toMatch(/^opt_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await app.request('/api/auth/me', { headers: bearer });
    expect((await me.json()).user.email).toBe('analyst@bank.example');
    const score = await app.request('/api/sites/score', { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ sites: [{ id: 'a', lng: -73.9857, lat: 40.7484 }] }) });
    expect(score.status).toBe(200);
    // stored hashed: the token text is nowhere in the database
    const rows = await deps.userDb.all<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(rows.some((r) => r.token_hash.includes(token) || token.includes(r.token_hash))).toBe(false);
    // revoke
    await app.request('/api/auth/token', { method: 'DELETE', headers: h });
    expect((await app.request('/api/auth/me', { headers: bearer })).status).toBe(401);
  });

  it('an expired token → 401 naming why', async () => {
    const u = (await store.list()).find((x) => x.email === 'viewer@bank.example')!;
    const { token } = await store.issueApiToken(u.id, -1000); // expired a second ago
    const res = await app.request('/api/plans', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/expired/);
  });
});

describe('roles', () => {
  it('are cumulative on viewer: analyst and designer side by side, admin everything', () => {
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'analyst')).toBe(false);
    expect(roleAllows('analyst', 'viewer')).toBe(true);
    expect(roleAllows('analyst', 'designer')).toBe(false);
    expect(roleAllows('designer', 'analyst')).toBe(false);
    expect(roleAllows('designer', 'designer')).toBe(true);
    expect(roleAllows('admin', 'designer')).toBe(true);
    expect(roleAllows('designer', 'admin')).toBe(false);
  });

  it('users and audit: admin only; a user change is audited; the last admin cannot be removed', async () => {
    const viewer = await browser('viewer@bank.example');
    expect((await app.request('/api/users', { headers: viewer })).status).toBe(403);
    expect((await app.request('/api/audit.csv', { headers: viewer })).status).toBe(403);
    const admin = await browser('admin@bank.example');
    const created = await app.request('/api/users', { method: 'POST', headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new@bank.example', password: 'long enough pw', role: 'viewer' }) });
    expect(created.status).toBe(201);
    const u = await created.json();
    const put = await app.request(`/api/users/${u.id}`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'designer' }) });
    expect((await put.json()).role).toBe('designer');
    const adminId = (await store.list()).find((x) => x.email === 'admin@bank.example')!.id;
    const selfDemote = await app.request(`/api/users/${adminId}`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'viewer' }) });
    expect(selfDemote.status).toBe(409);
    const entries = (await (await app.request('/api/audit?entity=user', { headers: admin })).json()).entries;
    expect(entries.slice(0, 2).map((e: { action: string; detail: string; userEmail: string }) => [e.action, e.detail, e.userEmail])).toEqual([
      ['update', 'new@bank.example: role viewer → designer', 'admin@bank.example'],
      ['create', 'new@bank.example as viewer', 'admin@bank.example'],
    ]);
    const csv = await (await app.request('/api/audit.csv', { headers: admin })).text();
    expect(csv.split('\r\n')[0]).toBe('seq,at,user_id,user_email,action,entity,entity_id,detail');
    expect(csv).toContain(`,admin@bank.example,update,user,${u.id},new@bank.example: role viewer → designer`);
  });
});

describe('npm run user:create', () => {
  it('creates the first administrator from a password on stdin; the server then lets them in', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-user-'));
    const dbPath = path.join(dir, 'u.duckdb');
    try {
      const lines: string[] = [];
      const code = await runUserCreate(['--admin', '--email', 'it@bank.example', '--db', dbPath],
        { env: {}, stdin: Readable.from(['first admin password\n']), print: (l) => lines.push(l) });
      expect(code).toBe(0);
      expect(lines).toEqual(['Created admin it@bank.example. Start the server (npm start) and sign in.']);
      const short = await runUserCreate(['--role', 'viewer', '--email', 'v@bank.example', '--db', dbPath],
        { env: { OUTLET_PLANNER_PASSWORD: 'short' }, print: (l) => lines.push(l) });
      expect(short).toBe(1);
      expect(lines.at(-1)).toBe('Cannot create the account: password: at least 10 characters');
      const db = await openDatabase(dbPath);
      try {
        const s = new AccountStore(db);
        expect((await s.list()).map((u) => [u.email, u.role])).toEqual([['it@bank.example', 'admin']]);
        expect((await s.login('it@bank.example', 'first admin password')).ok).toBe(true);
      } finally {
        db.close();
      }
      expect(await runUserCreate(['--email', 'x@bank.example'], { env: {}, print: () => undefined })).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
