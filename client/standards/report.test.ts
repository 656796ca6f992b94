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
import { buildReportHtml, buildReportJson, buildReportPdf, fmtValue, pdfSafeText } from './report';

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
    const zh = buildReportHtml(plan, result, null, (k, v) => translate('zh', k, v), 'zh');
    expect(zh).toContain('规范检查报告');
    expect(zh).toContain('客户通道在“Main aisle”处收窄至 0.80 m；无障碍通道净宽应 ≥ 0.915 m。');
    expect(zh).toContain('等候区“Waiting”面积 7.50 m²，8 个座位，每座 0.94 m²');
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
});
