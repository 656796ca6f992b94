import { formatLatLng, shortId } from './format';

export interface TopRowLabel {
  /** The site's human name (neighbourhood, imported id, "Added site n"). */
  name: string;
  /** A short line that tells rows apart: "lat, lng" to 3 decimals (≈ 110 m), plus the cell id if that still repeats. */
  detail: string;
  /** Tooltip: full name, coordinates to 5 decimals and the site id. */
  title: string;
}

/**
 * Labels for the top-N table, where many H3 cells share a neighbourhood name ("Mount Hope" ×6): each row gets its
 * name plus a distinguishing detail line, coordinates to 3 decimals; rows whose name and rounded coordinates still
 * coincide also get the short cell id (`…00d2c3`), so no two rows read the same.
 */
export function topRowLabels(sites: { id: string; lng: number; lat: number }[], labelOf: (s: { id: string; lng: number; lat: number }) => string): TopRowLabel[] {
  const rows = sites.map((s) => {
    const name = labelOf(s);
    return { name, detail: formatLatLng(s.lat, s.lng, 3), title: `${name}\n${formatLatLng(s.lat, s.lng)}\n${s.id}`, id: s.id };
  });
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(`${r.name}|${r.detail}`, (seen.get(`${r.name}|${r.detail}`) ?? 0) + 1);
  return rows.map(({ id, ...r }) => (seen.get(`${r.name}|${r.detail}`)! > 1 ? { ...r, detail: `${r.detail} · ${shortId(id)}` } : r));
}
