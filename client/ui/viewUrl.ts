import { FACTOR_NAMES, type Weights } from '../../core/scoring/siteScore';

/**
 * The view in the address: `#/<tab>[/<id>]?<key>=<value>&…` (a hash query, so the server and the tab routing are
 * untouched). A view writes its state here with `history.replaceState` (no history entry per slider move, no
 * `hashchange`), so a reload keeps it and a copied link opens the same view. Each tab's last query is also kept for
 * the session, so switching tabs and back restores it. Pure helpers over hash strings plus two small I/O wrappers.
 */

/** The path part of a hash: `#/sites?w=…` → `sites`; `#/coverage/abc` → `coverage/abc`. */
export function hashPath(hash: string): string {
  return hash.replace(/^#\/?/, '').split('?')[0];
}

/** The query part of a hash as URLSearchParams (`#/sites?sel=x` → sel=x). */
export function hashQuery(hash: string): URLSearchParams {
  const q = hash.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
}

/**
 * `hash` with `patch` merged into its query: a string sets the key, null deletes it; the path stays. Keys keep
 * their first-seen order. `hashWith('#/sites?a=1', { b: '2', a: null })` → `#/sites?b=2`.
 */
export function hashWith(hash: string, patch: Record<string, string | null>): string {
  const q = hashQuery(hash);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  return `#/${hashPath(hash)}${s ? `?${s}` : ''}`;
}

const SESSION_KEY = (tab: string) => `op.view.${tab}`;

/** The current address's query (empty when the hash has none). */
export function readViewParams(): URLSearchParams {
  return hashQuery(typeof location === 'undefined' ? '' : location.hash);
}

/**
 * Merge `patch` into the address's query without a history entry, only while the address shows `tab` (a view
 * unmounting after a tab switch must not write into the next tab's address), and remember the query for `tab`.
 */
export function writeViewParams(tab: string, patch: Record<string, string | null>): void {
  if (hashPath(location.hash).split('/')[0] !== tab) return;
  const next = hashWith(location.hash, patch);
  if (next !== location.hash) history.replaceState(history.state, '', next);
  try { sessionStorage.setItem(SESSION_KEY(tab), hashQuery(next).toString()); } catch { /* storage off: the address still has it */ }
}

/**
 * Merge `patch` into the query `tab` last had in this session (only if the tab has one): state shared by several tabs
 * (the study area) changed in one must not be undone by the other's remembered address when the user switches.
 */
export function patchRememberedQuery(tab: string, patch: Record<string, string | null>): void {
  try {
    const q = sessionStorage.getItem(SESSION_KEY(tab));
    if (q == null) return;
    sessionStorage.setItem(SESSION_KEY(tab), hashQuery(hashWith(`#/${tab}?${q}`, patch)).toString());
  } catch { /* storage off */ }
}

/** The query `tab` last had in this session (`?…` or ''), for its tab link. */
export function rememberedQuery(tab: string): string {
  try {
    const q = sessionStorage.getItem(SESSION_KEY(tab));
    return q ? `?${q}` : '';
  } catch {
    return '';
  }
}

/** Weights as `transit,demand,competition` in shortest round-trip form (exact: the same ranking after a reload). */
export function weightsParam(w: Weights): string {
  return FACTOR_NAMES.map((f) => String(w[f])).join(',');
}

/** Weights from {@link weightsParam}'s form; null unless three finite numbers ≥ 0 summing to 1 (± 1e-6). */
export function parseWeightsParam(s: string | null): Weights | null {
  if (!s) return null;
  const v = s.split(',').map(Number);
  if (v.length !== FACTOR_NAMES.length || v.some((x) => !Number.isFinite(x) || x < 0)) return null;
  if (Math.abs(v.reduce((a, b) => a + b, 0) - 1) > 1e-6) return null;
  return Object.fromEntries(FACTOR_NAMES.map((f, k) => [f, v[k]])) as Weights;
}

/** A map view as `lng,lat,zoom` (5 decimals ≈ 1 m, zoom 2 decimals). */
export function mapViewParam(v: { lng: number; lat: number; zoom: number }): string {
  return `${v.lng.toFixed(5)},${v.lat.toFixed(5)},${v.zoom.toFixed(2)}`;
}

/** A map view from {@link mapViewParam}'s form; null when malformed or out of range (|lng| ≤ 180, |lat| ≤ 85, zoom 0–22). */
export function parseMapViewParam(s: string | null): { lng: number; lat: number; zoom: number } | null {
  if (!s) return null;
  const v = s.split(',').map(Number);
  if (v.length !== 3 || v.some((x) => !Number.isFinite(x))) return null;
  const [lng, lat, zoom] = v;
  if (Math.abs(lng) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return null;
  return { lng, lat, zoom };
}
