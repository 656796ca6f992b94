import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untranslatedTexts } from './untranslated';
import { launchBrowser, readStatus, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

/**
 * Readable at a glance (Site scoring): every legend is titled in real units, hovering a cell / hexagon / branch
 * says what it is, the breakdown says what a score means against the reference named in the response's params,
 * and the view (weights, selection, layers, map view) survives a reload through the URL.
 */
let app: RunningApp;
let br: RunningBrowser;
let page: Page;

type Status = Record<string, unknown> & {
  mapIdle: boolean; scoring: boolean; candidates: number; deckFrames: number; demandPoints: number;
  top: { id: string; lng: number; lat: number; score: number; rank: number }[]; topIds: string[]; selectedId: string | null;
};
const status = async () => (await readStatus(page)) as Status;

async function settle(timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const s = await status();
    if (s.deckFrames !== last) { last = s.deckFrames; stableSince = Date.now(); }
    if (s.mapIdle && !s.scoring && Date.now() - stableSince >= 500) return s;
    if (Date.now() > end) throw new Error('page did not settle');
    await page.waitForTimeout(100);
  }
}

async function project(lng: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([lng, lat]) => {
    const map = (window as unknown as { __map: { project: (p: [number, number]) => { x: number; y: number }; getContainer: () => HTMLElement } }).__map;
    const p = map.project([lng, lat]);
    const r = map.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, [lng, lat] as const);
}
// jumpTo returns the map itself: the braces keep it from being serialised back to the test (tens of seconds of
// copying tile buffers in the page, blocking it)
const jump = (center: [number, number], zoom: number) =>
  page.evaluate(([c, z]) => { (window as unknown as { __map: { jumpTo: (o: object) => void } }).__map.jumpTo({ center: c, zoom: z }); }, [center, zoom] as const);

async function openSites(hash = '#/sites') {
  await page.goto(`${app.url}/${hash}`);
  await waitForAppReady(page, 'mapIdle');
  await page.waitForFunction(() => ((window as unknown as { __status: { candidates: number } }).__status.candidates ?? 0) > 7000, null, { timeout: 90_000 });
  await settle();
}

beforeAll(async () => {
  app = await startApp();
  br = await launchBrowser();
  page = br.page;
  await openSites();
});

afterAll(async () => {
  await br?.close();
  await app?.close();
});

describe('Site scoring says what every number is (browser)', () => {
  it('titles each legend in real units: score percentiles, residents per hexagon with class breaks, departures per day', async () => {
    const score = await page.getByTestId('legend-score').textContent();
    expect(score).toContain('Site score, 0–100: weighted blend of factor percentiles');
    await page.getByTestId('layer-demand').check();
    await page.waitForFunction(() => (window as unknown as { __status: { demandPoints: number } }).__status.demandPoints > 1000, null, { timeout: 60_000 });
    const demand = page.getByTestId('legend-demand');
    await expect.poll(() => demand.locator('li').count()).toBeGreaterThanOrEqual(5);
    expect(await demand.textContent()).toContain('Residents per hexagon (≈ 0.74 km², census 2020)');
    // class breaks are numbers of residents: "0–1,100", …, "9,000 or more" (two significant digits, increasing)
    const items = await demand.locator('li').allTextContents();
    expect(items[0]).toMatch(/^0–[\d,]+$/);
    expect(items[items.length - 1]).toMatch(/^[\d,]+ or more$/);
    const lows = items.map((s) => Number(s.replace(/[–\s].*$/, '').replace(/,/g, '')));
    for (let k = 1; k < lows.length; k++) expect(lows[k]).toBeGreaterThan(lows[k - 1]);

    // hovering a resident hexagon says how many residents it holds, the number inside the legend's classes
    await jump([-73.94, 40.70], 12);
    await settle();
    const box = (await page.getByTestId('sites-map').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    const tip = page.locator('.map-tooltip');
    await expect.poll(() => tip.textContent(), { timeout: 10_000 }).toMatch(/^[\d,]+ residents? in this hexagon \(≈ 0\.74 km²\)$/);
    await page.screenshot({ path: screenshotPath('readable-demand.png') });
    await page.getByTestId('layer-demand').uncheck();

    await page.getByTestId('layer-stops').check();
    await expect.poll(() => page.getByTestId('legend-stops').textContent(), { timeout: 60_000 }).toMatch(/Departures per stop on \d{4}-\d{2}-\d{2} \(one day\)/);
    await page.getByTestId('layer-stops').uncheck();
    await page.mouse.move(5, 5);
    await settle();
  });

  it('hovering a grid cell shows its score, rank, the share of reference cells it beats and its factor percentiles', async () => {
    const best = (await status()).top[0];
    await jump([best.lng, best.lat], 13);
    await settle();
    const p = await project(best.lng, best.lat);
    await page.mouse.move(p.x, p.y);
    const tip = page.locator('.map-tooltip');
    await expect.poll(() => tip.textContent(), { timeout: 10_000 }).toContain(`Score ${best.score.toFixed(1)} · rank 1`);
    const text = (await tip.textContent())!;
    // the best cell beats every other reference cell: (n − 1) / n of them
    const n = (await status()).candidates;
    expect(text).toContain(`Better than ${(Math.floor((1000 * (n - 1)) / n) / 10).toFixed(1)}% of the reference cells`);
    expect(text).toMatch(/Percentiles: transit \d+ · residents \d+ · competition \d+/);
    await page.mouse.move(5, 5);
  });

  it('the breakdown says what the score means against the reference in params, with units on raw values and help on Huff share', async () => {
    const best = (await status()).top[1];
    await page.getByTestId('top-table').locator('tbody tr').nth(1).click();
    await page.waitForFunction((id) => (window as unknown as { __status: { selectedId: string } }).__status.selectedId === id, best.id);
    const meaning = (await page.getByTestId('score-meaning').textContent())!;
    const n = (await status()).candidates;
    // rank 2 of the grid: better than n − 2 of the n reference cells, the reference named as the response names it
    expect(meaning).toContain(`${best.score.toFixed(1)} on this weighting = better than ${(Math.floor((1000 * (n - 2)) / n) / 10).toFixed(1)}% of the reference cells`);
    expect(meaning).toMatch(/New York City H3 res-9 land grid \(\d{1,3}(,\d{3})+ cells\)/); // params' referenceDescription names the study area
    expect(await page.getByTestId('raw-transit').textContent()).toMatch(/^raw [\d,]+ distance-weighted departures?\/day$/);
    expect(await page.getByTestId('raw-demand').textContent()).toMatch(/^raw [\d,]+ distance-weighted residents?$/);
    expect(await page.getByTestId('raw-competition').textContent()).toMatch(/^raw [\d,]+ net new residents? \(Huff\)$/);
    expect(await page.getByTestId('help-huff').textContent()).toContain('Every branch competes');
    await settle();
    await page.screenshot({ path: screenshotPath('readable-breakdown.png') });
    expect(br.errors).toEqual([]);
  });

  it('keeps the view in the address: a reload and a colleague opening the copied link see the same ranking, site, layers and map', async () => {
    await page.getByTestId('weight-transit').fill('62');
    await page.waitForFunction(() => Math.abs((window as unknown as { __status: { weights: { transit: number } } }).__status.weights.transit - 0.62) < 1e-9);
    const row = page.getByTestId('top-table').locator('tbody tr').nth(3);
    await row.click();
    const before = await status();
    expect(before.selectedId).toBe(before.topIds[3]);
    await page.getByTestId('layer-stops').check();
    await jump([-73.95, 40.65], 12.5);
    await settle();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#\/sites\?/);
    const q = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
    expect(q.get('sel')).toBe(before.selectedId);
    expect(q.get('map')).toBe('-73.95000,40.65000,12.50');
    expect(q.get('layers')).toBe('candidates,stops,competitors,own');
    expect(q.get('w')!.split(',').map(Number)[0]).toBe(0.62);

    // reload: the same view
    await page.reload();
    await waitForAppReady(page, 'mapIdle');
    await page.waitForFunction(() => ((window as unknown as { __status: { candidates: number } }).__status.candidates ?? 0) > 7000, null, { timeout: 90_000 });
    await settle();
    const after = await status();
    expect(after.weights).toEqual(before.weights);
    expect(after.topIds).toEqual(before.topIds);
    expect(after.selectedId).toBe(before.selectedId);
    expect(await page.getByTestId('breakdown').textContent()).toContain('Rank 4 of');
    expect(await page.getByTestId('layer-stops').isChecked()).toBe(true);
    const center = await page.evaluate(() => {
      const m = (window as unknown as { __map: { getCenter: () => { lng: number; lat: number }; getZoom: () => number } }).__map;
      return { ...m.getCenter(), zoom: m.getZoom() };
    });
    expect(center.lng).toBeCloseTo(-73.95, 4);
    expect(center.lat).toBeCloseTo(40.65, 4);
    expect(center.zoom).toBeCloseTo(12.5, 2);

    // a colleague: a fresh browser (no stored state) opening the copied link
    const other = await launchBrowser();
    try {
      const p2 = other.page;
      await p2.goto(`${app.url}/${hash}`);
      await waitForAppReady(p2, 'mapIdle');
      await p2.waitForFunction((ids) => JSON.stringify((window as unknown as { __status: { topIds: string[] } }).__status.topIds ?? []) === ids, JSON.stringify(before.topIds), { timeout: 90_000 });
      expect(await p2.evaluate(() => (window as unknown as { __status: { selectedId: string } }).__status.selectedId)).toBe(before.selectedId);
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
    // and the tab link brings the view back after a visit to another tab
    await page.getByTestId('tab-coverage').click();
    await page.getByTestId('tab-sites').click();
    await page.waitForFunction((id) => (window as unknown as { __status: { selectedId: string } }).__status.selectedId === id, before.selectedId, { timeout: 60_000 });
    expect(await page.evaluate(() => location.hash)).toContain('w=0.62');
  }, 400_000);

  it('in Chinese, no English UI string is left on the Site scoring view (DOM scan against the English dictionary)', async () => {
    await page.getByTestId('layer-demand').check();
    await page.getByTestId('language-switch').selectOption('zh');
    await expect.poll(() => page.getByTestId('tab-sites').textContent()).toBe('选址评分');
    await page.waitForFunction(() => (window as unknown as { __status: { demandPoints: number } }).__status.demandPoints > 1000, null, { timeout: 60_000 });
    await settle();
    expect(await page.getByTestId('score-meaning').textContent()).toContain('纽约市 H3 9 级陆地网格');
    expect(await untranslatedTexts(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('readable-sites-zh.png') });
    await page.getByTestId('layer-demand').uncheck();
    await page.getByTestId('language-switch').selectOption('en');
  });
});
