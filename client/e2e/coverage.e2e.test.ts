/**
 * Browser test of the coverage compare view (issue 3, item 7): open #/coverage, pick a bank, both maps draw
 * (pixel checks on both canvases), linked cameras, ask for the 5 best new sites, see a positive KPI delta, export
 * the PDF brief, switch to Chinese. Screenshots go to client/e2e/screenshots/.
 */
import fs from 'node:fs';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, readStatus, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

let app: RunningApp;
let browser: RunningBrowser;

/** JPMorgan Chase Bank, N.A. (FDIC cert 628): a large NYC network. */
const BANK = 'cert:628';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

type Rgb = [number, number, number];
const near = (c: Rgb, tol = 14) => (r: number, g: number, b: number) => Math.abs(r - c[0]) <= tol && Math.abs(g - c[1]) <= tol && Math.abs(b - c[2]) <= tol;

/** Decode a PNG screenshot and count the pixels each predicate accepts, plus the number of distinct colours. */
async function pixelStats(png: Buffer, classes: Record<string, (r: number, g: number, b: number) => boolean>) {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, img.width, img.height).data;
  const counts: Record<string, number> = Object.fromEntries(Object.keys(classes).map((k) => [k, 0]));
  const distinct = new Set<number>();
  for (let i = 0; i < d.length; i += 4) {
    distinct.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    for (const [k, test] of Object.entries(classes)) if (test(d[i], d[i + 1], d[i + 2])) counts[k]++;
  }
  return { counts, distinct: distinct.size, total: d.length / 4 };
}

const CLASSES = {
  nycLand: near([0xf8, 0xf7, 0xf3], 4),
  water: near([0xb9, 0xd3, 0xe8], 6),
  own: near([0x1f, 0x5f, 0xa8], 18),
  added: near([0xe0, 0x7a, 0x1f], 18),
  /** Gained-demand hexagons (greens at 78 % opacity over land): green clearly above red and blue. */
  gained: (r: number, g: number, b: number) => g > r + 40 && g > b + 40,
  /** Gap hexagons (purples): blue and red above green. */
  gap: (r: number, g: number, b: number) => b > g + 30 && r > g + 10,
};

describe('coverage compare view', () => {
  it('shows a bank’s NYC coverage on two linked maps, optimises 5 sites and exports the brief', async () => {
    try {
      await flow();
    } catch (e) {
      await browser.page.screenshot({ path: screenshotPath('coverage-failure.png') }).catch(() => {});
      throw e;
    }
  });

  it('edits a scenario: adds a typed site in Staten Island, closes an outlet by clicking it, exports the CSV', async () => {
    try {
      await editFlow();
    } catch (e) {
      await browser.page.screenshot({ path: screenshotPath('coverage-edit-failure.png') }).catch(() => {});
      throw e;
    }
  });
});

describe('coverage closure mode', () => {
  it('closes the 3 outlets that matter least (crossed out on the map), renames and deletes scenarios', async () => {
    const { page } = browser;
    try {
      await page.getByTestId('cov-opt-closure').click();
      await page.getByTestId('cov-opt-p').fill('3');
      const before = await comparedId(page);
      await page.getByTestId('cov-opt-run').click();
      await page.getByTestId('cov-opt-message').filter({ hasText: 'outlets to close' }).waitFor({ timeout: 120_000 });
      await page.waitForFunction((prev) => {
        const c = (window as any).__status?.covCompared as string | null;
        return !!c && c !== prev && c.startsWith('today|');
      }, before, { timeout: 60_000 });
      expect(await page.locator('[data-testid="cov-opt-result"] li').count()).toBe(3);
      const delta = (await page.getByTestId('cov-delta-1000').textContent())!;
      expect(delta).toMatch(/^(±0|\u2212\d{1,3}(,\d{3})*)$/); // closing never adds coverage
      await waitForAppReady(page, 'covMapsIdle', 30_000);
      const closed = await page.evaluate(() => (window as any).__covMaps[1].querySourceFeatures('outlets').filter((f: any) => f.properties.kind === 'closed').length);
      expect(closed).toBe(3);
      await page.screenshot({ path: screenshotPath('coverage-closure.png') });

      // Rename the closure scenario (Enter saves) and delete another one (after confirming).
      const closureId = (await comparedId(page))!.split('|')[1];
      const item = page.locator(`[data-testid="cov-scenarios"] li[data-scenario="${closureId}"]`);
      await item.getByRole('button', { name: 'Rename' }).click();
      await item.locator('input').fill('Branch review 2027');
      await item.locator('input').press('Enter');
      await expect.poll(() => item.locator('.name').textContent()).toBe('Branch review 2027');
      await expect.poll(() => page.locator('.cov-compare-title').textContent()).toContain('Branch review 2027');
      const stored = await page.evaluate(async (id) => (await (await fetch(`/api/scenarios/${id}`)).json()).name, closureId);
      expect(stored).toBe('Branch review 2027');
      const victim = page.locator('[data-testid="cov-scenarios"] li').filter({ hasText: 'Scenario 2' });
      const victimId = await victim.getAttribute('data-scenario');
      page.once('dialog', (d) => void d.accept());
      await victim.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => page.locator(`[data-testid="cov-scenarios"] li[data-scenario="${victimId}"]`).count()).toBe(0);
      const status = await page.evaluate(async (id) => (await fetch(`/api/scenarios/${id}`)).status, victimId);
      expect(status).toBe(404);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('coverage-closure-failure.png') }).catch(() => {});
      throw e;
    }
  });
});

describe('coverage optimisation progress', () => {
  it('shows progress for an exact (HiGHS) run and cancels it', async () => {
    const { page } = browser;
    try {
      await page.getByTestId('cov-opt-mclp').click();
      await page.getByTestId('cov-opt-p').fill('5');
      await page.getByTestId('cov-opt-solver').selectOption('exact');
      await page.getByTestId('cov-opt-run').click();
      await page.getByTestId('cov-opt-progress').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('cov-opt-progress').textContent()).toMatch(/Optimising… \d+%/);
      await page.locator('.cov-side').screenshot({ path: screenshotPath('coverage-optimise-progress.png') });
      await page.getByTestId('cov-opt-cancel').click();
      await expect.poll(() => page.getByTestId('cov-opt-message').textContent(), { timeout: 10_000 }).toBe('Optimisation cancelled.');
      expect((await readStatus(page))!.covOptimizing).toBe(false);
      await expect.poll(() => page.getByTestId('cov-opt-run').isEnabled()).toBe(true);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('coverage-cancel-failure.png') }).catch(() => {});
      throw e;
    }
  });
});

const comparedId = (page: RunningBrowser['page']) => page.evaluate(() => (window as any).__status?.covCompared as string | null);

async function editFlow() {
  const { page, errors } = browser;
  await page.getByTestId('language-switch').selectOption('en');
  const before = await comparedId(page);
  await page.getByTestId('cov-new-scenario').click();
  await page.waitForFunction((prev) => {
    const c = (window as any).__status?.covCompared as string | null;
    return !!c && c !== prev && c.startsWith('today|');
  }, before, { timeout: 60_000 });
  const newId = (await comparedId(page))!.split('|')[1];
  expect(await page.getByTestId('cov-delta-1000').textContent()).toBe('±0'); // an empty scenario changes nothing

  // A typed site in the middle of Staten Island, where the bank has no branch.
  const siBefore = Number((await page.locator('tr[data-kpi="1000:36085"] td').nth(3).textContent())!.replace(/,/g, ''));
  await page.getByTestId('cov-add-lat').fill('40.5795');
  await page.getByTestId('cov-add-lng').fill('-74.1502');
  await page.getByTestId('cov-add-site').click();
  await expect.poll(() => page.getByTestId('cov-delta-1000:36085').textContent(), { timeout: 60_000 }).toMatch(/^\+\d/);
  const siAfter = Number((await page.locator('tr[data-kpi="1000:36085"] td').nth(3).textContent())!.replace(/,/g, ''));
  expect(siAfter).toBeGreaterThan(siBefore);
  const siGain = Number((await page.getByTestId('cov-delta-1000:36085').textContent())!.slice(1).replace(/,/g, ''));
  expect(siGain).toBe(siAfter - siBefore);

  // Close an own outlet by clicking it on the right map.
  await waitForAppReady(page, 'covMapsIdle', 30_000);
  const target = await page.evaluate(() => {
    const m = (window as any).__covMaps[1];
    const feats = m.queryRenderedFeatures({ layers: ['outlets-own'] });
    const c = m.getCanvas();
    const f = feats.find((x: any) => {
      const p = m.project(x.geometry.coordinates);
      return p.x > 40 && p.y > 40 && p.x < c.clientWidth - 40 && p.y < c.clientHeight - 40;
    });
    const p = m.project(f.geometry.coordinates);
    return { x: p.x, y: p.y, id: f.properties.id as string };
  });
  const canvasBox = (await page.locator('[data-testid="cov-map-right"] .cov-map canvas').boundingBox())!;
  await page.mouse.click(canvasBox.x + target.x, canvasBox.y + target.y);
  const row = page.locator(`[data-testid="cov-scenarios"] li[data-scenario="${newId}"] .note`);
  await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('1 closed');
  await expect.poll(() => page.locator('[data-testid="cov-editor"] .cov-changes li').count()).toBe(2); // 1 added + 1 closed
  const closedFeature = await page.evaluate(async (id) => {
    const m = (window as any).__covMaps[1];
    await new Promise((r) => (m.loaded() ? r(null) : m.once('idle', r)));
    return m.queryRenderedFeatures({ layers: ['outlets-closed'] }).map((f: any) => f.properties.id);
  }, target.id);
  expect(closedFeature).toContain(target.id);
  // Hovering the closed outlet explains it.
  await page.mouse.move(canvasBox.x + target.x + 1, canvasBox.y + target.y + 1);
  await expect.poll(() => page.locator('.cov-popup').textContent(), { timeout: 5_000 }).toContain('Closed outlet');
  await page.screenshot({ path: screenshotPath('coverage-edit.png') });

  // The KPI table as CSV.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('cov-export-csv').click()]);
  const csvPath = screenshotPath('coverage-kpi.csv');
  await download.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^metric,area_id,area,radius_m,label,Today,Scenario \d+,delta,unit$/);
  expect(lines).toHaveLength(1 + 3 * 2 + 5 * 3 * 2 + 2); // header, NYC × 3 radii × 2, 5 boroughs × 3 × 2, demand rows
  const si = lines.find((l) => l.startsWith('coveredPopulation,36085,Staten Island,1000,'))!.split(',');
  expect(Number(si.at(-2))).toBe(siGain);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
}

async function flow() {
  {
    const { page, errors } = browser;
    await page.goto(`${app.url}/#/coverage`);
    await page.getByTestId('cov-bank-search').fill('JPMorgan');
    await page.locator(`[data-testid="cov-bank-list"] li[data-id="${BANK}"]`).click();
    await expect.poll(() => page.getByTestId('cov-bank-picked').textContent()).toContain('Jpmorgan Chase Bank'); // FDIC spelling

    // Today vs today: both maps drawn, KPI table filled with unchanged figures.
    await waitForAppReady(page, 'covMapsIdle', 90_000);
    await page.waitForFunction(() => (window as any).__status?.covCompared === 'today|today', null, { timeout: 90_000 });
    const nycRow = page.locator('tr[data-kpi="1000"] td');
    const coveredToday = Number((await nycRow.nth(2).textContent())!.replace(/,/g, ''));
    expect(coveredToday).toBeGreaterThan(1_000_000); // Chase covers well over a million New Yorkers within 1 km
    expect(coveredToday).toBeLessThan(8_804_190);
    expect(await page.getByTestId('cov-delta-1000').textContent()).toBe('±0');
    // The "today" card in the sidebar agrees with the table (1 km share of NYC).
    const share1km = (await nycRow.nth(5).textContent())!;
    expect(share1km).toMatch(/^\d{1,3}\.\d%$/);
    await expect.poll(() => page.locator('[data-testid="cov-today"] .cov-today-row').nth(1).locator('.pct').textContent()).toBe(share1km);

    for (const side of ['left', 'right']) {
      const png = await page.locator(`[data-testid="cov-map-${side}"] .cov-map canvas`).screenshot();
      const s = await pixelStats(png, CLASSES);
      expect(s.distinct, `${side} map colours`).toBeGreaterThan(50);
      expect(s.counts.nycLand, `${side} map NYC land`).toBeGreaterThan(s.total * 0.03);
      expect(s.counts.water, `${side} map water`).toBeGreaterThan(s.total * 0.03);
      expect(s.counts.own, `${side} map own outlets`).toBeGreaterThan(200);
      if (side === 'left') expect(s.counts.gap, 'gap hexagons on the left map').toBeGreaterThan(500);
    }

    // Linked cameras: drag the left map, the right one follows.
    const box = (await page.locator('[data-testid="cov-map-left"] .cov-map canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => Array.isArray((window as any).__status?.covCameras), null, { timeout: 10_000 });
    const cams = (await readStatus(page))!.covCameras as { lng: number; lat: number; zoom: number }[];
    expect(cams[0].lng).toBeCloseTo(cams[1].lng, 9);
    expect(cams[0].lat).toBeCloseTo(cams[1].lat, 9);
    expect(cams[0].zoom).toBeCloseTo(cams[1].zoom, 9);
    expect(cams[0].lng).toBeLessThan(-74.0); // dragged east → the camera moved west of NYC's centre (−73.98)
    // Drag back so the screenshots show the whole city.
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();

    // Ask for the 5 best new sites (MCLP, 1 km): opens as a new scenario on the right.
    await page.getByTestId('cov-opt-run').click();
    await page.getByTestId('cov-opt-message').waitFor({ timeout: 120_000 });
    const status = await waitForAppReady(page, 'covMapsIdle', 60_000);
    await page.waitForFunction(() => /^today\|(?!today$)/.test((window as any).__status?.covCompared ?? ''), null, { timeout: 90_000 });
    expect(status.covOptimizing).toBe(false);
    // Greedy+swap reports how far it can be from the optimum (an upper bound), or that it reached it.
    expect(await page.getByTestId('cov-opt-quality').textContent()).toMatch(/at most \d+\.\d% below the best possible|Optimal/);
    const delta = (await page.getByTestId('cov-delta-1000').textContent())!;
    expect(delta).toMatch(/^\+\d{1,3}(,\d{3})*$/);
    const gained = Number(delta.slice(1).replace(/,/g, ''));
    expect(gained).toBeGreaterThan(10_000); // 5 well-placed sites add tens of thousands of residents within 1 km
    await expect.poll(() => page.locator('tr[data-kpi="1000"] td.delta').first().getAttribute('class')).toContain('good');
    await page.waitForTimeout(500);
    await waitForAppReady(page, 'covMapsIdle', 30_000);
    const rightPng = await page.locator('[data-testid="cov-map-right"] .cov-map canvas').screenshot();
    const rs = await pixelStats(rightPng, CLASSES);
    expect(rs.counts.added, 'added sites drawn on the right map').toBeGreaterThan(40);
    expect(rs.counts.gained, 'gained-demand hexagons on the right map').toBeGreaterThan(200);
    await page.screenshot({ path: screenshotPath('coverage-compare.png') });

    // PDF brief.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('cov-export-pdf').click()]);
    const pdfPath = screenshotPath('coverage-brief.pdf');
    await download.saveAs(pdfPath);
    const pdf = fs.readFileSync(pdfPath).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)?.length).toBe(1);
    expect((pdf.match(/\/Subtype \/Image/g) ?? []).length).toBeGreaterThanOrEqual(2); // both maps

    // Chinese.
    await page.getByTestId('language-switch').selectOption('zh');
    await expect.poll(() => page.locator('.cov-kpi th').first().textContent()).toBe('区域');
    await expect.poll(() => page.locator('.cov-map-label').allTextContents()).toContain('曼哈顿');
    await page.screenshot({ path: screenshotPath('coverage-compare-zh.png') });
    const [zhDownload] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('cov-export-pdf').click()]);
    await zhDownload.saveAs(screenshotPath('coverage-brief-zh.pdf'));
    const zhPdf = fs.readFileSync(screenshotPath('coverage-brief-zh.pdf')).toString('latin1');
    expect(zhPdf.match(/\/Type \/Page\b/g)?.length).toBe(1);
    expect(zhPdf).toMatch(/\/FontFile2/); // the embedded CJK font subset

    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  }
}
