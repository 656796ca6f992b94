/**
 * Browser test of the coverage compare view (issue 3, item 7): open #/coverage, pick a bank, both maps draw
 * (pixel checks on both canvases), linked cameras, ask for the 5 best new sites, see a positive KPI delta, export
 * the PDF brief, switch to Chinese. Screenshots go to client/e2e/screenshots/.
 */
import fs from 'node:fs';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { booleanPointInPolygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDelta, formatPeople, formatShare } from '../../core/coverage/kpi';
import { launchBrowser, readStatus, screenshotPath, unexpectedConsoleErrors, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

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
    await expect.poll(() => page.getByTestId('cov-bank-picked').textContent()).toContain('JPMorgan Chase Bank'); // the FDIC's "Jpmorgan", in its display spelling

    // Today vs today: both maps drawn, KPI table filled with unchanged figures.
    await waitForAppReady(page, 'covMapsIdle', 90_000);
    await page.waitForFunction(() => (window as any).__status?.covCompared === 'today|today', null, { timeout: 90_000 });
    // the gap maps come from their own (slower) detail requests: wait for them, then for the maps to draw them
    await page.waitForFunction(() => ((window as any).__status?.covGapHexes?.[0] ?? 0) > 0, null, { timeout: 90_000 });
    await page.waitForTimeout(300);
    await waitForAppReady(page, 'covMapsIdle', 60_000);
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

type Page = RunningBrowser['page'];
/** POST JSON from the page (same origin as the app) and return the parsed body. */
const api = (page: Page, url: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  page.evaluate(async ([url, body, method]) => {
    const res = await fetch(url as string, { method: method as string, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json();
  }, [url, body, method] as const) as Promise<any>;
/** Covered residents of `network` within 1 km in `area` (the API's own figure). */
const covered1km = async (page: Page, network: unknown, area: unknown) =>
  (await api(page, '/api/coverage', { network, ownNetwork: BANK, radiiM: [1000], area })).radii[0].coveredPopulation as number;

describe('coverage: walk minutes in Midtown', () => {
  it('shows walk coverage of the extract’s block groups, draws the outlets’ walk catchments and says straight-line elsewhere', async () => {
    const { page, errors } = browser;
    const errorsBefore = errors.length; // earlier steps log an expected 404 (deleted scenario)
    try {
      await page.getByTestId('language-switch').selectOption('en');
      await page.getByTestId('cov-walk-toggle').check();
      await page.waitForFunction(() => Array.isArray((window as any).__status?.covWalkCatchments), null, { timeout: 60_000 });
      const note = (await page.getByTestId('cov-walk-note').textContent())!;
      expect(note).toContain('14th–42nd St');
      expect(note).toContain('straight-line radius');
      expect(note).toContain('no drive network');

      // The card's figures are the API's walk coverage (mode "walk", 5/10/15 min at 4.8 km/h).
      const w = (await api(page, '/api/coverage', { ownNetwork: BANK, radiiM: [500, 1000, 2000], area: 'nyc', mode: 'walk', walkMinutes: [5, 10, 15] })).walk;
      expect(w.speedKmh).toBe(4.8);
      expect(w.outletsInExtract).toBeGreaterThan(5); // Chase has dozens of Midtown branches
      expect(w.byMinutes[0].coveredPopulation).toBeLessThan(w.byMinutes[2].coveredPopulation);
      for (const m of w.byMinutes) {
        const row = page.locator(`.cov-today-row.walk[data-walk="${m.walkMinutes}"]`);
        expect(await row.locator('.pct').textContent()).toBe(formatShare(m.share));
        expect(await row.locator('.pop').textContent()).toContain(formatPeople(m.coveredPopulation));
      }
      expect(await page.locator('.cov-walk-area').textContent()).toBe(`Inside the Midtown extract: ${formatPeople(w.byMinutes[0].totalPopulation)} residents in ${w.demandPoints} block groups, ${w.outletsInExtract} of your outlets. Walking at 4.8 km/h on the street network.`);
      for (const side of ['left', 'right']) expect(await page.locator(`[data-testid="cov-map-${side}"] .cov-map-sub`).textContent()).toBe('10-min walk catchments (Midtown)');

      // The map draws one 10-minute catchment per routable own outlet in the extract, and the extract outline.
      const walk10 = await api(page, '/api/coverage/walk', { network: 'own', ownNetwork: BANK, minutes: 10 });
      const routable10 = walk10.catchments.filter((c: any) => c.routable && c.isochrone).length;
      expect(routable10).toBeGreaterThan(5);
      // Map B shows its own network's catchments (the scenario on the right, with its closures and added sites).
      const [leftId, rightId] = (await comparedId(page))!.split('|');
      expect(leftId).toBe('today');
      const walkB = await api(page, '/api/coverage/walk', { network: { scenarioId: rightId }, minutes: 10 });
      const routableB = walkB.catchments.filter((c: any) => c.routable && c.isochrone).length;
      expect((await readStatus(page))!.covWalkCatchments).toEqual([routable10, routableB]);
      expect(await page.getByTestId('cov-walk').textContent()).toContain(`(A: ${routable10}, B: ${routableB})`);
      await page.waitForTimeout(300);
      await waitForAppReady(page, 'covMapsIdle', 30_000);
      const drawn = await page.evaluate(() => {
        const m = (window as any).__covMaps[0];
        return { fill: m.querySourceFeatures('walk').filter((f: any) => f.properties.kind === 'catchment').map((f: any) => f.properties.id),
          extract: m.querySourceFeatures('walk').filter((f: any) => f.properties.kind === 'extract').length,
          rendered: m.queryRenderedFeatures({ layers: ['walk-fill'] }).length, zoom: m.getZoom(), center: m.getCenter() };
      });
      expect(new Set(drawn.fill).size).toBe(routable10);
      const drawnB = await page.evaluate(() => new Set((window as any).__covMaps[1].querySourceFeatures('walk').filter((f: any) => f.properties.kind === 'catchment').map((f: any) => f.properties.id)).size);
      expect(drawnB).toBe(routableB);
      expect(drawn.extract).toBeGreaterThan(0);
      expect(drawn.rendered).toBeGreaterThan(0);
      expect(drawn.zoom).toBeGreaterThan(12); // the camera went to Midtown
      expect(drawn.center.lat).toBeGreaterThan(40.736);
      expect(drawn.center.lat).toBeLessThan(40.759);
      // Hover a point inside catchments but off the outlets: the tooltip counts the outlets within a 10-min walk,
      // which is the number of the API's isochrones holding that point.
      const spot = await page.evaluate(() => {
        const m = (window as any).__covMaps[0];
        const c = m.getCanvas();
        for (let y = 40; y < c.clientHeight - 40; y += 23) {
          for (let x = 40; x < c.clientWidth - 60; x += 29) {
            const hits = m.queryRenderedFeatures([[x - 8, y - 8], [x + 8, y + 8]], { layers: ['outlets-own', 'outlets-closed', 'outlets-added'] });
            const walk = m.queryRenderedFeatures([x, y], { layers: ['walk-hit'] });
            if (hits.length === 0 && walk.length >= 2) {
              const ll = m.unproject([x, y]);
              return { x, y, lng: ll.lng, lat: ll.lat };
            }
          }
        }
        return null;
      });
      expect(spot).not.toBeNull();
      const holding = walk10.catchments.filter((c: any) => c.routable && c.isochrone && booleanPointInPolygon([spot!.lng, spot!.lat], c.isochrone)).length;
      expect(holding).toBeGreaterThanOrEqual(2);
      const leftBox = (await page.locator('[data-testid="cov-map-left"] .cov-map canvas').boundingBox())!;
      await page.mouse.move(leftBox.x + spot!.x, leftBox.y + spot!.y);
      await expect.poll(() => page.locator('.cov-popup').textContent(), { timeout: 5_000 }).toBe(`From here: ${holding} ${holding === 1 ? 'outlet' : 'outlets'} within a 10-min walk`);
      await page.screenshot({ path: screenshotPath('coverage-walk.png') });
      await page.mouse.move(5, 5);

      // 5 minutes: the catchments shrink (fewer residents each) and the 5-min row is the one picked.
      await page.getByTestId('cov-walk-minutes').selectOption('5');
      await page.waitForFunction(() => Array.isArray((window as any).__status?.covWalkCatchments), null, { timeout: 60_000 });
      expect(await page.locator('.cov-today-row.walk.picked').getAttribute('data-walk')).toBe('5');
      const walk5 = await api(page, '/api/coverage/walk', { network: 'own', ownNetwork: BANK, minutes: 5 });
      const pop = (b: any) => b.catchments.filter((c: any) => c.routable).reduce((a: number, c: any) => a + c.population, 0);
      expect(pop(walk5)).toBeLessThan(pop(walk10));
      const [a5, b5] = (await readStatus(page))!.covWalkCatchments as number[];
      expect(a5).toBe(walk5.catchments.filter((c: any) => c.routable && c.isochrone).length);
      expect(await page.getByTestId('cov-walk').textContent()).toContain(`5-minute walk catchments of the outlets and added sites inside the extract (A: ${a5}, B: ${b5})`);

      // Chinese note, then off: no walk layer, camera back on the city.
      await page.getByTestId('language-switch').selectOption('zh');
      await expect.poll(() => page.getByTestId('cov-walk-note').textContent()).toContain('直线半径');
      await page.locator('.cov-side').screenshot({ path: screenshotPath('coverage-walk-card-zh.png') });
      await page.getByTestId('language-switch').selectOption('en');
      await page.getByTestId('cov-walk-toggle').uncheck();
      await expect.poll(() => page.getByTestId('cov-walk-note').count()).toBe(0);
      await expect.poll(() => page.evaluate(() => (window as any).__covMaps[0].querySourceFeatures('walk').length)).toBe(0);
      expect(errors.slice(errorsBefore).filter((e) => !/favicon/.test(e))).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('coverage-walk-failure.png') }).catch(() => {});
      throw e;
    }
  });
});

describe('coverage: add a site by clicking the scenario map', () => {
  it('adds a site where map B is clicked (the KPI delta is the API’s), Esc leaves the mode', async () => {
    const { page, errors } = browser;
    const errorsBefore = errors.length; // earlier steps log an expected 404 (deleted scenario)
    try {
      const before = await comparedId(page);
      await page.getByTestId('cov-new-scenario').click();
      await page.waitForFunction((prev) => {
        const c = (window as any).__status?.covCompared as string | null;
        return !!c && c !== prev && c.startsWith('today|');
      }, before, { timeout: 60_000 });
      const scenarioId = (await comparedId(page))!.split('|')[1];
      await page.getByTestId('cov-add-on-click').click();
      await expect.poll(async () => (await readStatus(page))!.covAddMode).toBe(true);
      expect(await page.getByTestId('cov-add-banner').textContent()).toMatch(/^Click to add a site to "Scenario \d+" · Esc to stop$/);
      await waitForAppReady(page, 'covMapsIdle', 30_000);

      // Click map B in the middle of Staten Island (no Chase branch within 1 km).
      const target = { lng: -74.1502, lat: 40.5795 };
      const canvasBox = (await page.locator('[data-testid="cov-map-right"] .cov-map canvas').boundingBox())!;
      const px = await page.evaluate(([lng, lat]) => (window as any).__covMaps[1].project([lng, lat]), [target.lng, target.lat]);
      await page.mouse.click(canvasBox.x + px.x, canvasBox.y + px.y);
      await expect.poll(async () => (await api(page, `/api/scenarios/${scenarioId}`)).added.length, { timeout: 30_000 }).toBe(1);
      const added = (await api(page, `/api/scenarios/${scenarioId}`)).added[0];
      const metresPerPx = await page.evaluate(() => { const m = (window as any).__covMaps[1]; return 40_075_016 * Math.cos((40.58 * Math.PI) / 180) / (512 * 2 ** m.getZoom()); });
      expect(Math.abs(added.lng - target.lng) * 111_320 * Math.cos((40.58 * Math.PI) / 180)).toBeLessThan(2 * metresPerPx + 1);
      expect(Math.abs(added.lat - target.lat) * 110_574).toBeLessThan(2 * metresPerPx + 1);
      expect(added.name).toBe('Map site 1');
      await expect.poll(() => page.locator('[data-testid="cov-editor"] .cov-changes li').first().textContent()).toContain(`Map site 1${added.lat.toFixed(5)}, ${added.lng.toFixed(5)}`);

      // The Staten Island delta at 1 km is the API's: scenario minus today.
      const si = { counties: ['36085'] };
      const gain = (await covered1km(page, { scenarioId }, si)) - (await covered1km(page, 'own', si));
      expect(gain).toBeGreaterThan(1000);
      await expect.poll(() => page.getByTestId('cov-delta-1000:36085').textContent(), { timeout: 60_000 }).toBe(formatDelta(gain, 'people'));
      await waitForAppReady(page, 'covMapsIdle', 30_000);
      await page.screenshot({ path: screenshotPath('coverage-add-on-click.png') });

      // Esc leaves the mode: another click adds nothing and closes nothing.
      await page.keyboard.press('Escape');
      await expect.poll(async () => (await readStatus(page))!.covAddMode).toBe(false);
      expect(await page.getByTestId('cov-add-banner').count()).toBe(0);
      const px2 = await page.evaluate(() => (window as any).__covMaps[1].project([-74.2, 40.55]));
      await page.mouse.click(canvasBox.x + px2.x, canvasBox.y + px2.y);
      await page.waitForTimeout(1500);
      const after = await api(page, `/api/scenarios/${scenarioId}`);
      expect(after.added.length).toBe(1);
      expect(after.closed).toEqual([]);
      expect(errors.slice(errorsBefore).filter((e) => !/favicon/.test(e))).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('coverage-add-on-click-failure.png') }).catch(() => {});
      throw e;
    }
  });
});

describe('sites tab → coverage scenario', () => {
  it('adds the top-ranked scored site to a new scenario and opens it in the coverage view', async () => {
    const { page, errors } = browser;
    const errorsBefore = errors.length; // earlier steps log an expected 404 (deleted scenario)
    try {
      await page.goto(`${app.url}/#/sites`);
      await waitForAppReady(page, 'mapIdle', 90_000);
      await page.getByTestId('network-search').fill('jpmorgan');
      await page.locator('.combo-list li[role=option]').first().click();
      await page.waitForFunction(() => {
        const s = (window as any).__status;
        return !!s.ownNetwork && s.ownOutlets > 0 && !s.scoring && s.candidates > 7000;
      }, null, { timeout: 120_000 });
      await waitForAppReady(page, 'mapIdle', 30_000);
      const st = (await readStatus(page))! as any;
      const ownNetwork = st.ownNetwork as string;
      const best = st.top[0] as { id: string; lng: number; lat: number };
      const p = await page.evaluate(([lng, lat]) => {
        const map = (window as any).__map;
        const q = map.project([lng, lat]);
        const r = map.getContainer().getBoundingClientRect();
        return { x: r.left + q.x, y: r.top + q.y };
      }, [best.lng, best.lat]);
      await page.mouse.click(p.x, p.y);
      await page.waitForFunction((id) => (window as any).__status.selectedId === id, best.id);

      await page.getByTestId('add-to-scenario-open').click();
      const select = page.getByTestId('add-to-scenario-select');
      await expect.poll(() => select.isEnabled()).toBe(true);
      const mine = ((await api(page, '/api/scenarios')) as any[]).filter((s) => s.baseNetwork === ownNetwork);
      expect(await select.locator('option').count()).toBe(mine.length + 1); // the own network's scenarios + "New scenario…"
      await select.selectOption('__new__');
      await page.getByTestId('add-to-scenario-name').fill('Top-ranked cell');
      await page.getByTestId('add-to-scenario-add').click();
      await page.getByTestId('add-to-scenario-done').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('add-to-scenario-done').textContent()).toContain('Added to "Top-ranked cell" (sites added: 1).');
      const scenarioId = (await readStatus(page))!.addedToScenario as string;
      const stored = await api(page, `/api/scenarios/${scenarioId}`);
      expect(stored.baseNetwork).toBe(ownNetwork);
      expect(stored.added).toHaveLength(1);
      expect(stored.added[0].id).toBe(best.id);
      expect(stored.added[0].lng).toBeCloseTo(best.lng, 9);
      expect(stored.added[0].lat).toBeCloseTo(best.lat, 9);
      // Adding it again to the same scenario is refused with a clear message (ids are unique in a scenario).
      await page.getByTestId('add-to-scenario-add').click();
      await expect.poll(() => page.locator('.add-scenario [role=alert]').textContent()).toBe('This site is already in "Top-ranked cell".');
      await page.locator('.breakdown, [data-testid="add-to-scenario"]').first().screenshot({ path: screenshotPath('sites-add-to-scenario.png') }).catch(() => {});
      await page.screenshot({ path: screenshotPath('sites-add-to-scenario-page.png') });

      // "Open in Network coverage": the scenario opens on the right, its delta is the API's.
      await page.getByTestId('add-to-scenario-open-coverage').click();
      await page.waitForFunction((id) => (window as any).__status?.covCompared === `today|${id}`, scenarioId, { timeout: 120_000 });
      expect(await page.locator('.cov-compare-title').textContent()).toContain('Top-ranked cell');
      const nyc = 'nyc';
      const cov = async (network: unknown) =>
        (await api(page, '/api/coverage', { network, ownNetwork, radiiM: [1000], area: nyc })).radii[0].coveredPopulation as number;
      const gain = (await cov({ scenarioId })) - (await cov('own'));
      expect(gain).toBeGreaterThanOrEqual(0);
      expect(await page.getByTestId('cov-delta-1000').textContent()).toBe(formatDelta(gain, 'people'));
      await expect.poll(() => page.locator('[data-testid="cov-editor"] .cov-changes li').count()).toBe(1);
      await waitForAppReady(page, 'covMapsIdle', 60_000);
      await page.screenshot({ path: screenshotPath('coverage-from-sites.png') });
      // the tab switch can meet the sites tab's computations still finishing on the server: Chromium logs the 429 that
      // the client then asks again (client/api/http.ts busyRetryDelayMs); any other console error fails the test
      expect(unexpectedConsoleErrors(errors.slice(errorsBefore))).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('sites-to-coverage-failure.png') }).catch(() => {});
      throw e;
    }
  });

  it('shares the own network between Sites and Network coverage, both ways (one label in both)', async () => {
    const { page } = browser;
    // Clear it in Sites → Network coverage asks for a pick.
    await page.goto(`${app.url}/#/sites`);
    await waitForAppReady(page, 'mapIdle', 90_000);
    await page.getByTestId('network-current').getByRole('button').click();
    await page.waitForFunction(() => (window as any).__status?.ownNetwork === null);
    expect(await page.getByTestId('network-search').getAttribute('aria-label')).toBe('Institution / holding company');
    await page.goto(`${app.url}/#/coverage`);
    await page.getByText('Pick an institution or holding company to see its New York City coverage.').first().waitFor();
    expect(await page.getByTestId('cov-bank-picked').count()).toBe(0);
    expect(await page.getByTestId('cov-bank-search').getAttribute('aria-label')).toBe('Institution / holding company');
    // Pick Apple Bank in Network coverage → Sites scores with it.
    await page.getByTestId('cov-bank-search').fill('apple bank');
    const option = page.locator('[data-testid="cov-bank-list"] li[data-id]').first();
    await option.waitFor();
    const id = await option.getAttribute('data-id');
    const name = (await option.locator('.name').textContent())!;
    await option.click();
    await expect.poll(() => page.getByTestId('cov-bank-picked').textContent()).toContain(name);
    await page.goto(`${app.url}/#/sites`);
    await page.waitForFunction((want) => (window as any).__status?.ownNetwork === want, id, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('network-current').textContent()).toContain(name);
  });
});
