import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { Map, NavigationControl, ScaleControl, useControl, type MapRef } from '@vis.gl/react-maplibre';
import * as maplibregl from 'maplibre-gl';
import type { MapLayerMouseEvent, StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { applyMapLocale, mapLibreLocale } from './mapLocale';

/** deck.gl drawn over MapLibre as a map control (MapboxOverlay), so both share one camera. */
function DeckOverlay(props: MapboxOverlayProps & { overlayRef: React.RefObject<MapboxOverlay | null> }) {
  const { overlayRef, ...rest } = props;
  const overlay = useControl<MapboxOverlay>(() => new MapboxOverlay(rest));
  overlay.setProps(rest);
  overlayRef.current = overlay;
  return null;
}

export interface SiteMapHandle {
  map: () => maplibregl.Map | null;
  /** deck.gl pick at a screen point (pixels from the map's top-left). */
  pick: (x: number, y: number, layerIds?: string[]) => PickingInfo | null;
  flyTo: (lng: number, lat: number, zoom?: number) => void;
}

export interface SiteMapProps {
  mapStyle: StyleSpecification | string;
  bounds: [number, number, number, number];
  /** A camera to open at instead of fitting `bounds` (e.g. from the address). */
  initialView?: { lng: number; lat: number; zoom: number } | null;
  layers: Layer[];
  cursor: string;
  onClick: (e: MapLayerMouseEvent) => void;
  onHover: (info: PickingInfo) => void;
  getTooltip: MapboxOverlayProps['getTooltip'];
  onIdle: () => void;
  onBusy: () => void;
  onZoom: (zoom: number) => void;
  onLoad: (map: maplibregl.Map) => void;
  /** Called after each deck.gl frame (readiness for tests). */
  onAfterRender?: () => void;
  children?: ReactNode;
}

/**
 * The MapLibre map (offline style or an online style URL) with the deck.gl overlay on top. No scoring here:
 * the parent passes ready-made layers and handles clicks. MapLibre 6 in a Vite build needs its worker URL
 * passed explicitly (STACK.md trap 4).
 */
export const SiteMap = forwardRef<SiteMapHandle, SiteMapProps>(function SiteMap(props, ref) {
  const mapRef = useRef<MapRef>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  useImperativeHandle(ref, () => ({
    map: () => mapRef.current?.getMap() ?? null,
    pick: (x, y, layerIds) => overlayRef.current?.pickObject({ x, y, radius: 3, layerIds }) ?? null,
    flyTo: (lng, lat, zoom) => mapRef.current?.flyTo({ center: [lng, lat], zoom: zoom ?? Math.max(mapRef.current.getZoom(), 13), duration: 800 }),
  }));
  // MapLibre's own control strings (zoom buttons, the map's aria label) in the UI language, also after a switch.
  const { t } = useI18n();
  const uiLocale = useMemo(() => mapLibreLocale(t), [t]);
  useEffect(() => {
    const map = mapRef.current?.getMap();
    if (map) applyMapLocale(map, uiLocale);
  }, [uiLocale]);
  const { onZoom } = props;
  const onMove = useCallback((e: { viewState: { zoom: number } }) => onZoom(e.viewState.zoom), [onZoom]);
  const [w, s, e, n] = props.bounds;
  return (
    <Map
      ref={mapRef}
      mapLib={maplibregl}
      workerUrl={workerUrl}
      initialViewState={props.initialView
        ? { longitude: props.initialView.lng, latitude: props.initialView.lat, zoom: props.initialView.zoom }
        : { bounds: [[w, s], [e, n]], fitBoundsOptions: { padding: { top: 24, bottom: 24, right: 24, left: 280 } } }}
      mapStyle={props.mapStyle}
      style={{ position: 'absolute', inset: 0 }}
      cursor={props.cursor}
      onClick={props.onClick}
      onMove={onMove}
      onIdle={props.onIdle}
      onMoveStart={props.onBusy}
      onLoad={(ev) => { applyMapLocale(ev.target, uiLocale); props.onLoad(ev.target); }}
      locale={uiLocale}
      attributionControl={{ compact: true }}
      minZoom={6}
      maxZoom={18}
      dragRotate={false}
      pitchWithRotate={false}
    >
      <NavigationControl position="top-right" showCompass={false} />
      <ScaleControl position="bottom-right" unit="metric" />
      <DeckOverlay overlayRef={overlayRef} layers={props.layers} interleaved={false} onHover={props.onHover} getTooltip={props.getTooltip} onAfterRender={props.onAfterRender} />
      {props.children}
    </Map>
  );
});
