import { useEffect, useMemo, useState } from 'react';
import { fetchOutlets, type Institution } from '../api/sites';
import { outletBbox } from './coverageArea';
import type { BaseOutlet } from './mapData';

/**
 * The own network's outlets in and around the study area (map box `bounds`, see {@link outletBbox}), and their names
 * by branch id (for closed outlets).
 */
export function useOwnOutlets(own: Institution | null, bounds: [number, number, number, number], onError: (message: string) => void): { outlets: BaseOutlet[]; outletNames: Map<number, string> } {
  const [outlets, setOutlets] = useState<BaseOutlet[]>([]);
  const box = outletBbox(bounds).join(',');
  useEffect(() => {
    if (!own) return;
    let live = true;
    fetchOutlets(box.split(',').map(Number) as [number, number, number, number], own.id)
      .then((rows) => live &&
        setOutlets(
          rows.filter((o) => o.own).map((o) => ({ branchId: Number(o.branchId), lng: o.lng, lat: o.lat, name: [o.branchName, o.city].filter(Boolean).join(', ') })),
        ),
      )
      .catch((e) => { if (live) onError(String(e.message ?? e)); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, box]);
  const outletNames = useMemo(() => new Map(outlets.map((o) => [o.branchId, o.name ?? `#${o.branchId}`])), [outlets]);
  return { outlets, outletNames };
}
