import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';
import type { CoverageResponse } from '../../core/api/coverage';
import type { Institution, ScoreResponse } from '../../core/api/sites';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const post = (path: string, body: unknown) => t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('one network resolver: every tab counts a network\'s branches with valid coordinates', () => {
  // Bank of Guam (CERT 20884) has 17 rows in FDIC SOD 2023, 2 of them at (0, 0) — not valid coordinates.
  it('Bank of Guam: 15 branches in the picker, the scoring answer and the coverage answer; SQL agrees', async () => {
    const [{ n: sodRows, v: valid }] = await t.deps.db.all<{ n: bigint; v: bigint }>(
      'SELECT count(*) AS n, count(*) FILTER (WHERE valid_coords) AS v FROM branches WHERE cert = 20884');
    expect([Number(sodRows), Number(valid)]).toEqual([17, 15]);
    const picker = await (await t.app.request('/api/institutions?q=cert:20884&limit=5')).json() as Institution[];
    expect(picker.find((i) => i.id === 'cert:20884')?.branches).toBe(15);
    const scored = await (await post('/api/sites/score', { sites: [{ id: 'a', lng: -73.98, lat: 40.75 }], ownNetwork: 'cert:20884' })).json() as ScoreResponse;
    expect(scored.params.ownNetwork).toMatchObject({ id: 'cert:20884', branches: 15 });
    const coverage = await (await post('/api/coverage', { ownNetwork: 'cert:20884', radiiM: [1000], area: 'nyc' })).json() as CoverageResponse;
    expect(coverage.params.outlets).toBe(15);
  });
});
