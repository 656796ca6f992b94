/**
 * KPI table for comparing two coverage scenarios (issue 3, item 4): rows of "A vs B" with deltas, number
 * formatting for executives, and the CSV export. Pure: no I/O, no DOM; the client renders and downloads.
 *
 * Inputs are the `POST /api/coverage` response shape (`radii`, `byArea`) plus optional network-level totals
 * (Huff-expected demand and cannibalisation) from the catchment detail. Shares are fractions 0–1; their deltas
 * are reported in percentage points (pp), never as a relative change of a share.
 */

/** Coverage of the study area at one radius (the `radii[]` items of `POST /api/coverage`). */
export interface RadiusCoverage {
  radiusM: number;
  coveredPopulation: number;
  totalPopulation: number;
  /** coveredPopulation / totalPopulation, 0–1. */
  share: number;
}

/** Coverage of one area (borough = county) at one radius (the `byArea[]` items of `POST /api/coverage`). */
export interface AreaCoverage extends RadiusCoverage {
  areaType: string;
  areaId: string;
  name: string;
}

/** What one scenario contributes to the KPI table. */
export interface ScenarioKpiInput {
  radii: RadiusCoverage[];
  byArea: AreaCoverage[];
  /** Huff-expected customers of the own network (people), if known. */
  expectedDemand?: number | null;
  /**
   * Cannibalisation: expected demand the scenario's added sites take from the network's existing outlets
   * (people), if known. 0 for a scenario that adds nothing.
   */
  cannibalisation?: number | null;
}

export type KpiMetric = 'coveredPopulation' | 'share' | 'expectedDemand' | 'cannibalisation';
/** How a value is formatted: `people` → integer with separators; `share` → percent with one decimal. */
export type KpiUnit = 'people' | 'share';

/** One row of the comparison table. `a`/`b` are null when that scenario lacks the figure. */
export interface KpiRow {
  /** Stable key, e.g. `share@1000` or `coveredPopulation@1000:36061`. */
  key: string;
  metric: KpiMetric;
  unit: KpiUnit;
  /** Radius of the row (coverage metrics only). */
  radiusM?: number;
  /** `undefined` for the whole study area. */
  areaId?: string;
  areaName?: string;
  a: number | null;
  b: number | null;
  /** b − a (people, or share points as a fraction: 0.012 = +1.2 pp); null if either side is missing. */
  delta: number | null;
  /** Whether a positive delta is good for the network (cannibalisation: more is worse). */
  higherIsBetter: boolean;
}

/**
 * Build the KPI rows comparing scenario `a` (e.g. "today") with `b` (e.g. "+5 sites").
 *
 * Order: for every radius (ascending) the whole-area covered population and share; then for every area
 * (by name) and radius the same two figures; then expected demand and cannibalisation when either side has them.
 * Areas or radii present in only one scenario still get a row (the other side null).
 *
 * @example buildKpiRows(today, plus5)[0] // { key: 'coveredPopulation@500', a: 1_200_000, b: 1_350_000, delta: 150_000, … }
 */
export function buildKpiRows(a: ScenarioKpiInput, b: ScenarioKpiInput): KpiRow[] {
  const rows: KpiRow[] = [];
  const radii = [...new Set([...a.radii, ...b.radii].map((r) => r.radiusM))].sort((x, y) => x - y);
  const byRadius = (s: ScenarioKpiInput, r: number) => s.radii.find((x) => x.radiusM === r);
  for (const r of radii) {
    const ra = byRadius(a, r);
    const rb = byRadius(b, r);
    rows.push(row(`coveredPopulation@${r}`, 'coveredPopulation', 'people', ra?.coveredPopulation, rb?.coveredPopulation, { radiusM: r }));
    rows.push(row(`share@${r}`, 'share', 'share', ra?.share, rb?.share, { radiusM: r }));
  }
  const areas = new Map<string, string>();
  for (const x of [...a.byArea, ...b.byArea]) if (!areas.has(x.areaId)) areas.set(x.areaId, x.name);
  const areaIds = [...areas.keys()].sort((x, y) => areas.get(x)!.localeCompare(areas.get(y)!) || x.localeCompare(y));
  const byArea = (s: ScenarioKpiInput, id: string, r: number) => s.byArea.find((x) => x.areaId === id && x.radiusM === r);
  const areaRadii = [...new Set([...a.byArea, ...b.byArea].map((x) => x.radiusM))].sort((x, y) => x - y);
  for (const id of areaIds) {
    const areaName = areas.get(id)!;
    for (const r of areaRadii) {
      const xa = byArea(a, id, r);
      const xb = byArea(b, id, r);
      if (!xa && !xb) continue;
      const extra = { radiusM: r, areaId: id, areaName };
      rows.push(row(`coveredPopulation@${r}:${id}`, 'coveredPopulation', 'people', xa?.coveredPopulation, xb?.coveredPopulation, extra));
      rows.push(row(`share@${r}:${id}`, 'share', 'share', xa?.share, xb?.share, extra));
    }
  }
  if (a.expectedDemand != null || b.expectedDemand != null) {
    rows.push(row('expectedDemand', 'expectedDemand', 'people', a.expectedDemand, b.expectedDemand, {}));
  }
  if (a.cannibalisation != null || b.cannibalisation != null) {
    rows.push(row('cannibalisation', 'cannibalisation', 'people', a.cannibalisation, b.cannibalisation, {}, false));
  }
  return rows;
}

function row(
  key: string,
  metric: KpiMetric,
  unit: KpiUnit,
  a: number | null | undefined,
  b: number | null | undefined,
  extra: { radiusM?: number; areaId?: string; areaName?: string },
  higherIsBetter = true,
): KpiRow {
  const va = a ?? null;
  const vb = b ?? null;
  return { key, metric, unit, ...extra, a: va, b: vb, delta: va == null || vb == null ? null : vb - va, higherIsBetter };
}

/** One display line of the KPI table: covered population and share of one (area, radius) side by side. */
export interface KpiLine {
  key: string;
  kind: 'coverage' | 'expectedDemand' | 'cannibalisation';
  radiusM?: number;
  areaId?: string;
  areaName?: string;
  /** The people-valued row (covered population, expected demand or cannibalisation). */
  people: KpiRow;
  /** The share row of the same area and radius (coverage lines only). */
  share?: KpiRow;
}

/**
 * Pair the rows of {@link buildKpiRows} into display lines (one per area × radius, plus the demand lines),
 * keeping their order: the table an executive reads has columns people A/B/Δ and share A/B/Δ.
 */
export function kpiLines(rows: KpiRow[]): KpiLine[] {
  const lines: KpiLine[] = [];
  const shares = new Map(rows.filter((r) => r.metric === 'share').map((r) => [r.key.replace(/^share/, ''), r]));
  for (const r of rows) {
    if (r.metric === 'share') continue;
    if (r.metric === 'coveredPopulation') {
      const suffix = r.key.replace(/^coveredPopulation/, '');
      lines.push({ key: suffix.slice(1), kind: 'coverage', radiusM: r.radiusM, areaId: r.areaId, areaName: r.areaName, people: r, share: shares.get(suffix) });
    } else {
      lines.push({ key: r.key, kind: r.metric, people: r });
    }
  }
  return lines;
}

/** Locales the formatter knows (the app's two). Both group thousands with commas. */
export type KpiLocale = 'en' | 'zh';
const MINUS = '\u2212';

/** An integer count with thousands separators: 8804190 → "8,804,190"; null → "–". */
export function formatPeople(n: number | null, locale: KpiLocale = 'en'): string {
  if (n == null || !Number.isFinite(n)) return '–';
  const s = Math.abs(Math.round(n)).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  return Math.round(n) < 0 ? MINUS + s : s;
}

/** A share 0–1 as a percentage with one decimal: 0.4567 → "45.7%"; null → "–". */
export function formatShare(share: number | null): string {
  if (share == null || !Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(1)}%`;
}

/** A value of a row in its unit (see {@link formatPeople}, {@link formatShare}). */
export function formatValue(v: number | null, unit: KpiUnit, locale: KpiLocale = 'en'): string {
  return unit === 'share' ? formatShare(v) : formatPeople(v, locale);
}

/**
 * A delta with an explicit sign (U+2212 minus for negatives, "±0" for no change): people → "+12,345",
 * shares in percentage points → "+1.2 pp" (zh: "+1.2 个百分点"). Values that round to zero print as "±0".
 */
export function formatDelta(delta: number | null, unit: KpiUnit, locale: KpiLocale = 'en'): string {
  if (delta == null || !Number.isFinite(delta)) return '–';
  if (unit === 'share') {
    const pp = Math.round(delta * 1000) / 10; // one decimal of a percentage point
    const suffix = locale === 'zh' ? ' 个百分点' : ' pp';
    if (pp === 0) return '±0.0' + suffix;
    return (pp > 0 ? '+' : MINUS) + Math.abs(pp).toFixed(1) + suffix;
  }
  const n = Math.round(delta);
  if (n === 0) return '±0';
  return (n > 0 ? '+' : MINUS) + formatPeople(Math.abs(n), locale);
}

/**
 * The delta a reader sees between a row's two SHOWN values: the difference of the values as printed (people to the
 * unit, shares to a tenth of a percent), so "41.9% → 42.9%" reads "+1.0 pp" and never "+1.1 pp" (the exact
 * 0.41856 → 0.42938 difference is 1.08 pp). Rows with a side missing keep their `delta` (null or as given).
 * The CSV export keeps the exact delta ({@link kpiCsv}).
 */
export function shownDelta(r: Pick<KpiRow, 'a' | 'b' | 'delta' | 'unit'>): number | null {
  if (r.a == null || r.b == null || !Number.isFinite(r.a) || !Number.isFinite(r.b)) return r.delta;
  return r.unit === 'share' ? (Math.round(r.b * 1000) - Math.round(r.a * 1000)) / 1000 : Math.round(r.b) - Math.round(r.a);
}

/** A row's {@link shownDelta} formatted as {@link formatDelta} does. */
export function formatRowDelta(r: Pick<KpiRow, 'a' | 'b' | 'delta' | 'unit'>, locale: KpiLocale = 'en'): string {
  return formatDelta(shownDelta(r), r.unit, locale);
}

/** Direction of a row's {@link shownDelta} for colouring: `good` (green), `bad` (red) or `neutral`, honouring `higherIsBetter`. */
export function deltaTone(r: Pick<KpiRow, 'delta' | 'unit' | 'higherIsBetter'> & Partial<Pick<KpiRow, 'a' | 'b'>>): 'good' | 'bad' | 'neutral' {
  const delta = shownDelta({ a: r.a ?? null, b: r.b ?? null, delta: r.delta, unit: r.unit });
  if (delta == null) return 'neutral';
  const rounded = r.unit === 'share' ? Math.round(delta * 1000) : Math.round(delta);
  if (rounded === 0) return 'neutral';
  return rounded > 0 === r.higherIsBetter ? 'good' : 'bad';
}

/** Quote one CSV field per RFC 4180 (quotes doubled; fields with comma, quote or line break wrapped). */
export function csvField(v: string | number | null | undefined): string {
  if (v == null) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Labels for the CSV's human-readable column and scenario headers. */
export interface KpiCsvOptions {
  scenarioA: string;
  scenarioB: string;
  /** Human label of a row (e.g. "Covered population, 1 km, Manhattan"); defaults to the row key. */
  label?: (r: KpiRow) => string;
  /** The study area's name, written in the `area` column of the whole-area rows (`area_id` "all"). */
  studyArea?: string | null;
}

/**
 * The KPI table as CSV (RFC 4180, CRLF line ends, UTF-8; prefix a BOM when saving for Excel).
 * Columns: `metric, area_id, area, radius_m, label, <scenario A>, <scenario B>, delta, unit` (the whole-area rows:
 * area_id `all`, area = `opts.studyArea`); values raw (people as
 * integers, shares as fractions with 6 decimals, delta in the same unit), so a spreadsheet can recompute them.
 */
export function kpiCsv(rows: KpiRow[], opts: KpiCsvOptions): string {
  const header = ['metric', 'area_id', 'area', 'radius_m', 'label', opts.scenarioA, opts.scenarioB, 'delta', 'unit'];
  const num = (v: number | null, unit: KpiUnit) => (v == null ? null : unit === 'share' ? Number(v.toFixed(6)) : Math.round(v));
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.metric,
        r.areaId ?? 'all',
        r.areaName ?? (r.areaId == null ? opts.studyArea ?? '' : ''),
        r.radiusM ?? '',
        opts.label ? opts.label(r) : r.key,
        num(r.a, r.unit),
        num(r.b, r.unit),
        num(r.delta, r.unit),
        r.unit === 'share' ? 'share_0_1' : 'people',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** "500 m", "1 km", "2.5 km": a radius for labels. */
export function formatRadius(radiusM: number): string {
  return radiusM >= 1000 ? `${Number((radiusM / 1000).toFixed(2))} km` : `${radiusM} m`;
}
