import { jsPDF } from 'jspdf';
import { bytesToBinaryString } from './woffToTtf';

/**
 * The one-page PDF brief of a scenario comparison (issue 3, item 4): title, both maps as images, the KPI table
 * with coloured deltas, the parameters and the data sources, on one A4 landscape page.
 *
 * All text is drawn with an embedded TrueType font (Noto Sans SC, converted from the self-hosted WOFF by
 * woffToTtf.ts) so Chinese renders; jsPDF writes it Identity-H with a ToUnicode map and subsets the font.
 * Every string arrives already translated: this module knows layout, not language. Runs in the browser and in Node.
 * The font's Chinese subset has no Greek: write "Change", not "Δ" (the tests check that no glyph is missing).
 */

/** Tone of a delta cell: good → green, bad → red, neutral → ink. */
export type CellTone = 'good' | 'bad' | 'neutral';

export interface BriefMap {
  /** Caption above the image (the scenario's name). */
  label: string;
  /** PNG or JPEG data URL of the map canvas, or null to draw an empty frame with `missingText`. */
  dataUrl: string | null;
  /** Pixel size of the image (keeps its aspect ratio inside the frame). */
  widthPx: number;
  heightPx: number;
}

export interface BriefTable {
  /** Column headers; the first columns are labels, the rest right-aligned numbers. */
  headers: string[];
  /** How many leading columns are left-aligned labels. */
  labelColumns: number;
  /** Widest share of the table one label column may take (default 0.24; longer labels are cut with "…"). */
  maxLabelShare?: number;
  /** Optional group headings above the headers, e.g. "Covered residents" over columns 2–4. */
  groups?: { label: string; from: number; span: number }[];
  rows: { cells: string[]; tones?: CellTone[]; section?: boolean }[];
}

export interface BriefInput {
  title: string;
  subtitle: string;
  /** The answer in one sentence, printed first under the title band (null: none). */
  headline?: string | null;
  maps: [BriefMap, BriefMap];
  /** One line under the maps explaining the symbols and colours. */
  legend: string;
  missingText: string;
  tableTitle: string;
  table: BriefTable;
  paramsTitle: string;
  params: [string, string][];
  sourcesTitle: string;
  sources: string[];
  /** Optional table of the sites scenario B adds/closes (name, coordinates, marginal residents), under the parameters. */
  sites?: { title: string; table: BriefTable } | null;
  footer: string;
  /** TrueType bytes of a font covering every character used (Noto Sans SC covers Latin and Chinese). */
  fontTtf: Uint8Array;
  /** Deflate the page streams (default true; tests read them uncompressed). */
  compress?: boolean;
}

/**
 * CSS pixel size `[width, height]` the maps are drawn at for the brief, off screen: the aspect of the brief's map
 * frames (135.5 mm wide, 61-78 mm high), so each image fills its frame and shows the same area at every window size.
 */
export const BRIEF_MAP_PX: [number, number] = [1000, 500];

const FONT = 'NotoSansSC';
const PAGE_W = 297;
const PAGE_H = 210;
const MARGIN = 10;
const INK: [number, number, number] = [29, 39, 51];
const MUTED: [number, number, number] = [91, 103, 118];
const LINE: [number, number, number] = [217, 222, 229];
const BRAND: [number, number, number] = [11, 79, 138];
const TONE: Record<CellTone, [number, number, number]> = { good: [26, 127, 75], bad: [192, 57, 43], neutral: INK };

/**
 * Every string in `v` (arrays and plain objects walked, other values kept) with the curly single quotes ‘ ’ written
 * as the ASCII apostrophe: Noto Sans SC, the brief's only font, draws them full-width, which leaves a gap in
 * "Spearman’s" or "Apple Bank For Savings’". Chinese uses “ ” (kept) rather than single quotes.
 */
export function straightApostrophes<T>(v: T): T {
  if (typeof v === 'string') return v.replace(/[\u2018\u2019]/g, "'") as T;
  if (Array.isArray(v)) return v.map(straightApostrophes) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, straightApostrophes(x)])) as T;
  }
  return v;
}

/**
 * Lay out the brief on one A4 landscape page (297 × 210 mm): maps on the left (two frames side by side),
 * the KPI table bottom left, parameters and sources bottom right. Long tables shrink their row height down to
 * a floor of 3.2 mm and are then cut with a "…" row, so the brief never spills onto a second page.
 * @returns the jsPDF document (call `.output('blob')` in the browser or `.output('arraybuffer')` in Node)
 */
export function buildBriefPdf(raw: BriefInput): jsPDF {
  const input = straightApostrophes(raw);
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: input.compress ?? true });
  doc.addFileToVFS(`${FONT}.ttf`, bytesToBinaryString(input.fontTtf));
  doc.addFont(`${FONT}.ttf`, FONT, 'normal');
  doc.setFont(FONT, 'normal');
  doc.setProperties({ title: input.title, subject: input.subtitle, creator: 'Outlet Planner' });

  // Header band
  doc.setFillColor(...BRAND);
  doc.rect(0, 0, PAGE_W, 16, 'F');
  doc.setTextColor(255, 255, 255);
  doc.setFontSize(15);
  doc.text(input.title, MARGIN, 10.5);
  doc.setFontSize(8.5);
  doc.text(input.subtitle, PAGE_W - MARGIN, 10.5, { align: 'right' });

  // Top: the two maps side by side across the page, letterboxed to keep their aspect ratio.
  const gap = 6;
  const mapW = (PAGE_W - 2 * MARGIN - gap) / 2;
  // With a site table the maps give up 10 mm so the right column holds parameters, sites and sources.
  const headlineH = input.headline ? 7 : 0;
  const mapH = (input.sites ? 68 : 78) - headlineH;
  if (input.headline) {
    doc.setTextColor(...INK);
    doc.setFontSize(12.5);
    doc.text(fit(doc, input.headline, PAGE_W - 2 * MARGIN), MARGIN, 23);
  }
  let y = 25 + headlineH;
  input.maps.forEach((m, i) => {
    const x = MARGIN + i * (mapW + gap);
    doc.setTextColor(...INK);
    doc.setFontSize(9.5);
    doc.text(fit(doc, m.label, mapW), x, y - 1.8);
    doc.setDrawColor(...LINE);
    doc.setLineWidth(0.3);
    if (m.dataUrl) {
      const scale = Math.min(mapW / m.widthPx, mapH / m.heightPx);
      const w = m.widthPx * scale;
      const h = m.heightPx * scale;
      const format = m.dataUrl.startsWith('data:image/jpeg') ? 'JPEG' : 'PNG';
      doc.addImage(m.dataUrl, format, x + (mapW - w) / 2, y + (mapH - h) / 2, w, h);
    } else {
      doc.setTextColor(...MUTED);
      doc.setFontSize(8);
      doc.text(input.missingText, x + mapW / 2, y + mapH / 2, { align: 'center' });
    }
    doc.rect(x, y, mapW, mapH);
  });
  y += mapH + 4;
  doc.setFontSize(7.5);
  doc.setTextColor(...MUTED);
  for (const line of (doc.splitTextToSize(input.legend, PAGE_W - 2 * MARGIN) as string[]).slice(0, 2)) {
    doc.text(line, MARGIN, y);
    y += 3.3;
  }

  // Bottom left: the KPI table. Bottom right: parameters and data sources.
  const top = y + 3;
  const tableW = 168;
  drawTable(doc, input.tableTitle, input.table, MARGIN, top, tableW, PAGE_H - 12);
  const rx = MARGIN + tableW + 8;
  const rw = PAGE_W - MARGIN - rx;
  let ry = top;
  doc.setFontSize(9.5);
  doc.setTextColor(...INK);
  doc.text(input.paramsTitle, rx, ry);
  ry += 4.4;
  doc.setFontSize(7.2);
  const keyW = 27;
  for (const [k, v] of input.params) {
    doc.setTextColor(...MUTED);
    doc.text(fit(doc, k, keyW - 1), rx, ry);
    doc.setTextColor(...INK);
    const lines = (doc.splitTextToSize(v, rw - keyW) as string[]).slice(0, 2);
    lines.forEach((line, i) => doc.text(line, rx + keyW, ry + i * 3.1));
    ry += 3.1 * lines.length + 0.7;
  }
  ry += 3;
  if (input.sites && input.sites.table.rows.length) {
    // Sources need ≈ 4 lines at the bottom; the site table takes what is left (cut with "…" when too long).
    const sourcesH = 4.4 + 3.1 * 5;
    const bottom = PAGE_H - 12 - sourcesH;
    const h = drawTable(doc, input.sites.title, input.sites.table, rx, ry, rw, bottom, { minRowH: 3, maxRowH: 3.4 });
    ry += h + 4;
  }
  doc.setFontSize(9.5);
  doc.setTextColor(...INK);
  doc.text(input.sourcesTitle, rx, ry);
  ry += 4.4;
  doc.setFontSize(7);
  doc.setTextColor(...MUTED);
  outer: for (const src of input.sources) {
    for (const line of doc.splitTextToSize('• ' + src, rw) as string[]) {
      if (ry > PAGE_H - 12) break outer;
      doc.text(line, rx, ry);
      ry += 3.1;
    }
  }

  // Footer
  doc.setDrawColor(...LINE);
  doc.line(MARGIN, PAGE_H - 9, PAGE_W - MARGIN, PAGE_H - 9);
  doc.setFontSize(6.5);
  doc.setTextColor(...MUTED);
  doc.text(input.footer, MARGIN, PAGE_H - 5.5);
  return doc;
}

/** Draw a titled table from `top` down to at most `bottom` (mm); returns the height used. */
function drawTable(doc: jsPDF, title: string, table: BriefTable, x: number, top: number, width: number, bottom: number,
  rowLimits: { minRowH: number; maxRowH: number } = { minRowH: 3.2, maxRowH: 4.6 }): number {
  doc.setFontSize(9.5);
  doc.setTextColor(...INK);
  doc.text(title, x, top);
  let y = top + 3;
  const fontSize = 6.7;
  const headerH = table.groups?.length ? 9 : 6;
  const available = bottom - y - headerH;
  const rowH = Math.max(rowLimits.minRowH, Math.min(rowLimits.maxRowH, available / Math.max(1, table.rows.length)));
  const maxRows = Math.floor(available / rowH);
  const rows = table.rows.length > maxRows ? [...table.rows.slice(0, maxRows - 1), { cells: ['…'] }] : table.rows;
  doc.setFontSize(fontSize);
  // Column widths: label columns take what the widest label needs, numbers share the rest.
  const nLabel = table.labelColumns;
  const labelW: number[] = [];
  for (let c = 0; c < nLabel; c++) {
    const need = Math.max(...[table.headers[c], ...table.rows.filter((r) => !r.section).map((r) => r.cells[c] ?? '')].map((s) => doc.getTextWidth(s)));
    labelW.push(Math.min(need + 2, width * (table.maxLabelShare ?? 0.24)));
  }
  const numW = (width - labelW.reduce((a, b) => a + b, 0)) / Math.max(1, table.headers.length - nLabel);
  const colX: number[] = [];
  let cx = x;
  table.headers.forEach((_, c) => {
    colX.push(cx);
    cx += c < nLabel ? labelW[c] : numW;
  });
  const colRight = (c: number) => colX[c] + (c < nLabel ? labelW[c] : numW) - 0.8;

  // Header: optional group headings (centred over their columns), then one line of column headers.
  doc.setFillColor(238, 242, 247);
  doc.rect(x, y, width, headerH, 'F');
  for (const g of table.groups ?? []) {
    const gx = colX[g.from];
    const gw = colRight(g.from + g.span - 1) + 0.8 - gx;
    doc.setTextColor(...INK);
    doc.text(fit(doc, g.label, gw), gx + gw / 2, y + 3.3, { align: 'center' });
    doc.setDrawColor(...LINE);
    doc.line(gx + 1, y + 4.4, gx + gw - 1, y + 4.4);
  }
  doc.setTextColor(...MUTED);
  const hy = y + headerH - 1.7;
  table.headers.forEach((h, c) => {
    const w = (c < nLabel ? labelW[c] : numW) - 1;
    if (c < nLabel) doc.text(fit(doc, h, w), colX[c] + 0.8, hy);
    else doc.text(fit(doc, h, w), colRight(c), hy, { align: 'right' });
  });
  y += headerH;

  rows.forEach((r, i) => {
    const base = y + rowH * 0.72;
    if ('section' in r && r.section) {
      doc.setTextColor(...BRAND);
      doc.text(r.cells[0] ?? '', x + 0.8, base);
      doc.setDrawColor(...LINE);
      doc.line(x, y + rowH, x + width, y + rowH);
    } else {
      if (i % 2 === 1) {
        doc.setFillColor(248, 249, 251);
        doc.rect(x, y, width, rowH, 'F');
      }
      r.cells.forEach((cell, c) => {
        const tone = ('tones' in r && r.tones?.[c]) || 'neutral';
        doc.setTextColor(...TONE[tone]);
        if (c < nLabel) doc.text(fit(doc, cell, labelW[c] - 1), colX[c] + 0.8, base);
        else doc.text(cell, colRight(c), base, { align: 'right' });
      });
    }
    y += rowH;
  });
  return y - top;
}

/** Cut a string with "…" so it fits `widthMm` at the current font size. */
function fit(doc: jsPDF, s: string, widthMm: number): string {
  if (doc.getTextWidth(s) <= widthMm) return s;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.getTextWidth(s.slice(0, mid) + '…') <= widthMm) lo = mid;
    else hi = mid - 1;
  }
  return s.slice(0, lo) + '…';
}
