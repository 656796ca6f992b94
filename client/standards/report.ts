/**
 * Report export of a standards check: HTML (the plan drawn from the model with the findings marked, and the
 * findings table grouped by severity with measured vs required, unit, clause and verification status), JSON,
 * and PDF (jsPDF with the self-hosted Noto Sans SC so Chinese renders). The HTML and JSON builders are pure.
 */
import { jsPDF } from 'jspdf';
import type { FloorPlan } from '../../core/floorplan/model';
import { planToSvg, escapeXml } from '../../core/floorplan/export/svg';
import { polygonAreaM2 } from '../../core/floorplan/geometry';
import { ZONE_KINDS, zoneDisplayName } from '../../core/floorplan/zoneKinds';
import type { Finding } from '../../core/standards/findings';
import type { CheckResult } from '../../core/standards/checkPlan';
import type { SizingResponse } from '../../core/api/standards';
import { drawPlanPdf, findingMarkers, reportOrder } from './pdfPlan';

type T = (key: string, vars?: Record<string, string | number>) => string;

const COLOURS = { error: '#c0392b', warning: '#d68910', info: '#2e86c1' } as const;

/**
 * Which message values are ids to show by name: value name → term namespaces tried in order
 * (`standards.term.<ns>.<id>`, client/i18n/standards.ts). Slash- or comma-separated lists are named item by item.
 */
const TERM_VARS: Record<string, string[]> = {
  kind: ['fixture'], fixtureKinds: ['fixture'], zoneKinds: ['zone'], back: ['zone'],
  attribute: ['attr'], when: ['attr'], groups: ['group', 'zone'], problems: ['problem'],
};

/** An id (fixture kind, zone kind, attribute, functional group, ring problem) by its name in the UI language; the id itself when there is none (English). */
export function termText(namespaces: string[], id: string, t: T): string {
  for (const ns of namespaces) {
    const key = `standards.term.${ns}.${id}`;
    const v = t(key);
    if (v !== key) return v;
  }
  return id;
}

/** Zone kind id by its English label: the checker names an unnamed zone "<label.en> <n>" (core/floorplan/zoneKinds.ts). */
const KIND_BY_EN_LABEL = new Map(ZONE_KINDS.map((k) => [k.label.en, k.id]));

function localiseVars(vars: Record<string, string | number> | undefined, t: T): Record<string, string | number> | undefined {
  if (!vars) return vars;
  const out: Record<string, string | number> = { ...vars };
  // an unnamed zone's kind-and-index name ("Waiting area 2") in the UI language ("休息等候区 2")
  for (const name of ['zone', 'a', 'b']) {
    const m = typeof vars[name] === 'string' ? /^(.+) (\d+)$/.exec(vars[name] as string) : null;
    const kind = m ? KIND_BY_EN_LABEL.get(m[1]) : undefined;
    if (m && kind) out[name] = `${termText(['zone'], kind, t) === kind ? m[1] : termText(['zone'], kind, t)} ${m[2]}`;
  }
  for (const [name, ns] of Object.entries(TERM_VARS)) {
    const v = vars[name];
    if (typeof v !== 'string') continue;
    const sep = name === 'problems' ? ', ' : '/';
    const named = v.split(sep).map((id) => termText(ns, id, t));
    const zh = named.some((x) => /[\u3400-\u9fff]/.test(x));
    out[name] = named.join(zh ? '、' : sep);
  }
  return out;
}

/** The finding's message in the UI language (its template key and values, ids named), else the checker's English text. */
export function findingText(f: Finding, t: T, opts: { unverifiedNote?: boolean } = {}): string {
  if (!f.messageKey) return f.message;
  const key = `standards.msg.${f.messageKey}`;
  const text = t(key, localiseVars(f.messageVars, t));
  if (text === key) return f.message;
  // surfaces that print the source's status beside the message (panel, tooltip, reports) pass unverifiedNote: false
  return f.status === 'unverified' && opts.unverifiedNote !== false ? text + t('standards.unverifiedNote', { source: sourceText(f.source, t) }) : text;
}

/**
 * Whether a finding breaks a minimum or a maximum: a finding is reported because its measured value is on the wrong
 * side of the bound, so measured > required means the bound was a maximum ("≤"), measured < required a minimum ("≥").
 * Null when either value is missing or they are equal (shown without a sign).
 */
export function boundOf(f: Pick<Finding, 'measured' | 'required'>): 'min' | 'max' | null {
  if (f.measured === null || f.required === null || !Number.isFinite(f.measured) || !Number.isFinite(f.required) || f.measured === f.required) return null;
  return f.measured > f.required ? 'max' : 'min';
}

/** The required value with its sign: "≥ 0.915 m" for a minimum, "≤ 0.01 m²" for a maximum. */
export function requiredText(f: Pick<Finding, 'measured' | 'required' | 'unit'>): string {
  const b = boundOf(f);
  return `${b === 'max' ? '≤ ' : b === 'min' ? '≥ ' : ''}${fmtValue(f.required, f.unit)}`;
}

/**
 * Measured against required in words, in the UI language: "measured 0.80 m · required ≥ 0.915 m", "measured 3.00 m² ·
 * allowed ≤ 0.01 m²". Counts read as what was counted when the message has a phrase for it (`standards.vals.<messageKey>`,
 * e.g. "1 door without access control · allowed 0"); a yes/no requirement (0 found, 1 needed) reads "requirement not met".
 */
export function valuesText(f: Finding, t: T): string {
  if (f.unit === 'count' && f.measured !== null && f.required !== null) {
    const key = `standards.vals.${f.messageKey ?? ''}`;
    const v = t(key, { m: f.measured, r: f.required });
    if (f.messageKey && v !== key) return v;
    if (f.measured === 0 && f.required === 1) return t('standards.vals.notMet');
  }
  const b = boundOf(f);
  const req = b === 'max' ? t('standards.allowed') : t('standards.required');
  return `${t('standards.measured')} ${fmtValue(f.measured, f.unit)} · ${req} ${requiredText(f)}`;
}

/** A rule's source reference (document and clause) in the UI language (`standards.source.<document>|<clause>`), else as written. */
export function sourceText(src: { document: string; clause: string }, t: T): string {
  const key = `standards.source.${src.document}|${src.clause}`;
  const v = t(key);
  return v === key ? `${src.document} ${src.clause}` : v;
}

/** The rule's title in the UI language (`standards.rule.<ruleId>`), else the rule set's title. */
export function ruleTitle(f: Pick<Finding, 'ruleId' | 'title'>, t: T): string {
  const key = `standards.rule.${f.ruleId}`;
  const v = t(key);
  return v === key ? f.title : v;
}

/** Why a rule was skipped, in the UI language when the reason has a key (`standards.skip.<key>`). */
export function skipText(r: { reason: string; reasonKey?: string; reasonVars?: Record<string, string | number> }, t: T): string {
  if (!r.reasonKey) return r.reason;
  const vars = r.reasonVars && typeof r.reasonVars.type === 'string' ? { ...r.reasonVars, type: branchTypeText(r.reasonVars.type, t) } : r.reasonVars;
  const key = `standards.skip.${r.reasonKey}`;
  const v = t(key, vars);
  return v === key ? r.reason : v;
}

/** A branch type id by its name (the editor's `editor.branchType.<id>`), else the id. */
export function branchTypeText(type: string, t: T): string {
  const key = `editor.branchType.${type}`;
  const v = t(key);
  return v === key ? type : v;
}

/**
 * A sizing assumption's label, unit and source in the UI language (`standards.assumption.<key>`, `…<key>.source`,
 * `standards.unit.<unit>`), else the server's English.
 */
export function assumptionText(a: { key: string; label: string; unit: string; source: string }, sizing: SizingResponse, t: T): { label: string; unit: string; source: string } {
  const min = a.key.startsWith('atms.') ? sizing.sizing.atms.targetWaitMin : sizing.sizing.counters.targetWaitMin;
  const pick = (key: string, fallback: string, vars?: Record<string, string | number>) => { const v = t(key, vars); return v === key ? fallback : v; };
  return {
    label: pick(`standards.assumption.${a.key}`, a.label, { min }),
    unit: pick(`standards.unit.${a.unit}`, a.unit),
    source: pick(`standards.assumption.${a.key}.source`, a.source),
  };
}

/** Why sizing failed, in the UI language when the server named the input (`standards.sizing.fail|invalid.<field>`), else the server's message. */
export function sizingFailText(e: { message: string; field?: string }, t: T): string {
  if (!e.field) return e.message;
  // request validation ("Invalid json: …") vs a demand or target one branch cannot meet (core/queueing/sizingRequest.ts)
  const key = `standards.sizing.${/^Invalid /.test(e.message) ? 'invalid' : 'fail'}.${e.field}`;
  const v = t(key);
  return v === key ? e.message : v;
}

/** Metres to the millimetre, at least two decimals: 0.8 → "0.80", 0.915 → "0.915". */
export function trimMm(v: number): string {
  const t = v.toFixed(3);
  return t.endsWith('0') ? v.toFixed(2) : t;
}

/** Format a measured/required value with its unit. */
export function fmtValue(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (unit === 'm') return `${trimMm(v)} m`;
  if (unit === 'm2') return `${v.toFixed(2)} m²`;
  if (unit === 'share') return `${(v * 100).toFixed(0)}%`;
  return `${Math.round(v * 100) / 100}${unit === 'count' ? '' : ` ${unit}`}`;
}

/** SVG markup (plan metres) marking each finding: polygons filled, segments as thick lines, points as circles. */
export function findingsSvg(findings: Finding[], outlineAreaM2 = Infinity, t?: T): string {
  return findings.map((f, i) => {
    if (isWholePlan(f, outlineAreaM2)) return '';
    const c = COLOURS[f.severity];
    const at = f.at;
    const label = `<title>${escapeXml(`${f.ruleId}: ${t ? findingText(f, t) : f.message}`)}</title>`;
    if (at.type === 'polygon') return at.rings.map((r) => `<polygon data-finding="${i}" points="${r.map((p) => `${p[0]},${p[1]}`).join(' ')}" fill="${c}" fill-opacity="0.25" stroke="${c}" stroke-width="0.06">${label}</polygon>`).join('');
    if (at.type === 'segment') return `<line data-finding="${i}" x1="${at.a[0]}" y1="${at.a[1]}" x2="${at.b[0]}" y2="${at.b[1]}" stroke="${c}" stroke-width="0.12" stroke-linecap="round">${label}</line>`;
    return `<circle data-finding="${i}" cx="${at.point[0]}" cy="${at.point[1]}" r="0.3" fill="${c}" fill-opacity="0.5" stroke="${c}" stroke-width="0.05">${label}</circle>`;
  }).join('');
}

/** Whether a finding's location is the whole plan (drawn as a label only, never as a fill). */
export function isWholePlan(f: Finding, outlineAreaM2: number): boolean {
  if (f.at.type !== 'polygon' || f.at.rings.length !== 1) return false;
  const r = f.at.rings[0];
  let a = 0;
  for (let i = 0; i < r.length; i++) { const p = r[i], q = r[(i + 1) % r.length]; a += p[0] * q[1] - q[0] * p[1]; }
  return Math.abs(a / 2) >= 0.6 * outlineAreaM2;
}

/**
 * Plan elements by name (zones unnamed: kind label + index, core/floorplan/zoneKinds.ts, the kind in the UI language
 * when `t` is given); ids not in the plan as given.
 */
export function elementNames(plan: FloorPlan, ids: string[], t?: T): string[] {
  return ids.map((id) => {
    const z = plan.zones.find((e) => e.id === id);
    if (z) return t ? localiseVars({ zone: zoneDisplayName(z, plan.zones) }, t)!.zone as string : zoneDisplayName(z, plan.zones);
    const e = [...plan.doors, ...plan.fixtures].find((x) => x.id === id);
    return e?.name || id;
  });
}

/** A self-contained HTML report. */
export function buildReportHtml(plan: FloorPlan, result: CheckResult, sizing: SizingResponse | null, t: T, locale: 'en' | 'zh', date = new Date()): string {
  // the drawing's own title block is English; the report states the same line in the UI language above it
  // numbered markers as in the PDF (placed at 1:100, i.e. 1 m = 10 mm; the SVG's unit is the metre)
  const markers = findingMarkers(plan, result.findings, (p) => [p[0] * 10, p[1] * 10]).map((m) => {
    const c = COLOURS[result.findings[m.index].severity];
    return `<g class="finding-marker" data-n="${m.n}"><line x1="${m.anchor[0] / 10}" y1="${m.anchor[1] / 10}" x2="${m.x / 10}" y2="${m.y / 10}" stroke="${c}" stroke-width="0.025"/><circle cx="${m.x / 10}" cy="${m.y / 10}" r="${m.r / 10}" fill="${c}" stroke="#fff" stroke-width="0.03"/><text x="${m.x / 10}" y="${m.y / 10 + 0.09}" font-size="0.26" text-anchor="middle" fill="#fff">${m.n}</text></g>`;
  }).join('');
  const numberOf = new Map(reportOrder(result.findings).map((i, k) => [i, k + 1]));
  const svg = planToSvg(plan, { locale, title: false }).replace(/<\/svg>\s*$/, `${findingsSvg(result.findings, polygonAreaM2(plan.outline.polygon), t)}${markers}</svg>`);
  const groups = (['error', 'warning', 'info'] as const).map((sev) => {
    const rows = result.findings.filter((f) => f.severity === sev);
    const n = (f: Finding) => numberOf.get(result.findings.indexOf(f))!;
    if (!rows.length) return '';
    return `<h2 style="color:${COLOURS[sev]}">${escapeXml(t(`standards.severity.${sev}`))} (${rows.length})</h2>
<table><thead><tr><th>#</th><th>${escapeXml(t('standards.report.rule'))}</th><th>${escapeXml(t('standards.report.message'))}</th><th>${escapeXml(t('standards.measured'))}</th><th>${escapeXml(t('standards.required'))}</th><th>${escapeXml(t('standards.report.where'))}</th><th>${escapeXml(t('standards.report.source'))}</th></tr></thead><tbody>
${rows.map((f) => `<tr><td class="n" style="color:${COLOURS[sev]}"><b>${n(f)}</b></td><td><b>${escapeXml(f.ruleId)}</b><br><small>${escapeXml(ruleTitle(f, t))}</small></td><td>${escapeXml(findingText(f, t, { unverifiedNote: false }))}</td><td>${escapeXml(fmtValue(f.measured, f.unit))}</td><td>${escapeXml(requiredText(f))}</td><td>${escapeXml(elementNames(plan, [...f.zoneIds, ...f.elementIds], t).join(', '))}</td><td>${escapeXml(sourceText(f.source, t))}<br><small class="st-${f.status}">${escapeXml(t(`standards.status.${f.status}`))}</small></td></tr>`).join('\n')}
</tbody></table>`;
  }).join('\n');
  const s = sizing?.sizing;
  const sizingHtml = s ? `<h2>${escapeXml(t('standards.sizing.title'))}</h2>
<p>${escapeXml(t('standards.sizing.visits', { v: s.visitsPerDay.toFixed(0), lc: s.counterArrivalsPerHour.toFixed(1), la: s.atmArrivalsPerHour.toFixed(1) }))}</p>
<ul><li>${escapeXml(t('standards.sizing.counters'))}: <b>${s.counters.servers}</b></li><li>${escapeXml(t('standards.sizing.atms'))}: <b>${s.atms.servers}</b></li><li>${escapeXml(t('standards.sizing.seats'))}: <b>${s.waitingSeats}</b> (${s.waitingAreaM2.toFixed(1)} m²)</li></ul>
<h3>${escapeXml(t('standards.sizing.assumptions'))}</h3><ul>${sizing!.assumptions.map((a) => { const x = assumptionText(a, sizing!, t); return `<li>${escapeXml(x.label)}: ${a.value} ${escapeXml(x.unit)} <small>(${escapeXml(x.source)})</small></li>`; }).join('')}</ul>` : '';
  const sum = result.summary;
  return `<!doctype html><html lang="${locale === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeXml(t('standards.report.title', { name: plan.name }))}</title>
<style>body{font-family:"Noto Sans SC","Noto Sans",Arial,sans-serif;margin:24px;color:#1d2733}table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d9dee5;padding:4px 6px;vertical-align:top;text-align:left}th{background:#f3f5f8}.plan svg{width:100%;height:auto;max-height:70vh;border:1px solid #d9dee5}.st-unverified{color:#c0392b}.st-secondary{color:#d68910}.st-verified{color:#1a7f4b}</style></head><body>
<h1>${escapeXml(t('standards.report.title', { name: plan.name }))}</h1>
<p>${escapeXml(t('standards.report.meta', { profile: t(`standards.profile.${result.ruleSetId}`), type: branchTypeText(plan.branchType, t), date: date.toISOString().slice(0, 16).replace('T', ' ') }))}</p>
<p><b>${escapeXml(t('standards.summary', { errors: sum.errors, warnings: sum.warnings, passed: sum.rulesPassed.length, run: sum.rulesRun }))}</b></p>
<p>${escapeXml(t('standards.report.drawing', { outline: polygonAreaM2(plan.outline.polygon).toFixed(1), zones: plan.zones.reduce((a, z) => a + polygonAreaM2(z.polygon), 0).toFixed(1) }))}</p>
<div class="plan">${svg}</div>
${groups || `<p>${escapeXml(t('standards.none'))}</p>`}
${sum.rulesSkipped.length ? `<p><small>${escapeXml(t('standards.skipped', { rules: sum.rulesSkipped.map((r) => `${r.ruleId} (${skipText(r, t)})`).join('; ') }))}</small></p>` : ''}
${sizingHtml}
</body></html>`;
}

/** The machine-readable report. */
export function buildReportJson(plan: FloorPlan, result: CheckResult, sizing: SizingResponse | null): string {
  return JSON.stringify({ plan: { name: plan.name, branchType: plan.branchType, siteId: plan.siteId ?? null }, profile: result.ruleSetId, summary: result.summary, findings: result.findings, sizing }, null, 2);
}

const PDF_FALLBACK: Record<string, string> = { '≥': '>=', '≤': '<=', 'ε': 'eps', 'λ': 'lambda', '→': '->', '—': '-', '–': '-' };
/** Typographic marks the Chinese font sets full-width (1 em): in Latin text they read as a gap ("bank’ s"), so Latin text gets these. */
const LATIN_FORMS: Record<string, string> = { '’': "'", '‘': "'", '“': '"', '”': '"', '…': '...' };
const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Text the PDF font can set as intended: characters it lacks (`hasGlyph(codePoint)` false) spelled out in ASCII
 * (≥ → ">="), so none vanish from the page; and, when `advanceEm(codePoint)` says a quote, apostrophe or ellipsis is
 * full-width (Noto Sans SC sets ’ ‘ “ ” … at 1 em, which reads as a gap in Latin text: "bank’ s"), its ASCII form —
 * an apostrophe between two Latin letters always, quotes and ellipses in text with no Chinese (Chinese text keeps its
 * full-width “ ”). Separators (· ×) keep their spaces, so copied text reads as written.
 */
export function pdfSafeText(text: string, hasGlyph: (codePoint: number) => boolean, advanceEm?: (codePoint: number) => number | undefined): string {
  const full = (ch: string) => (advanceEm?.(ch.codePointAt(0)!) ?? 0) >= 0.9;
  const chars = [...text];
  const chinese = CJK_CHAR.test(text);
  const latin = (ch: string | undefined) => !!ch && /\p{Script=Latin}/u.test(ch);
  let out = '';
  chars.forEach((ch, i) => {
    const apostrophe = ch === '’' && latin(chars[i - 1]) && latin(chars[i + 1]);
    if (ch in LATIN_FORMS && full(ch) && (apostrophe || !chinese)) out += LATIN_FORMS[ch];
    else out += hasGlyph(ch.codePointAt(0)!) || !(ch in PDF_FALLBACK) ? ch : PDF_FALLBACK[ch];
  });
  return out;
}

/** Binary string for jsPDF's virtual file system. */
function toBinary(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

/**
 * A PDF report (A4): header and summary, the plan drawn as vectors with every finding marked at its place by its
 * number (client/standards/pdfPlan.ts), the numbered findings (rule, message, measured vs required, clause, status)
 * and the sizing. Every string goes through {@link pdfSafeText} for the embedded font.
 * @param fontTtf a CJK-capable TrueType font (Noto Sans SC) so Chinese renders
 * @param locale the language of the zone names drawn on the plan (the `t` strings carry their own)
 */
export function buildReportPdf(plan: FloorPlan, result: CheckResult, sizing: SizingResponse | null, t: T, fontTtf: Uint8Array, locale: 'en' | 'zh' = 'en', date = new Date()): jsPDF {
  const doc = new jsPDF({ unit: 'mm', format: 'a4' });
  doc.addFileToVFS('NotoSansSC.ttf', toBinary(fontTtf));
  doc.addFont('NotoSansSC.ttf', 'NotoSansSC', 'normal');
  doc.setFont('NotoSansSC', 'normal');
  // the simplified-Chinese subset has no ≥ ≤ ε λ → and sets ’ “ ” … full-width: pdfSafeText spells those out
  const meta = (doc.getFont() as unknown as { metadata?: { head?: { unitsPerEm?: number }; hmtx?: { widths?: number[] }; cmap?: { unicode?: { codeMap?: Record<number, number> } } } }).metadata;
  const codeMap = meta?.cmap?.unicode?.codeMap;
  const hasGlyph = (cp: number) => !codeMap || codeMap[cp] !== undefined;
  const advanceEm = (cp: number) => { const g = codeMap?.[cp]; const w = g === undefined ? undefined : meta?.hmtx?.widths?.[g]; return w === undefined ? undefined : w / (meta?.head?.unitsPerEm ?? 1000); };
  const safe = (s: string) => pdfSafeText(s, hasGlyph, advanceEm);
  let y = 16;
  const line = (text: string, size = 10, colour: [number, number, number] = [29, 39, 51], indent = 0) => {
    doc.setFontSize(size); doc.setTextColor(...colour);
    for (const l of doc.splitTextToSize(safe(text), 180 - indent) as string[]) {
      if (y > 285) { doc.addPage(); y = 16; }
      doc.text(l, 15 + indent, y); y += size * 0.45;
    }
  };
  line(t('standards.report.title', { name: plan.name }), 16);
  y += 2;
  line(t('standards.report.meta', { profile: t(`standards.profile.${result.ruleSetId}`), type: branchTypeText(plan.branchType, t), date: date.toISOString().slice(0, 16).replace('T', ' ') }), 9, [91, 103, 118]);
  const sum = result.summary;
  y += 1.5;
  line(t('standards.summary', { errors: sum.errors, warnings: sum.warnings, passed: sum.rulesPassed.length, run: sum.rulesRun }), 11);
  y += 0.5;
  line(t('standards.report.drawing', { outline: polygonAreaM2(plan.outline.polygon).toFixed(1), zones: plan.zones.reduce((a, z) => a + polygonAreaM2(z.polygon), 0).toFixed(1) }), 9, [91, 103, 118]);
  // the plan with the findings marked by their numbers in the list below
  const drawing = drawPlanPdf(doc, plan, result.findings, { x: 15, y, w: 180, h: Math.min(165, 280 - y) }, { safe, locale });
  y += drawing.heightMm + 2;
  if (drawing.wholePlan.length) line(t('standards.report.wholePlan', { numbers: drawing.wholePlan.join(', ') }), 8.5, [91, 103, 118]);
  line(t('standards.report.markers'), 8.5, [91, 103, 118]);
  y += 3;
  const rgb: Record<string, [number, number, number]> = { error: [192, 57, 43], warning: [214, 137, 16], info: [46, 134, 193] };
  const numberOf = new Map(reportOrder(result.findings).map((i, k) => [i, k + 1]));
  for (const sev of ['error', 'warning', 'info'] as const) {
    const rows = result.findings.map((f, i) => ({ f, i })).filter(({ f }) => f.severity === sev);
    if (!rows.length) continue;
    if (y > 260) { doc.addPage(); y = 16; } // no heading alone at the foot of a page
    line(`${t(`standards.severity.${sev}`)} (${rows.length})`, 13, rgb[sev]);
    y += 1;
    for (const { f, i } of rows) {
      if (y > 270) { doc.addPage(); y = 16; }
      const n = numberOf.get(i)!;
      // the number in a disc of the severity colour, as on the drawing
      doc.setFillColor(...rgb[sev]); doc.circle(17.2, y - 1.2, 2.2, 'F');
      doc.setTextColor(255, 255, 255); doc.setFontSize(n >= 10 ? 6.5 : 7.5); doc.text(String(n), 17.2, y - 0.3, { align: 'center' });
      line(`${f.ruleId} · ${ruleTitle(f, t)}`, 10, [29, 39, 51], 6);
      line(findingText(f, t, { unverifiedNote: false }), 9, [29, 39, 51], 6);
      const where = elementNames(plan, [...f.zoneIds, ...f.elementIds].filter((id) => id !== 'outside'), t);
      line(`${valuesText(f, t)} · ${sourceText(f.source, t)} · ${t(`standards.status.${f.status}`)}${where.length ? ` · ${t('standards.report.where')}: ${where.join(', ')}` : ''}`, 8.5, [91, 103, 118], 6);
      y += 2;
    }
  }
  if (sizing) {
    const s = sizing.sizing;
    if (y > 255) { doc.addPage(); y = 16; } else y += 3;
    line(t('standards.sizing.title'), 13);
    line(t('standards.sizing.visits', { v: s.visitsPerDay.toFixed(0), lc: s.counterArrivalsPerHour.toFixed(1), la: s.atmArrivalsPerHour.toFixed(1) }), 9);
    line(`${t('standards.sizing.counters')} ${s.counters.servers} · ${t('standards.sizing.atms')} ${s.atms.servers} · ${t('standards.sizing.seats')} ${s.waitingSeats} (${s.waitingAreaM2.toFixed(1)} m²)`, 10);
    line(t('standards.sizing.assumptions'), 9, [91, 103, 118]);
    for (const a of sizing.assumptions) { const x = assumptionText(a, sizing, t); line(`· ${x.label}: ${a.value} ${x.unit} (${x.source})`, 8, [91, 103, 118]); }
  }
  return doc;
}
