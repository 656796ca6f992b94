import { RAMP_NAMES, type RampName } from './colorRamp';

/**
 * How the maps draw their hexagon layers, set in Map settings on both tabs and kept in each tab's address:
 * `op` the layers' opacity (0.2–1, a share of the layer's own opacity) and `ramp` the colour ramp.
 */
export interface MapDisplay {
  /** Opacity share, 0.2–1 (1: the layer as designed). */
  opacity: number;
  ramp: RampName;
}

export const DEFAULT_MAP_DISPLAY: MapDisplay = { opacity: 1, ramp: 'default' };

/** Lowest opacity share offered (below it a layer is hard to read at all). */
export const MIN_OPACITY = 0.2;

/** `op` and `ramp` of a hash query; an absent or malformed key → null (the view's default). */
export function parseMapDisplay(q: URLSearchParams): { opacity: number | null; ramp: RampName | null } {
  const op = q.get('op') != null ? Number(q.get('op')) : NaN;
  const ramp = q.get('ramp') as RampName | null;
  return {
    opacity: op >= MIN_OPACITY && op <= 1 ? op : null,
    ramp: ramp && RAMP_NAMES.includes(ramp) ? ramp : null,
  };
}

/** The hash-query patch of a display (the inverse of {@link parseMapDisplay}). */
export function mapDisplayPatch(d: MapDisplay): Record<string, string> {
  return { op: String(d.opacity), ramp: d.ramp };
}
