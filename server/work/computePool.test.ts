import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../core/floorplan/load';
import type { FloorPlan } from '../../core/floorplan/model';
import { createTestApp, createTestDeps } from '../testing/testApp';
import { createApp } from '../app';
import { createServices } from '../services';
import { computeCoverageCompare, computeCoverageDetail } from '../coverage/service';
import { coverageCompareRequest, coverageDetailRequest } from '../../core/api/coverage';
import { ComputeCancelled, ComputePool } from './computePool';
import { prepareCoverageDetail } from '../coverage/service';
import { AppError } from '../errors';
import { walkCatchments } from '../walk/walkService';
import { packShared, unpackShared } from './sharedResource';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const pools: ComputePool[] = [];
afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });
const pool = (o: Partial<ConstructorParameters<typeof ComputePool>[0]> = {}) => {
  const p = new ComputePool({ size: 1, resources: { geo: t.services.geo, walkGraph: t.services.walkGraph }, ...o });
  pools.push(p);
  return p;
};

/** Chase over Manhattan (small, ~1 s) and a heavy one: every block group of the country, 50 km radii, H3 res 10. */
const small = coverageDetailRequest.parse({ ownNetwork: 'cert:628', area: { counties: ['36061'] }, radiusM: 1000 });
const heavy = coverageDetailRequest.parse({ network: 'all', area: { bbox: [-125, 24, -66, 50] }, radiusM: 50_000, catchmentMaxM: 50_000, h3Resolution: 10 });

describe('resources posted in their shared form (sharedResource.ts)', () => {
  it('come back equal after a structured clone: long string/number arrays with nulls and non-ASCII, typed arrays shared, Maps and short arrays as they are', async () => {
    const n = 1000;
    const value = {
      geoid: Array.from({ length: n }, (_, i) => (i === 7 ? null : `36061${String(i).padStart(6, '0')}`)),
      names: Array.from({ length: n }, (_, i) => (i % 3 ? `Bank ${i}` : `银行 ${i} — Zürich`)),
      ids: Array.from({ length: n }, (_, i) => (i === 3 ? null : i * 1.5)),
      lng: Float64Array.from({ length: n }, (_, i) => -74 + i * 1e-3),
      nested: { idx: Int32Array.from([3, 1, 2]), short: ['a', 'b'], routes: [['A', 'C'], ['Q']], byId: new Map([[1, 'x']]) },
      size: n,
    };
    const packed = await packShared(value);
    const posted = structuredClone(packed) as { lng: Float64Array };
    // the bulk is shared memory: posting it copies no array
    expect(posted.lng.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(unpackShared(posted)).toEqual(value);
  });
});

describe('ComputePool', () => {
  it('a coverage detail computed in a worker equals the one computed in-process (Chase, Manhattan)', async () => {
    const res = await t.app.request('/api/coverage/detail', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(small) });
    expect(res.status).toBe(200);
    const viaWorker = await res.json();
    const direct = JSON.parse(JSON.stringify(await computeCoverageDetail(t.services, small)));
    expect(viaWorker.totals).toEqual(direct.totals);
    expect(viaWorker.catchments.length).toBe(direct.catchments.length);
    expect(viaWorker.catchments.slice(0, 5)).toEqual(direct.catchments.slice(0, 5));
    expect(viaWorker.gapHexes).toEqual(direct.gapHexes);
    expect(direct.totals.networkOutlets).toBeGreaterThan(100);
  });

  it('a coverage compare computed in a worker equals the one computed in-process (Chase vs every branch, Manhattan)', async () => {
    const body = { a: { ownNetwork: 'cert:628' }, b: { network: 'all' }, area: { counties: ['36061'] } };
    const res = await t.app.request('/api/coverage/compare', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const viaWorker = await res.json();
    const direct = JSON.parse(JSON.stringify(await computeCoverageCompare(t.services, coverageCompareRequest.parse(body))));
    expect(viaWorker).toEqual(direct);
    // every branch covers at least what Chase's do, at each radius; the difference map only gains
    direct.a.radii.forEach((r: { coveredPopulation: number }, k: number) => expect(direct.b.radii[k].coveredPopulation).toBeGreaterThanOrEqual(r.coveredPopulation));
    expect(direct.a.outlets).toBeGreaterThan(100);
    expect(direct.b.outlets).toBeGreaterThan(direct.a.outlets);
    // a bad own network is still a 400 naming its field when it is resolved in the worker
    const bad = await t.app.request('/api/coverage/compare', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, a: { ownNetwork: 'cert:999999999' } }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'bad_request', field: 'ownNetwork' });
  });

  it('a closed nationwide compare request stops its worker: 503 cancelled at once', async () => {
    const ctl = new AbortController();
    const pending = t.app.request('/api/coverage/compare', { method: 'POST', headers: { 'content-type': 'application/json' }, signal: ctl.signal,
      body: JSON.stringify({ a: { network: 'all' }, b: { ownNetwork: 'cert:628' }, area: { bbox: [-125, 24, -66, 50] }, radiiM: [1000, 5000, 20_000], h3Resolution: 9 }) });
    const pool = t.services.compute;
    const t0 = Date.now();
    while (pool.stats().running === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 10));
    expect(pool.stats().running).toBe(1);
    ctl.abort();
    const res = await pending;
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('cancelled');
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it('walk catchments computed in a worker equal the in-process ones (Empire State Building, 5 min at 4.8 km/h)', async () => {
    const points = [{ id: 'esb', lng: -73.9857, lat: 40.7484 }, { id: 'bk', lng: -73.99, lat: 40.69 }];
    const res = await t.app.request('/api/coverage/walk', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ points, minutes: 5 }) });
    expect(res.status).toBe(200);
    const viaWorker = (await res.json()).catchments;
    const direct = JSON.parse(JSON.stringify(await walkCatchments(t.services.walkGraph, await t.services.geo(), points, 5, 4.8)));
    expect(viaWorker).toEqual(direct);
    expect(direct[0].routable).toBe(true);
    expect(direct[0].population).toBeGreaterThan(0);
    expect(t.services.compute.stats().workers).toBe(1);
  });

  it('stops a running task when its request is aborted: the promise rejects at once and the worker is ended', async () => {
    const p = pool();
    const input = await prepareCoverageDetail(t.services, heavy);
    const ctl = new AbortController();
    const run = p.run('coverageDetail', input, { user: 'u', signal: ctl.signal });
    await new Promise((r) => setTimeout(r, 1500));
    expect(p.stats().running).toBe(1);
    const t0 = Date.now();
    ctl.abort();
    await expect(run).rejects.toBeInstanceOf(ComputeCancelled);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(p.stats()).toEqual({ running: 0, queued: 0, workers: 0 });
    // the pool starts a new worker for the next task
    const ok = await p.run('standardsCheck', { plan: samplePlan(), profile: 'us-ada-ibc', opts: { sizing: null } }, { user: 'u' });
    expect(ok.findings.length).toBeGreaterThan(0);
  });

  it('through the real HTTP server: a client that goes away mid-request stops its coverage detail (the worker is ended)', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => { const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s)); });
    try {
      const { port } = server.address() as AddressInfo;
      const ctl = new AbortController();
      const req = fetch(`http://127.0.0.1:${port}/api/coverage/detail`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(heavy), signal: ctl.signal }).catch((e) => e);
      const pool = t.services.compute;
      const t0 = Date.now();
      while (pool.stats().running === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
      expect(pool.stats().running).toBe(1);
      ctl.abort();
      expect(((await req) as Error).name).toBe('AbortError');
      const t1 = Date.now();
      while (pool.stats().running > 0 && Date.now() - t1 < 5_000) await new Promise((r) => setTimeout(r, 20));
      expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
      expect(Date.now() - t1).toBeLessThan(2_000);
    } finally {
      server.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }
  });

  it('through the real HTTP server: a client that goes away frees its place at once — its next request is accepted with one place per user', async () => {
    // an app whose pool allows one computation per user: the second request is refused with 429 unless the
    // aborted one's place was given back when its client went away (not when its worker noticed)
    const deps = await createTestDeps();
    const services = createServices(deps);
    const onePlace = new ComputePool({ size: 1, maxPerUser: 1, resources: { geo: services.geo, walkGraph: services.walkGraph } });
    pools.push(onePlace);
    const app = createApp(deps, { ...services, compute: onePlace });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s)); });
    try {
      const { port } = server.address() as AddressInfo;
      const post = (body: unknown, signal?: AbortSignal) => fetch(`http://127.0.0.1:${port}/api/coverage/detail`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
      const ctl = new AbortController();
      const first = post(heavy, ctl.signal).catch((e) => e);
      const t0 = Date.now();
      while (onePlace.stats().running === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 20));
      expect(onePlace.stats().running).toBe(1);
      ctl.abort();
      expect(((await first) as Error).name).toBe('AbortError');
      // at once, from the same user: accepted (200 with Chase's Manhattan detail), not 429
      const second = await post(small);
      expect(second.status).toBe(200);
      const body = await second.json() as { catchments: unknown[]; totals: { networkOutlets: number } };
      // Chase nationwide; its Manhattan branches have catchments here
      expect(body.totals.networkOutlets).toBeGreaterThan(1000);
      expect(body.catchments.length).toBeGreaterThan(50);
      expect(body.catchments.length).toBeLessThan(body.totals.networkOutlets);
    } finally {
      server.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }
  });

  it('a task past its deadline → 503 deadline_exceeded naming the limit', async () => {
    const p = pool({ timeoutMs: 1000 });
    const input = await prepareCoverageDetail(t.services, heavy);
    const err = await p.run('coverageDetail', input, { user: 'u' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect([err.status, err.code]).toEqual([503, 'deadline_exceeded']);
    expect(err.message).toContain('limit of 1 s');
  });

  it('the server\'s own shared work (user system:…) has no per-user limit: three at once where a user may have one', async () => {
    const p = pool({ maxPerUser: 1, maxQueued: 8 });
    const check = (user: string) => p.run('standardsCheck', { plan: samplePlan(), profile: 'us-ada-ibc', opts: { sizing: null } }, { user }).catch((e) => e);
    const sys = await Promise.all([check('system:area-grid'), check('system:area-grid'), check('system:area-grid')]);
    expect(sys.map((r) => (r as { summary?: unknown }).summary !== undefined)).toEqual([true, true, true]);
    // while a user's long computation runs, that user's next one is refused
    const ctl = new AbortController();
    const long = p.run('coverageDetail', await prepareCoverageDetail(t.services, heavy), { user: 'ann', signal: ctl.signal }).catch((e) => e);
    const second = await check('ann');
    expect([second.status, second.code]).toEqual([429, 'too_many_requests']);
    ctl.abort();
    expect(await long).toBeInstanceOf(ComputeCancelled);
  });

  it('limits: a user with 2 tasks waiting/running gets 429 on the third; a full queue → 503 with Retry-After; sequential calls always pass', async () => {
    const p = pool({ maxPerUser: 2, maxQueued: 1 });
    const input = await prepareCoverageDetail(t.services, heavy);
    const ctl = new AbortController();
    const a = p.run('coverageDetail', input, { user: 'ann', signal: ctl.signal }).catch((e) => e);
    const b = p.run('coverageDetail', input, { user: 'ann', signal: ctl.signal }).catch((e) => e); // waits behind a
    const c = await p.run('coverageDetail', input, { user: 'ann' }).catch((e) => e);
    expect([c.status, c.code]).toEqual([429, 'too_many_requests']);
    const d = await p.run('coverageDetail', input, { user: 'bob' }).catch((e) => e);
    expect([d.status, d.code, d.retryAfterS]).toEqual([503, 'overloaded', 10]);
    ctl.abort();
    expect(await a).toBeInstanceOf(ComputeCancelled);
    expect(await b).toBeInstanceOf(ComputeCancelled);
    // one client's sequential requests are never refused by these limits
    for (let i = 0; i < 4; i++) {
      const r = await p.run('standardsCheck', { plan: samplePlan(), profile: 'us-ada-ibc', opts: { sizing: null } }, { user: 'ann' });
      expect(r.summary).toBeDefined();
    }
  });
});

/** The first sample plan in layouts/plans (a real branch plan, checked in a few ms). */
function samplePlan(): FloorPlan {
  const dir = new URL('../../layouts/plans/', import.meta.url);
  const f = fs.readdirSync(dir).filter((n) => n.endsWith('.plan.json')).sort()[0];
  return parsePlan(JSON.parse(fs.readFileSync(new URL(f, dir), 'utf8'))).plan!;
}
