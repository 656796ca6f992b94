import { useEffect, useMemo, useRef } from 'react';
import { searchInstitutions, type Institution } from '../api/sites';
import type { RampName } from '../map/colorRamp';
import { mapDisplayPatch, parseMapDisplay, type MapDisplay } from '../map/mapDisplay';
import { readViewParams, writeViewParams } from '../ui/viewUrl';
import { RADII_M } from './coverageArea';

/**
 * The Network coverage view in the address (`#/coverage?net=…&a=…&b=…&r=…&op=…&ramp=…`): the own network (an
 * institution id), what maps A and B show (`today` or a scenario id), the map radius in metres (500, 1000 or 2000)
 * and the Map settings' hexagon opacity and colour ramp (as on Site scoring, see client/map/mapDisplay.ts).
 */
export interface CoverageUrlState {
  network: string | null | undefined; a: string | null; b: string | null; radiusM: number | null;
  opacity: number | null; ramp: RampName | null;
}

/** Parse the coverage keys of a hash query (absent or malformed keys → null / undefined). */
export function parseCoverageUrl(q: URLSearchParams): CoverageUrlState {
  const r = Number(q.get('r'));
  const net = q.get('net');
  return {
    network: net == null ? undefined : net === 'none' || net === '' ? null : net,
    a: q.get('a') || null,
    b: q.get('b') || null,
    radiusM: RADII_M.includes(r) ? r : null,
    ...parseMapDisplay(q),
  };
}

/** The address's coverage state when the tab opened (read once per mount). */
export function useInitialCoverageUrl(): CoverageUrlState {
  return useMemo(() => parseCoverageUrl(readViewParams()), []);
}

/** The map radius the address names, else 1 km. */
export function initialRadiusM(): number {
  return parseCoverageUrl(readViewParams()).radiusM ?? 1000;
}

/**
 * Keep the address in step with the view, and open the own network a copied link names (looked up by id; the link's
 * maps A / B are applied by the scenario list once that network's scenarios are loaded).
 */
export function useCoverageUrlSync({ own, setOwn, fromUrl, leftId, rightId, sidesSettled = true, radiusM, display, onError }: {
  own: Institution | null;
  setOwn: (inst: Institution) => void;
  fromUrl: CoverageUrlState;
  leftId: string;
  rightId: string;
  /** False until the link's maps A / B are applied: until then the address keeps them (a quick tab switch keeps B). */
  sidesSettled?: boolean;
  radiusM: number;
  display: MapDisplay;
  onError: (message: string) => void;
}): void {
  const resolving = useRef(fromUrl.network != null && fromUrl.network !== own?.id);
  useEffect(() => {
    if (!resolving.current || !fromUrl.network) return;
    const id = fromUrl.network;
    searchInstitutions(id, 5)
      .then((rows) => {
        resolving.current = false;
        const inst = rows.find((r) => r.id === id);
        if (inst) setOwn(inst);
      })
      .catch((e) => { resolving.current = false; onError(String((e as Error).message ?? e)); });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (resolving.current) return; // keep the link's keys until its network is open
    const shown = { r: String(radiusM), ...mapDisplayPatch(display) };
    if (!sidesSettled) { writeViewParams('coverage', shown); return; } // and its maps until they are shown
    writeViewParams('coverage', { net: own?.id ?? null, a: own ? leftId : null, b: own ? rightId : null, ...shown });
  }, [own, leftId, rightId, radiusM, sidesSettled, display.opacity, display.ramp]);
}
