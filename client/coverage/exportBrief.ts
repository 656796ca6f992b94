/**
 * Browser glue for the exports: the KPI table as CSV and the one-page PDF brief (maps captured from the canvases,
 * the KPI table, parameters and sources). Layout lives in pdfBrief.ts and the CSV in core/coverage/kpi.ts.
 */
import type { RampName } from '../map/colorRamp';
import { deltaTone, formatDelta, formatRadius, formatRowDelta, formatValue, shownDelta, kpiCsv, type KpiLine, type KpiLocale, type KpiRow } from '../../core/coverage/kpi';
import type { ScenarioDto } from '../../core/api/coverage';
import { formatLatLng, formatUsd, formatUsdRange } from '../sites/format';
import { buildBriefPdf, type BriefInput, type BriefTable, type CellTone } from './pdfBrief';
import type { MapCapture } from './CompareMaps';
import { downloadBlob, loadPdfFont } from '../ui/download';

/** File-name-safe slug: "JPMorgan Chase Bank, N.A." → "jpmorgan-chase-bank-n-a". */
export function slug(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'network';
}

/** Download the KPI rows as CSV (UTF-8 with BOM so Excel reads Chinese labels). */
export function downloadKpiCsv(rows: KpiRow[], opts: { scenarioA: string; scenarioB: string; label: (r: KpiRow) => string; fileName: string; studyArea: string | null }) {
  const csv = kpiCsv(rows, opts);
  downloadBlob(new Blob(['\uFEFF' + csv], { type: 'text/csv;charset=utf-8' }), opts.fileName);
}

/** The KPI lines as the brief's table: area, radius, people A/B/change, share A/B/change, with tones. */
export function briefTable(
  lines: KpiLine[],
  headers: string[],
  groups: [string, string],
  areaLabel: (l: KpiLine) => string,
  locale: KpiLocale,
): BriefTable {
  let last = '';
  const rows = lines.map((l) => {
    const area = areaLabel(l);
    const show = area !== last;
    last = area;
    const p = l.people;
    const s = l.share;
    const cells = [
      show ? area : '',
      l.radiusM != null ? formatRadius(l.radiusM) : '',
      formatValue(p.a, 'people', locale),
      formatValue(p.b, 'people', locale),
      formatRowDelta(p, locale),
      s ? formatValue(s.a, 'share') : '',
      s ? formatValue(s.b, 'share') : '',
      s ? formatRowDelta(s, locale) : '',
    ];
    const tones: CellTone[] = ['neutral', 'neutral', 'neutral', 'neutral', deltaTone(p), 'neutral', 'neutral', s ? deltaTone(s) : 'neutral'];
    return { cells, tones };
  });
  return { headers, labelColumns: 2, groups: [{ label: groups[0], from: 2, span: 3 }, { label: groups[1], from: 5, span: 3 }], rows };
}

/**
 * Everything the PDF brief shows, before the map captures are turned into images and the font is loaded:
 * {@link BriefInput} with the live map captures instead of images, the site table always present (null when none),
 * and the download's file name.
 */
export type BriefExport = Omit<BriefInput, 'maps' | 'sites' | 'fontTtf'> & {
  maps: [{ label: string; capture: MapCapture | null }, { label: string; capture: MapCapture | null }];
  /** Sites scenario B adds and outlets it closes (name, coordinates, marginal residents), or null when none. */
  sites: { title: string; table: BriefTable } | null;
  fileName: string;
};

/** Everything the brief says, from the view's state; `t` translates (the brief follows the UI language). */
export interface BriefContext {
  t: (key: string, vars?: Record<string, string | number>) => string;
  locale: KpiLocale;
  bank: { id: string; name: string };
  /** The study area's name ("Brooklyn", "Cook, Illinois" …); default New York City. */
  areaName?: string;
  nameA: string;
  nameB: string;
  sideA: { title: string; subtitle?: string };
  sideB: { title: string; subtitle?: string };
  captures: (MapCapture | null)[];
  lines: KpiLine[];
  areaLabel: (l: KpiLine) => string;
  radiiM: number[];
  mapRadiusM: number;
  /** Changes of scenario B. */
  changes: { added: number; closed: number; deposits?: ScenarioDepositTotal | null };
  /** Scenario B (its added sites and closed outlets go in the brief's site table), or null for today. */
  scenarioB?: ScenarioDto | null;
  /** Base outlets by branch id (names and coordinates of closed outlets). */
  outlets?: Map<number, { lng: number; lat: number; name?: string }>;
  /** YYYY-MM-DD. */
  date: string;
  fileName: string;
  /** The Map settings colour ramp of the captured gap hexagons (the legend names their colour); default Purples. */
  ramp?: RampName;
}

/** The forecast-deposit total an optimisation stored with its scenario: the sum of point forecasts and its interval, USD. */
export interface ScenarioDepositTotal { totalUsd: number; level: number; lowUsd: number | null; highUsd: number | null }

/**
 * The 10-year forecast deposits of the sites an optimisation by forecast deposits added (`params.forecastDeposits`
 * of the scenario it saved: the total, and its interval from independent draws), or null for any other scenario —
 * and null once the scenario was edited (its added sites are no longer those forecast, or it closes outlets), since
 * the total would no longer describe it.
 */
export function scenarioDepositTotal(s: Pick<ScenarioDto, 'added' | 'closed' | 'moved' | 'params'> | null): ScenarioDepositTotal | null {
  const fd = s?.params.forecastDeposits as { totalUsd?: number; level?: number; independent?: { lowUsd: number; highUsd: number } | null } | undefined;
  const perSite = s?.params.forecastDepositsUsd as Record<string, number> | undefined;
  if (!s || !fd || typeof fd.totalUsd !== 'number' || !Number.isFinite(fd.totalUsd) || !perSite) return null;
  const ids = Object.keys(perSite);
  if (s.closed.length || s.moved.length || ids.length !== s.added.length || !s.added.every((a) => a.id in perSite)) return null;
  return { totalUsd: fd.totalUsd, level: fd.level ?? 0.8, lowUsd: fd.independent?.lowUsd ?? null, highUsd: fd.independent?.highUsd ?? null };
}

/**
 * The answer first: B against A in one sentence, from the KPI line of the whole study area at the map radius (the same
 * numbers as that row of the KPI table): "+264,538 residents (+3.0 pp) within 1 km with 5 added sites". When B is an
 * optimisation by forecast deposits (`changes.deposits`, {@link scenarioDepositTotal}) the sentence leads with what
 * it was about: "$2.3 B forecast deposits at 10 years (80 %: $1.6–5.0 B) from 3 added sites; ±0 residents …".
 * Null when there is no such line or no change to state (A or B missing).
 */
export function briefHeadline(lines: KpiLine[], mapRadiusM: number, changes: { added: number; closed: number; deposits?: ScenarioDepositTotal | null },
  t: BriefContext['t'], locale: KpiLocale): string | null {
  const whole = lines.filter((l) => l.kind === 'coverage' && !l.areaId);
  const l = whole.find((x) => x.radiusM === mapRadiusM) ?? whole[0];
  if (!l || l.people.delta == null || l.radiusM == null) return null;
  const what = changes.added && changes.closed ? t('cov.headline.both', { added: changes.added, closed: changes.closed })
    : changes.added ? t('cov.headline.added', { n: changes.added })
    : changes.closed ? t('cov.headline.closed', { n: changes.closed })
    : t('cov.headline.none');
  const vars = {
    delta: formatRowDelta(l.people, locale), n: Math.abs(shownDelta(l.people) ?? 0),
    pp: l.share ? formatRowDelta(l.share, locale) : '–', r: formatRadius(l.radiusM), changes: what,
  };
  const d = changes.deposits;
  if (!d) return t('cov.headline', vars);
  const usd = formatUsd(locale, d.totalUsd);
  const deposits = d.lowUsd != null && d.highUsd != null
    ? t('cov.headline.depositsRange', { usd, level: `${Math.round(d.level * 100)}`, range: formatUsdRange(locale, d.lowUsd, d.highUsd) })
    : usd;
  return t('cov.headline.deposits', { ...vars, deposits });
}

/** Compose the brief's texts, table, parameters and sources (pure; see {@link downloadBrief}). */
export function composeBrief(c: BriefContext): BriefExport {
  const { t } = c;
  const r = formatRadius(c.mapRadiusM);
  const caption = (tag: string, s: { title: string; subtitle?: string }) => `${tag} — ${s.title}${s.subtitle ? ` (${s.subtitle})` : ''}`;
  return {
    title: t('cov.brief.title'),
    subtitle: t('cov.brief.subtitle', { bank: c.bank.name, area: c.areaName ?? t('cov.nyc'), date: c.date }),
    headline: briefHeadline(c.lines, c.mapRadiusM, c.changes, t, c.locale),
    maps: [
      { label: caption('A', c.sideA), capture: c.captures[0] ?? null },
      { label: caption('B', c.sideB), capture: c.captures[1] ?? null },
    ],
    legend: t(c.ramp === 'viridis' ? 'cov.legend.text.viridis' : 'cov.legend.text', { r }),
    missingText: t('cov.brief.missingMap'),
    tableTitle: `${t('cov.kpis')}: A = ${c.nameA}, B = ${c.nameB}`,
    table: briefTable(
      c.lines,
      [t('cov.area'), t('cov.radius'), 'A', 'B', t('cov.change'), 'A', 'B', t('cov.change')],
      [t('cov.metric.coveredPopulation'), t('cov.metric.share')],
      c.areaLabel,
      c.locale,
    ),
    paramsTitle: t('cov.brief.params'),
    params: [
      [t('cov.param.ownNetwork'), `${c.bank.name} (${c.bank.id})`],
      [t('cov.param.studyArea'), t('cov.param.studyAreaValue', { area: c.areaName ?? t('cov.nyc') })],
      [t('cov.param.radii'), c.radiiM.map(formatRadius).join(', ')],
      [t('cov.param.mapRadius'), r],
      [t('cov.param.left'), c.nameA],
      [t('cov.param.right'), c.nameB],
      [t('cov.param.distance'), t('cov.param.distanceValue')],
      [t('cov.param.changes'), t('cov.param.changesValue', { added: c.changes.added, closed: c.changes.closed })],
    ],
    sourcesTitle: t('cov.brief.sources'),
    sources: [t('cov.source.fdic'), t('cov.source.census'), t('cov.source.geo')],
    sites: briefSitesTable(c.scenarioB ?? null, c.outlets ?? new Map(), t, c.locale),
    footer: t('cov.brief.footer'),
    fileName: c.fileName,
  };
}

/**
 * The brief's site table for a scenario: one section for the sites it adds, one for the outlets it closes; per row the
 * name (an unnamed added site is "New site N"), "lat, lng" to 5 decimals and the marginal residents — what the site
 * adds to (+) or the closure removes from (−) covered population, read from `params.marginalPopulation` that the
 * optimiser stores per site id ("–" for sites added by hand). Null when the scenario changes nothing.
 */
export function briefSitesTable(
  s: ScenarioDto | null,
  outlets: Map<number, { lng: number; lat: number; name?: string }>,
  t: BriefContext['t'],
  locale: KpiLocale,
): { title: string; table: BriefTable } | null {
  if (!s || (s.added.length === 0 && s.closed.length === 0)) return null;
  const marginal = (s.params?.marginalPopulation ?? {}) as Record<string, unknown>;
  const people = (id: string, sign: 1 | -1) => {
    const v = marginal[id];
    return typeof v === 'number' && Number.isFinite(v) ? formatDelta(sign * v, 'people', locale) : '–';
  };
  const tone = (id: string, sign: 1 | -1): CellTone => {
    const v = marginal[id];
    return typeof v === 'number' && Math.round(v) !== 0 ? (sign > 0 ? 'good' : 'bad') : 'neutral';
  };
  const rows: BriefTable['rows'] = [];
  if (s.added.length) {
    rows.push({ cells: [t('cov.brief.sitesAdded', { n: s.added.length })], section: true });
    s.added.forEach((a, i) => rows.push({
      cells: [a.name?.trim() || t('cov.gridSite', { n: i + 1 }), formatLatLng(a.lat, a.lng), people(a.id, 1)],
      tones: ['neutral', 'neutral', tone(a.id, 1)],
    }));
  }
  if (s.closed.length) {
    rows.push({ cells: [t('cov.brief.sitesClosed', { n: s.closed.length })], section: true });
    for (const id of s.closed) {
      const o = outlets.get(id);
      rows.push({
        cells: [o?.name ?? `#${id}`, o ? formatLatLng(o.lat, o.lng) : '–', people(String(id), -1)],
        tones: ['neutral', 'neutral', tone(String(id), -1)],
      });
    }
  }
  return {
    title: t('cov.brief.sitesTitle'),
    table: { headers: [t('cov.brief.site'), t('cov.brief.coordinates'), t('cov.brief.marginal')], labelColumns: 2, maxLabelShare: 0.45, rows },
  };
}

/** Build the brief and download it (jsPDF is in this tab's lazily loaded chunk already). */
export async function downloadBrief(b: BriefExport): Promise<void> {
  const fontTtf = await loadPdfFont();
  const doc = buildBriefPdf({
    ...b,
    maps: b.maps.map((m) => ({ label: m.label, dataUrl: m.capture?.dataUrl ?? null, widthPx: m.capture?.widthPx ?? 4, heightPx: m.capture?.heightPx ?? 3 })) as [
      { label: string; dataUrl: string | null; widthPx: number; heightPx: number },
      { label: string; dataUrl: string | null; widthPx: number; heightPx: number },
    ],
    fontTtf,
  });
  downloadBlob(doc.output('blob'), b.fileName);
}
