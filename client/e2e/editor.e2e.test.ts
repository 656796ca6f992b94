/**
 * Floor-plan editor in a real browser (issue 4, item 6): open a sample, draw a zone by dragging,
 * type its width, undo and redo, save a version, reload the page and find the same plan (same
 * zone count, the typed width), and take screenshots to client/e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp, type RunningBrowser } from './harness';

interface EdZone { id: string; kind: string; name: string; areaM2: number; polygon: [number, number][] }
interface EdState {
  ready: boolean; planId: string | null; version: number | null; dirty: boolean; historyDepth: number; redoDepth: number;
  zoneCount: number; zones: EdZone[]; selection: string[]; viewport: { pxPerM: number; offsetXPx: number; offsetYPx: number };
  conflict: string | null;
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
    await page.screenshot({ path: screenshotPath('editor-5-zh-flagship.png') });
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
    const fs = await import('node:fs');
    fs.writeFileSync(screenshotPath('export-community-150.png'), png.bytes);
    fs.writeFileSync(screenshotPath('export-community-150.pdf'), pdf.bytes);
  });
});
