import { useEffect, useState, type RefObject } from 'react';
import type { AreaSpec } from '../../core/api/areas';
import { resolveArea, type ResolveAreaResponse } from '../api/areas';
import { useStudyAreaInUrl } from '../areas/studyArea';
import { boroughOfArea } from '../areas/AreaPicker';
import type { GridSpec } from '../../core/api/areas';
import type { CompareMapsHandle } from './CompareMaps';
import { NYC_BOUNDS } from './coverageArea';

export interface CoverageArea {
  /** The study area and resolution, shared with the Site scoring tab (persisted). */
  studyArea: GridSpec;
  setStudyArea: (g: GridSpec) => void;
  /** The area every coverage request, the optimiser and the brief use. */
  area: AreaSpec;
  /** The area's name in the UI ("New York City" in the UI language for "nyc"); null while resolving. */
  areaName: string | null;
  /** The map bounds of the area [west, south, east, north] (NYC until resolved). */
  bounds: [number, number, number, number];
}

/**
 * The coverage tab's study area (issue 10): shared with the Site scoring tab, resolved on the server for its name and
 * bbox; the maps frame it when it changes.
 */
export function useCoverageArea({ mapsRef, onError, t }: {
  mapsRef: RefObject<CompareMapsHandle | null>;
  onError: (message: string) => void;
  t: (key: string) => string;
}): CoverageArea {
  const [studyArea, setStudyArea] = useStudyAreaInUrl('coverage', { resolution: false });
  const area = studyArea.area;
  const [info, setInfo] = useState<ResolveAreaResponse | null>(null);
  useEffect(() => {
    let live = true;
    resolveArea(area).then((r) => { if (live) setInfo(r); }, (e) => { if (live) onError(String((e as Error).message ?? e)); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [area]);
  useEffect(() => { if (info) mapsRef.current?.fitTo(info.bbox); }, [info, mapsRef]);
  const resolved = info && JSON.stringify(info.area) === JSON.stringify(area) ? info.name : null;
  const borough = boroughOfArea(area);
  const areaName = area === 'nyc' ? t('cov.nyc') : borough ? t(`borough.${borough}`) : resolved;
  return { studyArea, setStudyArea, area, areaName, bounds: info?.bbox ?? NYC_BOUNDS };
}
