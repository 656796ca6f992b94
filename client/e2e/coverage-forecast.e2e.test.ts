import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';
import { formatUsd } from '../sites/format';
import type { ScenarioDto } from '../../core/api/coverage';

/**
 * The coverage optimiser with the objective "forecast deposits" in a real browser: pick Chase, choose "Forecast
 * deposits", find 3 sites 1 km apart; the message states the total the saved scenario holds, each site shows its
 * forecast; English and Chinese, at 1280×720 and 1920×1080 (screenshots in client/e2e/screenshots/).
 */
let app: RunningApp;
let browser: RunningBrowser;

beforeAll(async () => {
  app = await startApp();
  expect((await fetch(`${app.url}/api/parameter-sets?wait=true`)).status).toBe(200); // waits for the forecast's calibration
  browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('coverage optimiser: maximise forecast deposits (browser)', () => {
  it('finds 3 sites by forecast deposits and states their total at 10 years, in English and Chinese', async () => {
    const { page, errors } = browser;
    try {
      await page.goto(`${app.url}/#/coverage`);
      await page.getByTestId('cov-bank-search').fill('JPMorgan');
      await page.locator('[data-testid="cov-bank-list"] li[data-id="cert:628"]').click();
      await waitForAppReady(page, 'covMapsIdle', 90_000);
      await page.getByTestId('cov-opt-mclp').click();
      await page.getByTestId('cov-opt-maximize').selectOption('forecastDeposits');
      expect(await page.getByTestId('cov-opt-solver').count()).toBe(0); // no exact solver for this objective
      await page.getByTestId('cov-opt-spacing').selectOption('1000');
      await page.getByTestId('cov-opt-p').fill('3');
      await page.getByTestId('cov-opt-run').click();
      const message = page.getByTestId('cov-opt-message').filter({ hasText: 'forecast deposits at 10 years' });
      await message.waitFor({ timeout: 120_000 });
      await page.waitForFunction(() => /^today\|(?!today$)/.test((window as any).__status?.covCompared ?? ''), null, { timeout: 90_000 });
      const scenarioId = ((await page.evaluate(() => (window as any).__status.covCompared)) as string).split('|')[1];
      const sc = await (await fetch(`${app.url}/api/scenarios/${scenarioId}`)).json() as ScenarioDto;
      const fd = (sc.params as { forecastDeposits: { totalUsd: number } }).forecastDeposits;
      const perSite = (sc.params as { forecastDepositsUsd: Record<string, number> }).forecastDepositsUsd;
      expect(sc.added).toHaveLength(3);
      expect(Object.values(perSite).reduce((a, b) => a + b, 0)).toBeCloseTo(fd.totalUsd, -1);
      expect(await message.textContent()).toContain(`3 sites found: ${formatUsd('en', fd.totalUsd)} forecast deposits at 10 years`);
      const shown = await page.getByTestId('cov-opt-forecast').allTextContents();
      expect(shown).toEqual(sc.added.map((a) => formatUsd('en', perSite[a.id])));
      expect(await page.getByTestId('cov-opt-quality').textContent()).toContain('Intervals do not add');
      await waitForAppReady(page, 'covMapsIdle', 60_000);
      // the KPI headline leads with the deposit total the run was about, with its unit
      expect(await page.getByTestId('kpi-headline').textContent()).toMatch(new RegExp(`^${formatUsd('en', fd.totalUsd).replace(/[$.]/g, '\\$&')} \\(80%: .+\\) forecast deposits at 10 years from 3 added sites; `));
      // at 1280 px the header shows B's whole name, and every control beside it is inside the window
      const nameB = page.locator('[data-testid="cov-compare-title"] .nm.b');
      expect(await nameB.textContent()).toBe(sc.name);
      expect(await nameB.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      for (const id of ['cov-overlay', 'cov-export-csv', 'cov-export-pdf']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(1280);
      }
      await page.screenshot({ path: screenshotPath('coverage-forecast-1280.png') });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: screenshotPath('coverage-forecast-1920.png') });

      await page.getByTestId('language-switch').selectOption('zh');
      await expect.poll(() => page.getByTestId('cov-opt-message').textContent()).toContain(`10 年预测存款合计 ${formatUsd('zh', fd.totalUsd)}`);
      expect(await page.getByTestId('cov-opt-forecast').allTextContents()).toEqual(sc.added.map((a) => formatUsd('zh', perSite[a.id])));
      expect(await page.getByTestId('kpi-headline').textContent()).toContain(`新增 3 个网点，10 年预测存款合计 ${formatUsd('zh', fd.totalUsd)}（80% 区间：`);
      await page.screenshot({ path: screenshotPath('coverage-forecast-1920-zh.png') });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: screenshotPath('coverage-forecast-1280-zh.png') });
      expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: screenshotPath('coverage-forecast-failure.png') }).catch(() => {});
      throw err;
    }
  }, 300_000);
});
