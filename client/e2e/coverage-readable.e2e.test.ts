/**
 * Network coverage for an executive, readable at a glance: a call to action before a bank is picked, the answer
 * first (the headline's numbers are the KPI table's), one scenario however often the same optimisation is asked,
 * and the view (network, maps A/B, radius) in the address for a reload, a colleague and a tab switch.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untranslatedTexts } from './untranslated';
import { launchBrowser, screenshotPath, unexpectedConsoleErrors, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

let app: RunningApp;
let br: RunningBrowser;
let page: Page;
const BANK = 'cert:628';

beforeAll(async () => {
  app = await startApp();
  br = await launchBrowser();
  page = br.page;
});
afterAll(async () => {
  await br?.close();
  await app?.close();
});

const compared = (p: Page) => p.evaluate(() => (window as unknown as { __status?: { covCompared?: string | null } }).__status?.covCompared ?? null);
const scenarioCount = (p: Page) => p.evaluate(async () => (await (await fetch('/api/scenarios')).json() as unknown[]).length);

describe('Network coverage reads at a glance (browser)', () => {
  it('opens with a call to action, not "Today vs Today" over blank maps', async () => {
    await page.goto(`${app.url}/#/coverage`);
    const cta = page.getByTestId('cov-cta');
    await cta.waitFor({ timeout: 60_000 });
    expect(await cta.textContent()).toContain('Pick your bank to see its coverage');
    await page.getByTestId('cov-cta-pick').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cov-bank-search');
    await page.screenshot({ path: screenshotPath('readable-coverage-cta.png') });
    await page.getByTestId('cov-bank-search').fill('JPMorgan');
    await page.locator(`[data-testid="cov-bank-list"] li[data-id="${BANK}"]`).click();
    await page.waitForFunction(() => (window as unknown as { __status?: { covCompared?: string } }).__status?.covCompared === 'today|today', null, { timeout: 90_000 });
    expect(await cta.count()).toBe(0);
  }, 180_000);

  it('states the answer first with the KPI table’s numbers, and a repeated optimisation adds no duplicate scenario', async () => {
    await page.getByTestId('cov-opt-p').fill('3');
    await page.getByTestId('cov-opt-run').click();
    await page.getByTestId('cov-opt-message').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => /^today\|(?!today$)/.test((window as unknown as { __status?: { covCompared?: string } }).__status?.covCompared ?? ''), null, { timeout: 90_000 });
    const first = (await compared(page))!;
    const headline = (await page.getByTestId('kpi-headline').textContent())!;
    const cells = await page.locator('tr[data-kpi="1000"] td').allTextContents();
    // cells: area, radius, A, B, change, share A, share B, share change
    expect(headline).toBe(`${cells[4]} residents (${cells[7]}) within 1 km with 3 added sites`);
    expect(cells[4]).toMatch(/^\+\d{1,3}(,\d{3})*$/);
    await page.screenshot({ path: screenshotPath('readable-coverage-headline.png') });

    const before = await scenarioCount(page);
    await page.getByTestId('cov-opt-run').click();
    // the run shows its progress, then (after the scenario list is reloaded) its message again
    await page.getByTestId('cov-opt-progress').waitFor({ timeout: 30_000 }).catch(() => undefined);
    await page.waitForFunction(() => (window as unknown as { __status?: { covOptimizing?: boolean } }).__status?.covOptimizing === false, null, { timeout: 120_000 });
    await page.getByTestId('cov-opt-message').waitFor({ timeout: 60_000 });
    await waitForAppReady(page, 'covMapsIdle', 60_000);
    expect(await scenarioCount(page)).toBe(before);
    expect(await compared(page)).toBe(first);
  }, 360_000);

  it('keeps network, maps A/B and radius in the address: a tab switch, a reload and a colleague’s browser open the same comparison', async () => {
    const want = (await compared(page))!;
    const scenarioId = want.split('|')[1];
    const hash = await page.evaluate(() => location.hash);
    const q = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
    expect(q.get('net')).toBe(BANK);
    expect(q.get('a')).toBe('today');
    expect(q.get('b')).toBe(scenarioId);
    expect(q.get('r')).toBe('1000');
    const headline = await page.getByTestId('kpi-headline').textContent();

    // a tab switch and back: the same comparison is on screen (map B's title, the headline) and in the address. The
    // view may keep its computed comparison, so its status is not necessarily published again: assert what is shown.
    const title = (side: 'left' | 'right') => page.getByTestId(`cov-map-${side}`).locator('.cov-map-title').textContent();
    const paneB = await title('right');
    expect(paneB).toBeTruthy();
    expect(paneB).not.toBe(await title('left')); // B is the scenario, not today's network
    await page.getByTestId('tab-sites').click();
    await page.getByTestId('tab-coverage').click();
    await expect.poll(() => title('right'), { timeout: 90_000 }).toBe(paneB);
    await expect.poll(() => page.getByTestId('kpi-headline').textContent(), { timeout: 90_000 }).toBe(headline);
    await page.waitForFunction((w) => (window as unknown as { __status?: { covCompared?: string } }).__status?.covCompared === w, want, { timeout: 90_000 });
    expect(await page.evaluate(() => location.hash)).toBe(hash);

    await page.reload();
    await page.waitForFunction((w) => (window as unknown as { __status?: { covCompared?: string } }).__status?.covCompared === w, want, { timeout: 90_000 });
    await expect.poll(() => page.getByTestId('kpi-headline').textContent(), { timeout: 30_000 }).toBe(headline);

    const other = await launchBrowser();
    try {
      await other.page.goto(`${app.url}/${hash}`);
      await other.page.waitForFunction((w) => (window as unknown as { __status?: { covCompared?: string } }).__status?.covCompared === w, want, { timeout: 90_000 });
      await expect.poll(() => other.page.getByTestId('kpi-headline').textContent(), { timeout: 30_000 }).toBe(headline);
      expect(unexpectedConsoleErrors(other.errors)).toEqual([]);
    } finally {
      await other.close();
    }
    // a reload or tab switch can meet the previous page's computations still finishing on the server: the 429 it
    // gets is asked again (client/api/http.ts busyRetryDelayMs) and the comparison above opened regardless
    expect(unexpectedConsoleErrors(br.errors)).toEqual([]);
  }, 400_000);

  it('in Chinese, the comparison shows no English UI string and the headline is Chinese', async () => {
    await page.getByTestId('language-switch').selectOption('zh');
    await expect.poll(() => page.getByTestId('kpi-headline').textContent()).toMatch(/^1 km 范围内覆盖居民 \+[\d,]+（\+\d+\.\d 个百分点），新增 3 个网点$/);
    await waitForAppReady(page, 'covMapsIdle', 60_000);
    expect(await untranslatedTexts(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('readable-coverage-zh.png') });
    await page.getByTestId('language-switch').selectOption('en');
  });
});

describe('The study area is in the address (browser)', () => {
  it('a borough picked on Network coverage is in the link: reload, Site scoring and a colleague’s browser open it', async () => {
    const areaName = () => page.getByTestId('area-name').locator('strong').textContent();
    await page.getByTestId('area-mode-nyc-places').click();
    await page.getByTestId('area-borough-36047').click();
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('area'))).toBe('counties:36047');
    await expect.poll(areaName).toBe('Brooklyn');
    // the KPI table's whole-area line is Brooklyn, with no second Brooklyn line repeating it
    await expect.poll(() => page.locator('tr[data-kpi="500"] td').first().textContent(), { timeout: 90_000 }).toBe('Brooklyn');
    expect(await page.locator('tr[data-kpi="500:36047"]').count()).toBe(0);

    await page.reload();
    await expect.poll(areaName, { timeout: 60_000 }).toBe('Brooklyn');
    expect(new URLSearchParams((await page.evaluate(() => location.hash)).split('?')[1]).get('area')).toBe('counties:36047');

    // Site scoring scores the same area (the shared pick), and its own address names it with the grid resolution
    await page.getByTestId('tab-sites').click();
    await page.waitForFunction(() => (window as unknown as { __status?: { scoredArea?: string } }).__status?.scoredArea === 'Brooklyn', null, { timeout: 120_000 });
    const sitesHash = await page.evaluate(() => location.hash);
    const q = new URLSearchParams(sitesHash.split('?')[1]);
    expect([q.get('area'), q.get('res')]).toEqual(['counties:36047', '9']);
    const cells = (await page.evaluate(() => (window as unknown as { __status: { gridCells: number } }).__status.gridCells));
    const resolved = await page.evaluate(async () => (await (await fetch('/api/areas/resolve', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ area: { counties: ['36047'] }, resolution: 9 }) })).json()).grid.cells as number);
    expect(cells).toBe(resolved);

    // a colleague (another browser, NYC stored nowhere) opens the Site scoring link at resolution 8
    const other = await launchBrowser();
    try {
      await other.page.goto(`${app.url}/${sitesHash.replace('res=9', 'res=8')}`);
      await other.page.waitForFunction(() => (window as unknown as { __status?: { scoredArea?: string; grid?: { resolution: number } } }).__status?.scoredArea === 'Brooklyn'
        && (window as unknown as { __status: { grid: { resolution: number } } }).__status.grid.resolution === 8, null, { timeout: 120_000 });
      expect(await other.page.getByTestId('area-name').locator('strong').textContent()).toBe('Brooklyn');
      expect(unexpectedConsoleErrors(other.errors)).toEqual([]);
    } finally {
      await other.close();
    }
    // back to the whole city for any later step
    await page.getByTestId('area-mode-nyc').click();
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('area'))).toBe('nyc');
  }, 400_000);
});
