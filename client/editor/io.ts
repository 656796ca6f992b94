/**
 * Export and import for the editor (issue 4, item 5). SVG, DXF and GeoJSON come from the model's
 * pure exporters in core/floorplan/export (loaded on demand); PNG is that SVG rasterised to
 * 2400 px on its longer side; PDF is
 * jsPDF + svg2pdf.js drawing that same SVG as vectors. JSON is our envelope in metres.
 */
import { parsePlan } from '../../core/floorplan/load';
import type { FloorPlan } from '../../core/floorplan/model';
import { downloadBlob } from '../ui/download';

export type ExportFormat = 'svg' | 'png' | 'pdf' | 'dxf' | 'geojson' | 'json';

/** Safe file-name stem from a plan name: letters of any script and decimal digits kept, Latin lower-cased, every other run one "-". */
export function fileStem(plan: Pick<FloorPlan, 'name'>): string {
  return (plan.name || 'plan').toLowerCase().replace(/[^\p{L}\p{Nd}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '') || 'plan';
}

/**
 * The one naming rule of every file exported from a plan — drawings (SVG, PNG, PDF, DXF, GeoJSON), the plan JSON and
 * the standards reports: `<plan-name>-v<version>[-edited][-<what>].<ext>`. `version` is the stored version open in the
 * editor (none for a plan never saved: no `-v` part); `edited` marks unsaved edits (the file is not that version);
 * `what` names a report about the plan ("standards").
 * @example exportFileName({ name: 'Community branch (150 m²)' }, { version: 3, ext: 'pdf', what: 'standards' }) // 'community-branch-150-m-v3-standards.pdf'
 */
export function exportFileName(plan: Pick<FloorPlan, 'name'>, opts: { version: number | null; edited?: boolean; what?: string; ext: string }): string {
  return `${fileStem(plan)}${opts.version !== null ? `-v${opts.version}` : ''}${opts.edited ? '-edited' : ''}${opts.what ? `-${opts.what}` : ''}.${opts.ext}`;
}

/** File extension of each export format. */
const EXTENSION: Record<ExportFormat, string> = { svg: 'svg', png: 'png', pdf: 'pdf', dxf: 'dxf', geojson: 'geojson', json: 'plan.json' };

/** The plan as SVG text from the model exporter, or null when it has not landed. */
export async function planSvg(plan: FloorPlan, locale: 'en' | 'zh'): Promise<string> {
  const { planToSvg } = await import('../../core/floorplan/export/svg');
  return planToSvg(plan, { locale });
}

/**
 * An SVG length attribute in millimetres ("150mm", "15cm", "2in", "600" = CSS px at 96 dpi, "600pt").
 * Returns NaN when absent or unparseable.
 */
export function svgLengthMm(attr: string | null): number {
  const m = (attr ?? '').trim().match(/^([0-9.]+)\s*(mm|cm|in|pt|pc|px)?$/);
  if (!m) return NaN;
  const v = parseFloat(m[1]);
  const perMm: Record<string, number> = { mm: 1, cm: 0.1, in: 1 / 25.4, pt: 72 / 25.4, pc: 6 / 25.4, px: 96 / 25.4 };
  return v / perMm[m[2] ?? 'px'];
}

/** Physical size (mm) of an SVG root: its width/height attributes, else the viewBox read as CSS px. */
function svgSizeMm(el: Element): { wMm: number; hMm: number } {
  const vb = (el.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const wMm = svgLengthMm(el.getAttribute('width'));
  const hMm = svgLengthMm(el.getAttribute('height'));
  const pxMm = 25.4 / 96;
  return {
    wMm: Number.isFinite(wMm) ? wMm : (vb[2] || 1200) * pxMm,
    hMm: Number.isFinite(hMm) ? hMm : (vb[3] || 800) * pxMm,
  };
}

/** Rasterise SVG text to a PNG blob whose longer side is `longSidePx` (white background). */
export async function svgToPng(svg: string, longSidePx = 2400): Promise<Blob> {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const { wMm, hMm } = svgSizeMm(doc.documentElement);
  const k = longSidePx / Math.max(wMm, hMm);
  const w = wMm * k, h = hMm * k;
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => { img.onload = () => resolve(); img.onerror = () => reject(new Error('the SVG could not be drawn')); img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w);
    canvas.height = Math.round(h);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Vector PDF of SVG text (jsPDF + svg2pdf.js). The page is the drawing's physical size in mm, so
 * a 1:100 SVG prints at 1:100 at 100 %.
 */
export async function svgToPdf(svg: string): Promise<Blob> {
  const [{ jsPDF }, { svg2pdf }] = await Promise.all([import('jspdf'), import('svg2pdf.js')]);
  const el = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement as unknown as SVGSVGElement;
  const { wMm: w, hMm: h } = svgSizeMm(el);
  const doc = new jsPDF({ orientation: w >= h ? 'landscape' : 'portrait', unit: 'mm', format: [w, h] });
  // svg2pdf measures text and resolves styles through the DOM: attach while converting
  const host = document.createElement('div');
  host.style.cssText = 'position:absolute;left:-99999px;top:0;';
  host.appendChild(el);
  document.body.appendChild(host);
  try {
    await svg2pdf(el, doc, { x: 0, y: 0, width: w, height: h });
  } finally {
    host.remove();
  }
  return doc.output('blob');
}

/** True when the SVG's text needs glyphs outside Latin-1 (jsPDF's standard fonts). */
export function needsRasterPdf(svg: string): boolean {
  const text = [...svg.matchAll(/>([^<]+)</g)].map((m) => m[1]).join('');
  return /[^\u0000-\u00ff]/.test(text.replace(/[²×·–—‘’“”…]/g, ''));
}

/** A PDF page of the drawing's paper size holding the drawing as a PNG (for text jsPDF cannot set). */
export async function svgToRasterPdf(svg: string): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const el = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  const { wMm: w, hMm: h } = svgSizeMm(el);
  const png = await svgToPng(svg, 2400);
  const bytes = new Uint8Array(await png.arrayBuffer());
  const doc = new jsPDF({ orientation: w >= h ? 'landscape' : 'portrait', unit: 'mm', format: [w, h] });
  doc.addImage(bytes, 'PNG', 0, 0, w, h);
  return doc.output('blob');
}

/**
 * Export the plan in `fmt` and download it, named by {@link exportFileName} (`version`: the stored version open,
 * `edited`: unsaved edits). @throws Error when the needed exporter is missing.
 */
export async function exportPlan(plan: FloorPlan, fmt: ExportFormat, opts: { locale: 'en' | 'zh'; version: number | null; edited?: boolean }): Promise<void> {
  const name = exportFileName(plan, { version: opts.version, edited: opts.edited, ext: EXTENSION[fmt] });
  if (fmt === 'json') {
    downloadBlob(new Blob([JSON.stringify(plan, null, 2)], { type: 'application/json' }), name);
    return;
  }
  if (fmt === 'dxf') {
    const { planToDxf } = await import('../../core/floorplan/export/dxf');
    downloadBlob(new Blob([planToDxf(plan)], { type: 'application/dxf' }), name);
    return;
  }
  if (fmt === 'geojson') {
    const { planToGeoJson } = await import('../../core/floorplan/export/geojson');
    downloadBlob(new Blob([JSON.stringify(planToGeoJson(plan), null, 2)], { type: 'application/geo+json' }), name);
    return;
  }
  const svg = await planSvg(plan, opts.locale);
  if (fmt === 'svg') {
    downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), name);
  } else if (fmt === 'png') {
    downloadBlob(await svgToPng(svg), name);
  } else if (fmt === 'pdf') {
    // jsPDF's standard fonts cover Latin-1 only: a drawing with other text (Chinese labels or names) goes in as a
    // 2400 px raster drawn by the browser's fonts, on the same 1:100 page; otherwise the PDF is all vectors.
    downloadBlob(needsRasterPdf(svg) ? await svgToRasterPdf(svg) : await svgToPdf(svg), name);
  }
}

/**
 * Read an imported file: our plan JSON (any units/version; becomes a new stored plan) or a GeoJSON
 * FeatureCollection of zones (replaces the open plan's content as one undoable step, through the
 * model's GeoJSON importer). @throws Error naming the file and the bad field.
 */
export async function importPlanFile(file: File, current: FloorPlan): Promise<{ kind: 'plan'; plan: FloorPlan } | { kind: 'zones'; plan: FloorPlan; count: number }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await file.text());
  } catch (err) {
    throw new Error(`${file.name}: not JSON (${(err as Error).message})`);
  }
  const obj = raw as { type?: unknown };
  if (obj && obj.type === 'FeatureCollection') {
    const { planFromGeoJson } = await import('../../core/floorplan/export/geojson');
    let plan: FloorPlan;
    try {
      plan = planFromGeoJson(raw as Parameters<typeof planFromGeoJson>[0], current);
    } catch (err) {
      throw new Error(`${file.name}: ${(err as Error).message}`);
    }
    return { kind: 'zones', plan, count: plan.zones.length };
  }
  const r = parsePlan(raw);
  if (!r.plan) throw new Error(`${file.name}: ${r.issues.slice(0, 4).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return { kind: 'plan', plan: r.plan };
}
