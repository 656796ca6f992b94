import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapResponse } from '../../core/api/basemap';

/** Basemap palette (light, low-saturation so data layers carry the colour). */
export const BASEMAP_COLORS = {
  water: '#b9d3e8',
  landOutside: '#e9e7e1',
  landNyc: '#f8f7f3',
  park: '#dcebd3',
  countyLine: '#c9c6bd',
  stateLine: '#9a978e',
  ntaLine: '#d3d0c7',
  boroughLine: '#56606b',
} as const;

/**
 * A MapLibre style that needs no network: every source is inline GeoJSON from `GET /api/basemap`.
 * Layer order: water background → US states (land; a study area anywhere in the US lies on land) → counties/state lines → NY Harbor water →
 * NYC boroughs (land) → non-residential neighbourhoods (parks, airports, cemeteries) → neighbourhood and
 * borough outlines. No symbol layers (there is no glyph server offline): labels are drawn by deck.gl's
 * TextLayer, which can also render Chinese.
 */
export function offlineStyle(basemap: BasemapResponse): StyleSpecification {
  const src = (data: GeoJSON.FeatureCollection) => ({ type: 'geojson' as const, data });
  return {
    version: 8,
    name: 'outlet-planner-offline',
    sources: {
      states: src(basemap.states),
      counties: src(basemap.counties),
      water: src(basemap.water),
      boroughs: { ...src(basemap.boroughs), attribution: basemap.attribution.join(' · ') },
      neighborhoods: src(basemap.neighborhoods),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.water } },
      { id: 'states-fill', type: 'fill', source: 'states', paint: { 'fill-color': BASEMAP_COLORS.landOutside } },
      { id: 'counties-line', type: 'line', source: 'counties', minzoom: 7, paint: { 'line-color': BASEMAP_COLORS.countyLine, 'line-width': 0.6 } },
      { id: 'states-line', type: 'line', source: 'states', paint: { 'line-color': BASEMAP_COLORS.stateLine, 'line-width': 1.2 } },
      { id: 'water-fill', type: 'fill', source: 'water', paint: { 'fill-color': BASEMAP_COLORS.water } },
      { id: 'boroughs-fill', type: 'fill', source: 'boroughs', paint: { 'fill-color': BASEMAP_COLORS.landNyc } },
      {
        id: 'parks-fill', type: 'fill', source: 'neighborhoods', filter: ['==', ['get', 'residential'], false],
        paint: { 'fill-color': BASEMAP_COLORS.park },
      },
      {
        id: 'neighborhoods-line', type: 'line', source: 'neighborhoods', minzoom: 10,
        paint: { 'line-color': BASEMAP_COLORS.ntaLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.4, 14, 1.2] },
      },
      {
        id: 'boroughs-line', type: 'line', source: 'boroughs',
        paint: { 'line-color': BASEMAP_COLORS.boroughLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 14, 2.5] },
      },
    ],
  };
}

/** Is `url` an acceptable online style URL (http/https)? Used by the settings popover. */
export function isStyleUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Fetch an online MapLibre style and check it is one (JSON object with `version: 8`, `sources`, `layers`[]).
 * @throws Error naming the URL and what was wrong (network failure, HTTP status, not JSON, not a style).
 */
export async function fetchStyle(url: string, fetchFn: typeof fetch = fetch): Promise<StyleSpecification> {
  let res: Response;
  try {
    res = await fetchFn(url, { headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new Error(`${url}: ${(err as Error).message || 'network error'}`);
  }
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    throw new Error(`${url}: not JSON`);
  }
  const st = body as Partial<StyleSpecification> | null;
  if (!st || typeof st !== 'object' || st.version !== 8 || !Array.isArray(st.layers) || typeof st.sources !== 'object') {
    throw new Error(`${url}: not a MapLibre style (needs version 8, sources and layers)`);
  }
  return st as StyleSpecification;
}

/**
 * A streets basemap offered under Map settings when it can be reached: OpenFreeMap's "Liberty" style (OpenStreetMap
 * data, vector tiles, no key, https://openfreemap.org). Never loaded unless the user picks it.
 */
export const STREETS_STYLE_URL = 'https://tiles.openfreemap.org/styles/liberty';

/**
 * Whether the style at `url` can be loaded now (fetched and checked with {@link fetchStyle}), waiting at most
 * `timeoutMs` (default 4 s) — offline or behind a proxy that blocks it, the answer is false and nothing else happens.
 */
export async function styleReachable(url: string, fetchFn: typeof fetch = fetch, timeoutMs = 4000): Promise<boolean> {
  const ctl = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => { ctl.abort(); resolve(false); }, timeoutMs); });
  const probe = fetchStyle(url, (input, init) => fetchFn(input, { ...init, signal: ctl.signal })).then(() => true, () => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
