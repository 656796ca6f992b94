import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIZING, sizeBranch, visitsPerDayFromCustomers } from '../../core/queueing/erlangC';
import { launchBrowser, readStatus, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

/**
 * Closing the loop from site scoring to the floor plan (issues 2, 4, 5) in a real browser over the real server:
 * score the NYC grid → click the best site on the map → save it → "Plan a branch here" → the editor opens a new
 * copy of the community sample linked to the saved site → the standards sizing panel shows the number of counters
 * and seats that Erlang C (core/queueing) gives for that site's expected customers. Then unlink / re-link by id in
 * the Plan properties, and the link survives a save and a reload.
 */
let app: RunningApp;
let br: RunningBrowser;
let page: Page;

type Top = { id: string; lng: number; lat: number; score: number; rank: number };
const status = async () => (await readStatus(page)) as Record<string, unknown> & { top: Top[]; selectedId: string | null; savedSiteId: string | null };

async function project(lng: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([lng, lat]) => {
    const map = (window as unknown as { __map: { project: (p: [number, number]) => { x: number; y: number }; getContainer: () => HTMLElement } }).__map;
    const p = map.project([lng, lat]);
    const r = map.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, [lng, lat] as const);
}

/** What Erlang C gives for `expectedCustomers` with the default assumptions (6 visits/resident/year, 300 open days). */
function expectedSizing(expectedCustomers: number) {
  const s = sizeBranch({ ...DEFAULT_SIZING, visitsPerDay: visitsPerDayFromCustomers(expectedCustomers, 6, 300) });
  return { counters: s.counters.servers, atms: s.atms.servers, seats: s.waitingSeats, visitsPerDay: s.visitsPerDay };
}

beforeAll(async () => {
  app = await startApp();
  br = await launchBrowser();
  page = br.page;
  await page.goto(`${app.url}/#/sites`);
  await waitForAppReady(page, 'mapIdle');
  await page.waitForFunction(() => ((window as unknown as { __status: { candidates: number; scoring: boolean } }).__status.candidates ?? 0) > 7000
    && !(window as unknown as { __status: { scoring: boolean } }).__status.scoring, null, { timeout: 90_000 });
  await waitForAppReady(page, 'mapIdle');
});

afterAll(async () => {
  await br?.close();
  await app?.close();
});

describe('saved site → floor plan (browser)', () => {
  let best: Top;
  let savedId: string;
  let expectedCustomers: number;
  let planId: string;

  it('saves the clicked site with its expected customers, coordinates and parameters', async () => {
    best = (await status()).top[0];
    const p = await project(best.lng, best.lat);
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction((id) => (window as unknown as { __status: { selectedId: string } }).__status.selectedId === id, best.id);
    await page.getByTestId('save-name').fill('Best NYC cell');
    await page.getByTestId('save-site-button').click();
    await page.getByTestId('saved-site-id').waitFor();
    savedId = (await status()).savedSiteId!;
    expect(savedId).toMatch(/^site-[0-9a-f]{16}$/);
    expect(await page.getByTestId('saved-site-id').textContent()).toBe(`Saved as ${savedId}`);

    // the snapshot on the server: the site's expected customers as the scoring API computes them for that point
    const saved = await (await fetch(`${app.url}/api/sites/${savedId}`)).json();
    const scored = await (await fetch(`${app.url}/api/sites/score`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sites: [{ id: best.id, lng: best.lng, lat: best.lat }] }),
    })).json();
    expectedCustomers = scored.sites[0].factors.competition.expectedCustomers;
    expect(expectedCustomers).toBeGreaterThan(0);
    expect(saved.name).toBe('Best NYC cell');
    expect(saved.lng).toBeCloseTo(best.lng, 9);
    expect(saved.lat).toBeCloseTo(best.lat, 9);
    expect(saved.expectedCustomers).toBeCloseTo(expectedCustomers, 3);
    expect(saved.ownNetwork).toBeNull();
    expect(saved.parameters.weights).toEqual({ transit: 0.3, demand: 0.4, competition: 0.3 });
    expect(saved.parameters.huffBeta).toBeGreaterThan(0);
    expect(saved.score.id).toBe(best.id);
    await page.screenshot({ path: screenshotPath('site-to-plan-1-saved.png') });
  });

  it('"Plan a branch here" opens a new plan, a copy of the community sample, linked to the saved site', async () => {
    await page.getByTestId('plan-branch-button').click();
    await page.waitForFunction(() => /^#\/floorplans\/plan-/.test(location.hash), null, { timeout: 20_000 });
    planId = decodeURIComponent((await page.evaluate(() => location.hash)).replace('#/floorplans/', ''));
    await page.waitForFunction((id) => {
      const e = (window as unknown as { __editor?: { ready: boolean; planId: string; zoneCount: number } }).__editor;
      return !!e && e.ready && e.planId === id && e.zoneCount > 0;
    }, planId, { timeout: 60_000 });
    const stored = await (await fetch(`${app.url}/api/plans/${planId}`)).json();
    const sample = await (await fetch(`${app.url}/api/plans/community-150`)).json();
    expect(stored.plan.siteId).toBe(savedId);
    expect(stored.plan.name).toBe('Branch at Best NYC cell');
    expect(stored.plan.zones.map((z: { id: string }) => z.id)).toEqual(sample.plan.zones.map((z: { id: string }) => z.id));
    expect(stored.plan.fixtures).toHaveLength(sample.plan.fixtures.length);
    expect(await page.getByTestId('ed-site-id').textContent()).toBe(savedId);
    await expect.poll(() => page.getByTestId('ed-site-customers').textContent(), { timeout: 10_000 })
      .toBe(new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(expectedCustomers));
  });

  it('the sizing panel shows the counters and seats Erlang C gives for that site\'s expected customers', async () => {
    const want = expectedSizing(expectedCustomers);
    await page.waitForFunction('window.__standards && window.__standards.sizing && window.__standards.ready', undefined, { timeout: 60_000 });
    const s = await page.evaluate(() => (window as unknown as { __standards: { sizing: { counters: number; atms: number; seats: number } } }).__standards.sizing);
    expect(s).toEqual({ counters: want.counters, atms: want.atms, seats: want.seats });
    const panel = page.getByTestId('standards-sizing');
    const text = await panel.innerText();
    expect(text).toContain(new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(expectedCustomers)); // grouped, as the linked-site card shows it
    const rows = await panel.locator('table tr').allInnerTexts();
    expect(rows.find((r) => r.startsWith('Counters'))).toMatch(new RegExp(`^Counters\\s+${want.counters}\\b`));
    expect(rows.find((r) => r.startsWith('Waiting seats') || r.startsWith('Seats'))).toMatch(new RegExp(`\\s${want.seats}\\b`));
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('site-to-plan-2-editor.png') });
    expect(br.errors).toEqual([]);
  });

  it('unlinks and re-links the site by id in the Plan properties; the link is saved with the plan', async () => {
    await page.getByTestId('ed-site-unlink').click();
    await page.waitForFunction('window.__standards && window.__standards.sizing === null', undefined, { timeout: 20_000 });
    expect(await page.getByTestId('ed-linked-site').innerText()).toContain('No saved site linked');
    await page.getByTestId('standards-visits').waitFor();

    await page.getByTestId('ed-site-input').fill('site-zz');
    await page.getByTestId('ed-site-link').click();
    expect(await page.getByTestId('ed-site-error').textContent()).toContain('is not a saved site id');
    await page.getByTestId('ed-site-input').fill('site-0123456789abcdef');
    await page.getByTestId('ed-site-link').click();
    await expect.poll(() => page.getByTestId('ed-site-error').textContent()).toContain('Cannot link site-0123456789abcdef');

    await page.getByTestId('ed-site-input').fill(savedId);
    await page.getByTestId('ed-site-link').click();
    await expect.poll(() => page.getByTestId('ed-site-id').textContent()).toBe(savedId);
    const want = expectedSizing(expectedCustomers);
    await page.waitForFunction((n) => (window as unknown as { __standards: { sizing: { counters: number } | null } }).__standards.sizing?.counters === n, want.counters, { timeout: 20_000 });

    // unlink, save (Ctrl+S), reload: the stored plan has no site; undo the unlink, save again: the link is back
    await page.getByTestId('ed-site-unlink').click();
    await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await (await fetch(`${app.url}/api/plans/${planId}`)).json()).plan.siteId ?? null, { timeout: 10_000 }).toBeNull();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('ed-site-id').textContent()).toBe(savedId);
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await (await fetch(`${app.url}/api/plans/${planId}`)).json()).plan.siteId ?? null, { timeout: 10_000 }).toBe(savedId);
    await page.reload();
    await page.waitForFunction((id) => {
      const e = (window as unknown as { __editor?: { ready: boolean; planId: string } }).__editor;
      return !!e && e.ready && e.planId === id;
    }, planId, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('ed-site-id').textContent(), { timeout: 10_000 }).toBe(savedId);
    await page.waitForFunction((n) => (window as unknown as { __standards?: { sizing: { counters: number } | null } }).__standards?.sizing?.counters === n, want.counters, { timeout: 30_000 });
    await page.getByTestId('ed-linked-site').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('site-to-plan-3-linked-site.png') });
    expect(br.errors.filter((e) => !/409|404|Not Found/.test(e))).toEqual([]);
  });

  it('reads in Chinese: the linked site and its expected customers', async () => {
    await page.getByTestId('language-switch').selectOption('zh');
    await expect.poll(() => page.getByTestId('ed-linked-site').innerText()).toContain('关联选址');
    const text = await page.getByTestId('ed-linked-site').innerText();
    expect(text).toContain('预期客户数');
    expect(text).toContain(savedId);
    await page.getByTestId('ed-linked-site').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('site-to-plan-4-zh.png') });
  });
});
