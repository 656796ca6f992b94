import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validate } from './validate';

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
