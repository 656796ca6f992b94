import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, ok } from './http';
import { fetchOutlets } from './sites';

afterEach(() => vi.unstubAllGlobals());

describe('typed API client', () => {
  it('returns typed JSON and posts JSON bodies', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response(JSON.stringify({ ok: 1 }), { status: 200 });
    });
    expect(await ok(api.health.$get())).toEqual({ ok: 1 });
    expect(calls[0][0]).toBe('/api/health');
    expect(new Headers(calls[0][1]?.headers).get('Accept')).toBe('application/json');
    await ok(api.sites.score.$post({ json: { sites: [] } }));
    expect(calls[1][0]).toBe('/api/sites/score');
    expect(calls[1][1]?.method).toBe('POST');
    expect(calls[1][1]?.body).toBe('{"sites":[]}');
    expect(new Headers(calls[1][1]?.headers).get('Content-Type')).toBe('application/json');
  });
  it("throws the server's problem message and field", async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ error: { code: 'bad_request', message: 'sites.0.lat: Too big', field: 'sites.0.lat' } }), { status: 400 }));
    const err = await ok(api.sites.score.$post({ json: {} })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'bad_request', message: 'sites.0.lat: Too big', field: 'sites.0.lat' });
  });
  it('names the request when the body is not a problem JSON, or a 2xx body is not JSON', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(ok(api.health.$get())).rejects.toThrow('GET /api/health failed: HTTP 502 Bad Gateway');
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 200 }));
    await expect(ok(api.datasets.$get())).rejects.toMatchObject({ code: 'bad_response', message: 'GET /api/datasets: the server did not answer with JSON' });
  });
  it('builds query strings from defined values only, and encodes path parameters', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => { urls.push(url); return new Response('{"outlets":[]}', { status: 200 }); });
    await fetchOutlets([-74, 40, -73, 41]);
    expect(urls[0]).toBe('/api/outlets?bbox=-74%2C40%2C-73%2C41&limit=100000');
    await ok(api.basemap.$get());
    expect(urls[1]).toBe('/api/basemap');
    await ok(api.layers.stops[':stopId'].$get({ param: { stopId: encodeURIComponent('subway:127') } }));
    expect(urls[2]).toBe('/api/layers/stops/subway%3A127');
  });
});
