import { useEffect, useMemo } from 'react';
import type { Weights } from '../../core/scoring/siteScore';
import type { RampName } from '../map/colorRamp';
import { mapDisplayPatch, parseMapDisplay } from '../map/mapDisplay';
import { LAYER_KEYS, type LayerKey } from '../map/siteLayers';
import type { ScoringMode } from './ForecastPanel';
import { mapViewParam, parseMapViewParam, parseWeightsParam, readViewParams, weightsParam, writeViewParams } from '../ui/viewUrl';

/** A map camera: centre (degrees) and zoom. */
export interface MapView { lng: number; lat: number; zoom: number }

/**
 * The Site scoring view as the address holds it (`#/sites?…`): `w` weights, `sel` selected site, `layers` the layers
 * shown, `op` hexagon opacity, `ramp` the colour ramp, `map` the camera (lng,lat,zoom) and `net` the own network
 * (an institution id, or `none`), `mode=forecast` the deposit-forecast scoring mode (absent: weighted criteria) and
 * `pset` its parameter set. Any key may be absent or malformed: then the view's default is used.
 */
export interface SitesUrlState {
  weights: Weights | null;
  selectedId: string | null;
  visible: Record<LayerKey, boolean> | null;
  opacity: number | null;
  ramp: RampName | null;
  view: MapView | null;
  /** undefined: not in the address; null: no own network. */
  network: string | null | undefined;
  /** null: not in the address (weighted criteria). */
  mode: ScoringMode | null;
  /** The forecast's parameter set, or null (the first one offered). */
  parameterSet: string | null;
}

/** Parse the Site scoring keys of a hash query (see {@link SitesUrlState}). */
export function parseSitesUrl(q: URLSearchParams): SitesUrlState {
  const layers = q.get('layers');
  const display = parseMapDisplay(q);
  const net = q.get('net');
  return {
    weights: parseWeightsParam(q.get('w')),
    selectedId: q.get('sel') || null,
    visible: layers == null ? null : Object.fromEntries(LAYER_KEYS.map((k) => [k, layers.split(',').includes(k)])) as Record<LayerKey, boolean>,
    opacity: display.opacity,
    ramp: display.ramp,
    view: parseMapViewParam(q.get('map')),
    network: net == null ? undefined : net === 'none' || net === '' ? null : net,
    mode: q.get('mode') === 'forecast' ? 'forecast' : q.get('mode') === 'criteria' ? 'criteria' : null,
    parameterSet: q.get('pset') || null,
  };
}

/** The hash-query patch of a Site scoring state (the inverse of {@link parseSitesUrl}). */
export function sitesUrlPatch(s: { weights: Weights; selectedId: string | null; visible: Record<LayerKey, boolean>; opacity: number; ramp: RampName;
  view: MapView | null; network: string | null; mode: ScoringMode; parameterSet: string | null }): Record<string, string | null> {
  return {
    net: s.network ?? 'none',
    w: weightsParam(s.weights),
    sel: s.selectedId,
    layers: LAYER_KEYS.filter((k) => s.visible[k]).join(','),
    ...mapDisplayPatch({ opacity: s.opacity, ramp: s.ramp }),
    map: s.view ? mapViewParam(s.view) : null,
    mode: s.mode === 'forecast' ? 'forecast' : null,
    pset: s.mode === 'forecast' ? s.parameterSet : null,
  };
}

/** The state the address held when the view opened (read once per mount). */
export function useInitialSitesUrl(): SitesUrlState {
  return useMemo(() => parseSitesUrl(readViewParams()), []);
}

/** Keep the address in step with the view (replaceState, no history entries). */
export function useSitesUrlSync(s: Parameters<typeof sitesUrlPatch>[0]): void {
  const { weights, selectedId, visible, opacity, ramp, view, network, mode, parameterSet } = s;
  useEffect(() => {
    writeViewParams('sites', sitesUrlPatch({ weights, selectedId, visible, opacity, ramp, view, network, mode, parameterSet }));
  }, [weights, selectedId, visible, opacity, ramp, view, network, mode, parameterSet]);
}
