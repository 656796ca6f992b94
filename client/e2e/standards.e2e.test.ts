/**
 * Standards checker in the editor: the non-compliant sample shows each break at its place with measured vs
 * required and the clause; deleting the brochure rack in front of ATM 2 clears its finding live; the sizing
 * panel sizes counters and seats from typed visits. Screenshots in client/e2e/screenshots/standards-*.png.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp, type RunningBrowser } from './harness';
import community from '../../layouts/plans/community-150.plan.json';

type St = { ready: boolean; errors: number; warnings: number; findings: { ruleId: string; measured: number; required: number; elementIds: string[] }[]; sizing: { counters: number; seats: number } | null; sizingSource: string | null };
const st = (page: Page) => page.evaluate(() => (window as unknown as { __standards: St }).__standards);
const waitSt = (page: Page, pred: string, timeout = 60_000) =>
  page.waitForFunction(`(() => { const s = window.__standards; return !!s && s.ready && (${pred}); })()`, undefined, { timeout, polling: 100 });

async function toPage(page: Page, p: [number, number]): Promise<[number, number]> {
  const box = (await page.locator('[data-testid=ed-canvas]').boundingBox())!;
  const v = await page.evaluate(() => (window as unknown as { __editor: { viewport: { pxPerM: number; offsetXPx: number; offsetYPx: number } } }).__editor.viewport);
  return [box.x + v.offsetXPx + p[0] * v.pxPerM, box.y + v.offsetYPx + p[1] * v.pxPerM];
}

describe('standards check in the editor', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser({ viewport: { width: 1500, height: 950 } });
    br.page.on('dialog', (d) => void d.accept()); // "discard unsaved edits?" when a test opens another plan
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  it('shows every break of the non-compliant sample, and fixing one clears it live', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150-noncompliant`);
    await page.waitForFunction('window.__editor && window.__editor.ready && window.__editor.zoneCount > 0', undefined, { timeout: 60_000 });
    await waitSt(page, 's.errors > 0');
    const s0 = await st(page);
    expect(s0.errors).toBe(5);
    expect(s0.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['ADA-01', 'ADA-05', 'BR-09', 'BR-11', 'PLAN-02']));
    expect(s0.findings.find((f) => f.ruleId === 'ADA-01')!.measured).toBeCloseTo(0.8, 3);
    const panel = page.locator('[data-testid=standards-panel]');
    await expect(panel.locator('[data-rule=ADA-05]').innerText()).resolves.toMatch(/0\.60 m[\s\S]*1\.22 m[\s\S]*§305/);
    await page.screenshot({ path: screenshotPath('standards-1-noncompliant.png') });
    // hovering the measured neck of the 0.80 m aisle (x 3.99, y 6.7–7.5) shows its tooltip
    const [hx, hy] = await toPage(page, [3.98, 7.1]);
    await page.mouse.move(hx, hy);
    await expect(page.locator('[data-testid=standards-tooltip]').innerText({ timeout: 10_000 })).resolves.toMatch(/ADA-01[\s\S]*0\.80 m[\s\S]*0\.915 m[\s\S]*§403\.5\.1/);
    await page.screenshot({ path: screenshotPath('standards-1b-tooltip.png') });
    await page.mouse.move(5, 5);

    // fix break 2: select the brochure rack in front of ATM 2 (centre x 12.9, y 1.55) and delete it
    const [x, y] = await toPage(page, [12.9, 1.55]);
    await page.mouse.click(x, y);
    await page.waitForFunction('window.__editor.selection.includes("f-rack")', undefined, { timeout: 10_000 });
    await page.keyboard.press('Delete');
    await waitSt(page, '!s.findings.some((f) => f.ruleId === "ADA-05")');
    const s1 = await st(page);
    expect(s1.errors).toBe(4);
    await page.screenshot({ path: screenshotPath('standards-2-rack-removed.png') });

    // drag the waiting zone's seat row: findings update during the drag (worker re-check of drag frames)
    const [sx, sy] = await toPage(page, [5.5, 8.75]);
    await page.mouse.click(sx, sy); // select the waiting zone (between the seat rows)
    await page.mouse.move(sx, sy);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) { await page.mouse.move(sx, sy - i * 4); await page.waitForTimeout(60); }
    await page.waitForFunction('window.__standards && window.__standards.mode === "drag"', undefined, { timeout: 15_000 });
    await page.screenshot({ path: screenshotPath('standards-2b-dragging.png') });
    await page.mouse.up();
    await page.keyboard.press('Control+z');
    await waitSt(page, 's.mode === "full" && s.errors === 4');

    // the Chinese profile and UI
    await page.selectOption('[data-testid=standards-profile]', 'cn-gb-ga');
    await waitSt(page, 's.findings.some((f) => f.ruleId === "CNA-01")');
    expect((await st(page)).findings.find((f) => f.ruleId === 'CNA-01')!.required).toBe(1.2);
    await page.selectOption('[data-testid=language-switch]', 'zh');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('standards-2c-cn-profile.png') });
  });

  it('a plan linked to a saved site shows counters and seats for that site\'s demand', async () => {
    const { page } = br;
    const post = async (url: string, body: unknown) => {
      const r = await fetch(`${app.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(201);
      return r.json() as Promise<{ id: string }>;
    };
    const site = await post('/api/sites', { name: 'Midtown candidate', lng: -73.985, lat: 40.754, expectedCustomers: 40000 });
    const created = await post('/api/plans', { plan: { ...community, name: 'Linked community branch', siteId: site.id } });
    await page.selectOption('[data-testid=language-switch]', 'en');
    await page.goto(`${app.url}/#/floorplans/${created.id}`);
    await page.waitForFunction(`window.__editor && window.__editor.planId === ${JSON.stringify(created.id)}`, undefined, { timeout: 60_000 });
    await page.waitForFunction('window.__standards && window.__standards.sizing && window.__standards.ready', undefined, { timeout: 60_000 });
    await waitSt(page, 's.findings.some((f) => f.ruleId === "BR-07")');
    const s = await st(page);
    // 40,000 customers × 6 visits / 300 days = 800 visits/day → λ = 54/h at the counters
    const text = await page.locator('[data-testid=standards-sizing]').innerText();
    expect(text).toMatch(/Linked site site-[0-9a-f]+: 40,000 expected customers/);
    expect(text).toMatch(/800 visits\/day/);
    expect(s.sizing!.counters).toBeGreaterThan(3);
    expect(s.findings.find((f) => f.ruleId === 'BR-07')!.required).toBe(s.sizing!.counters);
    await page.locator('[data-testid=standards-sizing]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('standards-4-linked-site.png') });
  });

  it('sizes counters and seats from typed visits (the reference example: 8 counters, 8 seats)', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150-noncompliant`);
    await page.waitForFunction('window.__editor && window.__editor.ready && window.__editor.planId === "community-150-noncompliant"', undefined, { timeout: 60_000 });
    await page.waitForSelector('[data-testid=standards-visits]');
    await page.fill('[data-testid=standards-visits]', String(60 / (0.45 * 0.15)));
    await page.press('[data-testid=standards-visits]', 'Enter');
    // The previous test leaves sizing from a linked site on screen (a hash change does not reload the page), and its
    // 800 visits/day also give 8 counters (but 4 seats), so wait for the answer to THESE typed visits — sizing whose
    // source is the typed figure and a full check run with it — then assert the counts.
    await waitSt(page, 's.sizingSource === "visitsPerDay" && s.ready && s.findings.some((f) => f.ruleId === "BR-07" && f.required === s.sizing.counters)', 20_000);
    const s = await st(page);
    expect(s.sizing).toEqual({ counters: 8, atms: expect.any(Number), seats: 8 });
    const br07 = s.findings.find((f) => f.ruleId === 'BR-07')!;
    expect([br07.measured, br07.required]).toEqual([3, 8]);
    await page.locator('[data-testid=standards-sizing]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('standards-3-sizing.png') });

    // report export: HTML, PDF and JSON downloads
    for (const fmt of ['html', 'pdf', 'json'] as const) {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(`[data-testid=standards-export-${fmt}]`)]);
      expect(dl.suggestedFilename()).toMatch(new RegExp(`-standards\\.${fmt}$`));
      const file = await dl.path();
      const bytes = fs.readFileSync(file!);
      if (fmt === 'pdf') expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (fmt === 'html') expect(bytes.toString('utf8')).toMatch(/BR-09[\s\S]*0\.94 m²[\s\S]*1\.40 m²/);
      if (fmt === 'json') expect(JSON.parse(bytes.toString('utf8')).findings.find((f: { ruleId: string }) => f.ruleId === 'BR-09').measured).toBeCloseTo(0.9375, 6);
    }
  });
});
