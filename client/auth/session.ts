import type { MeResponse } from '../../core/api/roles';
import { ApiError, api, ok } from '../api/http';

/** Cookie the server sets beside the session with its CSRF token (readable by the page on purpose). */
const CSRF_COOKIE = 'op_csrf';
/** Event dispatched on `window` when an /api call answers 401 (session ended): the app shows the sign-in page. */
export const UNAUTHENTICATED_EVENT = 'op:unauthenticated';

/** The CSRF token of the current session (from its cookie), or null. */
export function csrfToken(): string | null {
  const m = document.cookie.split(/;\s*/).find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return m ? decodeURIComponent(m.slice(CSRF_COOKIE.length + 1)) : null;
}

let installed = false;

/**
 * Wrap `window.fetch` once so that every same-origin state-changing request (POST, PUT, DELETE …) carries the
 * session's CSRF token in `X-CSRF-Token` — whichever module sends it (the API helpers, the typed client) — and so
 * that a 401 from /api (a session that ended) raises {@link UNAUTHENTICATED_EVENT}.
 */
export function installSessionFetch(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  const original = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const sameOrigin = url.origin === location.origin;
    let req = init;
    const token = csrfToken();
    if (sameOrigin && token && !['GET', 'HEAD', 'OPTIONS'].includes(method)) {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set('X-CSRF-Token', token);
      req = { ...init, headers };
    }
    const res = await original(input, req);
    if (res.status === 401 && sameOrigin && url.pathname.startsWith('/api/') && url.pathname !== '/api/auth/login' && url.pathname !== '/api/auth/me') {
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    }
    return res;
  };
}

/** Who is signed in, or null when the server needs a sign-in (401). */
export async function fetchMe(): Promise<MeResponse | null> {
  try {
    return await ok(api.auth.me.$get());
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Sign in. @throws ApiError (401 bad_credentials, 429 account_locked / rate_limited) with the server's message. */
export function signIn(email: string, password: string): Promise<unknown> {
  return ok(api.auth.login.$post({ json: { email, password } }));
}

export function signOut(): Promise<unknown> {
  return ok(api.auth.logout.$post());
}

/** Change the password (the session is rotated by the server). */
export function changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
  return ok(api.auth.password.$post({ json: { currentPassword, newPassword } }));
}

/** A new API token for the CLI and notebooks (shown once). */
export function createApiToken(): Promise<{ token: string; expiresAt: string }> {
  return ok(api.auth.token.$post());
}
