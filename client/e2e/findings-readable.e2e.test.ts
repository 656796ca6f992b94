/**
 * Findings never hide the plan: on the non-compliant sample every finding badge is placed where it covers no other
 * badge (boxes pairwise disjoint, as drawn), a crowded zone gets one grouped badge, and the badges stay near their place.
 * At 1280 × 720 the editor stays readable in English and Chinese: the toolbar is one row, the plan picker shows the
 * whole name, and the fitted plan's bottom wall clears the scale bar and the status line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath, startApp, type RunningApp, type RunningBrowser } from './harness';

type Box = { keys: number[]; x: number; y: number; width: number; height: number };

/** Assert that no finding badge overlaps a zone's name and area label as the canvas placed it; @returns how many labels there are. */
async function expectBadgesOffLabels(page: RunningBrowser['page'], boxes: Box[]): Promise<number> {
  const labels = await page.evaluate(() => (window as unknown as { __zoneLabels: { zoneId: string; x: number; y: number; width: number; height: number }[] }).__zoneLabels);
  for (const a of boxes) {
    for (const l of labels) {
      const overlap = a.x < l.x + l.width && l.x < a.x + a.width && a.y < l.y + l.height && l.y < a.y + a.height;
      expect(overlap, `badge ${a.keys} over the label of ${l.zoneId}`).toBe(false);
    }
  }
  return labels.length;
}

describe('finding badges on the non-compliant sample', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  it('draws one badge per finding (or per crowded zone), pairwise disjoint', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150-noncompliant`);
    await page.waitForFunction('window.__editor && window.__editor.ready && window.__editor.zoneCount > 0', undefined, { timeout: 60_000 });
    await page.waitForFunction('(() => { const s = window.__standards; return !!s && s.ready && s.errors > 0; })()', undefined, { timeout: 60_000 });
    await page.waitForFunction('Array.isArray(window.__findingBadges) && window.__findingBadges.length > 0', undefined, { timeout: 30_000 });
    const findings = await page.evaluate(() => (window as unknown as { __standards: { findings: unknown[] } }).__standards.findings.length);
    const boxes = await page.evaluate(() => (window as unknown as { __findingBadges: Box[] }).__findingBadges);
    // every finding has exactly one badge
    expect(boxes.flatMap((b) => b.keys).sort((a, b) => a - b)).toEqual(Array.from({ length: findings }, (_, k) => k));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `badges ${a.keys} and ${b.keys}`).toBe(false);
      }
    }
    // and no badge covers a zone's name and area label, as the canvas placed it
    expect(await expectBadgesOffLabels(page, boxes)).toBeGreaterThanOrEqual(8);
    await page.screenshot({ path: screenshotPath('readable-findings-1280.png') });
    expect(br.errors).toEqual([]);
  });

  it('at 1280 × 720, in English and Chinese: one toolbar row, the whole plan name, the bottom wall clear of the scale bar', async () => {
    const { page } = br;
    for (const lang of ['en', 'zh']) {
      await page.selectOption('[data-testid=language-switch]', lang);
      await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
      // one row: every control's vertical centre within 2 px of the others, the bar one 28 px control + padding high
      const mids = await page.locator('.ed-toolbar > *:not(.ed-sep):not(.ed-grow)').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return Math.round(r.top + r.height / 2); }));
      expect(mids.length).toBeGreaterThan(10);
      expect(Math.max(...mids) - Math.min(...mids), `${lang}: ${mids}`).toBeLessThanOrEqual(2);
      expect((await page.locator('.ed-toolbar').boundingBox())!.height, lang).toBeLessThan(46);
      // every tool button has a name for screen readers and a tooltip, though it shows an icon only
      for (const b of await page.locator('.ed-toolbar [data-testid^=ed-tool-]').all()) {
        expect(await b.getAttribute('aria-label'), lang).toMatch(/\S/);
        expect(await b.getAttribute('title'), lang).toMatch(/\S/);
      }
      // the picker is wide enough for the open plan's whole name
      const fit = await page.evaluate(() => {
        const sel = document.querySelector('[data-testid=ed-plan-select]') as HTMLSelectElement;
        const cs = getComputedStyle(sel);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        return { text: sel.selectedOptions[0].text, textPx: ctx.measureText(sel.selectedOptions[0].text).width, boxPx: sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
      });
      // a shipped sample is listed under its name in the page's language (client/editor/document/planLabel.ts)
      expect(fit.text).toBe(lang === 'en' ? 'Community branch - NON-COMPLIANT copy (for the checker)' : '社区网点——不合规副本（供检查演示）');
      expect(fit.textPx, lang).toBeLessThanOrEqual(fit.boxPx);
      await page.screenshot({ path: screenshotPath(`readable-editor-${lang}-1280.png`) });
    }
    // the fitted plan: its bottom wall (outline y = 10 m + 0.2 m exterior wall) ends above the scale bar
    await page.click('[data-testid=ed-fit]');
    const e = await page.evaluate(() => (window as unknown as { __editor: { viewport: { pxPerM: number; offsetYPx: number }; outline: { polygon: [number, number][] }; walls: { thicknessM: number; exterior: boolean }[] } }).__editor);
    const maxY = Math.max(...e.outline.polygon.map((p) => p[1]));
    expect(maxY).toBe(10);
    const canvas = (await page.locator('[data-testid=ed-canvas]').boundingBox())!;
    const wallBottomPx = canvas.y + e.viewport.offsetYPx + (maxY + Math.max(...e.walls.filter((w) => w.exterior).map((w) => w.thicknessM))) * e.viewport.pxPerM;
    const bar = (await page.locator('[data-testid=ed-scalebar]').boundingBox())!;
    expect(wallBottomPx).toBeLessThan(bar.y);
    expect(br.errors).toEqual([]);
  });

  it('keeps badges off a newly drawn zone\'s name and area', async () => {
    const { page } = br;
    await page.selectOption('[data-testid=language-switch]', 'en');
    const before = await page.evaluate(() => (window as unknown as { __editor: { zoneCount: number } }).__editor.zoneCount);
    // a 3 m × 1.8 m zone in the main aisle, under the teller counters (the aisle is y 4–7.5 m, the counters end at 5.5 m)
    const at = async (q: [number, number]) => {
      const box = (await page.locator('[data-testid=ed-canvas]').boundingBox())!;
      const v = await page.evaluate(() => (window as unknown as { __editor: { viewport: { pxPerM: number; offsetXPx: number; offsetYPx: number } } }).__editor.viewport);
      return [box.x + v.offsetXPx + q[0] * v.pxPerM, box.y + v.offsetYPx + q[1] * v.pxPerM] as const;
    };
    await page.keyboard.press('r');
    const from = await at([5, 5.6]), to = await at([8, 7.4]);
    await page.mouse.move(from[0], from[1]);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(from[0] + ((to[0] - from[0]) * i) / 6, from[1] + ((to[1] - from[1]) * i) / 6);
    await page.mouse.up();
    await page.waitForFunction(`window.__editor.zoneCount === ${before + 1}`, undefined, { timeout: 30_000 });
    const newId = await page.evaluate(() => (window as unknown as { __editor: { selection: string[] } }).__editor.selection[0]);
    // the live check runs again; the new zone gets a label and the badges keep off every label
    await page.waitForFunction((id) => Array.isArray((window as unknown as { __zoneLabels?: { zoneId: string }[] }).__zoneLabels)
      && (window as unknown as { __zoneLabels: { zoneId: string }[] }).__zoneLabels.some((l) => l.zoneId === id), newId, { timeout: 30_000 });
    await page.waitForTimeout(500);
    const boxes = await page.evaluate(() => (window as unknown as { __findingBadges: Box[] }).__findingBadges);
    await expectBadgesOffLabels(page, boxes);
    await page.screenshot({ path: screenshotPath('readable-findings-new-zone.png') });
    expect(br.errors).toEqual([]);
  });
});
