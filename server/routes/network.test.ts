import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';
import type { CoverageResponse } from '../../core/api/coverage';
import type { Institution, ScoreResponse } from '../../core/api/sites';
import { institutionDisplayName } from '../../core/network/institutionName';

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

describe('GET /api/institutions', () => {
  it('lists the largest networks with their FDIC names in display spelling, as cased one by one from the SQL rows', async () => {
    const list = await (await t.app.request('/api/institutions?limit=40')).json() as Institution[];
    expect(list).toHaveLength(40);
    const raw = await t.deps.db.all<{ cert: number; name: string; hc: string | null; n: bigint }>(
      `SELECT cert, any_value(institution_name) AS name, any_value(holding_company) AS hc, count(*) AS n FROM branches WHERE valid_coords GROUP BY cert`);
    const byCert = new Map(raw.map((r) => [`cert:${r.cert}`, r]));
    const certs = list.filter((i) => i.kind === 'institution');
    expect(certs.length).toBeGreaterThan(10);
    for (const i of certs) {
      const r = byCert.get(i.id)!;
      expect(i).toEqual({ id: i.id, kind: 'institution', name: institutionDisplayName(r.name), holdingCompany: r.hc == null ? null : institutionDisplayName(r.hc), branches: Number(r.n) });
    }
    // JPMorgan Chase Bank (CERT 628): the SOD writes "Jpmorgan Chase Bank, National Association" and "JPMORGAN CHASE & CO."
    expect(list.find((i) => i.id === 'cert:628')).toMatchObject({ name: 'JPMorgan Chase Bank, National Association', holdingCompany: 'JPMorgan Chase & Co.' });
  });
});
