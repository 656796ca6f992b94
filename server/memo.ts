/**
 * Memoised loading for the per-app services built in `createServices` (server/services.ts). No module-level state:
 * each call returns a new, independent cache, owned by whoever created it.
 */

/**
 * `load` run on first call; concurrent and later callers share its promise. A rejected load is forgotten so the next
 * call retries (a missing file fixed while the server runs).
 */
export function memoOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    if (!p) {
      const q = Promise.resolve().then(load);
      p = q;
      q.catch(() => { if (p === q) p = null; });
    }
    return p;
  };
}

/** {@link memoOnce} per key (e.g. per H3 resolution). */
export function memoByKey<K, T>(load: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const cache = new Map<K, Promise<T>>();
  return (key: K) => {
    let p = cache.get(key);
    if (!p) {
      const q = Promise.resolve().then(() => load(key));
      p = q;
      cache.set(key, q);
      q.catch(() => { if (cache.get(key) === q) cache.delete(key); });
    }
    return p;
  };
}

/**
 * A bounded cache (least recently used evicted first) for a service's caches of promises: scoring contexts and grid
 * references, resolved study areas, large forecast sets. Holds at most `max` entries; reading one makes it the newest.
 */
export class Lru<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) { this.map.delete(k); this.map.set(k, v); }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k); this.map.set(k, v);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(k: string): void { this.map.delete(k); }
  clear(): void { this.map.clear(); }
}
