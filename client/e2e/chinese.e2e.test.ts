/**
 * The standards panel in Chinese: with the UI switched to 中文, no visible text node on the standards panel of the
 * non-compliant sample (findings, rule titles, sources, status, sizing table and its assumptions, export row), on
 * the canvas tooltip, or in the downloaded HTML report is pure-ASCII English, under both profiles. Allowed in such a
 * node: rule ids, numbers, units, clause numbers and standard names (GB, GA, ADA, IBC …), file formats (HTML, PDF,
 * JSON), and the plan's own ids and names (user data). Screenshots in client/e2e/screenshots/chinese-*.png.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp, type RunningBrowser } from './harness';
import nonCompliant from '../../layouts/plans/community-150-noncompliant.plan.json';
import { RULE_SETS } from '../../core/standards/ruleSets';

const waitSt = (page: Page, pred: string, timeout = 60_000) =>
  page.waitForFunction(`(() => { const s = window.__standards; return !!s && s.ready && (${pred}); })()`, undefined, { timeout, polling: 100 });

/** The plan's own ids and names: user data, shown as written in any language. */
const planWords = new Set<string>();
for (const x of [...nonCompliant.zones, ...nonCompliant.doors, ...nonCompliant.fixtures, ...nonCompliant.outline.walls] as { id: string; name?: string }[]) {
  planWords.add(x.id);
  if (x.name) planWords.add(x.name);
}
planWords.add(nonCompliant.name);
/** Rule ids of both profiles (CNA-CFS has no digit). */
const ruleIds = new Set(Object.values(RULE_SETS).flatMap((rs) => rs.rules.map((r) => r.id)));

/**
 * English left in a text node: '' when the node has any CJK, or only ids, numbers, units, clause numbers and
 * standard names; else the node's English words.
 */
export function englishIn(text: string): string {
  const s0 = text.trim();
  if (!s0 || /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/.test(s0)) return '';
  let s = s0;
  for (const w of [...planWords, ...ruleIds].sort((a, b) => b.length - a.length)) s = s.split(w).join(' ');
  s = s
    .replace(/\b[A-Z]{2,}-[0-9][0-9A-Za-z.]*\b/g, ' ') // rule ids, standard numbers (ADA-01, GB 50763-2012)
    .replace(/FLOORPLAN-STANDARDS\.md|Erlang C|M\/M\/c|\b(ADA|IBC|GB\/T|GB|GA|CBSS\d*|HTML|PDF|JSON)\b/g, ' ')
    .replace(/\b(m²|m|mm|min|h|ms)\b/g, ' ');
  return (s.match(/[A-Za-z]{2,}/g) ?? []).join(' ');
}

/** Visible text nodes under `selector` (closed <details> bodies, display:none and zero-size elements skipped). */
function visibleTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return [];
    const out: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      if (el.closest('details:not([open]) > :not(summary)')) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden' || el.getClientRects().length === 0) continue;
      out.push(n.textContent.trim());
    }
    return out;
  }, selector);
}

const offenders = (texts: string[]) => texts.map((t) => ({ t, en: englishIn(t) })).filter((x) => x.en);

describe('the standards panel in Chinese', () => {
  let app: RunningApp;
  let br: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    br = await launchBrowser({ viewport: { width: 1500, height: 950 } });
    br.page.on('dialog', (d) => void d.accept());
  });
  afterAll(async () => {
    await br?.close();
    await app?.close();
  });

  it('the allow-list keeps ids, numbers, units and clauses, and catches English', () => {
    expect(englishIn('ADA-01')).toBe('');
    expect(englishIn('CNA-CFS')).toBe('');
    expect(englishIn('GB 50763-2012 §3.5.1(1) · ')).toBe('');
    expect(englishIn('0.915 m')).toBe('');
    expect(englishIn('Main aisle')).toBe(''); // a zone name of the plan
    expect(englishIn('HTML')).toBe('');
    expect(englishIn('Errors (5)')).toBe('Errors');
    expect(englishIn('verified source')).toBe('verified source');
    expect(englishIn('Counter target: share served within 3 min')).toBe('Counter target share served within');
    expect(englishIn('现金区 cash area')).toBe('');
  });

  it('switched to 中文, the panel, tooltip and HTML report of the non-compliant sample show no English, under both profiles', async () => {
    const { page } = br;
    await page.goto(`${app.url}/#/floorplans/community-150-noncompliant`);
    await page.waitForFunction('window.__editor && window.__editor.ready && window.__editor.zoneCount > 0', undefined, { timeout: 60_000 });
    await page.selectOption('[data-testid=language-switch]', 'zh');
    await waitSt(page, 's.errors > 0');
    // the shell follows: tab title and page language (Simplified Chinese glyph forms)
    expect(await page.title()).toBe('网点规划');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // a demand beyond one branch: the server names the input, the panel says why in Chinese
    const sizingError = page.getByTestId('standards-sizing-error');
    await page.fill('[data-testid=standards-visits]', '5000000'); // above the API's 1,000,000 bound
    await page.click('[data-testid=standards-sizing] button[type=submit]');
    await expect.poll(() => sizingError.innerText().catch(() => ''), { timeout: 30_000 }).toBe('测算失败：日均到访量无效：须为 0 至 1,000,000 之间的数值。');
    await page.fill('[data-testid=standards-visits]', '900000'); // valid, but > 500 counters
    await page.click('[data-testid=standards-sizing] button[type=submit]');
    await expect.poll(() => sizingError.innerText().catch(() => ''), { timeout: 30_000 }).not.toMatch(/无效/);
    expect(await sizingError.innerText()).toBe('测算失败：该客流超出单个网点的服务能力：请核对日均到访量，或将客流分配到多个网点。');
    expect(await sizingError.getAttribute('title')).toMatch(/cannot be served by one branch/); // the server's detail on hover
    // sizing from typed visits, assumptions opened: every part of the panel is on screen
    await page.fill('[data-testid=standards-visits]', '400');
    await page.click('[data-testid=standards-sizing] button[type=submit]');
    await waitSt(page, '!!s.sizing && s.findings.some((f) => f.ruleId === "BR-08" || f.ruleId === "BR-07")');
    await page.evaluate(() => document.querySelectorAll('[data-testid=standards-panel] details').forEach((d) => { (d as HTMLDetailsElement).open = true; }));

    for (const profile of ['us-ada-ibc', 'cn-gb-ga'] as const) {
      await page.selectOption('[data-testid=standards-profile]', profile);
      await page.waitForFunction(`window.__standards && window.__standards.ready && window.__standards.profile === ${JSON.stringify(profile)}`, undefined, { timeout: 60_000 });
      const ids = await page.evaluate(() => (window as unknown as { __standards: { findings: { ruleId: string }[] } }).__standards.findings.map((f) => f.ruleId));
      // the panel lists this profile's rules (and only them)
      const ruleIds = new Set(RULE_SETS[profile].rules.map((r) => r.id));
      expect(ids.length).toBeGreaterThanOrEqual(5);
      for (const id of ids) expect(ruleIds.has(id), id).toBe(true);

      const texts = await visibleTexts(page, '[data-testid=standards-panel]');
      expect(texts.length).toBeGreaterThan(40);
      expect(texts.join(' ')).toMatch(/错误/);
      expect(texts.join(' ')).toMatch(/等候座位/);
      expect(offenders(texts), profile).toEqual([]);
      const skippedTitle = await page.locator('[data-testid=standards-panel] .st-skipped').getAttribute('title');
      expect(skippedTitle).toMatch(/BR-07: 无客流数据|BR-01P: 不适用于网点类型 社区网点/);
      expect(englishIn(skippedTitle!.replace(/[^\n]*[\u3400-\u9fff][^\n]*/g, ''))).toBe('');
      await page.screenshot({ path: screenshotPath(`chinese-1-panel-${profile}.png`) });

      // the canvas tooltip of the 0.80 m aisle neck (x 3.99, y 6.7–7.5)
      const box = (await page.locator('[data-testid=ed-canvas]').boundingBox())!;
      const v = await page.evaluate(() => (window as unknown as { __editor: { viewport: { pxPerM: number; offsetXPx: number; offsetYPx: number } } }).__editor.viewport);
      await page.mouse.move(box.x + v.offsetXPx + 3.98 * v.pxPerM, box.y + v.offsetYPx + 7.1 * v.pxPerM);
      await page.locator('[data-testid=standards-tooltip]').waitFor({ timeout: 10_000 });
      const tip = await visibleTexts(page, '[data-testid=standards-tooltip]');
      expect(tip.join(' ')).toMatch(/无障碍通道净宽/);
      expect(offenders(tip), `${profile} tooltip`).toEqual([]);
      await page.screenshot({ path: screenshotPath(`chinese-2-tooltip-${profile}.png`) });
      await page.mouse.move(5, 5);

      // the HTML report, opened as a page (the drawn plan's labels included)
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid=standards-export-html]')]);
      const html = fs.readFileSync((await dl.path())!, 'utf8');
      const rp = await br.context.newPage();
      await rp.setContent(html);
      const outside = await visibleTexts(rp, 'body');
      expect(outside.join(' ')).toMatch(/规范检查报告/);
      expect(offenders(outside), `${profile} report`).toEqual([]);
      if (profile === 'cn-gb-ga') await rp.screenshot({ path: screenshotPath('chinese-3-report.png'), fullPage: false });
      await rp.close();
    }
  });
});
