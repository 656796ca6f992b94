/**
 * The client's one way to the server: {@link api}, Hono's typed client over the server's routes (`hc<AppType>`,
 * server/app.ts), so every call's path, parameters, body and answer are type-checked against the routes. Unwrap a
 * call with {@link ok}: the answer's JSON, typed by the route; on a non-2xx answer an {@link ApiError} carrying the
 * server's problem message (`{ error: { code, message, field? } }`, see server/errors.ts).
 *
 *     const body = await ok(api.sites.score.$post({ json: req }, { init: { signal } }));
 *
 * Path parameters are passed as they go in the URL: encode them (`{ param: { id: enc(id) } }`).
 */
import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../server/app';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `METHOD url` of each answered request, for error messages. */
const requestOf = new WeakMap<Response, string>();

/** Attempts of one request refused because the caller's computations are at their limit (429) or the server is busy (503). */
export const BUSY_ATTEMPTS = 8;

/**
 * How long to wait before asking again after a refusal, or null not to: only the compute limits are retried — 429
 * `too_many_requests` (this user already has 4 computations running, e.g. a reload while the previous page's are still
 * finishing: on a busy machine their cancellation can take several seconds) and 503 `overloaded` — after `Retry-After`
 * seconds (at most 10) or 0.5, 1, 2, 4, 4 … s (about 20 s in all); never sign-in limits or
 * job quotas, and not after the last attempt (`attempt` counts from 1).
 */
export function busyRetryDelayMs(status: number, code: string | undefined, attempt: number, retryAfterS: number | null): number | null {
  if (attempt >= BUSY_ATTEMPTS) return null;
  if (!((status === 429 && code === 'too_many_requests') || (status === 503 && code === 'overloaded'))) return null;
  return retryAfterS != null && Number.isFinite(retryAfterS) && retryAfterS > 0 ? Math.min(retryAfterS, 10) * 1000 : Math.min(500 * 2 ** (attempt - 1), 4000);
}

/** Resolve after `ms`, or reject at once when `signal` aborts (as fetch does). */
function pause(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason); return; }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}

/**
 * Computations this page keeps in flight at most: one below the server's per-user limit (4 waiting or running,
 * server/work/computePool.ts `maxPerUser`), so a page that asks for several at once — a scenario link opens coverage,
 * detail and comparison requests for both maps — queues the rest here and starts each as soon as one ends, instead of
 * meeting 429s and retrying seconds later (a newcomer saw empty maps for 11 s). One left for the user's next action.
 */
export const MAX_COMPUTATIONS_IN_FLIGHT = 3;

/** The POST routes that run in the server's compute pool (server/routes/coverage.ts, sites.ts, standards.ts). */
const COMPUTE_ROUTE = /\/api\/(coverage(\/(detail|compare|walk))?|sites\/(score|sensitivity)|standards\/check)(\?|$)/;

/** True for a request that takes one of the server's per-user computation places. */
export function isComputation(method: string, url: string): boolean {
  return method.toUpperCase() === 'POST' && COMPUTE_ROUTE.test(url.replace(/^[a-z]+:\/\/[^/]+/i, ''));
}

/**
 * A counting semaphore: `acquire` resolves when fewer than `limit` holders remain (first come, first served) and
 * returns the release function; an aborted wait leaves the queue and rejects with the signal's reason.
 */
export function createLimiter(limit: number) {
  let held = 0;
  const waiting: { start: () => void; signal?: AbortSignal | null; onAbort?: () => void }[] = [];
  const release = () => {
    held--;
    const next = waiting.shift();
    if (next) next.start();
  };
  return {
    get held() { return held; },
    get waiting() { return waiting.length; },
    acquire(signal?: AbortSignal | null): Promise<() => void> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (held < limit) { held++; return Promise.resolve(once(release)); }
      return new Promise((resolve, reject) => {
        const w: (typeof waiting)[number] = { signal, start: () => { signal?.removeEventListener('abort', w.onAbort!); held++; resolve(once(release)); } };
        w.onAbort = () => { const i = waiting.indexOf(w); if (i >= 0) waiting.splice(i, 1); reject(signal!.reason); };
        signal?.addEventListener('abort', w.onAbort, { once: true });
        waiting.push(w);
      });
    },
  };
}

function once(f: () => void): () => void {
  let done = false;
  return () => { if (!done) { done = true; f(); } };
}

const computations = createLimiter(MAX_COMPUTATIONS_IN_FLIGHT);

/**
 * fetch for the typed client: asks for JSON, keeps at most {@link MAX_COMPUTATIONS_IN_FLIGHT} computations in flight,
 * asks again when the compute limits refuse the request (see {@link busyRetryDelayMs}), and turns a non-2xx answer into
 * an {@link ApiError}.
 */
async function apiFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (!isComputation(init?.method ?? 'GET', String(input))) return apiFetchNow(input, init);
  const release = await computations.acquire(init?.signal);
  // the server frees its place when the computation ends, before it answers: free ours when the answer arrives
  try { return await apiFetchNow(input, init); } finally { release(); }
}

async function apiFetchNow(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const what = `${(init?.method ?? 'GET').toUpperCase()} ${String(input)}`;
  const headers = new Headers(init?.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(input, { ...init, headers });
    if (res.ok) {
      requestOf.set(res, what);
      return res;
    }
    let body: unknown;
    try { body = JSON.parse(await res.text()); } catch { /* not JSON: fall through */ }
    const err = (body as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    const retryAfter = res.headers.get('Retry-After');
    const wait = busyRetryDelayMs(res.status, err?.code, attempt, retryAfter == null ? null : Number(retryAfter));
    if (wait != null) { await pause(wait, init?.signal); continue; }
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `${what} failed: HTTP ${res.status} ${res.statusText}`, err?.field);
  }
}

/** The typed API client: `api.<path segments>.$<method>(…)`, e.g. `api.plans[':id'].$get({ param: { id } })`. */
export const api = hc<AppType>('/', { fetch: apiFetch }).api;

/** The success body of a typed client call (what the route answers with a 2xx status). */
export type OkBody<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

/**
 * Await a typed client call and return its JSON body, typed by the route.
 * @throws ApiError with the server's message on a non-2xx answer, or `bad_response` when the answer is not JSON.
 */
export async function ok<R extends ClientResponse<unknown, number, 'json' | 'text' | string>>(call: Promise<R>): Promise<OkBody<R>> {
  const res = await call;
  const text = await res.text();
  try {
    if (text) return JSON.parse(text) as OkBody<R>;
  } catch { /* not JSON: fall through */ }
  throw new ApiError(res.status, 'bad_response', `${requestOf.get(res as unknown as Response) ?? 'request'}: the server did not answer with JSON`);
}

/** Encode a path parameter (ids such as `subway:127` or user-made plan names). */
export const enc = encodeURIComponent;
