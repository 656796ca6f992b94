import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../server/testing/testApp';
import { getPlan, getPlanVersion, saveVersion } from '../api/plans';
import { createPlanFromSavedSite, STARTER_PLAN_ID } from './planFromSite';

/** The client API functions run against the real routes: `fetch` is routed into `app.request`. */
describe('createPlanFromSavedSite', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => t.app.request(url, init));
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await t.close();
  });

  it('copies the shipped version 1 of the sample, not an edited newest version', async () => {
    const shipped = await getPlanVersion(STARTER_PLAN_ID, 1);
    // Someone saves edits to the sample: a new name and one fixture fewer.
    const edited = { ...shipped.plan, name: 'Edited sample', fixtures: shipped.plan.fixtures.slice(1) };
    const ref = await saveVersion(STARTER_PLAN_ID, 1, edited, 'edit the sample');
    expect(ref.version).toBe(2);
    expect((await getPlan(STARTER_PLAN_ID)).plan.fixtures).toHaveLength(shipped.plan.fixtures.length - 1);

    const res = await t.app.request('/api/sites', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Mott Haven', lng: -73.92, lat: 40.81, expectedCustomers: 1234 }) });
    expect(res.status).toBe(201);
    const { id: siteId } = await res.json() as { id: string };

    const created = await createPlanFromSavedSite({ siteId, name: 'Branch at Mott Haven' });
    expect(created.version).toBe(1);
    const copy = (await getPlan(created.id)).plan;
    expect(copy.name).toBe('Branch at Mott Haven');
    expect(copy.siteId).toBe(siteId);
    expect(shipped.plan.fixtures.length).toBe(26);
    expect(copy.fixtures).toHaveLength(26);
    expect(copy.fixtures.map((f) => f.id)).toEqual(shipped.plan.fixtures.map((f) => f.id));
    expect(copy.outline).toEqual(shipped.plan.outline);
  });
});
