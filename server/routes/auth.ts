import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import type { AppContext } from '../services';
import { operation } from './operation';
import { validate } from '../validate';
import { AppError } from '../errors';
import { ROLES, SESSION_MAX_MS, type AccountStore } from '../auth/accounts';
import type { AuditLog } from '../auth/audit';
import { audit, CSRF_COOKIE, currentUser, SESSION_COOKIE } from '../auth/middleware';
import { WindowCounter } from '../http/rateLimit';

/**
 * Accounts (issue 11 item 1):
 * - `POST /auth/login` `{ email, password }` → `{ user, csrfToken }` + session cookie; 401 `bad_credentials`; 429
 *   `account_locked` / `rate_limited` with Retry-After. Single-user mode → 400 (no login there).
 * - `POST /auth/logout`, `GET /auth/me` → `{ mode, user, csrfToken? }`, `POST /auth/password`
 *   `{ currentPassword, newPassword }` (ends every other session and the API token, rotates this one).
 * - `POST /auth/token` → the caller's API token `{ token, expiresAt }` (shown once; replaces the old one),
 *   `DELETE /auth/token` revokes it.
 * - Admin: `GET|POST /users`, `PUT|DELETE /users/:id`, `GET /audit` (JSON) and `GET /audit.csv`.
 */

const loginBody = z.object({ email: z.string().max(254), password: z.string().max(1024) }).strict();
const passwordBody = z.object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }).strict();
const role = z.enum(ROLES);
const createUserBody = z.object({ email: z.string().max(254), password: z.string().max(1024), role }).strict();
const updateUserBody = z.object({ role: role.optional(), disabled: z.boolean().optional(), password: z.string().max(1024).optional() }).strict();
const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(10_000).optional(), before: z.coerce.number().int().min(1).optional(),
  entity: z.enum(['scenario', 'dataset', 'plan_version', 'user']).optional() });

/** Login attempts per client address: 30 a minute (password spraying across accounts; the per-account lockout is in AccountStore). */
export const LOGIN_ATTEMPTS_PER_MINUTE = 30;

const accountsOf = (c: Context) => c.get('accounts' as never) as AccountStore;
const auditOf = (c: Context) => c.get('audit' as never) as AuditLog;

function clientAddress(c: Context): string {
  try { return getConnInfo(c).remote.address ?? 'unknown'; } catch { return 'unknown'; }
}

function setSessionCookies(c: Context, sessionToken: string, csrfToken: string) {
  const secure = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  const maxAge = Math.floor(SESSION_MAX_MS / 1000);
  setCookie(c, SESSION_COOKIE, sessionToken, { httpOnly: true, sameSite: 'Strict', path: '/', secure, maxAge });
  setCookie(c, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'Strict', path: '/', secure, maxAge });
}

export function authRoutes(ctx: AppContext) {
  const perAddress = new WindowCounter(LOGIN_ATTEMPTS_PER_MINUTE, 60_000);
  const accountsMode = ctx.config.auth === 'accounts';
  return new Hono()
    .post('/auth/login', operation({ role: 'public', tag: 'auth', summary: 'Sign in (open without credentials) → { user, csrfToken } and the session cookie; 401 bad_credentials, 429 locked / rate limited' }), validate('json', loginBody), async (c) => {
      if (!accountsMode) throw new AppError(400, 'single_user', 'This server runs single-user on a loopback address: there is no login');
      const limited = perAddress.hit(clientAddress(c));
      if (!limited.allowed) {
        c.header('Retry-After', String(limited.retryAfterS));
        throw new AppError(429, 'rate_limited', `Too many sign-in attempts from this address: try again in ${limited.retryAfterS} s`);
      }
      const { email, password } = c.req.valid('json');
      const r = await accountsOf(c).login(email, password, getCookie(c, SESSION_COOKIE));
      if (!r.ok && r.reason === 'locked') {
        c.header('Retry-After', String(r.retryAfterS));
        throw new AppError(429, 'account_locked', `Too many wrong passwords: this account is locked for ${Math.ceil(r.retryAfterS / 60)} min`);
      }
      if (!r.ok) throw new AppError(401, 'bad_credentials', 'Wrong e-mail or password');
      setSessionCookies(c, r.sessionToken, r.csrfToken);
      return c.json({ user: r.user, csrfToken: r.csrfToken });
    })
    .post('/auth/logout', operation({ role: 'viewer', tag: 'auth', summary: 'Sign out: end this session' }), async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await accountsOf(c).endSession(token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      deleteCookie(c, CSRF_COOKIE, { path: '/' });
      return c.json({ signedOut: true });
    })
    .get('/auth/me', operation({ role: 'viewer', tag: 'auth', summary: 'Who is signed in: { mode, user, csrfToken }' }), (c) => c.json({ mode: ctx.config.auth, user: currentUser(c), csrfToken: (c.get('csrfToken' as never) as string | undefined) ?? null }))
    .post('/auth/password', operation({ role: 'viewer', tag: 'auth', summary: 'Change your password (ends your other sessions and your API token)' }), validate('json', passwordBody), async (c) => {
      const user = currentUser(c);
      if (user.id === 'local') throw new AppError(400, 'single_user', 'Single-user mode has no password');
      const { currentPassword, newPassword } = c.req.valid('json');
      const s = await accountsOf(c).changePassword(user.id, currentPassword, newPassword);
      if (c.get('authVia' as never) === 'session') setSessionCookies(c, s.sessionToken, s.csrfToken);
      await audit(c, 'update', 'user', user.id, 'password changed');
      return c.json({ changed: true, csrfToken: s.csrfToken });
    })
    .post('/auth/token', operation({ role: 'viewer', tag: 'auth', summary: 'Your API token for the CLI and notebooks (shown once; replaces the old one)', status: [201] }), async (c) => {
      const user = currentUser(c);
      if (user.id === 'local') throw new AppError(400, 'single_user', 'Single-user mode needs no API token');
      return c.json(await accountsOf(c).issueApiToken(user.id), 201);
    })
    .delete('/auth/token', operation({ role: 'viewer', tag: 'auth', summary: 'Revoke your API token' }), async (c) => {
      const user = currentUser(c);
      return c.json({ revoked: await accountsOf(c).revokeApiToken(user.id) });
    })
    // ── administration ──
    .get('/users', operation({ role: 'admin', tag: 'auth', summary: 'Users and their roles' }), async (c) => {
      return c.json({ users: await accountsOf(c).list() });
    })
    .post('/users', operation({ role: 'admin', tag: 'auth', summary: 'Create a user with a role', status: [201] }), validate('json', createUserBody), async (c) => {
      const b = c.req.valid('json');
      const u = await accountsOf(c).create(b.email, b.password, b.role);
      await audit(c, 'create', 'user', u.id, `${u.email} as ${u.role}`);
      return c.json(u, 201);
    })
    .put('/users/:id', operation({ role: 'admin', tag: 'auth', summary: 'Change a user\'s role, disable or enable them, or reset their password' }), validate('json', updateUserBody), async (c) => {
      const id = c.req.param('id');
      const b = c.req.valid('json');
      const before = await accountsOf(c).get(id);
      if (!before) throw new AppError(404, 'not_found', `No user "${id}"`);
      if (b.password !== undefined) await accountsOf(c).setPassword(id, b.password);
      const after = (await accountsOf(c).update(id, { role: b.role, disabled: b.disabled }))!;
      const changes = [before.role !== after.role ? `role ${before.role} → ${after.role}` : '',
        before.disabled !== after.disabled ? (after.disabled ? 'disabled' : 'enabled') : '', b.password !== undefined ? 'password reset' : ''].filter(Boolean);
      if (changes.length) await audit(c, 'update', 'user', id, `${after.email}: ${changes.join(', ')}`);
      return c.json(after);
    })
    .delete('/users/:id', operation({ role: 'admin', tag: 'auth', summary: 'Delete a user' }), async (c) => {
      const id = c.req.param('id');
      const before = await accountsOf(c).get(id);
      if (!before || !(await accountsOf(c).remove(id))) throw new AppError(404, 'not_found', `No user "${id}"`);
      await audit(c, 'delete', 'user', id, before.email);
      return c.json({ deleted: id });
    })
    .get('/audit', operation({ role: 'admin', tag: 'auth', summary: 'The audit log (who created, changed or deleted what)' }), validate('query', auditQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json({ entries: await auditOf(c).list({ limit: q.limit, beforeSeq: q.before, entity: q.entity }) });
    })
    .get('/audit.csv', operation({ role: 'admin', tag: 'auth', summary: 'The audit log as CSV', produces: ['text/csv'] }), async (c) => {
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', 'attachment; filename="outlet-planner-audit.csv"');
      return c.body(await auditOf(c).csv());
    });
}
