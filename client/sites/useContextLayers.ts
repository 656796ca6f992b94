import { useEffect, useMemo, useState } from 'react';
import { fetchDemandLayer, fetchStopsLayer, type Bbox } from '../api/sites';
import { demandHexes, quantileBreaks } from '../map/demandHexes';
import { demandRows, stopRows, type DemandDatum, type LayerKey, type StopDatum } from '../map/siteLayers';

/**
 * Lazily load the context layers (residents, transit stops) for the NYC area the first time each is switched on;
 * keep them afterwards. Returns the rows, the residents summed per H3 res-8 hexagon with their 6 quantile class breaks
 * (residents per hexagon), per-layer loading flags and the last error.
 */
export function useContextLayers(visible: Record<LayerKey, boolean>, bbox: Bbox | null) {
  const [demand, setDemand] = useState<DemandDatum[] | null>(null);
  const [stops, setStops] = useState<StopDatum[] | null>(null);
  const [loading, setLoading] = useState<Partial<Record<LayerKey, boolean>>>({});
  const [error, setError] = useState<string | null>(null);
  const wantDemand = visible.demand && !demand && !!bbox;
  const wantStops = visible.stops && !stops && !!bbox;
  useEffect(() => {
    if (!wantDemand || !bbox) return;
    setLoading((l) => ({ ...l, demand: true }));
    fetchDemandLayer(bbox)
      .then((d) => setDemand(demandRows(d)), (e) => setError((e as Error).message))
      .finally(() => setLoading((l) => ({ ...l, demand: false })));
  }, [wantDemand, bbox]);
  useEffect(() => {
    if (!wantStops || !bbox) return;
    setLoading((l) => ({ ...l, stops: true }));
    fetchStopsLayer(bbox)
      .then((s) => setStops(stopRows(s)), (e) => setError((e as Error).message))
      .finally(() => setLoading((l) => ({ ...l, stops: false })));
  }, [wantStops, bbox]);
  const hexes = useMemo(() => (demand ? demandHexes(demand) : null), [demand]);
  const demandBreaks = useMemo(() => quantileBreaks(hexes?.map((h) => h.residents) ?? [], 6), [hexes]);
  return { demand, demandHexes: hexes, demandBreaks, stops, loading, error };
}
