/**
 * The editor's autosaved draft in a real browser (issue 11 item 6): a zone drawn and not saved survives a switch to
 * another tab and back, and a page reload; a draft made on a version that someone has since superseded reopens on its
 * own version, so saving it is refused (409 conflict) and the newer saved version is untouched; saving clears it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, startApp, type RunningApp, type RunningBrowser } from './harness';

interface EdState { ready: boolean; planId: string | null; version: number | null; latestVersion: number | null; dirty: boolean; zoneCount: number;
  zones: { id: string; name: string; areaM2: number }[]; viewport: { pxPerM: number; offsetXPx: number; offsetYPx: number }; conflict: string | null; selection: string[] }

const ed = (page: Page) => page.evaluate(() => (window as unknown as { __editor: EdState }).__editor);
async function waitEditor(page: Page, pred: string, timeout = 30_000): Promise<EdState> {
  await page.waitForFunction(`(() => { const e = window.__editor; return !!e && e.ready && (${pred}); })()`, undefined, { timeout, polling: 100 });
  return ed(page);
}
async function toPage(page: Page, p: [number, number]): Promise<[number, number]> {
  const box = (await page.locator('[data-testid=ed-canvas]').boundingBox())!;
  const v = (await ed(page)).viewport;
  return [box.x + v.offsetXPx + p[0] * v.pxPerM, box.y + v.offsetYPx + p[1] * v.pxPerM];
}
const draftOf = (page: Page, id: string) => page.evaluate((k) => localStorage.getItem(k), `outlet-planner:draft:${id}`);

describe('editor draft (browser)', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser();
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  it('an unsaved zone survives a tab switch and a reload; a stale draft cannot overwrite the newer version; saving clears it', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150`);
    const s0 = await waitEditor(page, 'e.planId === "community-150" && e.zoneCount > 0');
    const zones0 = s0.zoneCount;

    // draw a 2 m × 1.5 m zone, do not save
    await page.keyboard.press('r');
    const from = await toPage(page, [1.0, 1.0]);
    const to = await toPage(page, [3.0, 2.5]);
    await page.mouse.move(from[0], from[1]);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(from[0] + ((to[0] - from[0]) * i) / 6, from[1] + ((to[1] - from[1]) * i) / 6);
    await page.mouse.up();
    const s1 = await waitEditor(page, `e.zoneCount === ${zones0 + 1} && e.dirty`);
    const drawnId = s1.selection[0];
    expect(s1.zones.find((z) => z.id === drawnId)!.areaM2).toBeCloseTo(3.0, 6);
    expect(JSON.parse((await draftOf(page, 'community-150'))!)).toMatchObject({ planId: 'community-150', baseVersion: 1 });

    // another tab and back (the address is then #/floorplans, no plan id): the same plan, the zone still there, unsaved
    await page.locator('[data-testid=tab-sites]').click();
    await page.waitForFunction(() => !(window as unknown as { __editor?: unknown }).__editor || !document.querySelector('[data-testid=ed-canvas]'), undefined, { timeout: 30_000 });
    await page.evaluate(() => { delete (window as unknown as { __editor?: unknown }).__editor; });
    await page.locator('[data-testid=tab-floorplans]').click();
    const s2 = await waitEditor(page, `e.planId === "community-150" && e.zoneCount === ${zones0 + 1}`);
    expect(s2.dirty).toBe(true);
    expect(s2.version).toBe(1);
    expect(s2.zones.find((z) => z.id === drawnId)!.areaM2).toBeCloseTo(3.0, 6);
    await expect.poll(() => page.locator('[data-testid=ed-status]').textContent()).toContain('Restored your unsaved edits');

    // reload the page: restored again
    await page.reload();
    const s3 = await waitEditor(page, `e.planId === "community-150" && e.zoneCount === ${zones0 + 1}`);
    expect([s3.dirty, s3.version]).toEqual([true, 1]);

    // meanwhile someone else saves version 2 (without the zone); the next reload reopens the draft on version 1
    const other = await page.evaluate(async (url) => {
      const cur = await (await fetch(`${url}/api/plans/community-150`)).json();
      const r = await fetch(`${url}/api/plans/community-150/versions`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ baseVersion: 1, plan: { ...cur.plan, name: 'Saved elsewhere' }, message: 'other user' }) });
      return { status: r.status, body: await r.json() };
    }, app.url);
    expect(other).toEqual({ status: 201, body: { id: 'community-150', version: 2 } });
    await page.reload();
    const s4 = await waitEditor(page, `e.planId === "community-150" && e.zoneCount === ${zones0 + 1}`);
    expect([s4.dirty, s4.version]).toEqual([true, 1]);
    await expect.poll(() => page.locator('[data-testid=ed-status]').textContent()).toContain('since been saved as version 2');
    await page.locator('[data-testid=ed-save]').click();
    const s5 = await waitEditor(page, 'e.conflict !== null');
    expect(s5.conflict).toMatch(/version 2.*version 1/);
    const stored = await page.evaluate(async (url) => (await (await fetch(`${url}/api/plans/community-150`)).json()), app.url);
    expect([stored.version, stored.plan.name, stored.plan.zones.length]).toEqual([2, 'Saved elsewhere', zones0]);

    // the user drops the draft and reopens version 2; draw again and save → version 3, and the draft is gone
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid=ed-reload-latest]').click();
    await waitEditor(page, 'e.version === 2 && !e.dirty');
    expect(await draftOf(page, 'community-150')).toBeNull();
    await page.keyboard.press('r');
    const a = await toPage(page, [1.0, 1.0]);
    const b = await toPage(page, [2.0, 2.0]);
    await page.mouse.move(a[0], a[1]);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(a[0] + ((b[0] - a[0]) * i) / 6, a[1] + ((b[1] - a[1]) * i) / 6);
    await page.mouse.up();
    await waitEditor(page, `e.zoneCount === ${zones0 + 1} && e.dirty`);
    expect(await draftOf(page, 'community-150')).not.toBeNull();
    await page.locator('[data-testid=ed-save]').click();
    await waitEditor(page, 'e.version === 3 && !e.dirty');
    expect(await draftOf(page, 'community-150')).toBeNull();
    expect(br.errors.filter((e) => !/favicon|409/.test(e))).toEqual([]);
  });
});
