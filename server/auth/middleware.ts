import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Problem } from '../errors';
import { AppError } from '../errors';
import { LOCAL_USER, roleAllows, sameSecret, type AccountStore, type AuthVia, type Role, type User } from './accounts';
import type { AuditLog } from './audit';

/** Cookie holding the session token (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'op_session';
/** Cookie holding the session's CSRF token, readable by the page so it can echo it in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'op_csrf';
/** Header the page sends the CSRF token in on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

/** What {@link authenticate} puts on the context (`c.var`). */
export interface AuthVariables {
  /** The caller; absent only on public routes in accounts mode without credentials. */
  user?: User;
  authVia?: AuthVia;
  /** The session's CSRF token (session-authenticated requests). */
  csrfToken?: string;
  /** This app's account store and audit log (services built in createApp). */
  accounts: AccountStore;
  audit: AuditLog;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Identify the caller (after the Host and body-size checks, before everything else):
 * - single-user mode: every request is the local administrator ({@link LOCAL_USER}).
 * - accounts mode: `Authorization: Bearer <API token>` or the session cookie. An /api request without valid
 *   credentials → 401 `unauthenticated` (except the routes declared `operation({ role: 'public' })`, `isPublic`); pages and assets stay public (the login page
 *   is part of the app). A session-authenticated state-changing request must echo the session's CSRF token in
 *   `X-CSRF-Token` → else 403 `csrf_token` (API-token callers are not ambient credentials and need none).
 */
export function authenticate(opts: { mode: 'accounts' | 'single-user'; accounts: AccountStore; audit: AuditLog;
  /** Routes open without credentials (server/routes/operation.ts publicRoutes: health and sign-in). */
  isPublic: (method: string, path: string) => boolean }): MiddlewareHandler<{ Variables: AuthVariables }> {
  const isPublicRoute = opts.isPublic;
  return async (c, next) => {
    c.set('accounts', opts.accounts);
    c.set('audit', opts.audit);
    if (opts.mode === 'single-user') {
      c.set('user', LOCAL_USER);
      c.set('authVia', 'local');
      return next();
    }
    const isApi = c.req.path === '/api' || c.req.path.startsWith('/api/');
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const cookie = getCookie(c, SESSION_COOKIE);
    if (bearer) {
      const user = await opts.accounts.tokenUser(bearer);
      if (user) { c.set('user', user); c.set('authVia', 'token'); }
      else if (isApi && !isPublicRoute(c.req.method, c.req.path)) return unauthenticated(c, 'The API token is unknown, revoked or expired');
    } else if (cookie) {
      const s = await opts.accounts.sessionUser(cookie);
      if (s) { c.set('user', s.user); c.set('authVia', 'session'); c.set('csrfToken', s.csrfToken); }
    }
    if (!c.get('user')) {
      if (isApi && !isPublicRoute(c.req.method, c.req.path)) {
        return unauthenticated(c, cookie ? 'Your session has ended: sign in again' : 'Sign in first (a session, or Authorization: Bearer <API token>)');
      }
      return next();
    }
    if (c.get('authVia') === 'session' && !SAFE.has(c.req.method) && !isPublicRoute(c.req.method, c.req.path)) {
      const sent = c.req.header(CSRF_HEADER) ?? '';
      if (!sameSecret(sent, c.get('csrfToken') ?? '')) {
        return c.json({ error: { code: 'csrf_token', message: 'Missing or wrong X-CSRF-Token header: reload the page' } } satisfies Problem, 403);
      }
    }
    return next();
  };
}

function unauthenticated(c: Context, message: string) {
  c.header('WWW-Authenticate', 'Bearer realm="outlet-planner"');
  return c.json({ error: { code: 'unauthenticated', message } } satisfies Problem, 401);
}

/** The caller of a request that passed {@link authenticate} on a non-public route. @throws 401 when there is none. */
export function currentUser(c: Context): User {
  const u = c.get('user' as never) as User | undefined;
  if (!u) throw new AppError(401, 'unauthenticated', 'Sign in first');
  return u;
}

/** Messages saying why a role may not do something (also shown by the UI, see client/i18n). */
export const ROLE_NEEDED: Record<Role, string> = {
  viewer: 'any signed-in user',
  analyst: 'an analyst (scenarios, optimisation, dataset imports, model refits)',
  designer: 'a designer (floor plans and their versions, saved sites)',
  admin: 'an administrator (users and roles, audit log, pruning)',
};

/** @throws 403 `forbidden` naming the role needed when the caller's role does not include `need`. */
export function assertRole(c: Context, need: Role): void {
  const u = currentUser(c);
  if (!roleAllows(u.role, need)) {
    throw new AppError(403, 'forbidden', `${c.req.method} ${c.req.path} needs ${ROLE_NEEDED[need]}; you are signed in as ${u.role}`);
  }
}

/** Append an audit entry for the request's caller. */
export async function audit(c: Context, ...entry: Parameters<AuditLog['record']> extends [User, ...infer R] ? R : never): Promise<void> {
  const log = c.get('audit' as never) as AuditLog | undefined;
  if (log) await log.record(currentUser(c), ...entry);
}
