import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';
import type { OptimizeResponse, ScenarioDto } from '../../core/api/coverage';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
  // load the geo data and the NYC grid once (seconds, cold), so the timings below are the optimiser's own
  const warm = await t.app.request('/api/optimize', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...HARD, solver: 'greedy', lpBound: false, p: 1 }) });
  expect(warm.status).toBe(200);
});
afterAll(() => t?.close());

/** Apple Bank fixed, p = 10, R = 1 km over the NYC grid: ≈ 121k pairs; HiGHS measured ≈ 25 s to prove it optimal. */
const HARD = { objective: 'mclp', p: 10, radiusM: 1000, ownNetwork: 'cert:16068', area: 'nyc', candidates: 'grid', solver: 'exact' };
const scenarioCount = async () => ((await (await t.app.request('/api/scenarios')).json()) as ScenarioDto[]).length;

describe('the exact optimiser is bounded', () => {
  it('stops at its time limit (asked 4 s) with the greedy+swap or best-so-far answer, and says so', async () => {
    const t0 = Date.now();
    const res = await t.app.request('/api/optimize', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...HARD, timeLimitS: 4 }) });
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    const r = await res.json() as OptimizeResponse;
    expect(r.selected).toHaveLength(10);
    const params = r.params as { notes: string[]; timingsMs: Record<string, number> };
    expect(params.notes.join(' ')).toMatch(/time limit/);
    // the limit, plus ≤ 1.5 s for HiGHS to stop (or its worker to be ended) and ~1 s to rank, name and save (loaded machine)
    expect(params.timingsMs.total).toBeLessThan(4_000 + 3_000);
    // 4 s, plus ≤ 1.5 s for HiGHS to stop or its worker to be ended, plus the scenario save (generous on a loaded machine)
    expect(ms).toBeLessThan(4_000 + 1_500 + 6_000);
  });

  it('stops when the client goes away: nothing is saved and the request ends soon after the abort, not after ≈ 25 s', async () => {
    const before = await scenarioCount();
    const ctl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctl.abort(), 2_500);
    const res = await t.app.request('/api/optimize', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...HARD, timeLimitS: 120 }), signal: ctl.signal });
    const ms = Date.now() - t0;
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('cancelled');
    expect(ms).toBeLessThan(2_500 + 1_500 + 6_000);
    expect(await scenarioCount()).toBe(before);
  });
});

describe('optimisation jobs per user', () => {
  it(`a user may run ${2} jobs at once: the third → 429 too_many_jobs; once one is cancelled a new one is accepted`, async () => {
    const start = () => t.app.request('/api/optimize', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...HARD, timeLimitS: 60, async: true }) });
    const a = await start();
    const b = await start();
    expect([a.status, b.status]).toEqual([202, 202]);
    const c = await start();
    expect(c.status).toBe(429);
    expect((await c.json()).error.code).toBe('too_many_jobs');
    const ids = [(await a.json()).jobId, (await b.json()).jobId];
    for (const id of ids) await t.app.request(`/api/optimize/jobs/${id}`, { method: 'DELETE' });
    for (const id of ids) {
      for (let k = 0; k < 200; k++) {
        const j = await (await t.app.request(`/api/optimize/jobs/${id}`)).json();
        if (j.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const d = await start();
    expect(d.status).toBe(202);
    await t.app.request(`/api/optimize/jobs/${(await d.json()).jobId}`, { method: 'DELETE' });
  });
});
