import type { StyleSpecification } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { fetchBasemap } from '../api/sites';
import { offlineStyle } from '../map/offlineStyle';
import type { MapLabel } from './CompareMaps';
import { BOROUGH_FIPS } from '../areas/ntaFilter';

/** The maps' offline basemap style, its attribution, and the labels: boroughs in the UI language, neighbourhoods (NTAs). */
export function useCoverageBasemap({ onError, t }: {
  onError: (message: string) => void;
  t: (key: string) => string;
}): { style: StyleSpecification | null; attribution: string; labels: MapLabel[] } {
  const [style, setStyle] = useState<StyleSpecification | null>(null);
  const [attribution, setAttribution] = useState('');
  const [boroughLabels, setBoroughLabels] = useState<{ fips: string; lng: number; lat: number }[]>([]);
  const [ntaLabels, setNtaLabels] = useState<MapLabel[]>([]);
  useEffect(() => {
    fetchBasemap()
      .then((b) => {
        setStyle(offlineStyle(b));
        setAttribution(b.attribution.join(' · '));
        // borough labels carry the borough number (GeoLookup 1 Bronx … 5 Staten Island)
        const fipsOf = (code: string) => BOROUGH_FIPS.find((x) => String(x.code) === code)?.fips;
        setBoroughLabels(b.labels.filter((l) => l.kind === 'borough' && fipsOf(l.code)).map((l) => ({ fips: fipsOf(l.code)!, lng: l.lng, lat: l.lat })));
        // neighbourhood (2020 NTA) names are proper names, shown as published
        setNtaLabels(b.labels.filter((l) => l.kind === 'neighborhood').map((l) => ({ name: l.name, lng: l.lng, lat: l.lat, kind: 'neighborhood' as const })));
      })
      .catch((e) => onError(String(e.message ?? e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const labels: MapLabel[] = useMemo(
    () => [...ntaLabels, ...boroughLabels.map((l) => ({ name: t(`cov.borough.${l.fips}`), lng: l.lng, lat: l.lat, kind: 'borough' as const }))],
    [boroughLabels, ntaLabels, t],
  );
  return { style, attribution, labels };
}
