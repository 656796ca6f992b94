import { useEffect, useMemo, useState } from 'react';
import type { AreaSpec, CoverageCompareResponse, GapHexDto, NetworkRef } from '../../core/api/coverage';
import { postCoverageCompare, postCoverageDetail } from '../api/coverage';
import type { Institution } from '../api/sites';
import { RADII_M } from './coverageArea';
import type { Overlay } from './mapSides';

export interface CoverageComparison {
  /** Coverage of A and B at every radius, and the hexagons B gains or loses at the map radius (null until loaded). */
  compare: CoverageCompareResponse | null;
  loading: boolean;
  /** Each side's gap hexagons at the map radius (empty with the "outlets only" overlay). */
  gaps: [GapHexDto[], GapHexDto[]];
}

/**
 * Coverage of the two compared networks (KPI totals and the difference hexagons) and their gap maps, fetched again
 * whenever a side, its scenario, the map radius or the overlay changes; a newer request cancels the older one.
 */
export function useCoverageComparison({ own, area, competitors, leftId, rightId, compareKey, mapRadiusM, overlay, netRef, setError }: {
  own: Institution | null;
  /** The study area (shared with Site scoring). */
  area: AreaSpec;
  /** Users' competitor datasets (picked in Site scoring) in the Huff choice set. */
  competitors?: readonly string[];
  leftId: string;
  rightId: string;
  /** Changes with either side or its scenario (see useCoverageScenarios). */
  compareKey: string;
  mapRadiusM: number;
  overlay: Overlay;
  netRef: (id: string) => { network: NetworkRef; ownNetwork?: string };
  /** Report an error (null clears it when a new comparison starts). */
  setError: (message: string | null) => void;
}): CoverageComparison {
  // the result with the request it answers: in the render where a side changes, the effect below has not yet started
  // the new request, so `loading` alone would still be false beside the OLD result (a stale KPI under the new names)
  const [result, setResult] = useState<{ key: string; compare: CoverageCompareResponse } | null>(null);
  const [loading, setLoading] = useState(false);
  /** The request that last finished (answered or failed). */
  const [doneKey, setDoneKey] = useState<string | null>(null);
  const areaKey = useMemo(() => JSON.stringify(area), [area]);
  const [gaps, setGaps] = useState<[GapHexDto[], GapHexDto[]]>([[], []]);
  const competitorKey = (competitors ?? []).join('|');

  const requestKey = `${own?.id ?? ''}|${compareKey}|${mapRadiusM}|${competitorKey}|${areaKey}`;
  useEffect(() => {
    if (own) setResult(null);
  }, [own]);

  useEffect(() => {
    if (!own) return;
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    postCoverageCompare({ a: netRef(leftId), b: netRef(rightId), area, radiiM: RADII_M, diffRadiusM: mapRadiusM, h3Resolution: 8, ...(competitors?.length ? { competitors: [...competitors] } : {}) }, ctl.signal)
      .then((r) => setResult({ key: requestKey, compare: r }))
      .catch((e) => {
        if (ctl.signal.aborted) return;
        setResult(null); // no stale figures beside the error
        setError(String(e.message ?? e));
      })
      .finally(() => {
        if (ctl.signal.aborted) return;
        setLoading(false);
        setDoneKey(requestKey);
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, compareKey, mapRadiusM, netRef, area, competitorKey]);

  // gap maps of both sides (unless "outlets only"); in "change" mode the right map draws the gains/losses over its gaps
  useEffect(() => {
    if (!own || overlay === 'none') {
      setGaps([[], []]);
      return;
    }
    const ctl = new AbortController();
    const detail = (id: string) => postCoverageDetail({ ...netRef(id), area, radiusM: mapRadiusM, h3Resolution: 8, ...(competitors?.length ? { competitors: [...competitors] } : {}) }, ctl.signal).then((d) => d.gapHexes);
    Promise.all([detail(leftId), detail(rightId)])
      .then(([a, b]) => setGaps([a, b]))
      .catch((e) => {
        if (!ctl.signal.aborted) setError(String(e.message ?? e));
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, compareKey, mapRadiusM, overlay, netRef, area, competitorKey]);

  // a result for other sides stays shown while the new one loads, but never reads as the answer for these sides
  return { compare: result?.compare ?? null, loading: loading || (own !== null && doneKey !== requestKey), gaps };
}
