import { useEffect } from 'react';
import { publishStatus } from '../sites/status';

/** The coverage tab's readiness flags in `window.__status` (read by the browser tests, see client/e2e/harness.ts). */
export interface CoverageStatus {
  covMapsIdle: boolean;
  covLoading: boolean;
  /** `leftId|rightId` once their comparison is shown, else null. */
  covCompared: string | null;
  covKpiLines: number;
  covOptimizing: boolean;
  covAddMode: boolean;
  /** Walk catchments drawn on A and B while walk mode is on (null while loading or off). */
  covWalkCatchments: [number, number] | null;
  /** Gap hexagons loaded for maps A and B (0 until the detail requests answer). */
  covGapHexes: [number, number];
}

/** Publish the coverage tab's readiness flags whenever one changes. */
export function useCoverageStatus(s: CoverageStatus): void {
  const { covMapsIdle, covLoading, covCompared, covKpiLines, covOptimizing, covAddMode, covWalkCatchments, covGapHexes } = s;
  const [gapA, gapB] = covGapHexes;
  useEffect(() => {
    publishStatus({ covMapsIdle, covLoading, covCompared, covKpiLines, covOptimizing, covAddMode, covWalkCatchments, covGapHexes: [gapA, gapB] });
  }, [covMapsIdle, covLoading, covCompared, covKpiLines, covOptimizing, covAddMode, covWalkCatchments, gapA, gapB]);
}
