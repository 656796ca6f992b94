import { useEffect, useMemo, useState } from 'react';
import { fetchOutlets, type Institution } from '../api/sites';
import { OUTLET_BBOX } from './coverageArea';
import type { BaseOutlet } from './mapData';

/** The own network's outlets in and around NYC, and their names by branch id (for closed outlets). */
export function useOwnOutlets(own: Institution | null, onError: (message: string) => void): { outlets: BaseOutlet[]; outletNames: Map<number, string> } {
  const [outlets, setOutlets] = useState<BaseOutlet[]>([]);
  useEffect(() => {
    if (!own) return;
    fetchOutlets(OUTLET_BBOX, own.id)
      .then((rows) =>
        setOutlets(
          rows.filter((o) => o.own).map((o) => ({ branchId: Number(o.branchId), lng: o.lng, lat: o.lat, name: [o.branchName, o.city].filter(Boolean).join(', ') })),
        ),
      )
      .catch((e) => onError(String(e.message ?? e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own]);
  const outletNames = useMemo(() => new Map(outlets.map((o) => [o.branchId, o.name ?? `#${o.branchId}`])), [outlets]);
  return { outlets, outletNames };
}
