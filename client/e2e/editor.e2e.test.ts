/**
 * Floor-plan editor in a real browser (issue 4, item 6): open a sample, draw a zone by dragging,
 * type its width, undo and redo, save a version, reload the page and find the same plan (same
 * zone count, the typed width), and take screenshots to client/e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp, type RunningBrowser } from './harness';

interface EdZone { id: string; kind: string; name: string; areaM2: number; polygon: [number, number][] }
interface EdState {
  ready: boolean; planId: string | null; version: number | null; dirty: boolean; historyDepth: number; redoDepth: number;
  zoneCount: number; zones: EdZone[]; selection: string[]; viewport: { pxPerM: number; offsetXPx: number; offsetYPx: number };
  conflict: string | null; tool: string;
}

const ed = (page: Page) => page.evaluate(() => (window as unknown as { __editor: EdState }).__editor);

async function waitEditor(page: Page, pred: string, timeout = 30_000): Promise<EdState> {
  await page.waitForFunction(`(() => { const e = window.__editor; return !!e && e.ready && (${pred}); })()`, undefined, { timeout, polling: 100 });
  return ed(page);
}

/** Screen position (page coordinates) of a plan point, through the editor's viewport. */
async function toPage(page: Page, p: [number, number]): Promise<[number, number]> {
  const box = (await page.locator('[data-testid=ed-canvas]').boundingBox())!;
  const v = (await ed(page)).viewport;
  return [box.x + v.offsetXPx + p[0] * v.pxPerM, box.y + v.offsetYPx + p[1] * v.pxPerM];
}

function edgeLen(z: EdZone, i: number): number {
  const a = z.polygon[i], b = z.polygon[(i + 1) % z.polygon.length];
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

describe('floor-plan editor (browser)', () => {
  let app: RunningApp;
  let br: RunningBrowser;

  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser();
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  it('draws, types a width, undoes/redoes, saves, reloads and finds the same plan', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150`);
    const s0 = await waitEditor(page, 'e.planId === "community-150" && e.zoneCount > 0');
    expect(s0.version).toBe(1);
    expect(s0.historyDepth).toBe(0);
    const zones0 = s0.zoneCount;
    await page.screenshot({ path: screenshotPath('editor-1-opened.png') });
    // at 1400 × 900 the toolbar is one row (one 30 px control + padding), the plan picker's tooltip is the full name
    expect((await page.locator('.ed-toolbar').boundingBox())!.height).toBeLessThan(50);
    expect(await page.locator('[data-testid=ed-plan-select]').getAttribute('title')).toMatch(/^Community branch/);

    // rectangle tool, drag a 2 m × 1.5 m zone somewhere in the plan
    await page.keyboard.press('r');
    const from = await toPage(page, [1.0, 1.0]);
    const to = await toPage(page, [3.0, 2.5]);
    await page.mouse.move(from[0], from[1]);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(from[0] + ((to[0] - from[0]) * i) / 8, from[1] + ((to[1] - from[1]) * i) / 8);
    await page.screenshot({ path: screenshotPath('editor-2-drawing.png') });
    await page.mouse.up();
    const s1 = await waitEditor(page, `e.zoneCount === ${zones0 + 1}`);
    expect(s1.historyDepth).toBe(1); // the whole drag is ONE undo step
    const newId = s1.selection[0];
    const drawn = s1.zones.find((z) => z.id === newId)!;
    expect(drawn).toBeTruthy();
    expect(edgeLen(drawn, 0)).toBeCloseTo(2.0, 6);
    expect(edgeLen(drawn, 1)).toBeCloseTo(1.5, 6);
    // named from its kind and the next index (the sample has one waiting zone), never left as its id
    expect(drawn.name).toBe(`Waiting area ${s0.zones.filter((z) => z.kind === 'waiting').length + 1}`);

    // type its width: digits open the dimension box on the selected zone; Enter applies
    await page.keyboard.press('v');
    await page.keyboard.type('3.45');
    await page.locator('[data-testid=ed-dim-input]').waitFor();
    await page.keyboard.press('Enter');
    const s2 = await waitEditor(page, 'e.historyDepth === 2');
    const typed = s2.zones.find((z) => z.id === newId)!;
    expect(edgeLen(typed, 0)).toBeCloseTo(3.45, 9);
    expect(edgeLen(typed, 2)).toBeCloseTo(3.45, 9); // still a rectangle
    expect(typed.areaM2).toBeCloseTo(3.45 * 1.5, 9);
    await page.screenshot({ path: screenshotPath('editor-3-typed-width.png') });

    // undo → the dragged width, undo → no zone; redo twice → the typed width again
    await page.keyboard.press('Control+z');
    let s = await waitEditor(page, 'e.historyDepth === 1');
    expect(edgeLen(s.zones.find((z) => z.id === newId)!, 0)).toBeCloseTo(2.0, 9);
    await page.keyboard.press('Control+z');
    s = await waitEditor(page, 'e.historyDepth === 0');
    expect(s.zoneCount).toBe(zones0);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+y');
    s = await waitEditor(page, 'e.historyDepth === 2 && e.redoDepth === 0');
    expect(s.zoneCount).toBe(zones0 + 1);
    expect(edgeLen(s.zones.find((z) => z.id === newId)!, 0)).toBeCloseTo(3.45, 9);

    // save → version 2
    expect(s.dirty).toBe(true);
    await page.locator('[data-testid=ed-save]').click();
    s = await waitEditor(page, 'e.version === 2 && !e.dirty');
    await expect.poll(() => page.locator('[data-testid=ed-status]').textContent()).toContain('2');

    // reload the page: the same plan, version 2, same zones, the typed width
    await page.reload();
    const s3 = await waitEditor(page, 'e.planId === "community-150" && e.zoneCount > 0');
    expect(s3.version).toBe(2);
    expect(s3.zoneCount).toBe(zones0 + 1);
    const reloaded = s3.zones.find((z) => z.id === newId)!;
    expect(edgeLen(reloaded, 0)).toBeCloseTo(3.45, 9);
    expect(reloaded.areaM2).toBeCloseTo(3.45 * 1.5, 9);
    await page.locator(`[data-testid=ed-canvas]`).click({ position: { x: 5, y: 5 } });
    await page.screenshot({ path: screenshotPath('editor-4-reloaded.png') });

    // a drawing tool does not carry over to another plan: Rectangle on, switch plans → Select
    await page.locator('[data-testid=ed-tool-rect]').click();
    expect((await waitEditor(page, 'e.tool === "rect"')).tool).toBe('rect');
    await page.selectOption('[data-testid=ed-plan-select]', 'flagship-400');
    const s4 = await waitEditor(page, 'e.planId === "flagship-400" && e.zoneCount > 0');
    expect(s4.tool).toBe('select');
    await expect.poll(() => page.locator('[data-testid=ed-tool-select]').getAttribute('class')).toBe('on');
    expect(await page.locator('[data-testid=ed-tool-rect]').getAttribute('class')).toBe('');
    expect(br.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});

describe('floor-plan editor in Chinese (browser)', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser({ locale: 'zh-CN' });
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  it('shows every editor string translated and the flagship sample readable', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/flagship-400`);
    await waitEditor(page, 'e.planId === "flagship-400" && e.zoneCount > 0');
    const text = await page.locator('[data-testid=editor]').innerText();
    expect(text).not.toMatch(/editor\.[a-z]/); // no untranslated keys
    expect(text).toContain('保存版本');
    expect((await page.locator('.ed-toolbar').boundingBox())!.height).toBeLessThan(50); // one row in Chinese too
    await page.screenshot({ path: screenshotPath('editor-5-zh-flagship.png') });
    // a Chinese PDF: jsPDF's fonts have no CJK glyphs, so the drawing goes in as an image on the same 1:100 page
    const fs = await import('node:fs');
    const grab = async (fmt: string) => {
      await page.locator('.ed-menu > summary').click();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=ed-export-${fmt}]`).click()]);
      return fs.readFileSync((await dl.path())!);
    };
    const svg = (await grab('svg')).toString('utf8');
    expect(svg).toMatch(/[\u4e00-\u9fff]/); // kind labels in Chinese
    const pdf = (await grab('pdf')).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('/Subtype /Image');
    const wMm = parseFloat(svg.match(/width="([0-9.]+)mm"/)![1]);
    expect(parseFloat(pdf.match(/\/MediaBox \[0 0 ([0-9.]+) /)![1])).toBeCloseTo((wMm * 72) / 25.4, 3);
    expect(br.errors).toEqual([]);
  });
});

describe('floor-plan editor: versions, conflicts, exports (browser)', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser();
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  it('a save on a stale base shows the conflict, keeps the edits, and "save as copy" stores them', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/pod-24h`);
    const s0 = await waitEditor(page, 'e.planId === "pod-24h" && e.zoneCount > 0');
    // someone else saves version 2 first (same base, version 1)
    const other = await page.evaluate(async () => {
      const cur = await (await fetch('/api/plans/pod-24h')).json();
      const res = await fetch('/api/plans/pod-24h/versions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ baseVersion: cur.version, plan: { ...cur.plan, name: 'Edited elsewhere' } }) });
      return { status: res.status, body: await res.json() };
    });
    expect(other.status).toBe(201);
    expect(other.body.version).toBe(2);
    // our edit: delete the first zone (and its doors), then save on base 1
    const firstZone = s0.zones[0].id;
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=ed-canvas]')!.focus());
    const zc = s0.zones[0].polygon.reduce((a, q) => [a[0] + q[0] / s0.zones[0].polygon.length, a[1] + q[1] / s0.zones[0].polygon.length], [0, 0]) as [number, number];
    const at = await toPage(page, zc);
    await page.mouse.click(at[0], at[1]);
    let s = await waitEditor(page, 'e.selection.length === 1');
    const picked = s.selection[0];
    await page.keyboard.press('Delete');
    s = await waitEditor(page, `e.zoneCount < ${s0.zoneCount} || e.historyDepth === 1`);
    expect(s.historyDepth).toBe(1);
    await page.locator('[data-testid=ed-save]').click();
    await page.locator('[data-testid=ed-conflict]').waitFor();
    const msg = await page.locator('[data-testid=ed-conflict]').innerText();
    expect(msg).toMatch(/version 2/);
    s = await ed(page);
    expect(s.dirty).toBe(true); // nothing lost
    expect(s.version).toBe(1);
    expect(s.zones.some((z) => z.id === picked)).toBe(false);
    await page.screenshot({ path: screenshotPath('editor-6-conflict.png') });
    await page.getByRole('button', { name: 'Save my version as a copy' }).click();
    s = await waitEditor(page, `e.planId !== "pod-24h" && !e.dirty`);
    expect(s.version).toBe(1);
    const stored = await page.evaluate(async (id) => (await (await fetch(`/api/plans/${id}`)).json()).plan.zones.map((z: { id: string }) => z.id), s.planId);
    expect(stored).toEqual(s.zones.map((z) => z.id));
    // the other save is intact
    const theirs = await page.evaluate(async () => (await (await fetch('/api/plans/pod-24h')).json()));
    expect(theirs.version).toBe(2);
    expect(theirs.plan.name).toBe('Edited elsewhere');
    expect(firstZone).toBeTruthy();
  });

  it('opens an old version read-only and restores it as the newest', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/pod-24h`);
    await waitEditor(page, 'e.planId === "pod-24h" && e.version === 2');
    await page.locator('[data-testid=ed-versions]').click();
    await page.locator('[data-testid=ed-versions-list]').waitFor();
    await page.locator('[data-testid=ed-versions-list] li', { hasText: 'v1' }).getByRole('button', { name: 'Open' }).click();
    await waitEditor(page, 'e.version === 1');
    await page.locator('[data-testid=ed-old-version]').waitFor();
    expect(await page.locator('[data-testid=ed-save]').isDisabled()).toBe(true);
    await page.locator('[data-testid=ed-old-version]').getByRole('button', { name: 'Restore as newest' }).click();
    const s = await waitEditor(page, 'e.version === 3');
    const body = await page.evaluate(async () => (await (await fetch('/api/plans/pod-24h')).json()));
    expect(body.version).toBe(3);
    expect(body.restoredFrom).toBe(1);
    expect(body.plan.name).not.toBe('Edited elsewhere');
    expect(s.zoneCount).toBe(body.plan.zones.length);
  });

  it('exports SVG, PNG and PDF files that are what they claim to be', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150`);
    const s = await waitEditor(page, 'e.planId === "community-150" && e.zoneCount > 0');
    const grab = async (fmt: string) => {
      await page.locator('.ed-menu > summary').click();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=ed-export-${fmt}]`).click()]);
      const file = await dl.path();
      const fs = await import('node:fs');
      return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file!) };
    };
    const svg = await grab('svg');
    expect(svg.name).toMatch(/\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    expect(svgText.startsWith('<svg') || svgText.startsWith('<?xml')).toBe(true);
    expect((svgText.match(/class="zone"/g) ?? []).length).toBe(s.zoneCount);
    const png = await grab('png');
    expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBe(2400); // IHDR width: the longer side
    expect(png.bytes.length).toBeGreaterThan(20_000);
    const pdf = await grab('pdf');
    expect(pdf.bytes.subarray(0, 5).toString('ascii')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(5_000);
    // the page is the drawing's paper size at 1:100 (the SVG's width/height in mm), and the labels are real text
    const pdfText = pdf.bytes.toString('latin1');
    const svgMm = [/width="([0-9.]+)mm"/, /height="([0-9.]+)mm"/].map((re) => parseFloat(svgText.match(re)![1]));
    const box = pdfText.match(/\/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]/)!;
    expect(parseFloat(box[1])).toBeCloseTo((svgMm[0] * 72) / 25.4, 3);
    expect(parseFloat(box[2])).toBeCloseTo((svgMm[1] * 72) / 25.4, 3);
    expect(pdfText).toContain('Cash area');
    const fs = await import('node:fs');
    fs.writeFileSync(screenshotPath('export-community-150.png'), png.bytes);
    fs.writeFileSync(screenshotPath('export-community-150.pdf'), pdf.bytes);
  });
});

describe('floor-plan editor tools (browser)', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser();
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  interface EdExtra extends EdState {
    fixtures: { id: string; kind: string; at: [number, number]; widthM: number; rotationDeg: number }[];
    doors: { id: string; a: [number, number]; b: [number, number]; connects: [string, string] }[];
    trace: { originM: [number, number]; mPerPx: number; opacity: number } | null;
  }
  const edx = (page: Page) => page.evaluate(() => (window as unknown as { __editor: EdExtra }).__editor);
  const round1 = (x: number) => Math.round(x * 10) / 10;

  it('zooms about the cursor, pans with space-drag, draws a polygon with a typed side, places a door and a fixture, rotates, resizes, marquee-deletes and undoes', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150`);
    const s0 = await waitEditor(page, 'e.planId === "community-150" && e.zoneCount > 0');
    const canvas = (await page.locator('[data-testid=ed-canvas]').boundingBox())!;

    // wheel zoom keeps the plan point under the cursor fixed
    const cur: [number, number] = [canvas.x + 400, canvas.y + 300];
    const v0 = s0.viewport;
    const worldBefore = [(400 - v0.offsetXPx) / v0.pxPerM, (300 - v0.offsetYPx) / v0.pxPerM];
    await page.mouse.move(cur[0], cur[1]);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction((px) => window.__editor!.viewport && (window.__editor!.viewport as { pxPerM: number }).pxPerM > px * 1.2, v0.pxPerM);
    const v1 = (await ed(page)).viewport;
    expect((400 - v1.offsetXPx) / v1.pxPerM).toBeCloseTo(worldBefore[0], 6);
    expect((300 - v1.offsetYPx) / v1.pxPerM).toBeCloseTo(worldBefore[1], 6);
    // space + drag pans by exactly the drag (measured from a settled view)
    await page.waitForTimeout(300);
    const v1b = (await ed(page)).viewport;
    await page.keyboard.down('Space');
    await page.mouse.down();
    await page.mouse.move(cur[0] + 60, cur[1] + 40, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Space');
    const v2 = (await ed(page)).viewport;
    expect(v2.offsetXPx - v1b.offsetXPx).toBeCloseTo(60, 6);
    expect(v2.offsetYPx - v1b.offsetYPx).toBeCloseTo(40, 6);
    expect(v2.pxPerM).toBe(v1b.pxPerM);
    expect((await ed(page)).historyDepth).toBe(0); // view changes are not edits
    await page.keyboard.press('f'); // fit again

    // a polygon inside the largest zone, grid-aligned points; the second side typed as 1.2 m
    const big = s0.zones.slice().sort((a, b) => b.areaM2 - a.areaM2)[0];
    const xs = big.polygon.map((q) => q[0]), ys = big.polygon.map((q) => q[1]);
    const c: [number, number] = [round1((Math.min(...xs) + Math.max(...xs)) / 2 - 1), round1((Math.min(...ys) + Math.max(...ys)) / 2 - 0.6)];
    const at = (dx: number, dy: number) => toPage(page, [c[0] + dx, c[1] + dy]);
    await page.keyboard.press('p');
    let p = await at(0, 0);
    await page.mouse.click(p[0], p[1]);
    p = await at(0, 0.9);
    await page.mouse.move(p[0], p[1], { steps: 3 });
    await page.keyboard.type('1.2');
    await page.keyboard.press('Enter');
    for (const [dx, dy] of [[1.5, 1.2], [1.5, 0], [0.01, 0.01]] as [number, number][]) {
      p = await at(dx, dy);
      await page.mouse.click(p[0], p[1]);
    }
    let s = await edx(page);
    expect(s.zoneCount).toBe(s0.zoneCount + 1);
    expect(s.historyDepth).toBe(1);
    const poly = s.zones[s.zones.length - 1];
    expect(poly.polygon.length).toBe(4);
    expect(edgeLen(poly, 0)).toBeCloseTo(1.2, 6);
    expect(poly.areaM2).toBeCloseTo(1.8, 6);

    // a door on its right side joins it to the zone around it; an ATM from the palette
    await page.keyboard.press('d');
    p = await at(1.5, 0.6);
    await page.mouse.click(p[0], p[1]);
    s = await edx(page);
    const door = s.doors[s.doors.length - 1];
    expect(door.connects).toContain(poly.id);
    expect(Math.hypot(door.b[0] - door.a[0], door.b[1] - door.a[1])).toBeCloseTo(0.9, 6);
    await page.locator('[data-testid=ed-fixture-palette]').selectOption('fixture:atm');
    p = await at(0.6, 0.4);
    await page.mouse.click(p[0], p[1]);
    s = await edx(page);
    const atm = s.fixtures[s.fixtures.length - 1];
    expect(atm.kind).toBe('atm');
    expect(atm.widthM).toBe(0.7);
    expect(s.historyDepth).toBe(3);

    // rotate the selected ATM by dragging the knob a quarter turn with Shift (15° steps) → exactly 90°
    const fxBox = { cx: atm.at[0], top: atm.at[1] - 0.4 };
    const vv = (await ed(page)).viewport;
    const knob: [number, number] = [canvas.x + vv.offsetXPx + fxBox.cx * vv.pxPerM, canvas.y + vv.offsetYPx + fxBox.top * vv.pxPerM - 24];
    const centre = await toPage(page, atm.at);
    await page.keyboard.down('Shift');
    await page.mouse.move(knob[0], knob[1]);
    await page.mouse.down();
    await page.mouse.move(centre[0] + 40, centre[1] - 20, { steps: 5 });
    await page.mouse.move(centre[0] + 60, centre[1] + 2, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    s = await edx(page);
    expect(s.fixtures.find((f) => f.id === atm.id)!.rotationDeg).toBeCloseTo(90, 6);
    expect(s.historyDepth).toBe(4);

    // resize the polygon zone: select it, drag its east handle 0.5 m right
    p = await at(0.4, 1.0);
    await page.mouse.click(p[0], p[1]);
    await waitEditor(page, `e.selection.length === 1 && e.selection[0] === ${JSON.stringify(poly.id)}`);
    const east = await at(1.5, 0.6);
    const east2 = await at(2.0, 0.6);
    await page.mouse.move(east[0], east[1]);
    await page.mouse.down();
    await page.mouse.move(east2[0], east2[1], { steps: 6 });
    await page.mouse.up();
    s = await edx(page);
    const resized = s.zones.find((z) => z.id === poly.id)!;
    expect(resized.areaM2).toBeCloseTo(2.0 * 1.2, 6);
    expect(s.historyDepth).toBe(5);

    // object snap: with the grid off, drag the zone so its first corner stops 3–4 cm from another zone's corner → it lands on it exactly
    await page.getByRole('checkbox', { name: 'Grid' }).uncheck();
    const target = s0.zones.find((z) => z.id !== poly.id && z.id !== big.id)!.polygon[0];
    const corner = resized.polygon[0];
    const grabAt = await at(0.4, 1.0);
    const dropAt = await toPage(page, [c[0] + 0.4 + (target[0] - corner[0]) + 0.04, c[1] + 1.0 + (target[1] - corner[1]) + 0.03]);
    await page.mouse.move(grabAt[0], grabAt[1]);
    await page.mouse.down();
    await page.mouse.move(dropAt[0], dropAt[1], { steps: 10 });
    await page.mouse.up();
    s = await edx(page);
    expect(s.historyDepth).toBe(6);
    const moved = s.zones.find((z) => z.id === poly.id)!.polygon[0];
    expect(moved[0]).toBeCloseTo(target[0], 6);
    expect(moved[1]).toBeCloseTo(target[1], 6);
    await page.keyboard.press('Control+z');
    await waitEditor(page, 'e.historyDepth === 5');
    await page.getByRole('checkbox', { name: 'Grid' }).check();
    await page.screenshot({ path: screenshotPath('editor-7-tools.png') });

    // marquee from outside the building around everything, delete, one undo brings it all back
    const before = await edx(page);
    const total = before.zoneCount + before.doors.length + before.fixtures.length;
    await page.keyboard.press('Escape');
    await page.mouse.move(canvas.x + 6, canvas.y + 6);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width - 6, canvas.y + canvas.height - 30, { steps: 8 });
    await page.mouse.up();
    s = await edx(page);
    expect(s.selection.length).toBe(total);
    await page.keyboard.press('Delete');
    s = (await waitEditor(page, 'e.zoneCount === 0')) as EdExtra;
    expect(s.historyDepth).toBe(6);
    await page.keyboard.press('Control+z');
    s = (await waitEditor(page, `e.zoneCount === ${before.zoneCount}`)) as EdExtra;
    expect(s.zones).toEqual(before.zones);
    expect(s.doors).toEqual(before.doors);
    expect(s.fixtures).toEqual(before.fixtures);
  });

  it('traces over an image: loads it, calibrates two points to a typed distance, sets opacity', async () => {
    const { page } = br;
    const accept = (d: Dialog) => void d.accept(); // the previous test may leave unsaved edits
    page.on('dialog', accept);
    await page.goto(`${app.url}/#/floorplans/community-150-noncompliant`);
    await waitEditor(page, 'e.planId === "community-150-noncompliant" && e.zoneCount > 0');
    page.off('dialog', accept);
    const { createCanvas } = await import('@napi-rs/canvas');
    const cv = createCanvas(400, 300);
    const g = cv.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, 400, 300);
    g.strokeStyle = '#000000';
    g.lineWidth = 4;
    g.strokeRect(50, 50, 200, 150);
    const png = cv.toBuffer('image/png');
    await page.locator('[data-testid=ed-trace-file]').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: png });
    await page.waitForFunction(() => !!window.__editor?.trace);
    const t0 = (await page.evaluate(() => window.__editor!.trace)) as { originM: [number, number]; mPerPx: number };
    await page.getByRole('button', { name: 'Calibrate scale' }).click();
    const img = (ix: number, iy: number) => toPage(page, [t0.originM[0] + ix * t0.mPerPx, t0.originM[1] + iy * t0.mPerPx]);
    let q = await img(50, 50);
    await page.mouse.click(q[0], q[1]);
    q = await img(250, 50);
    await page.mouse.click(q[0], q[1]);
    await page.locator('[data-testid=ed-dim-input]').fill('5 m');
    await page.keyboard.press('Enter');
    await page.waitForFunction((m) => (window.__editor!.trace as { mPerPx: number }).mPerPx !== m, t0.mPerPx);
    const t1 = (await page.evaluate(() => window.__editor!.trace)) as { originM: [number, number]; mPerPx: number };
    expect(t1.mPerPx).toBeCloseTo(5 / 200, 3); // 200 image px = 5 m
    // the first calibration point stays where it was on the plan
    expect(t1.originM[0] + 50 * t1.mPerPx).toBeCloseTo(t0.originM[0] + 50 * t0.mPerPx, 2);
    await page.locator('.ed-side input[type=range]').fill('0.3');
    await page.waitForFunction(() => (window.__editor!.trace as { opacity: number }).opacity === 0.3);
    await page.screenshot({ path: screenshotPath('editor-8-trace.png') });
  });

  it('exports GeoJSON and DXF, and imports the GeoJSON back as one undoable step', async () => {
    const { page } = br;
    // an unsaved edit on the open plan: leaving it asks first (accept: discard it)
    const asked: string[] = [];
    const onDialog = (d: Dialog) => { asked.push(d.message()); void d.accept(); };
    page.on('dialog', onDialog);
    await page.goto(`${app.url}/#/floorplans/community-150-noncompliant`);
    await waitEditor(page, 'e.planId === "community-150-noncompliant" && e.zoneCount > 0');
    await page.keyboard.press('r');
    const a = await toPage(page, [1, 1]), b = await toPage(page, [2, 2]);
    await page.mouse.move(a[0], a[1]);
    await page.mouse.down();
    await page.mouse.move(b[0], b[1], { steps: 4 });
    await page.mouse.up();
    await waitEditor(page, 'e.dirty');
    asked.length = 0;
    await page.goto(`${app.url}/#/floorplans/flagship-400`);
    const s0 = await waitEditor(page, 'e.planId === "flagship-400" && e.zoneCount > 0');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('Discard the unsaved edits');
    const fs = await import('node:fs');
    const grab = async (fmt: string) => {
      await page.locator('.ed-menu > summary').click();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=ed-export-${fmt}]`).click()]);
      return { name: dl.suggestedFilename(), path: (await dl.path())! };
    };
    const gj = await grab('geojson');
    const fc = JSON.parse(fs.readFileSync(gj.path, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    const zoneFeatures = fc.features.filter((f: { properties: { areaM2?: number } }) => typeof f.properties.areaM2 === 'number');
    expect(zoneFeatures.length).toBe(s0.zoneCount);
    const dxf = await grab('dxf');
    const dxfText = fs.readFileSync(dxf.path, 'utf8');
    expect(dxfText).toContain('SECTION');
    expect(dxfText).toContain('LAYER');
    // import the GeoJSON after deleting a zone: the content comes back; undo returns to the edited state
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=ed-canvas]'));
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=ed-import]').setInputFiles({ name: 'flagship.geojson', mimeType: 'application/geo+json', buffer: fs.readFileSync(gj.path) });
    await expect.poll(() => page.locator('[data-testid=ed-status]').textContent(), { timeout: 15_000 }).toMatch(/Imported 17 zones|\S/);
    expect(await page.locator('[data-testid=ed-status]').textContent()).toContain(`Imported ${s0.zoneCount} zones`);
    const s1 = await waitEditor(page, 'e.historyDepth === 1');
    expect(s1.zoneCount).toBe(s0.zoneCount);
    for (const z of s0.zones) expect(s1.zones.find((y) => y.id === z.id)?.areaM2).toBeCloseTo(z.areaM2, 6);
    await page.keyboard.press('Control+z');
    await waitEditor(page, 'e.historyDepth === 0');

    // properties: click inside a zone, change its kind (one step), nudge it 10 cm with an arrow key (one step)
    await page.keyboard.press('v');
    let selId = '';
    for (const z of s0.zones.slice().sort((a, b) => b.areaM2 - a.areaM2)) {
      const inside = z.polygon.reduce((acc, q) => [acc[0] + q[0] / z.polygon.length, acc[1] + q[1] / z.polygon.length], [0, 0]) as [number, number];
      const pt = await toPage(page, inside);
      await page.mouse.click(pt[0], pt[1]);
      const cur = await ed(page);
      if (cur.selection.length === 1 && cur.selection[0] === z.id) { selId = z.id; break; }
    }
    expect(selId).not.toBe('');
    await page.locator('[data-testid=ed-zone-kind]').selectOption('storage');
    const k = await waitEditor(page, 'e.historyDepth === 1');
    expect(k.zones.find((z) => z.id === selId)!.kind).toBe('storage');
    const before = k.zones.find((z) => z.id === selId)!.polygon;
    await page.locator('[data-testid=ed-zone-kind]').blur();
    await page.keyboard.press('ArrowRight');
    const n = await waitEditor(page, 'e.historyDepth === 2');
    n.zones.find((z) => z.id === selId)!.polygon.forEach((q, i) => {
      expect(q[0] - before[i][0]).toBeCloseTo(0.1, 9);
      expect(q[1]).toBe(before[i][1]);
    });

    // our JSON export, imported back, becomes a new stored plan with the same zones
    const js = await grab('json');
    await page.locator('[data-testid=ed-import]').setInputFiles({ name: 'copy.plan.json', mimeType: 'application/json', buffer: fs.readFileSync(js.path) });
    const imp = await waitEditor(page, 'e.planId !== "flagship-400" && e.version === 1');
    expect(imp.zoneCount).toBe(s0.zoneCount);
    expect(await page.locator('[data-testid=ed-status]').textContent()).toContain('Imported copy.plan.json');
    expect(asked).toHaveLength(2); // the import replaced a plan with unsaved edits: asked again
    page.off('dialog', onDialog);
  });
});

describe('floor-plan editor: new plan, outline, walls, doors on walls (browser)', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser();
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  interface EdWall { id: string; a: [number, number]; b: [number, number]; thicknessM: number; fullHeight: boolean; glazed: boolean; exterior: boolean }
  interface EdOutline extends EdState {
    outline: { polygon: [number, number][]; areaM2: number } | null;
    walls: EdWall[];
    doors: { id: string; a: [number, number]; b: [number, number] }[];
    selectedEdge: { id: string; index: number } | null;
  }
  const edo = (page: Page) => page.evaluate(() => (window as unknown as { __editor: EdOutline }).__editor);
  const side = (ring: [number, number][], i: number) => {
    const a = ring[i], b = ring[(i + 1) % ring.length];
    return Math.hypot(b[0] - a[0], b[1] - a[1]);
  };

  it('creates a blank plan in cm, draws its outline with a typed side, sets a wall glazed, types a side, undoes/redoes, slides a door along its wall', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150`);
    await waitEditor(page, 'e.planId === "community-150" && e.zoneCount > 0');

    // New plan: name, branch type, units (cm) → a stored blank plan with a 12 × 10 m outline and four 0.2 m exterior walls
    await page.locator('[data-testid=ed-new-plan]').click();
    await page.locator('[data-testid=ed-new-plan-name]').fill('Outline test pod');
    await page.locator('[data-testid=ed-new-plan-type]').selectOption('self-service-pod');
    await page.locator('[data-testid=ed-new-plan-units]').selectOption('cm');
    await page.locator('[data-testid=ed-new-plan-create]').click();
    await waitEditor(page, 'e.planId && e.planId !== "community-150" && e.version === 1');
    let s = await edo(page);
    expect(s.zoneCount).toBe(0);
    expect(s.outline!.areaM2).toBeCloseTo(120, 9);
    expect(s.walls.map((w) => [w.thicknessM, w.exterior])).toEqual([[0.2, true], [0.2, true], [0.2, true], [0.2, true]]);
    expect(await page.locator('[data-testid=ed-plan-select]').inputValue()).toBe(s.planId);
    await page.screenshot({ path: screenshotPath('editor-outline-1-new-plan.png') });

    // Outline tool (O): click (1, 1), pull right, type 9 → the first side is exactly 9 m; click two corners; close on the first
    const at = (x: number, y: number) => toPage(page, [x, y]);
    await page.keyboard.press('o');
    let p = await at(1, 1);
    await page.mouse.click(p[0], p[1]);
    p = await at(4, 1);
    await page.mouse.move(p[0], p[1], { steps: 3 });
    await page.keyboard.type('9');
    await page.keyboard.press('Enter');
    for (const [x, y] of [[10, 8], [1, 8], [1.01, 1.01]] as [number, number][]) {
      p = await at(x, y);
      await page.mouse.click(p[0], p[1]);
    }
    s = await edo(page);
    expect(s.historyDepth).toBe(1); // the whole outline is ONE step
    expect(s.outline!.polygon).toEqual([[1, 1], [10, 1], [10, 8], [1, 8]]);
    expect(side(s.outline!.polygon, 0)).toBeCloseTo(9, 9);
    expect(s.outline!.areaM2).toBeCloseTo(63, 9);
    expect(s.walls).toHaveLength(4);
    expect(s.walls[1]).toMatchObject({ a: [10, 1], b: [10, 8], thicknessM: 0.2, glazed: false, fullHeight: true, exterior: true });
    expect(s.selection).toEqual(['#outline']);
    await page.screenshot({ path: screenshotPath('editor-outline-2-drawn.png') });

    // click the east side of the selected outline: the panel shows its wall; tick "glazed" → one step
    p = await at(10, 4.5);
    await page.mouse.click(p[0], p[1]);
    s = await edo(page);
    expect(s.selectedEdge).toEqual({ id: '#outline', index: 1 });
    const eastWall = s.walls[1].id;
    await page.locator(`[data-testid=ed-wall-${eastWall}] [data-testid=ed-wall-glazed]`).check();
    s = await waitEditor(page, 'e.historyDepth === 2') as EdOutline;
    expect(s.walls.find((w) => w.id === eastWall)!.glazed).toBe(true);

    // type the selected side's length: 6.5 m; the rectangle stays a rectangle and the walls follow
    p = await at(10, 4.5);
    await page.mouse.click(p[0], p[1]); // back on the canvas (the checkbox had the focus): the side stays selected
    expect((await edo(page)).selectedEdge).toEqual({ id: '#outline', index: 1 });
    await page.keyboard.type('6.5');
    await page.locator('[data-testid=ed-dim-input]').waitFor();
    await page.keyboard.press('Enter');
    s = await waitEditor(page, 'e.historyDepth === 3') as EdOutline;
    expect(s.outline!.polygon).toEqual([[1, 1], [10, 1], [10, 7.5], [1, 7.5]]);
    expect(s.outline!.areaM2).toBeCloseTo(58.5, 9);
    expect(s.walls.find((w) => w.id === eastWall)).toMatchObject({ a: [10, 1], b: [10, 7.5], glazed: true });
    await page.screenshot({ path: screenshotPath('editor-outline-3-glazed-side.png') });

    // undo: the side back to 7 m, then the wall not glazed; redo both
    await page.keyboard.press('Control+z');
    s = await waitEditor(page, 'e.historyDepth === 2') as EdOutline;
    expect(s.outline!.areaM2).toBeCloseTo(63, 9);
    expect(s.walls.find((w) => w.id === eastWall)).toMatchObject({ b: [10, 8], glazed: true });
    await page.keyboard.press('Control+z');
    s = await waitEditor(page, 'e.historyDepth === 1') as EdOutline;
    expect(s.walls.find((w) => w.id === eastWall)!.glazed).toBe(false);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+y');
    s = await waitEditor(page, 'e.historyDepth === 3 && e.redoDepth === 0') as EdOutline;
    expect(s.outline!.areaM2).toBeCloseTo(58.5, 9);
    expect(s.walls.find((w) => w.id === eastWall)!.glazed).toBe(true);

    // a door on the north side (y = 1); dragging it down-right slides it along the wall, never off it
    await page.keyboard.press('Escape');
    await page.keyboard.press('d');
    p = await at(4, 1.2);
    await page.mouse.click(p[0], p[1]);
    s = await waitEditor(page, 'e.historyDepth === 4') as EdOutline;
    const door = s.doors[s.doors.length - 1];
    expect(door.a[1]).toBe(1);
    expect(door.b[1]).toBe(1);
    const c0 = (door.a[0] + door.b[0]) / 2;
    p = await at(c0, 1);
    await page.mouse.move(p[0], p[1]);
    await page.mouse.down();
    const q = await at(c0 + 2.5, 2.3);
    await page.mouse.move(q[0], q[1], { steps: 8 });
    await page.screenshot({ path: screenshotPath('editor-outline-4-door-sliding.png') });
    await page.mouse.up();
    s = await waitEditor(page, 'e.historyDepth === 5') as EdOutline;
    let moved = s.doors.find((d) => d.id === door.id)!;
    expect(moved.a[1]).toBe(1); // still on the wall line
    expect(moved.b[1]).toBe(1);
    expect((moved.a[0] + moved.b[0]) / 2).toBeCloseTo(c0 + 2.5, 1);
    expect(Math.hypot(moved.b[0] - moved.a[0], moved.b[1] - moved.a[1])).toBeCloseTo(0.9, 9);
    // drag far past the east corner: it stops with its jamb at the corner (x = 10)
    const c1 = (moved.a[0] + moved.b[0]) / 2;
    p = await at(c1, 1);
    await page.mouse.move(p[0], p[1]);
    await page.mouse.down();
    const r = await at(11.5, 3);
    await page.mouse.move(r[0], r[1], { steps: 8 });
    await page.mouse.up();
    s = await waitEditor(page, 'e.historyDepth === 6') as EdOutline;
    moved = s.doors.find((d) => d.id === door.id)!;
    expect(Math.max(moved.a[0], moved.b[0])).toBeCloseTo(10, 9);
    expect([moved.a[1], moved.b[1]]).toEqual([1, 1]);
    await page.screenshot({ path: screenshotPath('editor-outline-5-door-at-corner.png') });

    // a 1.8 × 0.7 m counter turned 30°: dragging its east handle 1 m right (Alt: no snapping) widens it along its own axis
    await page.locator('[data-testid=ed-fixture-palette]').selectOption('fixture:counter');
    p = await at(5, 4.5);
    await page.mouse.click(p[0], p[1]);
    await page.locator('[data-testid=ed-fx-rotation]').fill('30');
    await page.locator('[data-testid=ed-fx-rotation]').press('Enter');
    const fx = () => page.evaluate(() => (window as unknown as { __editor: { fixturesFull: { id: string; at: [number, number]; widthM: number; depthM: number; rotationDeg: number }[] } }).__editor.fixturesFull);
    await expect.poll(async () => (await fx()).at(-1)?.rotationDeg).toBe(30);
    const f0 = (await fx()).at(-1)!;
    expect([f0.at, f0.widthM, f0.depthM]).toEqual([[5, 4.5], 1.8, 0.7]);
    const c30 = Math.cos(Math.PI / 6), s30 = Math.sin(Math.PI / 6);
    const halfX = 0.9 * c30 + 0.35 * s30; // the on-screen box's half width
    const h0 = await at(5 + halfX, 4.5), h1 = await at(5 + halfX + 1, 4.5);
    await page.keyboard.down('Alt');
    await page.mouse.move(h0[0], h0[1]);
    await page.mouse.down();
    await page.mouse.move(h1[0], h1[1], { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await expect.poll(async () => (await fx()).at(-1)!.widthM).not.toBe(1.8);
    const f1 = (await fx()).at(-1)!;
    const expectedW = (halfX + 1) * c30 + 0.9; // pointer projected on the width axis, from the fixed west side
    expect(f1.widthM).toBeCloseTo(expectedW, 2); // 2.593 m, not the box-scaled 1.8 × (2·halfX + 1)/(2·halfX) = 2.743 m
    expect(f1.depthM).toBe(0.7);
    expect(f1.rotationDeg).toBe(30);
    // the west side's midpoint did not move
    expect(f1.at[0] - c30 * f1.widthM / 2).toBeCloseTo(5 - c30 * 0.9, 2);
    expect(f1.at[1] - s30 * f1.widthM / 2).toBeCloseTo(4.5 - s30 * 0.9, 2);
    await page.screenshot({ path: screenshotPath('editor-outline-6-rotated-counter-resized.png') });
    expect(br.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
