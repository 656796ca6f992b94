import { useEffect, useMemo, useState } from 'react';
import { fetchDemandLayer, fetchStopsLayer, type Bbox } from '../api/sites';
import { demandHexes, quantileBreaks } from '../map/demandHexes';
import { demandRows, stopRows, type DemandDatum, type LayerKey, type StopDatum } from '../map/siteLayers';

/**
 * Lazily load the context layers (residents, transit stops) for the study area's bbox the first time each is
 * switched on; keep them until the bbox changes. Returns the rows, the residents summed per H3 res-8 hexagon with their
 * 6 quantile class breaks (residents per hexagon), per-layer loading flags and the last error.
 */
export function useContextLayers(visible: Record<LayerKey, boolean>, bbox: Bbox | null) {
  const [demand, setDemand] = useState<{ key: string; rows: DemandDatum[] } | null>(null);
  const [stops, setStops] = useState<{ key: string; rows: StopDatum[] } | null>(null);
  const [loading, setLoading] = useState<Partial<Record<LayerKey, boolean>>>({});
  const [error, setError] = useState<string | null>(null);
  const key = bbox ? bbox.join(',') : '';
  // loaded once per bbox (the study area's): switching a layer off and on again reuses it
  const wantDemand = visible.demand && !!bbox && demand?.key !== key;
  const wantStops = visible.stops && !!bbox && stops?.key !== key;
  useEffect(() => {
    if (!wantDemand || !bbox) return;
    setLoading((l) => ({ ...l, demand: true }));
    fetchDemandLayer(bbox)
      .then((d) => setDemand({ key, rows: demandRows(d) }), (e) => setError((e as Error).message))
      .finally(() => setLoading((l) => ({ ...l, demand: false })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantDemand, key]);
  useEffect(() => {
    if (!wantStops || !bbox) return;
    setLoading((l) => ({ ...l, stops: true }));
    fetchStopsLayer(bbox)
      .then((s) => setStops({ key, rows: stopRows(s) }), (e) => setError((e as Error).message))
      .finally(() => setLoading((l) => ({ ...l, stops: false })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantStops, key]);
  const demandData = demand?.rows ?? null;
  const hexes = useMemo(() => (demandData ? demandHexes(demandData) : null), [demandData]);
  const demandBreaks = useMemo(() => quantileBreaks(hexes?.map((h) => h.residents) ?? [], 6), [hexes]);
  return { demand: demandData, demandHexes: hexes, demandBreaks, stops: stops?.rows ?? null, loading, error };
}
