import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getJson, postJson, query } from './http';

afterEach(() => vi.unstubAllGlobals());

describe('http helper', () => {
  it('returns typed JSON and posts JSON bodies', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response(JSON.stringify({ ok: 1 }), { status: 200 });
    });
    expect(await getJson<{ ok: number }>('/api/health')).toEqual({ ok: 1 });
    await postJson('/api/sites/score', { sites: [] });
    expect(calls[1][1]?.method).toBe('POST');
    expect(calls[1][1]?.body).toBe('{"sites":[]}');
  });
  it("throws the server's problem message and field", async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ error: { code: 'bad_request', message: 'sites.0.lat: Too big', field: 'sites.0.lat' } }), { status: 400 }));
    const err = await postJson('/api/sites/score', {}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'bad_request', message: 'sites.0.lat: Too big', field: 'sites.0.lat' });
  });
  it('names the request when the body is not a problem JSON', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(getJson('/api/x')).rejects.toThrow('GET /api/x failed: HTTP 502 Bad Gateway');
  });
  it('builds query strings from defined values only', () => {
    expect(query({ bbox: '-74,40,-73,41', network: undefined, n: 3 })).toBe('?bbox=-74%2C40%2C-73%2C41&n=3');
    expect(query({})).toBe('');
  });
});
