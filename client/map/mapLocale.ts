import type { Map as MlMap } from 'maplibre-gl';

/** MapLibre's UI string ids (maplibre-gl src/ui/default_locale.ts) we translate; the units of the scale bar stay m/km. */
export const MAPLIBRE_UI_KEYS = [
  'AttributionControl.ToggleAttribution', 'AttributionControl.MapFeedback', 'FullscreenControl.Enter', 'FullscreenControl.Exit',
  'GeolocateControl.FindMyLocation', 'GeolocateControl.LocationNotAvailable', 'LogoControl.Title', 'Map.Title', 'Marker.Title',
  'NavigationControl.ResetBearing', 'NavigationControl.ZoomIn', 'NavigationControl.ZoomOut', 'Popup.Close',
  'GlobeControl.Enable', 'GlobeControl.Disable', 'TerrainControl.Enable', 'TerrainControl.Disable',
  'CooperativeGesturesHandler.WindowsHelpText', 'CooperativeGesturesHandler.MacHelpText', 'CooperativeGesturesHandler.MobileHelpText',
] as const;

/**
 * MapLibre's `locale` option (UI string id → text) in the UI language: each id is looked up through the i18n layer as
 * `maplibre.<id>` (client/i18n/sites.ts; the English entries repeat MapLibre's defaults).
 */
export function mapLibreLocale(t: (key: string) => string): Record<string, string> {
  return Object.fromEntries(MAPLIBRE_UI_KEYS.map((k) => [k, t(`maplibre.${k}`)]));
}

/**
 * Switch a live map's UI strings: MapLibre reads `locale` only when a map or control is created, so after a language
 * switch this patches the map's string table (`map._locale`, declared on the Map type) for later lookups and rewrites
 * the strings already in the DOM: the canvas's aria-label (Map.Title) and the navigation, attribution and fullscreen
 * buttons' title and aria-label.
 */
export function applyMapLocale(map: MlMap, locale: Record<string, string>): void {
  Object.assign(map._locale, locale);
  const root = map.getContainer();
  const set = (selector: string, key: string, attrs: ('title' | 'aria-label')[] = ['title', 'aria-label']) => {
    const text = locale[key];
    if (!text) return;
    root.querySelectorAll(selector).forEach((el) => { for (const a of attrs) el.setAttribute(a, text); });
  };
  set('canvas.maplibregl-canvas', 'Map.Title', ['aria-label']);
  set('.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn');
  set('.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut');
  set('.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing');
  set('.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution');
  set('.maplibregl-ctrl-fullscreen', 'FullscreenControl.Enter');
  set('.maplibregl-ctrl-shrink', 'FullscreenControl.Exit');
  set('.maplibregl-ctrl-logo', 'LogoControl.Title', ['aria-label']);
}
