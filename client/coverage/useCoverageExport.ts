import { useState, type RefObject } from 'react';
import type { RampName } from '../map/colorRamp';
import type { CoverageCompareResponse } from '../../core/api/coverage';
import type { Scenario } from '../api/coverage';
import type { Institution } from '../api/sites';
import type { CompareMapsHandle, MapSide } from './CompareMaps';
import { RADII_M } from './coverageArea';
import { BRIEF_MAP_PX } from './pdfBrief';
import { composeBrief, downloadBrief, downloadKpiCsv, scenarioDepositTotal, slug } from './exportBrief';
import type { BaseOutlet } from './mapData';
import type { CoverageKpis } from './useCoverageKpis';

/**
 * The bbox `[west, south, east, north]` (degrees) of every site scenario B changes — added sites and closed outlets —
 * widened to at least ±0.01° (≈ 1 km) around a single site; null when B changes nothing.
 */
export function changedBbox(right: Pick<Scenario, 'added' | 'closed' | 'moved'> | null, outlets: readonly BaseOutlet[]): [number, number, number, number] | null {
  if (!right) return null;
  const byId = new Map(outlets.map((o) => [o.branchId, o]));
  const pts = [...right.added, ...right.moved, ...right.closed.map((id) => byId.get(id)).filter((o): o is BaseOutlet => !!o)];
  if (!pts.length) return null;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const p of pts) { w = Math.min(w, p.lng); e = Math.max(e, p.lng); s = Math.min(s, p.lat); n = Math.max(n, p.lat); }
  const pad = (lo: number, hi: number) => (hi - lo < 0.02 ? [(lo + hi) / 2 - 0.01, (lo + hi) / 2 + 0.01] : [lo, hi]);
  const [w2, e2] = pad(w, e), [s2, n2] = pad(s, n);
  return [w2, s2, e2, n2];
}

/**
 * The box both brief maps show, `[west, south, east, north]` in degrees: the whole study area, widened to every
 * changed site (`changed`, from {@link changedBbox}) that lies outside it, so the brief frames the same area at
 * every window size.
 */
export function briefBbox(area: [number, number, number, number], changed: [number, number, number, number] | null): [number, number, number, number] {
  if (!changed) return area;
  return [Math.min(area[0], changed[0]), Math.min(area[1], changed[1]), Math.max(area[2], changed[2]), Math.max(area[3], changed[3])];
}

/**
 * The exports of the comparison: the KPI table as CSV and the one-page PDF brief (both maps captured as they are
 * drawn), named `coverage-<bank>-<date>`.
 */
export function useCoverageExport(c: {
  own: Institution | null;
  /** The study area's name in the UI language (the brief's subtitle and parameters). */
  areaName: string | null;
  /** The study area's bounds `[west, south, east, north]` (both brief maps show all of it). */
  areaBounds: [number, number, number, number];
  compare: CoverageCompareResponse | null;
  nameA: string;
  nameB: string;
  sides: [MapSide, MapSide];
  kpis: CoverageKpis;
  mapRadiusM: number;
  /** Scenario B (null: today). */
  right: Scenario | null;
  outlets: BaseOutlet[];
  mapsRef: RefObject<CompareMapsHandle | null>;
  onError: (message: string) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
  locale: 'en' | 'zh';
  /** The Map settings colour ramp (the brief's legend names the gap colours). */
  ramp?: RampName;
}): { exporting: boolean; exportCsv: () => void; exportPdf: () => Promise<void> } {
  const [exporting, setExporting] = useState(false);
  const fileBase = `coverage-${slug(c.own?.name ?? 'network')}-${new Date().toISOString().slice(0, 10)}`;
  const exportCsv = () => downloadKpiCsv(c.kpis.rows, { scenarioA: c.nameA, scenarioB: c.nameB, label: c.kpis.rowLabel, fileName: `${fileBase}.csv`, studyArea: c.areaName });
  const exportPdf = async () => {
    const { own, compare, right } = c;
    if (!own || !compare) return;
    setExporting(true);
    try {
      // the maps show the whole study area and every changed site, at a fixed size: not whatever the screen shows
      const handle = c.mapsRef.current;
      const restore = handle ? await handle.frame(briefBbox(c.areaBounds, changedBbox(right, c.outlets)), BRIEF_MAP_PX) : () => undefined;
      const caps = handle?.capture() ?? [null, null];
      restore();
      await downloadBrief(
        composeBrief({
          t: c.t, locale: c.locale, bank: own, areaName: c.areaName ?? undefined, nameA: c.nameA, nameB: c.nameB, sideA: c.sides[0], sideB: c.sides[1], captures: caps,
          lines: c.kpis.lines, areaLabel: c.kpis.areaLabel, radiiM: RADII_M, mapRadiusM: c.mapRadiusM, changes: { added: right?.added.length ?? 0, closed: right?.closed.length ?? 0, deposits: scenarioDepositTotal(right) },
          scenarioB: right ?? null, outlets: new Map(c.outlets.map((o) => [o.branchId, o])),
          date: new Date().toISOString().slice(0, 10), fileName: `${fileBase}.pdf`, ramp: c.ramp,
        }),
      );
    } catch (e) {
      c.onError(String((e as Error).message ?? e));
    } finally {
      setExporting(false);
    }
  };
  return { exporting, exportCsv, exportPdf };
}
