import type { StyleSpecification } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { loadBasemapUrl } from './MapSettings';
import { fetchStyle } from './offlineStyle';

/**
 * The basemap picked in Map settings (shared by both map tabs through localStorage): its style URL (null: the offline
 * basemap), the online style once fetched and checked, and why it failed. An online style is fetched before MapLibre
 * sees it: no internet or a bad URL falls back to the offline basemap with a message instead of a blank map.
 */
export function useOnlineBasemap(): {
  styleUrl: string | null;
  /** A new choice (clears the last failure). */
  setStyleUrl: (url: string | null) => void;
  /** The fetched online style; null for the offline basemap, while fetching, or after a failure. */
  onlineStyle: StyleSpecification | null;
  styleError: string | null;
  clearStyleError: () => void;
} {
  const [styleUrl, setUrl] = useState<string | null>(loadBasemapUrl);
  const [styleError, setStyleError] = useState<string | null>(null);
  const [onlineStyle, setOnlineStyle] = useState<StyleSpecification | null>(null);
  useEffect(() => {
    setOnlineStyle(null);
    if (!styleUrl) return;
    let live = true;
    fetchStyle(styleUrl).then(
      (st) => { if (live) setOnlineStyle(st); },
      (e) => { if (live) { setStyleError((e as Error).message); setUrl(null); } },
    );
    return () => { live = false; };
  }, [styleUrl]);
  return {
    styleUrl,
    setStyleUrl: (url) => { setStyleError(null); setUrl(url); },
    onlineStyle,
    styleError,
    clearStyleError: () => setStyleError(null),
  };
}
