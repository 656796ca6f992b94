/**
 * Findings never hide the plan: on the non-compliant sample every finding badge is placed where it covers no other
 * badge (boxes pairwise disjoint, as drawn), a crowded zone gets one grouped badge, and the badges stay near their place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath, startApp, type RunningApp, type RunningBrowser } from './harness';

type Box = { keys: number[]; x: number; y: number; width: number; height: number };

describe('finding badges on the non-compliant sample', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  it('draws one badge per finding (or per crowded zone), pairwise disjoint', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150-noncompliant`);
    await page.waitForFunction('window.__editor && window.__editor.ready && window.__editor.zoneCount > 0', undefined, { timeout: 60_000 });
    await page.waitForFunction('(() => { const s = window.__standards; return !!s && s.ready && s.errors > 0; })()', undefined, { timeout: 60_000 });
    await page.waitForFunction('Array.isArray(window.__findingBadges) && window.__findingBadges.length > 0', undefined, { timeout: 30_000 });
    const findings = await page.evaluate(() => (window as unknown as { __standards: { findings: unknown[] } }).__standards.findings.length);
    const boxes = await page.evaluate(() => (window as unknown as { __findingBadges: Box[] }).__findingBadges);
    // every finding has exactly one badge
    expect(boxes.flatMap((b) => b.keys).sort((a, b) => a - b)).toEqual(Array.from({ length: findings }, (_, k) => k));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `badges ${a.keys} and ${b.keys}`).toBe(false);
      }
    }
    await page.screenshot({ path: screenshotPath('readable-findings-1280.png') });
    expect(br.errors).toEqual([]);
  });
});
