/**
 * Helpers for the robustness (bad-input) tests: requests through `app.request` on an app from
 * {@link createTestApp}, and assertions for the project's error contract — a 400 whose Problem body names the
 * bad field (`error.field` / `error.issues[].path`) and never a 500.
 */
import { expect } from 'vitest';
import type { createTestApp } from '../testing/testApp';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export interface Reply { status: number; body: any; text: string; ms: number }

/** Send a request; `body` is JSON-encoded unless `raw` is given. */
export async function send(t: TestApp, method: string, path: string, body?: unknown,
  opts: { raw?: string; contentType?: string } = {}): Promise<Reply> {
  const payload = opts.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const headers: Record<string, string> = payload === undefined ? {} : { 'content-type': opts.contentType ?? 'application/json' };
  const t0 = performance.now();
  const res = await t.app.request(path, { method, headers, body: payload });
  const text = await res.text();
  const ms = performance.now() - t0;
  let parsed: unknown = undefined;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, text, ms };
}

export const post = (t: TestApp, path: string, body: unknown, opts?: { raw?: string; contentType?: string }) => send(t, 'POST', path, body, opts);
export const get = (t: TestApp, path: string) => send(t, 'GET', path);

/** Every field path the Problem body names (`error.field` and each `error.issues[].path`). */
export function namedFields(r: Reply): string[] {
  const e = r.body?.error ?? {};
  return [e.field, ...(e.issues ?? []).map((i: { path: string }) => i.path)].filter((x): x is string => typeof x === 'string');
}

/**
 * Assert a 400 whose body names `field` (exactly, in `error.field` or an issue path) and whose message is
 * non-empty. `field` may be a RegExp for index-dependent paths.
 */
export function expect400(r: Reply, field: string | RegExp): void {
  expect(r.status, `expected 400, got ${r.status}: ${r.text.slice(0, 300)}`).toBe(400);
  expect(r.body?.error?.message, r.text.slice(0, 300)).toEqual(expect.any(String));
  const fields = namedFields(r);
  const hit = fields.some((f) => (typeof field === 'string' ? f === field : field.test(f)));
  expect(hit, `400 should name ${String(field)}; named ${JSON.stringify(fields)}; message: ${r.body?.error?.message}`).toBe(true);
}

/** Deeply nested JSON array text: `[[[…]]]` with `depth` levels (≈ 2·depth bytes). */
export const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
