/**
 * The one fetch helper for the client: typed JSON in and out; on a non-2xx answer it throws an {@link ApiError}
 * carrying the server's problem message (`{ error: { code, message, field? } }`, see server/errors.ts).
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

async function parse<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: fall through */
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `${what} failed: HTTP ${res.status} ${res.statusText}`, err?.field);
  }
  if (body === undefined) throw new ApiError(res.status, 'bad_response', `${what}: the server did not answer with JSON`);
  return body as T;
}

/** GET `url` and return its JSON body. @throws ApiError with the server's message on failure. */
export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  return parse<T>(res, `GET ${url}`);
}

/** POST `body` as JSON to `url` and return the JSON answer. @throws ApiError with the server's message on failure. */
export async function postJson<T>(url: string, body: unknown, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...init?.headers },
    body: JSON.stringify(body),
  });
  return parse<T>(res, `POST ${url}`);
}

/** Build a query string from defined values (`{ bbox: '1,2,3,4', network: undefined }` → `?bbox=1%2C2%2C3%2C4`). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
