import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import noncompliant from '../../layouts/plans/community-150-noncompliant.plan.json';
import { loadPlan } from '../../core/floorplan/load';
import { checkPlan } from '../../core/standards/checkPlan';
import { RULE_SETS } from '../../core/standards/ruleSets';
import { sizingFromRequest } from '../../core/queueing/sizingRequest';
import { translate } from '../i18n/i18n';
import { woffToSfnt } from '../coverage/woffToTtf';
import { buildReportHtml, buildReportJson, buildReportPdf, elementNames, fmtValue, pdfSafeText } from './report';
import { findingMarkers, markerSpot, reportOrder } from './pdfPlan';
import { pdfPageTexts } from '../../testing/pdfText';

const WOFF = path.join('node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff');
const fontTtf = () => woffToSfnt(new Uint8Array(fs.readFileSync(WOFF)));
const pdfPages = (doc: { output: (t: 'arraybuffer') => ArrayBuffer }) => pdfPageTexts(Buffer.from(doc.output('arraybuffer')).toString('latin1'));

const plan = loadPlan(noncompliant);
const result = checkPlan(plan, RULE_SETS['us-ada-ibc']);
const sizing = sizingFromRequest({ visitsPerDay: 800 });

describe('standards report', () => {
  it('formats values with units to the millimetre', () => {
    expect(fmtValue(0.8, 'm')).toBe('0.80 m');
    expect(fmtValue(0.915, 'm')).toBe('0.915 m');
    expect(fmtValue(3, 'm2')).toBe('3.00 m²');
    expect(fmtValue(null, 'm')).toBe('—');
  });
  it('HTML: plan SVG with a marker per finding, table grouped by severity with measured, required, clause and status', () => {
    const html = buildReportHtml(plan, result, sizing, (k, v) => translate('en', k, v), 'en', new Date('2026-01-01T00:00:00Z'));
    expect(html).toContain('<svg');
    expect((html.match(/data-finding="/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html).toMatch(/Errors \(5\)/);
    expect(html).toMatch(/ADA-01[\s\S]*?0\.80 m[\s\S]*?0\.915 m[\s\S]*?2010 ADA Standards §403\.5\.1[\s\S]*?verified source/);
    expect(html).toContain('Assumptions');
    // numbered markers on the drawing, the same numbers as the table's first column and the PDF
    expect([...html.matchAll(/class="finding-marker" data-n="(\d+)"/g)].map((m) => m[1]).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(html).toMatch(/<td class="n"[^>]*><b>1<\/b><\/td><td><b>ADA-01<\/b>/);
    expect(html).toMatch(/<td class="n"[^>]*><b>5<\/b><\/td><td><b>PLAN-02<\/b>/);
    const zh = buildReportHtml(plan, result, null, (k, v) => translate('zh', k, v), 'zh');
    expect(zh).toContain('规范检查报告');
    expect(zh).toContain('客户通道在“Main aisle”处收窄至 0.80 m；无障碍通道净宽应 ≥ 0.915 m。');
    expect(zh).toContain('等候区“Waiting”面积 7.50 m²，8 个座位，每座 0.94 m²');
    // an unnamed zone is named by its kind in the report's language
    const unnamed = { ...plan, zones: plan.zones.map((z) => (z.id === 'z-waiting' ? { ...z, name: '' } : z)) };
    expect(elementNames(unnamed, ['z-waiting'])).toEqual(['Waiting area 1']);
    expect(elementNames(unnamed, ['z-waiting'], (k, v) => translate('zh', k, v))).toEqual(['休息等候区 1']);
  });
  it('JSON carries every finding and the summary', () => {
    const j = JSON.parse(buildReportJson(plan, result, sizing));
    expect(j.findings).toHaveLength(result.findings.length);
    expect(j.summary.errors).toBe(5);
    expect(j.sizing.sizing.visitsPerDay).toBe(800);
  });
  it('PDF embeds the CJK font and renders Chinese', async () => {
    const woff = fs.readFileSync(path.join('node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff'));
    const ttf = await woffToSfnt(new Uint8Array(woff));
    const doc = buildReportPdf(plan, result, sizing, (k, v) => translate('zh', k, v), ttf);
    const bytes = new Uint8Array(doc.output('arraybuffer'));
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
    expect(head.startsWith('%PDF-')).toBe(true);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).toMatch(/FontFile2/);
    expect(doc.getNumberOfPages()).toBeGreaterThanOrEqual(1);
  });
  it('PDF text spells out what the Chinese font subset lacks (≥, ≤) and keeps what it has', async () => {
    const woff = fs.readFileSync(path.join('node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff'));
    const ttf = await woffToSfnt(new Uint8Array(woff));
    const doc = buildReportPdf(plan, result, sizing, (k, v) => translate('zh', k, v), ttf);
    const codeMap = (doc.getFont() as unknown as { metadata: { cmap: { unicode: { codeMap: Record<number, number> } } } }).metadata.cmap.unicode.codeMap;
    const has = (cp: number) => codeMap[cp] !== undefined;
    expect(has('≥'.codePointAt(0)!)).toBe(false);
    expect(has('营'.codePointAt(0)!)).toBe(true);
    expect(has('²'.codePointAt(0)!)).toBe(true);
    expect(pdfSafeText('无障碍通道净宽应 ≥ 1.20 m；0.94 m² ≤ x', has)).toBe('无障碍通道净宽应 >= 1.20 m；0.94 m² <= x');
    expect(pdfSafeText('a ≥ b', () => true)).toBe('a ≥ b');
  });

  it('PDF page 1 draws the plan: zone names and areas, overall dimensions, scale bar, and a numbered marker per placed finding', async () => {
    const doc = buildReportPdf(plan, result, sizing, (k, v) => translate('en', k, v), await fontTtf(), 'en', new Date('2026-01-01T00:00:00Z'));
    const page1 = pdfPages(doc)[0];
    // zones by name with their areas (Waiting 3 × 2.5 m, Main aisle)
    for (const name of ['Waiting', 'Main aisle', 'Cash area', 'Teller counters (customer side)', 'Entrance vestibule']) expect(page1).toContain(name);
    expect(page1).toContain('7.5 m²');
    // the outline is 15 × 10 m: both overall dimensions and the scale bar's length and ratio
    expect(page1).toContain('15.00 m');
    expect(page1).toContain('10.00 m');
    expect(page1).toContain('2 m');
    expect(page1.some((r) => /^1:\d+$/.test(r))).toBe(true);
    // five errors, none about the whole plan: markers 1–5 drawn on the plan, then 1–5 again beside the list
    expect(result.findings).toHaveLength(5);
    const numbers = page1.filter((r) => /^[1-9]\d*$/.test(r));
    expect(numbers.slice(0, 5).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(numbers.slice(5, 10)).toEqual(['1', '2', '3', '4', '5']);
    // the list under the drawing follows the numbers: 1 = ADA-01 (errors in the checker's order)
    const i1 = page1.findIndex((r) => r.startsWith('ADA-01 '));
    expect(i1).toBeGreaterThan(page1.indexOf('Waiting'));
    expect(page1.slice(i1 - 1, i1)).toEqual(['1']);
    // vector drawing, not an image: filled paths and no image XObject
    const raw = Buffer.from(doc.output('arraybuffer')).toString('latin1');
    expect(raw).not.toMatch(/\/Subtype \/Image/);
    expect((raw.match(/ re\n| l\n/g) ?? []).length).toBeGreaterThan(100);
  });

  it('PDF markers: an area finding sits on its area, a measured neck gets a marker beside it, none covers another', () => {
    // 1 plan metre = 10 mm from the page origin
    const toPage = (p: [number, number]): [number, number] => [p[0] * 10, p[1] * 10];
    const markers = findingMarkers(plan, result.findings, toPage);
    expect(markers).toHaveLength(5);
    const byRule = (id: string) => markers.find((m) => result.findings[m.index].ruleId === id)!;
    // BR-09: the waiting zone x 4–7 m, y 7.5–10 m; its marker at its top-left corner inset by r + 0.8 mm = 0.3 m
    expect(byRule('BR-09')).toMatchObject({ x: 43, y: 78, anchor: [43, 78] });
    expect(markerSpot(result.findings.find((f) => f.ruleId === 'BR-09')!.at, 0.3)).toEqual([4.3, 7.8]);
    // ADA-01: the neck x = 3.99 m, y 6.7–7.5 m; the marker points at its middle and leaves the neck visible
    const ada = byRule('ADA-01');
    expect(ada.anchor[0]).toBeCloseTo(39.94, 2);
    expect(ada.anchor[1]).toBeCloseTo(71, 6);
    const d = Math.hypot(ada.x - ada.anchor[0], ada.y - ada.anchor[1]);
    expect(d).toBeGreaterThanOrEqual(ada.r);
    expect(d).toBeLessThan(12);
    // numbers follow the list: errors in the checker's order
    expect(markers.map((m) => m.n).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(ada.n).toBe(1);
    for (let i = 0; i < markers.length; i++) for (let j = i + 1; j < markers.length; j++) {
      expect(Math.hypot(markers[i].x - markers[j].x, markers[i].y - markers[j].y)).toBeGreaterThanOrEqual(markers[i].r + markers[j].r);
    }
    expect(reportOrder([{ severity: 'info' }, { severity: 'error' }, { severity: 'warning' }, { severity: 'error' }])).toEqual([1, 3, 2, 0]);
  });

  it('PDF text reads "bank\'s", not "bank’ s": full-width quotes of the Chinese font become ASCII in Latin text only', async () => {
    const en = pdfPages(buildReportPdf(plan, result, sizing, (k, v) => translate('en', k, v), await fontTtf(), 'en')).flat().join('\n');
    expect(translate('en', 'standards.sizing.assumptions')).toContain('bank’s');
    expect(en).toContain("Assumptions (replace with the bank's ticket-machine data)");
    expect(en).not.toMatch(/[’‘“”]/);
    expect(en).toContain('Customer route narrows to 0.80 m in "Main aisle"');
    const zh = pdfPages(buildReportPdf(plan, checkPlan(plan, RULE_SETS['cn-gb-ga']), sizing, (k, v) => translate('zh', k, v), await fontTtf(), 'zh')).flat().join('\n');
    expect(zh).toContain('客户通道在“Main aisle”处收窄至 0.80 m');
    expect(zh).toContain('等候区'); // zone kinds named in Chinese on the drawing where unnamed, list in Chinese
    // the width the PDF gives "bank's" is the ASCII one (no 1 em gap)
    const doc = buildReportPdf(plan, result, null, (k, v) => translate('en', k, v), await fontTtf());
    const meta = (doc.getFont() as unknown as { metadata: { hmtx: { widths: number[] }; cmap: { unicode: { codeMap: Record<number, number> } } } }).metadata;
    const has = (cp: number) => meta.cmap.unicode.codeMap[cp] !== undefined;
    const adv = (cp: number) => meta.hmtx.widths[meta.cmap.unicode.codeMap[cp]] / 1000;
    expect(adv('’'.codePointAt(0)!)).toBe(1); // the font's apostrophe is a full em: the gap
    expect(pdfSafeText('the bank’s data', has, adv)).toBe("the bank's data");
    expect(pdfSafeText('Zone “Waiting” …', has, adv)).toBe('Zone "Waiting" ...');
    expect(pdfSafeText('等候区“Waiting”面积', has, adv)).toBe('等候区“Waiting”面积');
    expect(pdfSafeText('银行 Bank’s 网点', has, adv)).toBe("银行 Bank's 网点");
    expect(pdfSafeText('the bank’s data', has, () => 0.3)).toBe('the bank’s data'); // a proportional font keeps it
  });
});
