import { useEffect, useState } from 'react';
import { postCoverage, type CoverageResponse } from '../api/coverage';
import type { Institution } from '../api/sites';
import type { AreaSpec } from '../../core/api/areas';
import { RADII_M } from './coverageArea';

/** Today's coverage of the own network in the study area at every radius (null while loading or with no network). */
export function useTodayCoverage(own: Institution | null, area: AreaSpec, onError: (message: string) => void): CoverageResponse | null {
  const [today, setToday] = useState<CoverageResponse | null>(null);
  useEffect(() => {
    if (!own) return;
    setToday(null);
    postCoverage({ ownNetwork: own.id, radiiM: RADII_M, area })
      .then(setToday)
      .catch((e) => onError(String(e.message ?? e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, area]);
  return today;
}
