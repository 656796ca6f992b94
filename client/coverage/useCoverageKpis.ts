import { useCallback, useMemo } from 'react';
import type { AreaSpec, CoverageCompareResponse } from '../../core/api/coverage';
import { buildKpiRows, formatRadius, kpiLines, type KpiLine, type KpiRow } from '../../core/coverage/kpi';

export interface CoverageKpis {
  /** One row per metric, area and radius with A, B and the change (the CSV). */
  rows: KpiRow[];
  /** The rows grouped into table lines (the KPI table and the PDF brief). */
  lines: KpiLine[];
  /** A line's area in the UI language: a borough or county, the study area, or the demand / cannibalisation line. */
  areaLabel: (l: KpiLine) => string;
  /** A row's label in the CSV: metric, area, radius. */
  rowLabel: (row: KpiRow) => string;
}

/**
 * The KPI table of the comparison: rows, lines and their labels in the UI language; the whole-area lines are named
 * after the study area (`areaName`, '…' while it resolves).
 */
export function useCoverageKpis(compare: CoverageCompareResponse | null, t: (key: string) => string, areaName: string | null, area?: AreaSpec): CoverageKpis {
  // a study area that is one county (a borough) has no breakdown line repeating its total under the county's name
  const only = area && area !== 'nyc' && 'counties' in area && area.counties.length === 1 ? area.counties[0] : null;
  const rows: KpiRow[] = useMemo(() => (compare ? buildKpiRows(compare.a, compare.b).filter((r) => !only || r.areaId !== only) : []), [compare, only]);
  const lines = useMemo(() => kpiLines(rows), [rows]);
  const areaLabel = useCallback(
    (l: KpiLine) => {
      if (l.kind === 'expectedDemand') return t('cov.expectedDemand');
      if (l.kind === 'cannibalisation') return t('cov.cannibalisation');
      return l.areaId ? (t(`cov.borough.${l.areaId}`) !== `cov.borough.${l.areaId}` ? t(`cov.borough.${l.areaId}`) : l.areaName ?? l.areaId) : areaName ?? '…';
    },
    [t, areaName],
  );
  const rowLabel = (row: KpiRow) => {
    const what = row.metric === 'coveredPopulation' ? t('cov.metric.coveredPopulation') : row.metric === 'share' ? t('cov.metric.share') : row.metric === 'expectedDemand' ? t('cov.expectedDemand') : t('cov.cannibalisation');
    const where = row.areaId ? areaLabel({ key: '', kind: 'coverage', areaId: row.areaId, areaName: row.areaName, people: row }) : row.radiusM != null ? areaName ?? '' : '';
    return [what, where, row.radiusM != null ? formatRadius(row.radiusM) : ''].filter(Boolean).join(', ');
  };
  return { rows, lines, areaLabel, rowLabel };
}
