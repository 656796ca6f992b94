import { Map as MlMap, Marker, NavigationControl, Popup, ScaleControl, setWorkerUrl, type GeoJSONSource, type MapLayerMouseEvent, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { applyMapLocale, mapLibreLocale } from '../map/mapLocale';
import { publishStatus } from '../sites/status';
import { linkCameras, type HexProps, type OutletProps } from './mapData';

setWorkerUrl(workerUrl);

/** What one side of the comparison draws. */
export interface MapSide {
  title: string;
  subtitle?: string;
  outlets: FeatureCollection<Point, OutletProps>;
  hexes: FeatureCollection<Polygon, HexProps>;
  /** Walk-time catchments (isochrone outlines) and the Midtown extract outline (`kind: "extract"`), if shown. */
  walk?: FeatureCollection<Polygon | MultiPolygon>;
}

export interface MapLabel {
  name: string;
  lng: number;
  lat: number;
  /** Boroughs are labelled at every zoom, neighbourhoods (2020 NTAs) from {@link NEIGHBOURHOOD_LABEL_MINZOOM}. */
  kind: 'borough' | 'neighborhood';
}

/** Zoom from which neighbourhood names are shown (about 2 km across a map pane: a few NTAs in view). */
export const NEIGHBOURHOOD_LABEL_MINZOOM = 12.5;

/** Whether `l` is labelled at `zoom`. */
export function labelShown(l: MapLabel, zoom: number): boolean {
  return l.kind === 'borough' || zoom >= NEIGHBOURHOOD_LABEL_MINZOOM;
}

/** A captured map image for the PDF brief. */
export interface MapCapture {
  dataUrl: string;
  widthPx: number;
  heightPx: number;
}

export interface CompareMapsHandle {
  /** PNG of both maps as they are now (labels drawn in), left then right; null for a map not ready. */
  capture: () => (MapCapture | null)[];
  maps: () => (MlMap | null)[];
  /** Move both (linked) cameras to a bbox `[west, south, east, north]`. */
  fitTo: (bbox: [number, number, number, number]) => void;
  /**
   * Frame both maps on a bbox (for the PDF brief) and resolve once both have drawn it (or after 4 s). With `sizePx`
   * `[width, height]` (CSS pixels) the maps are first moved off screen at that size, so the capture does not depend
   * on the window. The returned function puts the maps and the camera back where the user had them.
   */
  frame: (bbox: [number, number, number, number], sizePx?: [number, number]) => Promise<() => void>;
}

export interface CompareMapsProps {
  style: StyleSpecification | null;
  bounds: [number, number, number, number];
  left: MapSide;
  right: MapSide;
  labels: MapLabel[];
  /** Click on an outlet of the right map (to close / reopen it). */
  onOutletClick?: (props: OutletProps) => void;
  /** "Add site on click" mode: a click anywhere on the right map calls `onMapClick` (outlet clicks are ignored). */
  addMode?: boolean;
  onMapClick?: (lng: number, lat: number) => void;
  /** Banner text shown over the right map while `addMode` is on. */
  addBanner?: string;
  /** Tooltip text for a hovered outlet or hexagon (null: no tooltip). */
  describe?: (layer: 'outlet' | 'hex' | 'walk', props: Record<string, unknown>) => string | null;
  /** Both maps have loaded their style and drawn (idle) with the current data. */
  onIdleChange?: (idle: [boolean, boolean]) => void;
  legend: ReactNode;
  /** Map settings (opacity, colour ramp, basemap), shown over map A's top-left corner. */
  settings?: ReactNode;
  /** Share (0.2–1) of the hexagon layer's own fill opacity ({@link HEX_FILL_OPACITY}), from Map settings; default 1. */
  hexOpacity?: number;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** Fill opacity of the gap / difference hexagons at 100 % in Map settings (the basemap stays readable under them). */
export const HEX_FILL_OPACITY = 0.78;
const COLORS = { own: '#1f5fa8', added: '#e07a1f', closed: '#9aa3ad', cross: '#c0392b', walk: '#0e8f7e' };

/**
 * Two MapLibre maps side by side with one camera (moving either moves the other, see `linkCameras`): each shows
 * its scenario's outlets (own blue, added orange and larger, closed grey with a red cross) over a hexagon layer
 * (the gap map or the gained/lost difference map). Labels are HTML markers so Chinese renders without a glyph
 * server. `preserveDrawingBuffer` is on so the canvases can be captured for the PDF brief.
 */
export const CompareMaps = forwardRef<CompareMapsHandle, CompareMapsProps>(function CompareMaps(props, ref) {
  const leftEl = useRef<HTMLDivElement>(null);
  const rightEl = useRef<HTMLDivElement>(null);
  const maps = useRef<(MlMap | null)[]>([null, null]);
  const loaded = useRef<[boolean, boolean]>([false, false]);
  const idle = useRef<[boolean, boolean]>([false, false]);
  const sides = useRef<[MapSide, MapSide]>([props.left, props.right]);
  sides.current = [props.left, props.right];
  const onClick = useRef(props.onOutletClick);
  onClick.current = props.onOutletClick;
  const addMode = useRef(!!props.addMode);
  addMode.current = !!props.addMode;
  const onMapClick = useRef(props.onMapClick);
  onMapClick.current = props.onMapClick;
  const onIdleChange = useRef(props.onIdleChange);
  onIdleChange.current = props.onIdleChange;
  const describe = useRef(props.describe);
  describe.current = props.describe;
  const labels = useRef(props.labels);
  labels.current = props.labels;
  const hexOpacity = useRef(props.hexOpacity ?? 1);
  hexOpacity.current = props.hexOpacity ?? 1;
  // The box last framed (the study area, or Midtown in walk mode): re-framed when the panes change size until the
  // user moves the map, so the area fills the panes at every window size.
  const framed = useRef<[number, number, number, number]>(props.bounds);
  const userMoved = useRef(false);
  // While the brief's captures are drawn off screen the panes' size changes are not re-framed.
  const capturing = useRef(false);
  const fit = (bbox: [number, number, number, number]) => {
    framed.current = bbox;
    userMoved.current = false;
    maps.current[0]?.fitBounds(bbox, { padding: 12, duration: 0 });
  };
  // MapLibre's control strings and the maps' aria label in the UI language (at creation and after a switch).
  const { t } = useI18n();
  const uiLocale = useMemo(() => mapLibreLocale(t), [t]);
  const uiLocaleRef = useRef(uiLocale);
  uiLocaleRef.current = uiLocale;
  useEffect(() => {
    for (const m of maps.current) if (m) applyMapLocale(m, uiLocale);
  }, [uiLocale]);

  const setIdle = (i: number, v: boolean) => {
    if (idle.current[i] === v) return;
    idle.current = i === 0 ? [v, idle.current[1]] : [idle.current[0], v];
    onIdleChange.current?.(idle.current);
  };

  useImperativeHandle(ref, () => ({
    maps: () => maps.current,
    fitTo: (bbox) => fit(bbox),
    frame: async ([w, s, e, n], sizePx) => {
      const [a, b] = maps.current;
      const els = [leftEl.current, rightEl.current];
      if (!a || !b || !els[0] || !els[1]) return () => undefined;
      const prev = { center: a.getCenter(), zoom: a.getZoom() };
      const prevCss = els.map((el) => el!.style.cssText);
      if (sizePx) {
        capturing.current = true;
        for (const el of els) el!.style.cssText = `position: fixed; left: -${sizePx[0] + 100}px; top: 0; width: ${sizePx[0]}px; height: ${sizePx[1]}px; flex: none;`;
        a.resize();
        b.resize();
      }
      const drawn = [a, b].map((m) => new Promise<void>((resolve) => { m.once('idle', () => resolve()); setTimeout(resolve, 4000); }));
      a.fitBounds([w, s, e, n], { padding: 12, duration: 0, maxZoom: 14 });
      a.triggerRepaint();
      b.triggerRepaint();
      await Promise.all(drawn);
      return () => {
        if (sizePx) {
          els.forEach((el, i) => { el!.style.cssText = prevCss[i]; });
          a.resize();
          b.resize();
          capturing.current = false;
        }
        a.jumpTo(prev);
      };
    },
    capture: () => maps.current.map((m) => (m && loaded.current[maps.current.indexOf(m)] ? captureWithLabels(m, labels.current) : null)),
  }));

  // A new study area is framed (before the maps exist too: they open on it).
  const boundsKey = props.bounds.join(',');
  useEffect(() => {
    if (maps.current[0]) fit(props.bounds);
    else framed.current = props.bounds;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boundsKey]);

  // Create both maps once the style is known.
  useEffect(() => {
    if (!props.style || !leftEl.current || !rightEl.current) return;
    const [w, s, e, n] = framed.current;
    const created = [leftEl.current, rightEl.current].map((container, i) => {
      const map = new MlMap({
        container,
        style: props.style!,
        bounds: [w, s, e, n],
        fitBoundsOptions: { padding: 12 },
        attributionControl: false, // the attribution is shown in the legend bar (it would cover the small maps)
        locale: uiLocaleRef.current,
        canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
        dragRotate: false,
        pitchWithRotate: false,
      });
      map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
      map.on('load', () => {
        addDataLayers(map, hexOpacity.current);
        loaded.current[i] = true;
        pushData(map, sides.current[i]);
      });
      map.on('idle', () => setIdle(i, loaded.current[i]));
      map.on('movestart', (ev) => { if ((ev as { originalEvent?: unknown }).originalEvent) userMoved.current = true; });
      map.on('moveend', () => {
        // Camera of both maps for browser tests (they must stay linked).
        publishStatus({ covCameras: maps.current.map((m) => (m ? { lng: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() } : null)) });
      });
      map.on('dataloading', () => setIdle(i, false));
      const popup = new Popup({ closeButton: false, closeOnClick: false, className: 'cov-popup', maxWidth: '260px', offset: 8 });
      map.on('mousemove', (ev) => {
        if (!loaded.current[i]) return;
        const layers = ['outlets-added', 'outlets-closed', 'outlets-own', 'walk-hit', 'hexes-fill'];
        const hits = map.queryRenderedFeatures(ev.point, { layers });
        const outlet = hits.find((h) => h.layer.id.startsWith('outlets-'));
        // Walk catchments overlap: the tooltip counts the outlets within the walk time of this point.
        const walkIds = new Set(hits.filter((h) => h.layer.id === 'walk-hit').map((h) => String(h.properties?.id)));
        const hex = hits.find((h) => h.layer.id === 'hexes-fill');
        const text = outlet ? describe.current?.('outlet', outlet.properties ?? {})
          : walkIds.size > 0 ? describe.current?.('walk', { count: walkIds.size })
          : hex ? describe.current?.('hex', hex.properties ?? {}) : null;
        if (text) popup.setLngLat(ev.lngLat).setText(text).addTo(map);
        else popup.remove();
      });
      map.on('mouseout', () => popup.remove());
      if (i === 1) {
        const click = (ev: MapLayerMouseEvent) => {
          if (addMode.current) return; // the map click below adds a site instead
          const f = ev.features?.[0];
          if (f) onClick.current?.(f.properties as OutletProps);
        };
        for (const layer of ['outlets-own', 'outlets-closed']) {
          map.on('click', layer, click);
          map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = addMode.current ? 'crosshair' : 'pointer'));
          map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = addMode.current ? 'crosshair' : ''));
        }
        map.on('click', (ev) => {
          if (addMode.current) onMapClick.current?.(ev.lngLat.lng, ev.lngLat.lat);
        });
      }
      return map;
    });
    maps.current = created;
    (window as unknown as { __covMaps?: MlMap[] }).__covMaps = created; // for browser tests (project, query features)
    const unlink = linkCameras(created[0], created[1]);
    // MapLibre follows its container's size; the framing is redone after it (until the user moves the map)
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (userMoved.current || capturing.current) return;
        created.forEach((m) => m.resize());
        created[0].fitBounds(framed.current, { padding: 12, duration: 0 });
      });
    });
    ro.observe(leftEl.current);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame);
      unlink();
      created.forEach((m) => m.remove());
      maps.current = [null, null];
      loaded.current = [false, false];
      idle.current = [false, false];
    };
    // The bounds are the initial camera only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.style]);

  // Labels as HTML markers (re-created when their text changes, e.g. language switch): boroughs always,
  // neighbourhoods once zoomed in far enough to read them (added and removed as the zoom crosses the threshold).
  useEffect(() => {
    const cleanups: (() => void)[] = [];
    for (const m of maps.current) {
      if (!m) continue;
      const markers = props.labels.map((l) => {
        const el = document.createElement('div');
        el.className = `cov-map-label ${l.kind}`;
        el.textContent = l.name;
        return { l, mk: new Marker({ element: el }).setLngLat([l.lng, l.lat]), on: false };
      });
      const update = () => {
        const z = m.getZoom();
        for (const x of markers) {
          const want = labelShown(x.l, z);
          if (want && !x.on) x.mk.addTo(m);
          else if (!want && x.on) x.mk.remove();
          x.on = want;
        }
      };
      update();
      m.on('zoomend', update);
      cleanups.push(() => { m.off('zoomend', update); markers.forEach((x) => x.mk.remove()); });
    }
    return () => cleanups.forEach((c) => c());
  }, [props.labels, props.style]);

  useEffect(() => {
    maps.current.forEach((m, i) => {
      if (m && loaded.current[i]) pushData(m, i === 0 ? props.left : props.right);
    });
  }, [props.left, props.right]);

  // Map settings' opacity on both maps' hexagons.
  useEffect(() => {
    maps.current.forEach((m, i) => {
      if (m && loaded.current[i]) m.setPaintProperty('hexes-fill', 'fill-opacity', HEX_FILL_OPACITY * (props.hexOpacity ?? 1));
    });
  }, [props.hexOpacity]);

  // Crosshair on the right map while "add site on click" is on.
  useEffect(() => {
    const m = maps.current[1];
    if (m) m.getCanvas().style.cursor = props.addMode ? 'crosshair' : '';
  }, [props.addMode, props.style]);

  return (
    <div className="cov-maps">
      {[props.left, props.right].map((side, i) => (
        <section key={i} className={`cov-map-pane${i === 1 && props.addMode ? ' adding' : ''}`} data-testid={`cov-map-${i === 0 ? 'left' : 'right'}`}>
          <header className="cov-map-head">
            <span className="cov-map-side">{i === 0 ? 'A' : 'B'}</span>
            <span className="cov-map-title" title={side.title}>{side.title}</span>
            {side.subtitle && <span className="cov-map-sub">{side.subtitle}</span>}
          </header>
          <div className="cov-map" ref={i === 0 ? leftEl : rightEl} />
          {i === 1 && props.addMode && props.addBanner && <div className="cov-add-banner" data-testid="cov-add-banner">{props.addBanner}</div>}
        </section>
      ))}
      {props.settings}
      <div className="cov-map-legend" data-testid="cov-map-legend">
        {props.legend}
      </div>
    </div>
  );
});

function addDataLayers(map: MlMap, opacityShare: number) {
  map.addImage('closed-cross', crossIcon(), { pixelRatio: 2 });
  map.addSource('hexes', { type: 'geojson', data: EMPTY });
  map.addSource('outlets', { type: 'geojson', data: EMPTY });
  map.addSource('walk', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'hexes-fill', type: 'fill', source: 'hexes', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': HEX_FILL_OPACITY * opacityShare } });
  map.addLayer({
    id: 'hexes-line', type: 'line', source: 'hexes', filter: ['==', ['get', 'kind'], 'gap'],
    paint: { 'line-color': '#ffffff', 'line-width': 0.4, 'line-opacity': 0.7 },
  });
  map.addLayer({
    id: 'hexes-change-line', type: 'line', source: 'hexes', filter: ['!=', ['get', 'kind'], 'gap'],
    paint: { 'line-color': ['match', ['get', 'kind'], 'gained', '#00441b', '#67000d'], 'line-width': 1.1 },
  });
  // Walk-time catchments: drawn once, as the union of the side's catchments (teal); each catchment on its own in a
  // transparent layer that only the hover queries (how many outlets are within the walk time of a point).
  map.addLayer({
    id: 'walk-hit', type: 'fill', source: 'walk', filter: ['==', ['get', 'kind'], 'catchment'],
    paint: { 'fill-color': COLORS.walk, 'fill-opacity': 0 },
  });
  map.addLayer({
    id: 'walk-fill', type: 'fill', source: 'walk', filter: ['==', ['get', 'kind'], 'union'],
    paint: { 'fill-color': COLORS.walk, 'fill-opacity': 0.2 },
  });
  map.addLayer({
    id: 'walk-line', type: 'line', source: 'walk', filter: ['==', ['get', 'kind'], 'union'],
    paint: { 'line-color': COLORS.walk, 'line-width': 1.6 },
  });
  map.addLayer({
    id: 'walk-extract', type: 'line', source: 'walk', filter: ['==', ['get', 'kind'], 'extract'],
    paint: { 'line-color': '#1b2631', 'line-width': 2, 'line-dasharray': [3, 2] },
  });
  const r = (lo: number, hi: number) => ['interpolate', ['linear'], ['zoom'], 9, lo, 14, hi] as unknown as number;
  map.addLayer({
    id: 'outlets-own', type: 'circle', source: 'outlets', filter: ['==', ['get', 'kind'], 'own'],
    paint: { 'circle-color': COLORS.own, 'circle-radius': r(2.6, 6), 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.8 },
  });
  map.addLayer({
    id: 'outlets-closed', type: 'circle', source: 'outlets', filter: ['==', ['get', 'kind'], 'closed'],
    paint: { 'circle-color': COLORS.closed, 'circle-radius': r(3, 6.5), 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.8 },
  });
  map.addLayer({
    id: 'outlets-closed-cross', type: 'symbol', source: 'outlets', filter: ['==', ['get', 'kind'], 'closed'],
    layout: { 'icon-image': 'closed-cross', 'icon-size': r(0.7, 1.2), 'icon-allow-overlap': true, 'icon-ignore-placement': true },
  });
  map.addLayer({
    id: 'outlets-added', type: 'circle', source: 'outlets', filter: ['==', ['get', 'kind'], 'added'],
    paint: { 'circle-color': COLORS.added, 'circle-radius': r(3.6, 8), 'circle-stroke-color': '#5a2d00', 'circle-stroke-width': 1.2 },
  });
}

function pushData(map: MlMap, side: MapSide) {
  (map.getSource('hexes') as GeoJSONSource | undefined)?.setData(side.hexes);
  (map.getSource('outlets') as GeoJSONSource | undefined)?.setData(side.outlets);
  (map.getSource('walk') as GeoJSONSource | undefined)?.setData(side.walk ?? EMPTY);
}

/** A red "×" (2× pixel ratio) for closed outlets; symbol layers with icons only need no glyphs. */
function crossIcon(): ImageData {
  const size = 28;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  g.lineCap = 'round';
  for (const [w, color] of [[7, '#ffffff'], [4, COLORS.cross]] as const) {
    g.strokeStyle = color;
    g.lineWidth = w;
    g.beginPath();
    g.moveTo(6, 6);
    g.lineTo(size - 6, size - 6);
    g.moveTo(size - 6, 6);
    g.lineTo(6, size - 6);
    g.stroke();
  }
  return g.getImageData(0, 0, size, size);
}

/** Copy the map canvas and draw the label markers' text onto it (markers are HTML, not part of the canvas). */
function captureWithLabels(map: MlMap, labels: MapLabel[]): MapCapture {
  const src = map.getCanvas();
  const out = document.createElement('canvas');
  out.width = src.width;
  out.height = src.height;
  const g = out.getContext('2d')!;
  g.drawImage(src, 0, 0);
  const ratio = src.width / src.clientWidth || 1;
  g.font = `600 ${Math.round(12 * ratio)}px 'Latin Quotes', 'Noto Sans SC', sans-serif`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.lineJoin = 'round';
  for (const l of labels) {
    if (!labelShown(l, map.getZoom())) continue;
    const p = map.project([l.lng, l.lat]);
    if (p.x < 0 || p.y < 0 || p.x > src.clientWidth || p.y > src.clientHeight) continue;
    g.strokeStyle = 'rgba(255,255,255,0.9)';
    g.lineWidth = 3 * ratio;
    g.strokeText(l.name, p.x * ratio, p.y * ratio);
    g.fillStyle = '#2b3540';
    g.fillText(l.name, p.x * ratio, p.y * ratio);
  }
  return { dataUrl: out.toDataURL('image/png'), widthPx: out.width, heightPx: out.height };
}
