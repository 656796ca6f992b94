import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OFF_THREAD_MIN_BODY_BYTES, validate, validateBodyText, validateJsonOffThread } from './validate';

const app = new Hono().post('/echo', validate('json', z.object({ n: z.number().default(0) })), (c) => c.json(c.req.valid('json')));
const send = (body: string | undefined, contentType?: string) =>
  app.request('/echo', { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {} });

describe("validate('json', …): Content-Type", () => {
  it('application/json, with a charset, and +json media types are read', async () => {
    for (const ct of ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/geo+json']) {
      const r = await send('{"n":3}', ct);
      expect(r.status, ct).toBe(200);
      expect(await r.json()).toEqual({ n: 3 });
    }
  });
  it('a JSON body sent as text/plain or a form → 415 naming the Content-Type (not a 400 about missing fields)', async () => {
    for (const ct of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      const r = await send('{"n":"x"}', ct);
      expect(r.status, ct).toBe(415);
      const body = await r.json() as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unsupported_media_type');
      expect(body.error.message).toContain(`Content-Type "${ct}"`);
    }
  });
  it('no Content-Type and no body is validated as {} (defaults apply)', async () => {
    const r = await send(undefined);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ n: 0 });
  });
});

describe('validateJsonOffThread: large bodies validated by the given function (the compute pool in the server)', () => {
  const schema = z.object({ sites: z.array(z.object({ id: z.string(), lat: z.number().min(-90).max(90) })) });
  let offThreadCalls = 0;
  const offApp = new Hono()
    .onError((err, c) => c.json({ error: { code: 'http_error', message: err.message } }, 400))
    .post('/echo', validateJsonOffThread(schema, async (_c, text) => { offThreadCalls++; return validateBodyText(schema, text); }), (c) => c.json({ n: c.req.valid('json').sites.length }));
  const inlineApp = new Hono().post('/echo', validate('json', schema), (c) => c.json({ n: c.req.valid('json').sites.length }));
  /** `n` sites (each ≈ 30 bytes), the last one with latitude `lastLat`. */
  const body = (n: number, lastLat: number) => JSON.stringify({ sites: Array.from({ length: n }, (_, k) => ({ id: `site-${k}`, lat: k === n - 1 ? lastLat : 40.5 })) });
  const post = (a: Hono, text: string) => a.request('/echo', { method: 'POST', body: text, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } });

  it(`a body of ${OFF_THREAD_MIN_BODY_BYTES} bytes or more goes off the thread; the answers are those of validate('json', …)`, async () => {
    const big = body(20_000, 40.7);
    expect(Buffer.byteLength(big)).toBeGreaterThan(OFF_THREAD_MIN_BODY_BYTES);
    offThreadCalls = 0;
    const r = await post(offApp, big);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ n: 20_000 });
    expect(offThreadCalls).toBe(1);
    // a bad latitude in the last site: the same 400 naming sites.19999.lat
    const bad = body(20_000, 91);
    const [off, inline] = [await post(offApp, bad), await post(inlineApp, bad)];
    expect(offThreadCalls).toBe(2);
    expect([off.status, inline.status]).toEqual([400, 400]);
    const offBody = await off.json() as { error: { field: string } };
    expect(offBody.error.field).toBe('sites.19999.lat');
    expect(offBody).toEqual(await inline.json());
    // malformed JSON: 400
    const broken = await post(offApp, big.slice(0, -1));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toBe('Malformed JSON in request body');
  });

  it('a large body sent without a Content-Length (chunked) also goes off the thread; a small one is validated here', async () => {
    const chunked = (text: string) => offApp.request('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
      body: new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode(text)); ctl.close(); } }) } as RequestInit);
    offThreadCalls = 0;
    const big = await chunked(body(20_000, 40.7));
    expect(await big.json()).toEqual({ n: 20_000 });
    expect(offThreadCalls).toBe(1);
    const bad = await chunked(body(20_000, 91));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('sites.19999.lat');
    expect(offThreadCalls).toBe(2);
    const small = await chunked(body(3, 40.7));
    expect(await small.json()).toEqual({ n: 3 });
    const smallBad = await chunked(body(3, 91));
    expect(((await smallBad.json()) as { error: { field: string } }).error.field).toBe('sites.2.lat');
    expect(offThreadCalls).toBe(2);
  });

  it('a small body is validated here, as by validate()', async () => {
    offThreadCalls = 0;
    const r = await post(offApp, body(3, 40.7));
    expect(await r.json()).toEqual({ n: 3 });
    expect(offThreadCalls).toBe(0);
  });
});
