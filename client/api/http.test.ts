import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, busyRetryDelayMs, createLimiter, isComputation, ok } from './http';
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

describe('asking again when the compute limits refuse a request', () => {
  const busy = () => new Response(JSON.stringify({ error: { code: 'too_many_requests', message: 'You have 4 computations running or waiting; at most 4 at once' } }), { status: 429 });
  it('retries a 429 too_many_requests until it is answered, with the same body', async () => {
    vi.useFakeTimers();
    try {
      const bodies: unknown[] = [];
      let n = 0;
      vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
        bodies.push(init?.body);
        return ++n < 3 ? busy() : new Response(JSON.stringify({ ok: n }), { status: 200 });
      });
      const p = ok(api.sites.score.$post({ json: { sites: [] } }));
      await vi.advanceTimersByTimeAsync(500 + 1000);
      expect(await p).toEqual({ ok: 3 });
      expect(bodies).toEqual(['{"sites":[]}', '{"sites":[]}', '{"sites":[]}']);
    } finally {
      vi.useRealTimers();
    }
  });
  it('gives up after 4 attempts with the server’s message, and never retries sign-in limits or job quotas', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => busyRetryDelayMs(429, 'too_many_requests', a, null))).toEqual([500, 1000, 2000, 4000, 4000, 4000, 4000, null]);
    expect(busyRetryDelayMs(503, 'overloaded', 1, 3)).toBe(3000);
    expect(busyRetryDelayMs(503, 'overloaded', 1, 60)).toBe(10_000);
    expect(busyRetryDelayMs(429, 'rate_limited', 1, 30)).toBeNull();
    expect(busyRetryDelayMs(429, 'account_locked', 1, null)).toBeNull();
    expect(busyRetryDelayMs(429, 'too_many_jobs', 1, null)).toBeNull();
    expect(busyRetryDelayMs(400, 'bad_request', 1, null)).toBeNull();
    let calls = 0;
    vi.stubGlobal('fetch', async () => { calls++; return new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many sign-in attempts' } }), { status: 429 }); });
    await expect(ok(api.health.$get())).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    expect(calls).toBe(1);
  });
});

describe('computations in flight (one page stays under the server\'s per-user limit of 4)', () => {
  it('knows the compute routes: POST coverage, detail, compare, walk, score, sensitivity, standards check — not GETs or saves', () => {
    for (const u of ['/api/coverage', 'http://127.0.0.1:8710/api/coverage/detail', '/api/coverage/compare', '/api/coverage/walk', '/api/sites/score', '/api/sites/sensitivity', '/api/standards/check'])
      expect(isComputation('post', u), u).toBe(true);
    for (const [m, u] of [['GET', '/api/coverage'], ['POST', '/api/scenarios'], ['PUT', '/api/plans/p1'], ['POST', '/api/coverage/optimize'], ['POST', '/api/standards/sizing'], ['POST', '/api/sites/scored']] as const)
      expect(isComputation(m, u), `${m} ${u}`).toBe(false);
  });

  it('lets 3 run, queues the 4th and 5th in order, starts each as one ends; an aborted wait leaves the queue', async () => {
    const lim = createLimiter(3);
    const order: string[] = [];
    const r = await Promise.all([lim.acquire(), lim.acquire(), lim.acquire()]);
    expect([lim.held, lim.waiting]).toEqual([3, 0]);
    const ac = new AbortController();
    const fourth = lim.acquire().then((rel) => { order.push('4th'); return rel; });
    const aborted = lim.acquire(ac.signal).then(() => 'started', (e) => `rejected: ${e}`);
    const fifth = lim.acquire().then((rel) => { order.push('5th'); return rel; });
    expect([lim.held, lim.waiting]).toEqual([3, 3]);
    ac.abort('gone');
    expect(await aborted).toBe('rejected: gone');
    expect(lim.waiting).toBe(2);
    r[0]();
    r[0](); // a second call of the same release frees nothing more
    const rel4 = await fourth;
    expect(order).toEqual(['4th']);
    expect([lim.held, lim.waiting]).toEqual([3, 1]);
    r[1]();
    const rel5 = await fifth;
    expect(order).toEqual(['4th', '5th']);
    rel4(); rel5(); r[2]();
    expect([lim.held, lim.waiting]).toEqual([0, 0]);
  });
});
