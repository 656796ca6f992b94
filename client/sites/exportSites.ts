import Papa from 'papaparse';
import type { ScoredSite } from '../api/sites';
import { FACTOR_NAMES } from '../../core/scoring/siteScore';
import { forecastColumns } from '../../core/api/forecast';

/** Flat columns of one scored site: rank, id, lng, lat, score, then `<factor>_<field>` for every factor field. */
export function siteRow(s: ScoredSite): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = { rank: s.rank, id: s.id, lng: s.lng, lat: s.lat, score: round(s.score, 4) };
  if (s.forecast) Object.assign(row, forecastColumns(s.forecast));
  for (const f of FACTOR_NAMES) {
    for (const [k, v] of Object.entries(s.factors[f] as unknown as Record<string, unknown>)) {
      row[`${f}_${k}`] = typeof v === 'number' ? round(v, 6) : v === undefined ? null : (v as string | null);
    }
  }
  return row;
}

function round(x: number, digits: number): number {
  const m = 10 ** digits;
  return Math.round(x * m) / m;
}

/**
 * Scored sites as CSV (RFC 4180 via papaparse), sorted by rank, one column per field of {@link siteRow};
 * the header is the union of every site's fields in first-seen order.
 */
export function sitesToCsv(sites: ScoredSite[]): string {
  const rows = [...sites].sort((a, b) => a.rank - b.rank).map(siteRow);
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); columns.push(k); }
  return Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\r\n' });
}

/** Scored sites as a GeoJSON FeatureCollection of points (properties = {@link siteRow} without lng/lat), sorted by rank. */
export function sitesToGeoJson(sites: ScoredSite[]): GeoJSON.FeatureCollection<GeoJSON.Point> {
  return {
    type: 'FeatureCollection',
    features: [...sites].sort((a, b) => a.rank - b.rank).map((s) => {
      const { lng, lat, ...props } = siteRow(s);
      return { type: 'Feature', id: s.id, geometry: { type: 'Point', coordinates: [lng as number, lat as number] }, properties: props };
    }),
  };
}

/** Offer `text` as a file download in the browser. */
export function downloadText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
