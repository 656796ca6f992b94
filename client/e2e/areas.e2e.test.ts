import fs from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import Papa from 'papaparse';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, readStatus, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

/**
 * The study-area picker in a real browser (issue 10): pick Brooklyn — the grid becomes Brooklyn's 1,695 res-9
 * cells, the top 15 lie inside the Brooklyn borough polygon (checked here against the raw boundary file), the map
 * frames Brooklyn and the exported CSV names the area and each site's borough; then a county outside NYC (Cook
 * County, IL, found by name at res 8) shows the "no transit feed" warning; and the picker speaks Chinese.
 */
let app: RunningApp;
let br: RunningBrowser;
let page: Page;

type Status = Record<string, unknown> & {
  mapIdle: boolean; scoring: boolean; gridCells: number; deckFrames: number; areaName: string | null; scoredArea: string | null;
  top: { id: string; lng: number; lat: number; score: number; rank: number }[]; coverageWarnings: { code: string; n: number }[];
};
const status = async () => (await readStatus(page)) as Status;

async function settleOn(pred: (s: Status) => boolean, what: string, timeoutMs = 180_000): Promise<Status> {
  const end = Date.now() + timeoutMs;
  let last = -1, stableSince = Date.now();
  for (;;) {
    const s = await status();
    if (s.deckFrames !== last) { last = s.deckFrames; stableSince = Date.now(); }
    if (pred(s) && s.mapIdle && !s.scoring && Date.now() - stableSince >= 500) return s;
    if (Date.now() > end) throw new Error(`never reached "${what}": ${JSON.stringify({ ...s, top: undefined, topIds: undefined })}`);
    await page.waitForTimeout(150);
  }
}

function borough(name: string): Feature<Polygon | MultiPolygon> {
  const file = path.join(app.deps.config.dataDir, 'nyc-geographies-ehdp', 'borough.topo.json');
  const topo = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology;
  const fc = feature(topo, topo.objects.collection) as unknown as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  return fc.features.find((f) => f.properties.name === name)!;
}

beforeAll(async () => {
  app = await startApp();
  br = await launchBrowser();
  page = br.page;
  await page.goto(`${app.url}/#/sites`);
  await waitForAppReady(page, 'mapIdle', 120_000);
  await settleOn((s) => s.gridCells === 7405 && s.scoredArea === 'New York City', 'the NYC grid');
});

afterAll(async () => {
  await br?.close();
  await app?.close();
});

describe('study areas (browser)', () => {
  it('picks Brooklyn: its 1,695 res-9 cells, a top 15 inside Brooklyn, the map framed on it, the area in the CSV', async () => {
    await page.getByTestId('area-mode-nyc-places').click();
    await page.getByTestId('area-borough-36047').click();
    const s = await settleOn((x) => x.scoredArea === 'Brooklyn' && x.gridCells === 1695, 'the Brooklyn grid');
    expect(await page.getByTestId('area-name').textContent()).toMatch(/^Brooklyn · 1,695 H3 res-9 cells$/);
    const bk = borough('Brooklyn');
    expect(s.top).toHaveLength(15);
    for (const t of s.top) expect(booleanPointInPolygon([t.lng, t.lat], bk), `${t.id} at ${t.lng},${t.lat}`).toBe(true);
    expect(await page.getByTestId('top-table').locator('tbody tr').count()).toBe(15);
    // the map frames Brooklyn: its view lies around Brooklyn's bbox (−74.042…−73.834, 40.570…40.739), not all NYC
    const b = await page.evaluate(() => {
      const m = (window as unknown as { __map: { getBounds: () => { getWest: () => number; getEast: () => number; getSouth: () => number; getNorth: () => number } } }).__map;
      const x = m.getBounds();
      return [x.getWest(), x.getSouth(), x.getEast(), x.getNorth()];
    });
    expect(b[0]).toBeLessThanOrEqual(-74.04);
    expect(b[2]).toBeGreaterThanOrEqual(-73.84);
    expect(b[1]).toBeLessThanOrEqual(40.571);
    expect(b[3]).toBeGreaterThanOrEqual(40.738);
    expect(b[3] - b[1]).toBeLessThan(0.3); // NYC's full extent would be ≥ 0.42° tall
    // 12 cells in Jamaica Bay (the marshes of the Jamaica Bay (West) NTA) have no stop within 2 km: said, not hidden
    expect(s.coverageWarnings).toEqual([{ code: 'no-transit-feed', n: 12 }]);
    expect(await page.getByTestId('coverage-warnings').textContent()).toContain('12 of 1,695 sites: no transit feed within 2 km — transit factor not scored there.');
    await page.screenshot({ path: screenshotPath('areas-brooklyn.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields?.slice(0, 11)).toEqual(['rank', 'id', 'lng', 'lat', 'score', 'study_area', 'county_fips', 'county', 'borough', 'neighbourhood', 'warnings']);
    expect(parsed.data).toHaveLength(1695);
    expect(parsed.data[0]).toMatchObject({ rank: '1', study_area: 'Brooklyn', county_fips: '36047', county: 'Kings, New York', borough: 'Brooklyn', warnings: '' });
    expect(parsed.data[0].neighbourhood).not.toBe('');
    expect(br.errors).toEqual([]);
  });

  it('a county outside NYC found by name (Cook County, IL at res 8) warns that no transit feed covers its sites', async () => {
    await page.getByTestId('area-mode-counties').click();
    await page.getByTestId('area-resolution').selectOption('8');
    await page.getByTestId('area-county-search').fill('Cook');
    await page.getByTestId('area-county-option-17031').click();
    await page.getByTestId('area-apply').click();
    const s = await settleOn((x) => x.scoredArea === 'Cook, Illinois' && x.gridCells === 3335, 'the Cook County grid', 300_000);
    expect(s.coverageWarnings).toEqual([{ code: 'no-transit-feed', n: 3335 }]);
    expect(await page.getByTestId('coverage-warnings').textContent()).toContain('3,335 of 3,335 sites: no transit feed within 2 km — transit factor not scored there.');
    // a site's breakdown says it too, and shows transit as not scored
    await page.getByTestId('top-table').locator('tbody tr').first().click();
    await expect.poll(() => page.getByTestId('breakdown-warnings').textContent()).toContain('No transit feed has a stop within 2 km of this site: transit factor not scored');
    expect(await page.getByTestId('contribution-transit').textContent()).toContain('not scored');
    await page.screenshot({ path: screenshotPath('areas-cook.png') });
    expect(br.errors).toEqual([]);
  });

  it('speaks Chinese', async () => {
    await page.evaluate(() => localStorage.setItem('op.locale', 'zh'));
    await page.reload();
    await waitForAppReady(page, 'mapIdle', 120_000);
    await settleOn((x) => x.scoredArea === 'Cook, Illinois', 'the remembered Cook County grid', 300_000);
    expect(await page.getByTestId('area-picker').textContent()).toContain('研究区域');
    expect(await page.getByTestId('area-name').textContent()).toContain('个 H3 8 级网格');
    expect(await page.getByTestId('coverage-warnings').textContent()).toContain('未计算交通因子');
  });
});
