import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import type { Database } from '../db/database';
import { AppError, badRequest } from '../errors';

/**
 * Accounts, sessions and API tokens, stored in the user database (`deps.userDb`, the same DuckDB as the rest).
 * The hard parts come from well-kept code: passwords are hashed with argon2id (`@node-rs/argon2`, its defaults =
 * OWASP's minimum: 19 MiB, 2 passes, computed off the event loop), tokens are 256 random bits from node:crypto and
 * only their SHA-256 is stored, so a copy of the database lets nobody in.
 */

export { ROLES, roleAllows, type Role } from '../../core/api/roles';
import type { Role, SessionUser } from '../../core/api/roles';
import { ROLES } from '../../core/api/roles';

/** A signed-in caller. */
export type User = SessionUser;

/** How a request was authenticated (`local`: single-user mode, no login). */
export type AuthVia = 'session' | 'token' | 'local';

/** The caller in single-user mode (loopback bind without AUTH=on): acts as the administrator. */
export const LOCAL_USER: User = { id: 'local', email: 'local', role: 'admin' };

/** Session lifetime: ends 12 h after its last use, and at the latest 7 days after sign-in. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_MAX_MS = 7 * 24 * 3_600_000;
/** API token lifetime (default): 90 days. */
export const API_TOKEN_TTL_MS = 90 * 24 * 3_600_000;
/** Brute-force lockout: after this many wrong passwords in a row an account is locked for LOCKOUT_MS. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Password length bounds (characters). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = (prefix: string) => prefix + randomBytes(32).toString('base64url');
const iso = (ms: number) => new Date(ms).toISOString();

interface UserRow { id: string; email: string; password_hash: string; role: Role; created_at: string; disabled: boolean; failed_logins: number; locked_until: string | null }

/** Public view of an account (no hash). */
export interface AccountDto { id: string; email: string; role: Role; createdAt: string; disabled: boolean; lockedUntil: string | null }

const toDto = (r: UserRow): AccountDto => ({ id: r.id, email: r.email, role: r.role, createdAt: r.created_at, disabled: r.disabled,
  lockedUntil: r.locked_until && Date.parse(r.locked_until) > Date.now() ? r.locked_until : null });

/** Normalise an e-mail for lookup (trimmed, lower-case). @throws 400 naming `email` when it is not one. */
export function normaliseEmail(email: string, field = 'email'): string {
  const e = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(e) || e.length > 254) throw badRequest(`${field}: not an e-mail address`, field);
  return e;
}

/** @throws 400 naming `field` when the password is too short or too long. */
export function checkPasswordPolicy(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN) throw badRequest(`${field}: at least ${PASSWORD_MIN} characters`, field);
  if (password.length > PASSWORD_MAX) throw badRequest(`${field}: at most ${PASSWORD_MAX} characters`, field);
}

/** Result of a login attempt. */
export type LoginResult =
  | { ok: true; user: User; sessionToken: string; csrfToken: string }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'locked'; retryAfterS: number };

/**
 * The account store of one app (built in createApp). Tables are created on first use:
 * `users`, `sessions` (token hash → user, CSRF token, expiry), `api_tokens` (one per user).
 */
export class AccountStore {
  private ready: Promise<void> | undefined;
  /** A hash computed once per store, verified against on unknown e-mails so that timing does not tell which accounts exist. */
  private dummyHash: Promise<string> | undefined;
  /** `now()` is injectable so tests can move time (expired sessions and tokens, lockout end). */
  constructor(readonly db: Database, readonly now: () => number = Date.now) {}

  /** Create the tables if missing. */
  init(): Promise<void> {
    this.ready ??= (async () => {
      await this.db.run(`CREATE TABLE IF NOT EXISTS users (id VARCHAR PRIMARY KEY, email VARCHAR NOT NULL UNIQUE,
        password_hash VARCHAR NOT NULL, role VARCHAR NOT NULL, created_at VARCHAR NOT NULL, disabled BOOLEAN NOT NULL DEFAULT false,
        failed_logins INTEGER NOT NULL DEFAULT 0, locked_until VARCHAR)`);
      await this.db.run(`CREATE TABLE IF NOT EXISTS sessions (token_hash VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL,
        csrf_token VARCHAR NOT NULL, created_at VARCHAR NOT NULL, expires_at VARCHAR NOT NULL)`);
      await this.db.run(`CREATE TABLE IF NOT EXISTS api_tokens (token_hash VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL,
        created_at VARCHAR NOT NULL, expires_at VARCHAR NOT NULL)`);
    })();
    this.ready.catch(() => { this.ready = undefined; });
    return this.ready;
  }

  /** Number of accounts (0 on a fresh install). */
  async count(): Promise<number> {
    await this.init();
    return Number((await this.db.all<{ n: bigint }>('SELECT count(*) AS n FROM users'))[0].n);
  }

  async list(): Promise<AccountDto[]> {
    await this.init();
    return (await this.db.all<UserRow>('SELECT * FROM users ORDER BY created_at, email')).map(toDto);
  }

  async get(id: string): Promise<AccountDto | null> {
    await this.init();
    const r = await this.db.all<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return r.length ? toDto(r[0]) : null;
  }

  /**
   * Create an account. @throws 400 naming `email` / `password` / `role`, 409 `email_taken`.
   */
  async create(email: string, password: string, role: Role): Promise<AccountDto> {
    await this.init();
    const e = normaliseEmail(email);
    checkPasswordPolicy(password);
    if (!ROLES.includes(role)) throw badRequest(`role: one of ${ROLES.join(', ')}`, 'role');
    if ((await this.db.all('SELECT 1 FROM users WHERE email = $1', [e])).length) throw new AppError(409, 'email_taken', `An account for ${e} exists already`, { field: 'email' });
    const id = randomUUID();
    await this.db.run('INSERT INTO users (id, email, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5)',
      [id, e, await argon2Hash(password), role, iso(this.now())]);
    return (await this.get(id))!;
  }

  /** Change role and/or disabled; refuses to leave the install without an active administrator (409). */
  async update(id: string, change: { role?: Role; disabled?: boolean }): Promise<AccountDto | null> {
    await this.init();
    const before = await this.get(id);
    if (!before) return null;
    const after = { role: change.role ?? before.role, disabled: change.disabled ?? before.disabled };
    if (before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled)) await this.assertAnotherAdmin(id);
    await this.db.run('UPDATE users SET role = $2, disabled = $3 WHERE id = $1', [id, after.role, after.disabled]);
    if (after.disabled) await this.revokeAll(id);
    return this.get(id);
  }

  /** Delete an account with its sessions and token; the last active administrator cannot be deleted (409). */
  async remove(id: string): Promise<boolean> {
    await this.init();
    const before = await this.get(id);
    if (!before) return false;
    if (before.role === 'admin' && !before.disabled) await this.assertAnotherAdmin(id);
    await this.revokeAll(id);
    await this.db.run('DELETE FROM users WHERE id = $1', [id]);
    return true;
  }

  private async assertAnotherAdmin(id: string): Promise<void> {
    const r = await this.db.all<{ n: bigint }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1`, [id]);
    if (Number(r[0].n) === 0) throw new AppError(409, 'last_admin', 'This is the only active administrator: make another account admin first');
  }

  /** End every session and the API token of a user. */
  async revokeAll(userId: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE user_id = $1', [userId]);
    await this.db.run('DELETE FROM api_tokens WHERE user_id = $1', [userId]);
  }

  /**
   * Check e-mail and password. Success resets the failure count and opens a NEW session (fresh random token, so a
   * token planted before sign-in is worthless: no session fixation). The `previousSessionToken` the browser sent,
   * if any, is ended. Failures count per account; the MAX_FAILED_LOGINS-th locks it for LOCKOUT_MS — a locked account
   * is refused even with the right password until then.
   */
  async login(email: string, password: string, previousSessionToken?: string): Promise<LoginResult> {
    await this.init();
    if (previousSessionToken) await this.endSession(previousSessionToken);
    let e: string;
    try { e = normaliseEmail(email); } catch { e = ''; }
    const rows = e ? await this.db.all<UserRow>('SELECT * FROM users WHERE email = $1', [e]) : [];
    const row = rows[0];
    if (!row) {
      this.dummyHash ??= argon2Hash(randomBytes(16).toString('hex'));
      await argon2Verify(await this.dummyHash, password).catch(() => false);
      return { ok: false, reason: 'bad_credentials' };
    }
    const now = this.now();
    if (row.locked_until && Date.parse(row.locked_until) > now) {
      return { ok: false, reason: 'locked', retryAfterS: Math.ceil((Date.parse(row.locked_until) - now) / 1000) };
    }
    const good = password.length <= PASSWORD_MAX && await argon2Verify(row.password_hash, password).catch(() => false);
    if (!good || row.disabled) {
      if (!good) {
        const failed = row.failed_logins + 1;
        const lock = failed >= MAX_FAILED_LOGINS;
        await this.db.run('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1',
          [row.id, lock ? 0 : failed, lock ? iso(now + LOCKOUT_MS) : null]);
        if (lock) return { ok: false, reason: 'locked', retryAfterS: Math.ceil(LOCKOUT_MS / 1000) };
      }
      return { ok: false, reason: 'bad_credentials' };
    }
    await this.db.run('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [row.id]);
    const { sessionToken, csrfToken } = await this.openSession(row.id);
    return { ok: true, user: { id: row.id, email: row.email, role: row.role }, sessionToken, csrfToken };
  }

  private async openSession(userId: string): Promise<{ sessionToken: string; csrfToken: string }> {
    const sessionToken = newToken('ops_');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.now();
    await this.db.run('INSERT INTO sessions VALUES ($1, $2, $3, $4, $5)', [sha256(sessionToken), userId, csrfToken, iso(now), iso(now + SESSION_IDLE_MS)]);
    return { sessionToken, csrfToken };
  }

  /**
   * The user behind a session token, or null (unknown, expired, disabled). A session in use is extended to
   * SESSION_IDLE_MS from now (written at most every 10 minutes), never beyond SESSION_MAX_MS after sign-in.
   */
  async sessionUser(token: string): Promise<{ user: User; csrfToken: string } | null> {
    await this.init();
    const r = await this.db.all<UserRow & { csrf_token: string; s_created: string; expires_at: string }>(
      `SELECT u.*, s.csrf_token, s.created_at AS s_created, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, [sha256(token)]);
    const row = r[0];
    const now = this.now();
    if (!row || row.disabled || Date.parse(row.expires_at) <= now) {
      if (row) await this.endSession(token);
      return null;
    }
    const extended = Math.min(now + SESSION_IDLE_MS, Date.parse(row.s_created) + SESSION_MAX_MS);
    if (extended - Date.parse(row.expires_at) > 10 * 60_000) {
      await this.db.run('UPDATE sessions SET expires_at = $2 WHERE token_hash = $1', [sha256(token), iso(extended)]);
    }
    return { user: { id: row.id, email: row.email, role: row.role }, csrfToken: row.csrf_token };
  }

  async endSession(token: string): Promise<void> {
    await this.init();
    await this.db.run('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
  }

  /**
   * Change a password after checking the current one: every other session and the API token of the user end, and
   * the caller gets a fresh session (rotation). @throws 400 naming `currentPassword` / `newPassword`.
   */
  async changePassword(userId: string, current: string, next: string): Promise<{ sessionToken: string; csrfToken: string }> {
    await this.init();
    const r = await this.db.all<UserRow>('SELECT * FROM users WHERE id = $1', [userId]);
    if (!r.length || !(await argon2Verify(r[0].password_hash, current).catch(() => false))) throw badRequest('currentPassword: wrong password', 'currentPassword');
    checkPasswordPolicy(next, 'newPassword');
    await this.db.run('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, await argon2Hash(next)]);
    await this.revokeAll(userId);
    return this.openSession(userId);
  }

  /** Set a password without the old one (administrator reset, CLI); ends the user's sessions and token. */
  async setPassword(userId: string, password: string): Promise<void> {
    await this.init();
    checkPasswordPolicy(password);
    await this.db.run('UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1', [userId, await argon2Hash(password)]);
    await this.revokeAll(userId);
  }

  /**
   * Issue the user's API token (for the CLI and notebooks: `Authorization: Bearer <token>`), replacing any earlier
   * one. The token is shown once; only its hash is kept. @returns the token and its expiry (ISO).
   */
  async issueApiToken(userId: string, ttlMs = API_TOKEN_TTL_MS): Promise<{ token: string; expiresAt: string }> {
    await this.init();
    const token = newToken('opt_');
    const now = this.now();
    await this.db.run('DELETE FROM api_tokens WHERE user_id = $1', [userId]);
    await this.db.run('INSERT INTO api_tokens VALUES ($1, $2, $3, $4)', [sha256(token), userId, iso(now), iso(now + ttlMs)]);
    return { token, expiresAt: iso(now + ttlMs) };
  }

  async revokeApiToken(userId: string): Promise<boolean> {
    await this.init();
    const had = (await this.db.all('SELECT 1 FROM api_tokens WHERE user_id = $1', [userId])).length > 0;
    await this.db.run('DELETE FROM api_tokens WHERE user_id = $1', [userId]);
    return had;
  }

  /** The user behind an API token, or null (unknown, expired, disabled account). */
  async tokenUser(token: string): Promise<User | null> {
    await this.init();
    const r = await this.db.all<UserRow & { expires_at: string }>(
      'SELECT u.*, t.expires_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1', [sha256(token)]);
    const row = r[0];
    if (!row || row.disabled || Date.parse(row.expires_at) <= this.now()) return null;
    return { id: row.id, email: row.email, role: row.role };
  }
}

/** Constant-time string comparison (CSRF token check). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
