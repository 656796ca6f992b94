import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, readStatus, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

/**
 * The weight-sensitivity panel of the Sites view in a real browser: opening it runs the Monte Carlo on the server
 * for the grid at the current weights; the table shows the API's P(top k) and 5–95 % rank range for the top sites;
 * changing k re-runs; the order-flip box for the top two gives valid tie weights, and applying the weights just past
 * the tie swaps the two sites in the ranking.
 */
let app: RunningApp;
let br: RunningBrowser;
let page: Page;
const sensRequests: string[] = [];

type Row = { id: string; rank: number; pTopK: number | null; rankP5: number | null; rankP95: number | null };
type Sens = { running: boolean; stale: boolean; error: string | null; topK: number | null; rows: Row[]; pair: string[];
  flip: { distancePp: number | null; tieWeights: { transit: number; demand: number; competition: number } | null; aLeads: boolean } | null };
const sens = async () => ((await readStatus(page)) as { sensitivity: Sens | null }).sensitivity;
async function waitForResult(topK: number) {
  await page.waitForFunction((k) => {
    const s = (window as unknown as { __status: { sensitivity: Sens | null } }).__status.sensitivity;
    return !!s && !s.running && !s.stale && s.topK === k && s.rows.length > 0 && s.rows.every((r) => r.pTopK !== null);
  }, topK, { timeout: 60_000, polling: 100 });
  return (await sens())!;
}

beforeAll(async () => {
  app = await startApp();
  br = await launchBrowser();
  page = br.page;
  page.on('request', (r) => { if (r.url().includes('/api/sites/sensitivity')) sensRequests.push(r.postData() ?? ''); });
  await page.goto(`${app.url}/#/sites`);
  await waitForAppReady(page, 'mapIdle');
  await page.waitForFunction(() => ((window as unknown as { __status: { candidates: number } }).__status.candidates ?? 0) > 7000, null, { timeout: 90_000 });
});

afterAll(async () => {
  await br?.close();
  await app?.close();
});

describe('weight sensitivity panel (browser)', () => {
  it('is collapsed until opened; opened, shows the API\'s P(top 10) and rank range for the top 15', async () => {
    expect(sensRequests).toHaveLength(0);
    await page.getByTestId('sensitivity-toggle').click();
    const s = await waitForResult(10);
    expect(sensRequests).toHaveLength(1);
    const body = JSON.parse(sensRequests[0]);
    expect(body).toMatchObject({ grid: { resolution: 9, area: 'nyc' }, weights: { transit: 0.3, demand: 0.4, competition: 0.3 },
      sensitivity: { draws: 500, concentration: 50, topK: 10, seed: 1 } });
    // the same request straight to the API (seeded: reproducible) gives the numbers the panel shows
    const api = await (await fetch(`${app.url}/api/sites/sensitivity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sensRequests[0] })).json();
    const byId = new Map<string, { rank: number; pTopK: number; rankP5: number; rankP95: number }>(api.sites.map((r: { id: string }) => [r.id, r]));
    expect(s.rows).toHaveLength(15);
    for (const r of s.rows) {
      const a = byId.get(r.id)!;
      expect(r.rank).toBe(a.rank);
      expect(r.pTopK).toBe(a.pTopK);
      expect([r.rankP5, r.rankP95]).toEqual([a.rankP5, a.rankP95]);
      expect(r.rankP5!).toBeLessThanOrEqual(r.rankP95!);
    }
    const cells = await page.getByTestId('sens-p').allInnerTexts();
    expect(cells[0]).toBe(`${Math.round(s.rows[0].pTopK! * 100)}%`);
    await page.getByTestId('sensitivity').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('sensitivity-1-open.png') });

    // the breakdown of a site picked from the table carries its row of the run
    const third = s.rows[2];
    await page.getByTestId('sens-table').locator(`tr[data-site-id="${third.id}"] button`).click();
    await expect.poll(() => page.getByTestId('breakdown-sensitivity').innerText())
      .toBe(`Under random weights: in the top 10 in ${Math.round(third.pTopK! * 100)}% of draws; rank ${third.rankP5}–${third.rankP95} in 90% of them.`);
    await page.screenshot({ path: screenshotPath('sensitivity-1b-breakdown.png') });
  });

  it('changing k re-runs with the new k: P(top 3) ≤ P(top 10) for every site', async () => {
    const before = (await sens())!.rows;
    await page.getByTestId('sens-k').fill('3');
    const s = await waitForResult(3);
    expect(JSON.parse(sensRequests.at(-1)!).sensitivity.topK).toBe(3);
    for (const r of s.rows) {
      const b = before.find((x) => x.id === r.id)!;
      expect(r.pTopK!).toBeLessThanOrEqual(b.pTopK!);
    }
    expect(await page.getByTestId('sens-table').locator('thead').innerText()).toContain('P(top 3)');
  });

  it('the order flip of the top two: tie weights give equal scores; applying weights past the tie swaps them', async () => {
    const s = (await sens())!;
    const [idA, idB] = s.pair;
    expect([idA, idB]).toEqual([s.rows[0].id, s.rows[1].id]);
    const flipText = await page.getByTestId('sens-flip-text').innerText();
    if (!s.flip?.tieWeights) {
      expect(flipText).toContain('stays ahead under any weights');
      return;
    }
    const w = s.flip.tieWeights;
    expect(Math.min(w.transit, w.demand, w.competition)).toBeGreaterThanOrEqual(0);
    expect(w.transit + w.demand + w.competition).toBeCloseTo(1, 9);
    // score both sites at the tie weights through the API: equal to the response's 6-decimal rounding
    const status = (await readStatus(page)) as { top: { id: string; lng: number; lat: number }[] };
    const pts = [idA, idB].map((id) => status.top.find((x) => x.id === id)!);
    const atTie = await (await fetch(`${app.url}/api/sites/score`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sites: pts.map(({ id, lng, lat }) => ({ id, lng, lat })), weights: w }) })).json();
    expect(Math.abs(atTie.sites[0].score - atTie.sites[1].score)).toBeLessThan(1e-4);
    expect(flipText).toMatch(/They tie (after a weight change of|only with a factor switched off, a change of) \d+\.\d percentage points/);

    await page.getByTestId('sens-apply-flip').click();
    await page.waitForFunction(([a, b]) => {
      const top = (window as unknown as { __status: { top: { id: string; rank: number }[] } }).__status.top;
      const ra = top.find((x) => x.id === a)?.rank ?? 1e9, rb = top.find((x) => x.id === b)?.rank ?? 1e9;
      return rb < ra;
    }, [idA, idB], { timeout: 10_000 });
    await waitForResult(3);
    await page.getByTestId('sensitivity').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('sensitivity-2-flipped.png') });
    expect(br.errors).toEqual([]);
  });

  it('reads in Chinese', async () => {
    await page.getByTestId('language-switch').selectOption('zh');
    await expect.poll(() => page.getByTestId('sensitivity').innerText()).toContain('权重敏感性');
    expect(await page.getByTestId('sens-table').locator('thead').innerText()).toContain('前3概率');
    await page.getByTestId('sensitivity').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('sensitivity-3-zh.png') });
  });
});
