import type { Locale } from '../i18n/messages';

const tag = (l: Locale) => (l === 'zh' ? 'zh-CN' : 'en-US');

/** Whole number with grouping, e.g. 12,345 (en) / 12,345 (zh). `null`/non-finite → '—'. */
export function formatInt(locale: Locale, n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? '—' : new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 0 }).format(n);
}

/** A score 0–100 with one decimal (e.g. 73.4). */
export function formatScore(locale: Locale, n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? '—' : new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** A share 0–1 as a percentage with one decimal (0.0512 → 5.1%). */
export function formatShare(locale: Locale, share: number | null | undefined): string {
  return share == null || !Number.isFinite(share) ? '—' : new Intl.NumberFormat(tag(locale), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

/** A distance in metres: under 1 km as whole metres (`120 m`), else km with one decimal (`1.2 km`). */
export function formatDistanceM(locale: Locale, m: number | null | undefined): string {
  if (m == null || !Number.isFinite(m)) return '—';
  if (m < 1000) return `${formatInt(locale, m)} m`;
  return `${new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(m / 1000)} km`;
}

/** Short label of a site id: H3 cells are shortened to the last 6 hex digits before the unused trailing `f`s (`…00d2c3`). */
export function shortId(id: string): string {
  return /^8[0-9a-f]{14}$/i.test(id) ? '…' + id.replace(/f+$/i, '').slice(-6) : id;
}

/**
 * Latitude, longitude (degrees, WGS84) as "lat, lng" with `decimals` places (default 5 ≈ 1.1 m), ASCII minus so the
 * text pastes into any map search: (40.849123, -73.905412) → "40.84912, -73.90541".
 */
export function formatLatLng(lat: number, lng: number, decimals = 5): string {
  return `${lat.toFixed(decimals)}, ${lng.toFixed(decimals)}`;
}
