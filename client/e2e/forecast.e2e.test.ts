import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, readStatus, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';
import type { ParameterSet, ValidationReportDto } from '../../core/api/forecast';

/**
 * The deposit forecast in a real browser: the Model view shows the validation report of the parameter set (the same
 * numbers as the API), its plots and exclusion counts, in English and Chinese; in Site scoring, switching to forecast
 * mode with an own network ranks the grid by forecast deposits and the breakdown states the forecast, its 80 %
 * interval and the model's hold-out ρ.
 */
let app: RunningApp;
let br: RunningBrowser;
let page: Page;
let set: ParameterSet;
let report: ValidationReportDto;

beforeAll(async () => {
  app = await startApp();
  // the API first (waits for the calibration, or reads it from data/cache/forecast/)
  set = (await (await fetch(`${app.url}/api/parameter-sets?wait=true`)).json() as ParameterSet[])[0];
  report = await (await fetch(`${app.url}/api/parameter-sets/${set.name}/validation`)).json() as ValidationReportDto;
  br = await launchBrowser();
  page = br.page;
}, 300_000);

afterAll(async () => {
  await br?.close();
  await app?.close();
});

describe('Model view (browser)', () => {
  it('shows the hold-out table with every baseline, the plots and the exclusion counts the API reports', async () => {
    await page.goto(`${app.url}/#/model`);
    await page.getByTestId('model-table').waitFor({ timeout: 120_000 });
    const rows = page.locator('[data-testid="model-table"] tbody tr');
    expect(await rows.count()).toBe(report.variants.length + 1); // + the sensitivity row
    const full = page.locator('[data-testid="model-table"] tr[data-variant="full"]');
    const cell = await full.locator('td').first().textContent();
    expect(cell).toContain(report.variants[0].spearmanHoldout.value!.toFixed(2));
    expect(await page.locator('[data-testid="model-table"] tr[data-variant="baselineResidents"]').count()).toBe(1);
    // predicted vs actual: one point per held-out 2023 branch; the residual map: the same branches
    expect(await page.locator('[data-testid="model-scatter"] circle').count()).toBe(report.holdout.length);
    expect(await page.locator('[data-testid="model-residuals"] circle:not(.res-key-dot)').count()).toBe(report.holdout.length);
    // what a dot's size means: the key's circles, actual vs forecast ×1.5, ×3, ×10 and ×20 or more
    expect(await page.locator('[data-testid="residual-size-key"] text').allTextContents()).toEqual(['Actual vs forecast, either way', '×1.5', '×3', '×10', '×20+']);
    await page.locator('[data-testid="model-residuals"] path').first().waitFor(); // borough outlines (the basemap loads alongside)
    expect(await page.locator('[data-testid="model-residuals"] path').count()).toBe(5);
    // the one hold-out branch outside the city: the FDIC files its Wyandanch (Suffolk County) branch under Queens
    expect(await page.getByTestId('residual-outside').count()).toBe(1);
    expect(await page.getByTestId('residuals-outside-note').innerText())
      .toContain('1 branch lies outside the city: the FDIC files it under a borough, but its coordinates are elsewhere (Flagstar Bank, National Association, filed under Queens, at 40.756, -73.358)');
    // coefficients with intervals, one row per model feature
    expect(await page.locator('[data-testid="model-coefficients"] tr').count()).toBe(set.params.features.length);
    // the exclusion rule keeps 1,392 of the 1,478 NYC rows of 2023
    const y2023 = await page.locator('[data-testid="model-exclusion"] tr[data-year="2023"]').innerText();
    expect(y2023.replace(/\s+/g, ' ')).toContain('2023 1,478 1,392');
    await page.screenshot({ path: screenshotPath('model-view-en.png'), fullPage: true });
  });

  it('is in Chinese after the language switch', async () => {
    await page.getByTestId('language-switch').selectOption('zh');
    await page.getByText('存款预测：对真实网点的预测能力').waitFor();
    expect(await page.locator('[data-testid="model-table"] thead').innerText()).toContain('空间分块 ρ');
    expect(await page.locator('[data-testid="model-coefficients"]').innerText()).toContain('机构效应');
    expect(await page.getByTestId('residuals-outside-note').innerText()).toContain('1 个网点位于纽约市以外：FDIC 将其登记在某个行政区');
    expect(await page.getByTestId('residuals-outside-note').innerText()).toContain('登记于皇后区，坐标 40.756, -73.358');
    expect(await page.locator('[data-testid="residual-size-key"] text').allTextContents()).toEqual(['实际与预测之比（高或低）', '1.5 倍', '3 倍', '10 倍', '20 倍以上']);
    // the protocol paragraph too, from the report's numbers
    expect(await page.getByTestId('model-protocol').innerText()).toContain(`2 km 空间分块（${report.n.blocks} 个分块`);
    await page.getByTestId('language-switch').selectOption('en');
  });
});

describe('forecast mode in Site scoring (browser)', () => {
  it('ranks the grid by forecast deposits for the chosen network and states the forecast with its interval and ρ', async () => {
    await page.goto(`${app.url}/#/sites`);
    await waitForAppReady(page, 'mapIdle');
    await page.waitForFunction(() => ((window as unknown as { __status: { candidates: number } }).__status.candidates ?? 0) > 7000, null, { timeout: 120_000 });
    // own network: JPMorgan Chase, picked as a user would
    await page.getByTestId('network-search').fill('jpmorgan');
    const option = page.locator('.combo-list li[role=option]').first();
    await option.waitFor();
    await option.click();
    await page.waitForFunction(() => {
      const s = (window as unknown as { __status: { ownNetwork: string | null; ownOutlets: number; scoring: boolean } }).__status;
      return !!s.ownNetwork && s.ownOutlets > 0 && !s.scoring;
    }, null, { timeout: 120_000 });
    await page.getByTestId('mode-forecast').check({ force: true });
    await page.waitForFunction(() => {
      const s = (window as unknown as { __status: { forecastMode: boolean; scoring: boolean; topForecastUsd: (number | null)[] } }).__status;
      return s.forecastMode && !s.scoring && s.topForecastUsd.length > 0 && s.topForecastUsd.every((x) => x !== null);
    }, null, { timeout: 120_000 });
    const st = await readStatus(page) as { topForecastUsd: number[]; top: { id: string }[]; mode: string };
    expect(st.mode).toBe('forecast');
    // the top list is in forecast order, largest first
    expect([...st.topForecastUsd].sort((a, b) => b - a)).toEqual(st.topForecastUsd);
    await page.getByTestId('forecast-accuracy').waitFor();
    expect(await page.getByTestId('forecast-bank').innerText()).toMatch(/Bank effect: .*New York City branches/i);
    expect(await page.getByTestId('forecast-accuracy').innerText()).toContain(`ρ = ${set.fit.spearmanHoldout!.toFixed(2)}`);
    expect(await page.locator('[data-testid="top-forecast"]').first().innerText()).toMatch(/^\$\d[\d.,]* [MB]$/);
    // open the best site: the breakdown states "Forecast $… M (80%: $…–… M) · this model ranked held-out branches at ρ = …"
    await page.locator('[data-testid="top-table"] tbody tr').first().click();
    const line = await page.getByTestId('forecast-line').innerText();
    // the interval shares a unit ("$90–360 M") or, when its ends fall on different units, carries each ("$378 M–$2.0 B")
    expect(line).toMatch(/^Forecast \$\d[\d.,]* [MB] \(80%: \$[\d.,]+(?: [MB]–\$|–)[\d.,]+ [MB]\) · this model ranked held-out branches at ρ = \d\.\d\d$/);
    expect(line).toContain(`ρ = ${set.fit.spearmanHoldout!.toFixed(2)}`);
    expect(await page.locator('[data-testid="forecast-contributions"] li').count()).toBeGreaterThanOrEqual(3);
    // the headline is the forecast in dollars and the rank says what it ranks by; the weighted-criteria blend is gone
    expect(await page.getByTestId('breakdown-score').innerText()).toBe(await page.locator('[data-testid="top-forecast"]').first().innerText());
    expect(await page.getByTestId('breakdown-rank').innerText()).toMatch(/^Rank 1 of [\d,]+ by forecast deposits$/);
    expect(await page.getByTestId('contribution-transit').count()).toBe(0);
    expect(await page.locator('[data-testid="forecast-contributions"] .num').first().textContent()).toMatch(/^[+−]\d+(\.\d)?%$/);
    expect(await page.getByTestId('forecast-contributions-hint').innerText()).toContain('the changes multiply');
    // each line says which side of the fitted branches' average this site is on and which way that moves the forecast:
    // a "+" line raises it, a "−" line lowers it (the crowding index of Midtown is below average: its negative
    // coefficient makes that raise the forecast, the line "Huff-expected residents … +48 %" once read as good for crowding)
    const lines = await page.locator('[data-testid="forecast-contributions"] li').evaluateAll((ls) => ls.map((l) => ({
      feature: l.getAttribute('data-feature'), num: l.querySelector('.num')?.textContent ?? '', why: l.querySelector('[data-testid="contribution-why"]')?.textContent ?? '',
      val: l.querySelector('[data-testid="contribution-value"]')?.textContent ?? null })));
    for (const l of lines) {
      expect(l.why, l.feature!).toMatch(/^(lower here than at the average branch the model learnt from|higher here than at the average branch the model learnt from|set by the forecast \(a new branch at 10 years\)), which (raises|lowers)/);
      expect(l.why.endsWith(l.num.startsWith('+') ? 'raises the forecast' : 'lowers the forecast') || l.why.endsWith(l.num.startsWith('+') ? 'raises it' : 'lowers it'), `${l.feature}: ${l.num} ${l.why}`).toBe(true);
      // and states the site's value beside a typical fitted branch's, in the feature's unit (none for the assumed age/year)
      if (l.why.startsWith('set by')) expect(l.val, l.feature!).toBeNull();
      else if (l.feature !== 'bankEffect' && !l.feature!.startsWith('logAgeHinge')) expect(l.val, l.feature!).toMatch(/^here [$\d.,]+(?: [MBK]| m| km|%)? · typical branch [$\d.,]+(?: [MBK]| m| km|%)?$/);
    }
    const huff = lines.find((l) => l.feature === 'logHuffExpectedResidents');
    if (huff) expect(huff.num.startsWith('+') ? huff.why.startsWith('lower here') : huff.why.startsWith('higher here'), huff.why).toBe(true);
    // the weights rank nothing here: disabled, with the reason; the legend names what the hexagons show
    expect(await page.getByTestId('weight-transit').isDisabled()).toBe(true);
    expect(await page.getByTestId('weights-hint').innerText()).toContain('the forecast, not these weights, ranks the sites');
    // the hexagons are coloured by forecast dollars: quintile classes of the cells in view, with $ units in the legend
    expect(await page.getByTestId('legend-score').innerText()).toContain('Forecast deposits at 10 years (US$)');
    const classes = await page.locator('[data-testid="legend-forecast-classes"] li').allInnerTexts();
    expect(classes).toHaveLength(5);
    expect(classes[0]).toMatch(/^under \$\d+ M$/);
    expect(classes[1]).toMatch(/^\$\d+–\d+ M$/);
    expect(classes[4]).toMatch(/^\$\d+ M or more$/);
    type Marks = { forecastBreaks: number[]; forecastClassCells: number; topLabels: string[]; mapIdle: boolean; top: { lng: number; lat: number }[] };
    // the whole city in view (the breakdown's site was flown to)
    const jump = (center: [number, number], zoom: number) => page.evaluate(([c, z]) => (window as unknown as { __map: { jumpTo: (o: object) => void } }).__map.jumpTo({ center: c, zoom: z }), [center, zoom] as const);
    await jump([-73.94, 40.7], 9.5);
    await page.waitForFunction(() => { const s = (window as unknown as { __status: Marks }).__status; return s.mapIdle && s.forecastClassCells > 7000; }, null, { timeout: 60_000 });
    const city = await readStatus(page) as unknown as Marks;
    expect(city.forecastBreaks[0]).toBe(0);
    for (let k = 1; k < city.forecastBreaks.length; k++) expect(city.forecastBreaks[k]).toBeGreaterThan(city.forecastBreaks[k - 1]);
    // every site of the top list is marked on the map with its rank (neighbours share a label: "1–12, 14")
    const ranksOf = (labels: string[]) => labels.flatMap((l) => l.split(', ').flatMap((r) => {
      const [a, b] = r.split('–').map(Number); return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i); })).sort((x, y) => x - y);
    expect(ranksOf(city.topLabels)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(await page.getByTestId('legend-top').innerText()).toContain('numbered ring: a site of the top 15 list');
    // zoomed in on Midtown the classes are the view's quintiles: the middle break above the city's top one, so
    // Manhattan spreads over five colours instead of one, and each listed site gets its own label
    await jump([-73.975, 40.76], 13.5);
    await page.waitForFunction((n) => { const s = (window as unknown as { __status: Marks }).__status; return s.mapIdle && s.forecastClassCells < n; }, city.forecastClassCells, { timeout: 60_000 });
    await page.waitForFunction(() => (window as unknown as { __status: Marks }).__status.topLabels.length === 15, null, { timeout: 30_000 });
    const midtown = await readStatus(page) as unknown as Marks;
    expect(midtown.forecastClassCells).toBeLessThan(500);
    expect(midtown.forecastBreaks[2]).toBeGreaterThan(city.forecastBreaks[4]);
    expect(ranksOf(midtown.topLabels)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    await page.screenshot({ path: screenshotPath('sites-forecast-mode.png') });
    // …and in Chinese
    await page.getByTestId('language-switch').selectOption('zh');
    await page.waitForFunction(() => document.querySelector('[data-testid="forecast-line"]')?.textContent?.startsWith('预测'));
    expect(await page.getByTestId('forecast-line').innerText()).toMatch(/该模型对留出网点的排序 ρ = \d\.\d\d$/);
    expect(await page.getByTestId('breakdown-rank').innerText()).toMatch(/^按预测存款排第 1 名/);
    expect(await page.locator('[data-testid="contribution-why"]').first().innerText()).toMatch(/^(此处[低高]于模型所学网点的平均水平|由预测设定（按新网点开业 10 年计）)，因而使预测[提降][高低]$/);
    expect(await page.getByTestId('legend-score').innerText()).toContain('开业 10 年的预测存款（美元）');
    expect((await page.locator('[data-testid="legend-forecast-classes"] li').allInnerTexts())[0]).toMatch(/^低于 [\d.,]+ [亿万]美元$/);
    // a reload keeps the forecast mode and its parameter set (they are in the address)
    expect(page.url()).toMatch(/[?&]mode=forecast(&|$)/);
    expect(page.url()).toContain(`pset=${encodeURIComponent(set.name)}`);
    await page.reload();
    await page.waitForFunction(() => {
      const s = (window as unknown as { __status?: { forecastMode: boolean; scoring: boolean } }).__status;
      return !!s && s.forecastMode && !s.scoring;
    }, null, { timeout: 120_000 });
    expect(await page.getByTestId('mode-forecast').isChecked()).toBe(true);
    expect(await page.getByTestId('parameter-set').inputValue()).toBe(set.name);
    expect(br.errors).toEqual([]);
  });
});
