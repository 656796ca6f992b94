import { createCanvas, loadImage } from '@napi-rs/canvas';
import fs from 'node:fs';
import { latLngToCell } from 'h3-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASEMAP_COLORS } from '../map/offlineStyle';
import { scoreColor, type Rgb } from '../map/colorRamp';
import { CANDIDATE_ALPHA } from '../map/siteLayers';
import { launchBrowser, readStatus, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

/**
 * The Sites view in a real browser over the real server and the test import: the offline map draws NYC, the
 * scored grid is on the map, a click opens a site's breakdown, a weight change re-ranks without a request,
 * a click adds a candidate, and Chinese shows in the UI and on the map.
 */
let app: RunningApp;
let br: RunningBrowser;
let page: Page;
const scoreRequests: string[] = [];

type Status = Record<string, unknown> & {
  mapIdle: boolean; scoring: boolean; candidates: number; renderedCandidates: number; deckFrames: number;
  top: { id: string; lng: number; lat: number; score: number; rank: number }[]; topIds: string[]; selectedId: string | null;
  addedSites: number; mapLabels: string[];
};
const status = async () => (await readStatus(page)) as Status;

/** Wait until the map is idle, nothing is being scored and deck.gl has stopped drawing new frames for 500 ms. */
async function settle(timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const s = await status();
    if (s.deckFrames !== last) { last = s.deckFrames; stableSince = Date.now(); }
    if (s.mapIdle && !s.scoring && Date.now() - stableSince >= 500) return s;
    if (Date.now() > end) throw new Error(`page did not settle: ${JSON.stringify({ ...s, top: undefined, topIds: undefined })}`);
    await page.waitForTimeout(100);
  }
}

/** Screen position (CSS px in the page) of a lng/lat on the map. */
async function project(lng: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([lng, lat]) => {
    const map = (window as unknown as { __map: { project: (p: [number, number]) => { x: number; y: number }; getContainer: () => HTMLElement } }).__map;
    const p = map.project([lng, lat]);
    const r = map.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, [lng, lat] as const);
}

/** The most frequent colour in a (2r+1)² patch of a PNG screenshot around (x, y) — robust to a stray line. */
async function patchColor(png: Buffer, x: number, y: number, r = 3): Promise<Rgb> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(Math.round(x) - r, Math.round(y) - r, 2 * r + 1, 2 * r + 1).data;
  const counts = new Map<string, number>();
  for (let k = 0; k < data.length; k += 4) {
    const key = `${data[k]},${data[k + 1]},${data[k + 2]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  return best.split(',').map(Number) as Rgb;
}

const hexRgb = (hex: string): Rgb => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as Rgb;
const colorDistance = (a: Rgb, b: Rgb) => Math.max(...a.map((v, k) => Math.abs(v - b[k])));
/** `fg` drawn with alpha `a` (0–255) over `bg`. */
const blend = (fg: Rgb, bg: Rgb, a: number): Rgb => fg.map((v, k) => Math.round((v * a + bg[k] * (255 - a)) / 255)) as Rgb;

beforeAll(async () => {
  app = await startApp();
  br = await launchBrowser();
  page = br.page;
  page.on('request', (r) => { if (r.url().includes('/api/sites/score')) scoreRequests.push(r.postData() ?? ''); });
  await page.goto(`${app.url}/#/sites`);
  await waitForAppReady(page, 'mapIdle');
  await page.waitForFunction(() => ((window as unknown as { __status: { candidates: number } }).__status.candidates ?? 0) > 0, null, { timeout: 90_000 });
  await settle();
});

afterAll(async () => {
  await br?.close();
  await app?.close();
});

describe('Sites view (browser)', () => {
  it('draws the scored NYC grid: every candidate is in the deck.gl layer, no page errors', async () => {
    const s = await status();
    // H3 res-9 cells over NYC land ≈ 7.4k (issue 2, item 4)
    expect(s.candidates).toBeGreaterThan(7000);
    expect(s.candidates).toBeLessThan(8000);
    expect(s.renderedCandidates).toBe(s.candidates);
    expect(s.top).toHaveLength(15);
    expect(s.top[0].rank).toBe(1);
    expect(await page.getByTestId('top-table').locator('tbody tr').count()).toBe(15);
    await page.screenshot({ path: screenshotPath('sites-grid.png') });
    expect(br.errors).toEqual([]);
  });

  it('paints NYC land and harbour water from the offline style, and a top cell in the top score colour', async () => {
    await page.getByTestId('layer-candidates').uncheck();
    await page.getByTestId('layer-competitors').uncheck();
    await settle();
    let png = await page.screenshot();
    // Midwood, Brooklyn (residential land, away from outlines and labels) and the Upper New York Bay (water)
    const land = await patchColor(png, ...Object.values(await project(-73.955, 40.625)) as [number, number]);
    const water = await patchColor(png, ...Object.values(await project(-74.045, 40.665)) as [number, number]);
    expect(colorDistance(land, hexRgb(BASEMAP_COLORS.landNyc)), `land ${land}`).toBeLessThanOrEqual(4);
    expect(colorDistance(water, hexRgb(BASEMAP_COLORS.water)), `water ${water}`).toBeLessThanOrEqual(4);

    await page.getByTestId('layer-candidates').check();
    await settle();
    png = await page.screenshot();
    const best = (await status()).top[0];
    expect(latLngToCell(best.lat, best.lng, 9)).toBe(best.id); // grid sites sit at their cell centres
    const p = await project(best.lng, best.lat);
    const cell = await patchColor(png, p.x, p.y, 2);
    // the hexagon is drawn at CANDIDATE_ALPHA over the NYC land colour
    const expected = blend(scoreColor(best.score), hexRgb(BASEMAP_COLORS.landNyc), CANDIDATE_ALPHA);
    expect(colorDistance(cell, expected), `cell ${cell} vs ${expected}`).toBeLessThanOrEqual(6);
    await page.getByTestId('layer-competitors').check();
    await settle();
  });

  it('clicking a site on the map opens its breakdown with contributions, stats and the Huff share', async () => {
    const best = (await status()).top[0];
    const p = await project(best.lng, best.lat);
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction((id) => (window as unknown as { __status: { selectedId: string } }).__status.selectedId === id, best.id);
    const panel = page.getByTestId('breakdown');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await page.getByTestId('breakdown-score').textContent()).toBe(best.score.toFixed(1));
    for (const f of ['transit', 'demand', 'competition']) expect(await page.getByTestId(`contribution-${f}`).isVisible()).toBe(true);
    expect(await page.getByTestId('huff-share').textContent()).toMatch(/^\d+\.\d%$/);
    expect(await panel.textContent()).toContain('Rank 1 of');
    // the nearest stop is named (looked up by id), not shown as a raw feed id
    await expect.poll(() => page.getByTestId('nearest-stop-name').textContent()).not.toMatch(/^[a-z_]+:\S+$/);
    await settle();
    await page.screenshot({ path: screenshotPath('sites-breakdown.png') });
  });

  it('moving a weight slider re-ranks instantly, without a new score request', async () => {
    const before = await status();
    const requestsBefore = scoreRequests.length;
    await page.getByTestId('weight-transit').fill('100');
    await page.waitForFunction(() => (window as unknown as { __status: { weights: { transit: number } } }).__status.weights.transit === 1);
    const after = await status();
    expect(after.weights).toEqual({ transit: 1, demand: 0, competition: 0 });
    expect(after.topIds).not.toEqual(before.topIds);
    // with transit alone, the new #1 is the site with the highest normalised transit value among the old top list at least
    expect(after.top[0].score).toBeGreaterThanOrEqual(after.top[1].score);
    expect(scoreRequests.length).toBe(requestsBefore);
    await expect.poll(() => page.getByTestId('top-table').locator('tbody tr').first().getAttribute('data-site-id')).toBe(after.topIds[0]);
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction(() => (window as unknown as { __status: { weights: { demand: number } } }).__status.weights.demand === 0.4);
    expect((await status()).topIds).toEqual(before.topIds);
  });

  it('adds a candidate where the map is clicked, scored by one request and shown in the breakdown', async () => {
    const requestsBefore = scoreRequests.length;
    await page.getByTestId('add-site').click();
    const p = await project(-73.9857, 40.7484); // Empire State Building
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => (window as unknown as { __status: { addedSites: number; scoring: boolean } }).__status.addedSites === 1);
    expect(scoreRequests.length).toBe(requestsBefore + 1);
    const body = JSON.parse(scoreRequests.at(-1)!);
    expect(body.sites).toHaveLength(1);
    expect(body.sites[0].lng).toBeCloseTo(-73.9857, 3);
    expect(body.sites[0].lat).toBeCloseTo(40.7484, 3);
    const s = await status();
    expect(s.selectedId).toBe('added-1');
    expect(s.renderedCandidates).toBe(s.candidates);
    expect(await page.getByTestId('breakdown').textContent()).toContain('Added site 1');
    await page.keyboard.press('Escape');
    await settle();
  });

  it('picks the own network from the searchable picker: its branches turn green and the grid is re-scored with it', async () => {
    const requestsBefore = scoreRequests.length;
    await page.getByTestId('network-search').fill('jpmorgan');
    const option = page.locator('.combo-list li[role=option]').first();
    await option.waitFor();
    expect((await option.textContent())?.toLowerCase()).toContain('jpmorgan');
    await option.click();
    await page.waitForFunction(() => {
      const s = (window as unknown as { __status: { ownNetwork: string | null; ownOutlets: number; scoring: boolean } }).__status;
      return !!s.ownNetwork && s.ownOutlets > 0 && !s.scoring;
    }, null, { timeout: 90_000 });
    const s = await status();
    expect(String(s.ownNetwork)).toMatch(/^(cert|hc):\d+$/);
    // Chase runs hundreds of branches around NYC; every branch is either own or competitor
    expect(s.ownOutlets as number).toBeGreaterThan(100);
    expect((s.ownOutlets as number) + (s.competitorOutlets as number)).toBe(s.outlets);
    const sent = scoreRequests.slice(requestsBefore).map((b) => JSON.parse(b));
    expect(sent.some((b) => b.grid && b.ownNetwork === s.ownNetwork)).toBe(true);
    expect(sent.some((b) => b.sites?.[0]?.id === 'added-1' && b.ownNetwork === s.ownNetwork)).toBe(true); // added site re-scored too
    expect(s.candidates).toBeGreaterThan(7000);
    expect(await page.getByTestId('network-current').textContent()).toMatch(/JPMORGAN/i);
  });

  it('shows transit stops (street zoom) and resident hexagons (city zoom) when switched on', async () => {
    // jumpTo returns the map itself: the braces keep it from being serialised back to the test (tens of seconds of
    // copying tile buffers in the page, blocking it)
    const jump = (center: [number, number], zoom: number) =>
      page.evaluate(([c, z]) => { (window as unknown as { __map: { jumpTo: (o: object) => void } }).__map.jumpTo({ center: c, zoom: z }); }, [center, zoom] as const);
    await page.getByTestId('layer-stops').check();
    await page.waitForFunction(() => (window as unknown as { __status: { stops: number } }).__status.stops > 1000, null, { timeout: 60_000 });
    const t0 = Date.now();
    await jump([-73.985, 40.752], 14);
    await settle();
    console.log('[e2e] stops settle ms', Date.now() - t0);
    await page.screenshot({ path: screenshotPath('sites-stops.png') });
    await page.getByTestId('layer-stops').uncheck();
    await page.getByTestId('layer-demand').check();
    await page.waitForFunction(() => (window as unknown as { __status: { demandPoints: number } }).__status.demandPoints > 1000, null, { timeout: 60_000 });
    const t1 = Date.now();
    await jump([-73.94, 40.70], 10.5);
    await settle();
    console.log('[e2e] demand settle ms', Date.now() - t1);
    await page.screenshot({ path: screenshotPath('sites-demand.png') });
    await page.getByTestId('layer-demand').uncheck();
    await jump([-73.94, 40.70], 10);
    await settle();
    expect(br.errors).toEqual([]);
  });

  it('imports candidate sites from a CSV: a bad file is refused naming row and field, a good one is scored in one request', async () => {
    const before = await status();
    const requestsBefore = scoreRequests.length;
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('id,lng,lat\nA,-73.99,40.75\nB,-73.98,95\n') });
    await expect.poll(() => page.getByTestId('import-errors').textContent()).toContain('bad.csv row 2, lat');
    expect(scoreRequests.length).toBe(requestsBefore); // nothing sent
    await page.getByTestId('import-file').setInputFiles({ name: 'branches.csv', mimeType: 'text/csv', buffer: Buffer.from('id,lng,lat\nHQ candidate,-73.9772,40.7527\nFlushing,-73.8303,40.7596\n') });
    await page.waitForFunction((n) => (window as unknown as { __status: { addedSites: number; scoring: boolean } }).__status.addedSites === n + 2, before.addedSites);
    expect(scoreRequests.length).toBe(requestsBefore + 1);
    expect(JSON.parse(scoreRequests.at(-1)!).sites.map((x: { id: string }) => x.id)).toEqual(['HQ candidate', 'Flushing']);
    expect(await page.getByTestId('import-note').textContent()).toContain('2');
    const s = await status();
    expect(s.renderedCandidates).toBe(s.candidates);
    expect(s.candidates).toBe(before.candidates + 2);
    await settle();
  });

  it('exports the scored sites as CSV and GeoJSON (every candidate, ranked, with the factor fields)', async () => {
    const s = await status();
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = fs.readFileSync((await csvDl.path())!, 'utf8').trim().split(/\r?\n/);
    expect(csvDl.suggestedFilename()).toBe('outlet-planner-sites.csv');
    expect(csv).toHaveLength(s.candidates + 1);
    expect(csv[0].split(',').slice(0, 5)).toEqual(['rank', 'id', 'lng', 'lat', 'score']);
    expect(csv[0]).toContain('competition_huffShare');
    expect(csv[1].split(',')[1]).toBe(s.topIds[0]);
    const [gjDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-geojson').click()]);
    const gj = JSON.parse(fs.readFileSync((await gjDl.path())!, 'utf8'));
    expect(gj.type).toBe('FeatureCollection');
    expect(gj.features).toHaveLength(s.candidates);
    expect(gj.features[0].id).toBe(s.topIds[0]);
    expect(gj.features[0].properties.rank).toBe(1);
  });

  it('map settings refuse a non-http style URL, and fall back to the offline basemap when an online style fails', async () => {
    await page.getByTestId('map-settings').click();
    await page.locator('.popover').getByRole('radio').nth(2).check();
    await page.locator('.popover input[type=url]').fill('ftp://example.com/style.json');
    expect(await page.locator('.popover .field-error').isVisible()).toBe(true);
    expect(await page.locator('.popover button.primary').isDisabled()).toBe(true);
    // a URL that answers with HTML instead of a style (what an offline proxy or a typo gives)
    await page.locator('.popover input[type=url]').fill(`${app.url}/no-such-style.json`);
    await page.locator('.popover button.primary').click();
    await expect.poll(() => page.getByTestId('style-error').isVisible(), { timeout: 30_000 }).toBe(true);
    await settle();
    const s = await status();
    expect(s.renderedCandidates).toBe(s.candidates);
    const png = await page.screenshot();
    const water = await patchColor(png, ...Object.values(await project(-74.045, 40.665)) as [number, number]);
    expect(colorDistance(water, hexRgb(BASEMAP_COLORS.water)), `water ${water}`).toBeLessThanOrEqual(4);
    // back to offline explicitly: the stored URL is cleared
    await page.getByTestId('map-settings').click();
    await page.locator('.popover').getByRole('radio').nth(0).check();
    await page.locator('.popover button.primary').click();
    expect(await page.evaluate(() => localStorage.getItem('op.basemapUrl'))).toBeNull();
    expect(await page.getByTestId('style-error').count()).toBe(0);
    await settle();
    br.errors.length = 0; // the failed style fetch is logged on purpose
  });

  it('links the top-N table and the map: hovering a row highlights its site, clicking selects it', async () => {
    const s = await status();
    const row = page.getByTestId('top-table').locator('tbody tr').nth(2);
    await row.hover();
    await page.waitForFunction((id) => (window as unknown as { __status: { hoveredId: string } }).__status.hoveredId === id, s.topIds[2]);
    await row.click();
    await page.waitForFunction((id) => (window as unknown as { __status: { selectedId: string } }).__status.selectedId === id, s.topIds[2]);
    expect(await page.getByTestId('breakdown').textContent()).toContain(`Rank 3 of`);
    await page.mouse.move(5, 5);
    await settle();
  });

  it('switches to Chinese: UI text and the map labels (borough names) are Chinese', async () => {
    await page.getByTestId('language-switch').selectOption('zh');
    await expect.poll(async () => (await status()).mapLabels?.join(',')).toContain('曼哈顿');
    const s = await status();
    expect(s.mapLabels.sort()).toEqual(['史泰登岛', '布朗克斯', '布鲁克林', '曼哈顿', '皇后区'].sort());
    expect(await page.getByTestId('breakdown').textContent()).toContain('选址评分明细');
    expect(await page.getByTestId('model-limits').textContent()).toContain('常住人口');
    expect(await page.getByTestId('tab-sites').textContent()).toBe('选址评分');
    // MapLibre's own controls and the map's aria label follow the language switch.
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('放大');
    expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('aria-label')).toBe('缩小');
    expect(await page.locator('canvas.maplibregl-canvas').getAttribute('aria-label')).toBe('地图');
    // The own network picked earlier in this tab is the Network coverage tab's pick too (shared, persisted).
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('op.ownNetwork') ?? 'null')?.id)).toBe((await status()).ownNetwork);
    await page.waitForFunction(() => (window as unknown as { __status: { fontEpoch: number } }).__status.fontEpoch >= 2);
    await settle();
    await page.screenshot({ path: screenshotPath('sites-zh.png') });
    expect(br.errors).toEqual([]);
  });
});
