import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import v2 from '../../core/floorplan/fixtures/plan.v2.json';
import { createTestApp } from '../testing/testApp';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const post = async (path: string, body: unknown) => {
  const r = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() as any };
};

describe('plan.siteId must name a saved site (checked on create and on every saved version)', () => {
  it('a saved site links; an unknown or malformed id is a 400 naming plan.siteId and writes nothing', async () => {
    const site = await post('/api/sites', { name: 'Midtown', lng: -73.9855, lat: 40.758, expectedCustomers: 1200 });
    expect(site.status).toBe(201);
    const created = await post('/api/plans', { plan: { ...v2, siteId: site.body.id } });
    expect(created.status).toBe(201);
    const got = await t.app.request(`/api/plans/${created.body.id}`);
    expect(((await got.json()) as any).plan.siteId).toBe(site.body.id);

    for (const siteId of ['site-0000000000000000', 'site-9', '../x']) {
      const r = await post(`/api/plans/${created.body.id}/versions`, { baseVersion: 1, plan: { ...v2, siteId } });
      expect(r.status, siteId).toBe(400);
      expect(r.body.error.field).toBe('plan.siteId');
      expect(r.body.error.message).toContain(siteId);
    }
    const versions = (await (await t.app.request(`/api/plans/${created.body.id}/versions`)).json()) as any;
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([1]);
  });
});
