import fs from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefPdf, straightApostrophes, type BriefInput } from './pdfBrief';
import { woffToSfnt, WoffError } from './woffToTtf';
import { pdfPageTexts } from '../../testing/pdfText';

const WOFF = path.resolve('node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff');

/** Every text run of the PDF, all pages in order, as a reader's copy-paste would give it. */
const pdfText = (pdf: string): string[] => pdfPageTexts(pdf).flat();

function mapPng(color: string): string {
  const c = createCanvas(400, 300);
  const g = c.getContext('2d');
  g.fillStyle = color;
  g.fillRect(0, 0, 400, 300);
  return 'data:image/png;base64,' + c.toBuffer('image/png').toString('base64');
}

let fontTtf: Uint8Array;
beforeAll(async () => {
  fontTtf = await woffToSfnt(new Uint8Array(fs.readFileSync(WOFF)));
});

function input(overrides: Partial<BriefInput> = {}): BriefInput {
  const rows = Array.from({ length: 18 }, (_, i) => ({
    cells: [i < 3 ? '纽约市 NYC' : '曼哈顿', `${[500, 1000, 2000][i % 3]} m`, '1,234,567', '1,300,000', '+65,433', '45.7%', '48.1%', '+2.4 个百分点'],
    tones: ['neutral', 'neutral', 'neutral', 'neutral', 'good', 'neutral', 'neutral', 'good'] as const,
  }));
  return {
    title: '网络覆盖简报 Coverage brief',
    subtitle: 'JPMorgan Chase Bank — 2026-11-29',
    maps: [
      { label: '现状 Today', dataUrl: mapPng('#3366aa'), widthPx: 400, heightPx: 300 },
      { label: '+5 新网点', dataUrl: null, widthPx: 400, heightPx: 300 },
    ],
    legend: '绿色 = 新增覆盖需求；红色 = 失去的覆盖需求',
    missingText: '地图不可用',
    tableTitle: '关键指标',
    table: { headers: ['区域', '半径', '覆盖人口 A', '覆盖人口 B', '变化', '占比 A', '占比 B', '变化'], labelColumns: 2, groups: [{ label: '覆盖居民', from: 2, span: 3 }, { label: '覆盖率', from: 5, span: 3 }], rows: rows.map((r) => ({ ...r, tones: [...r.tones] })) },
    paramsTitle: '参数',
    params: [['自有网络', 'cert:628'], ['半径', '500 m, 1 km, 2 km'], ['优化', 'MCLP p = 5']],
    sourcesTitle: '数据来源',
    sources: ['FDIC Summary of Deposits 2023', 'US Census 2020 block-group population centroids'],
    footer: 'Outlet Planner',
    fontTtf,
    ...overrides,
  };
}

describe('woffToSfnt', () => {
  it('rebuilds a TrueType file with the same tables', async () => {
    const dv = new DataView(fontTtf.buffer, fontTtf.byteOffset);
    expect(dv.getUint32(0)).toBe(0x00010000); // TrueType flavour
    const numTables = dv.getUint16(4);
    expect(numTables).toBe(19); // as listed in the WOFF directory
    expect(dv.getUint16(6)).toBe(16 * 16); // searchRange = 16 × 2^floor(log2 19)
    expect(dv.getUint16(8)).toBe(4);
    const tags = Array.from({ length: numTables }, (_, i) => String.fromCharCode(...fontTtf.subarray(12 + i * 16, 16 + i * 16)));
    expect(tags).toContain('glyf');
    expect(tags).toEqual([...tags].sort());
    const glyf = tags.indexOf('glyf');
    expect(dv.getUint32(12 + glyf * 16 + 12)).toBe(2_370_841); // origLength of glyf in the WOFF directory
  });

  it('refuses bytes that are not WOFF', async () => {
    await expect(woffToSfnt(new Uint8Array(64))).rejects.toThrow(WoffError);
  });
});

describe('buildBriefPdf', () => {
  it('makes exactly one A4 landscape page with an embedded image and font', () => {
    const doc = buildBriefPdf(input());
    expect(doc.getNumberOfPages()).toBe(1);
    expect(doc.internal.pageSize.getWidth()).toBeCloseTo(297, 0);
    expect(doc.internal.pageSize.getHeight()).toBeCloseTo(210, 0);
    const raw = Buffer.from(doc.output('arraybuffer')).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/Subtype /Image');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw.length).toBeLessThan(600_000); // the font is subset, not the 2.5 MB original
  });

  it('writes title, captions, table cells, parameters and sources as real text (Chinese included)', () => {
    const text = pdfText(buildBriefPdf(input({ compress: false })).output());
    expect(text).toContain('网络覆盖简报 Coverage brief');
    expect(text).toContain('现状 Today');
    expect(text).toContain('地图不可用'); // the second map had no image
    expect(text).toContain('+2.4 个百分点');
    expect(text).toContain('1,234,567');
    expect(text).toContain('cert:628');
    expect(text).toContain('• FDIC Summary of Deposits 2023');
    expect(text.join('')).not.toContain('\uFFFD'); // every glyph maps back to a character
    // Every header and caption survives whole (jsPDF silently drops characters missing from the font).
    for (const s of ['区域', '覆盖居民', '覆盖率', '覆盖人口 A', '关键指标', '参数', '数据来源', '自有网络', '500 m, 1 km, 2 km', 'JPMorgan Chase Bank — 2026-11-29']) expect(text).toContain(s);
  });

  it('drops a character the font lacks (Greek Δ), which is why headers say "Change"', () => {
    const text = pdfText(buildBriefPdf(input({ compress: false, title: 'xΔy' })).output());
    expect(text).toContain('xy');
    expect(text).not.toContain('xΔy');
  });

  it('draws the site table (names, coordinates, marginal residents) between parameters and sources, all on one page', () => {
    const sites = { title: '方案 B 的网点', table: { headers: ['网点', '纬度, 经度', '边际覆盖居民'], labelColumns: 2, maxLabelShare: 0.45,
      rows: [{ cells: ['新增（5 个）'], section: true }, ...Array.from({ length: 5 }, (_, i) => ({ cells: [`Mount Hope ${i}`, `40.8491${i}, -73.90541`, `+${i + 1}2,345`] }))] } };
    const doc = buildBriefPdf(input({ compress: false, sites }));
    expect(doc.getNumberOfPages()).toBe(1);
    const text = pdfText(doc.output());
    for (const s of ['方案 B 的网点', '纬度, 经度', '边际覆盖居民', '新增（5 个）', 'Mount Hope 4', '40.84914, -73.90541', '+52,345', '• FDIC Summary of Deposits 2023']) expect(text).toContain(s);
    // Order on the page: parameters, then the site table, then the sources.
    expect(text.indexOf('参数')).toBeLessThan(text.indexOf('方案 B 的网点'));
    expect(text.indexOf('+52,345')).toBeLessThan(text.indexOf('数据来源'));
    if (process.env.BRIEF_PDF_OUT) fs.writeFileSync(process.env.BRIEF_PDF_OUT, Buffer.from(buildBriefPdf(input({ sites })).output('arraybuffer')));
  });

  it('stays on one page with a table too long for it, ending in an ellipsis row', () => {
    const long = input({ compress: false });
    long.table.rows = Array.from({ length: 120 }, (_, i) => ({ cells: [`Area ${i}`, '1 km', '1', '2', '+1', '1.0%', '2.0%', '+1.0 pp'] }));
    const doc = buildBriefPdf(long);
    expect(doc.getNumberOfPages()).toBe(1);
    const text = pdfText(doc.output());
    expect(text).toContain('…');
    expect(text).toContain('Area 0');
    expect(text).not.toContain('Area 119');
  });
});

describe('straightApostrophes', () => {
  it('writes curly single quotes as ASCII in every string, keeps Chinese quotes, numbers and font bytes', () => {
    const bytes = new Uint8Array([1, 2]);
    const out = straightApostrophes({ a: 'Apple Bank For Savings’ branch', b: ['Spearman’s ρ', '“现状”'], n: 3, f: bytes });
    expect(out).toEqual({ a: "Apple Bank For Savings' branch", b: ["Spearman's ρ", '“现状”'], n: 3, f: bytes });
    expect(out.f).toBe(bytes);
  });
});
