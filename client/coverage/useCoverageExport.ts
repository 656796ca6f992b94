import { useState, type RefObject } from 'react';
import type { CoverageCompareResponse } from '../../core/api/coverage';
import type { Scenario } from '../api/coverage';
import type { Institution } from '../api/sites';
import type { CompareMapsHandle, MapSide } from './CompareMaps';
import { RADII_M } from './coverageArea';
import { composeBrief, downloadBrief, downloadKpiCsv, slug } from './exportBrief';
import type { BaseOutlet } from './mapData';
import type { CoverageKpis } from './useCoverageKpis';

/**
 * The exports of the comparison: the KPI table as CSV and the one-page PDF brief (both maps captured as they are
 * drawn), named `coverage-<bank>-<date>`.
 */
export function useCoverageExport(c: {
  own: Institution | null;
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
}): { exporting: boolean; exportCsv: () => void; exportPdf: () => Promise<void> } {
  const [exporting, setExporting] = useState(false);
  const fileBase = `coverage-${slug(c.own?.name ?? 'network')}-${new Date().toISOString().slice(0, 10)}`;
  const exportCsv = () => downloadKpiCsv(c.kpis.rows, { scenarioA: c.nameA, scenarioB: c.nameB, label: c.kpis.rowLabel, fileName: `${fileBase}.csv` });
  const exportPdf = async () => {
    const { own, compare, right } = c;
    if (!own || !compare) return;
    setExporting(true);
    try {
      const caps = c.mapsRef.current?.capture() ?? [null, null];
      await downloadBrief(
        composeBrief({
          t: c.t, locale: c.locale, bank: own, nameA: c.nameA, nameB: c.nameB, sideA: c.sides[0], sideB: c.sides[1], captures: caps,
          lines: c.kpis.lines, areaLabel: c.kpis.areaLabel, radiiM: RADII_M, mapRadiusM: c.mapRadiusM, changes: { added: right?.added.length ?? 0, closed: right?.closed.length ?? 0 },
          scenarioB: right ?? null, outlets: new Map(c.outlets.map((o) => [o.branchId, o])),
          date: new Date().toISOString().slice(0, 10), fileName: `${fileBase}.pdf`,
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
