import type { Locale } from '../i18n/messages';
import type { FeatureValue } from '../../core/forecast/featureUnits';

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

/**
 * US dollars in millions, the unit of branch deposits: en `$182 M` / `$9.5 M`, `$1.23 B` from a billion and `$412 K`
 * below a million; zh `1.82 亿美元` / `950 万美元` (亿 = 10⁸, 万 = 10⁴), plain `美元` below 10⁴. Three significant figures at
 * most, whole millions from $100 M.
 */
export function formatUsd(locale: Locale, usd: number | null | undefined): string {
  if (usd == null || !Number.isFinite(usd)) return '—';
  const sig = (x: number) => new Intl.NumberFormat(tag(locale), { maximumSignificantDigits: x >= 100 ? Math.max(3, Math.ceil(Math.log10(x + 1))) : 3 }).format(x);
  const a = Math.abs(usd);
  // 亿 amounts keep three figures (8.50, not 8.5, beside 8.87 in a list; English reads $850 M)
  const sig3 = (x: number) => new Intl.NumberFormat(tag(locale), { minimumSignificantDigits: 3, maximumSignificantDigits: 3 }).format(x);
  if (locale === 'zh') return a >= 1e8 ? `${a >= 1e10 ? sig(usd / 1e8) : sig3(usd / 1e8)} 亿美元` : a >= 1e4 ? `${sig(usd / 1e4)} 万美元` : `${sig(usd)} 美元`;
  return a >= 1e9 ? `$${sig(usd / 1e9)} B` : a >= 1e6 ? `$${sig(usd / 1e6)} M` : a >= 1e3 ? `$${sig(usd / 1e3)} K` : `$${sig(usd)}`;
}

/**
 * An interval of two dollar amounts with two significant digits (three or more from 100): en `$90–360 M` (a shared
 * unit), `$380 M–$2.0 B` when the ends fall on different units; zh `0.90–3.6 亿美元`, `450–900 万美元` or
 * `3,800 万–2.0 亿美元`. A whole end keeps its second digit (`2.0`, not `2`) so both ends read at the same precision.
 */
export function formatUsdRange(locale: Locale, low: number, high: number): string {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return '—';
  const sig = (x: number) => new Intl.NumberFormat(tag(locale), x >= 100
    ? { maximumSignificantDigits: Math.max(3, Math.ceil(Math.log10(x + 1))) }
    : { minimumSignificantDigits: 2, maximumSignificantDigits: 2 }).format(x);
  if (locale === 'zh') {
    if (high < 1e8) return `${sig(low / 1e4)}–${sig(high / 1e4)} 万美元`;
    return low >= 1e8 || low <= 0 ? `${sig(low / 1e8)}–${sig(high / 1e8)} 亿美元` : `${sig(low / 1e4)} 万–${sig(high / 1e8)} 亿美元`;
  }
  if (high < 1e9) return `$${sig(low / 1e6)}–${sig(high / 1e6)} M`;
  return low >= 1e9 || low <= 0 ? `$${sig(low / 1e9)}–${sig(high / 1e9)} B` : `$${sig(low / 1e6)} M–$${sig(high / 1e9)} B`;
}

/**
 * A forecast feature's contribution, given as its additive term on the log-deposits scale, as the percent change of
 * the forecast it causes: (e^c − 1)·100 with a sign, `%` set close as every percentage in the app (formatShare):
 * −0.1625 → "−15%", 0.3293 → "+39%", 0.05 → "+5.1%" (one decimal under 10%).
 */
export function formatLogChangePct(contributionLog: number): string {
  if (!Number.isFinite(contributionLog)) return '—';
  const x = (Math.exp(contributionLog) - 1) * 100;
  const a = Math.abs(x);
  return `${x >= 0 ? '+' : '−'}${a >= 10 ? Math.round(a) : a.toFixed(1)}%`;
}

/**
 * A forecast feature's value in its unit (core/forecast/featureUnits.ts) for the breakdown: residents and the transit
 * index to three significant figures (`41,300`), counts whole (`3`, a network average `2.4`), Gaussian weights with one
 * decimal, shares as whole percent (`18%`), distances as {@link formatDistanceM}, deposit levels as {@link formatUsd},
 * years (`10 yr` / `10 年`), flags yes/no (`是`/`否`). `null` → '—'.
 */
export function formatFeatureValue(locale: Locale, v: FeatureValue | null): string {
  if (!v) return '—';
  const nf = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(tag(locale), o).format(v.value);
  switch (v.unit) {
    case 'residents': case 'transit': return nf({ maximumSignificantDigits: 3 });
    case 'count': return Math.abs(v.value - Math.round(v.value)) < 0.05 ? nf({ maximumFractionDigits: 0 }) : nf({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'weight': return nf({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'share': return nf({ style: 'percent', maximumFractionDigits: 0 });
    case 'distanceM': return formatDistanceM(locale, v.value);
    case 'depositsUsd': return formatUsd(locale, v.value);
    case 'years': return `${nf({ maximumFractionDigits: 1 })}${locale === 'zh' ? ' 年' : ' yr'}`;
    case 'flag': return v.value >= 0.5 ? (locale === 'zh' ? '是' : 'yes') : (locale === 'zh' ? '否' : 'no');
  }
}
