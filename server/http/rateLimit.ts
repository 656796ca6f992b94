/**
 * A fixed-window counter per key (client address, account): at most `max` events per `windowMs`. In memory, per
 * server process — enough for one server; used for login attempts. Old windows are dropped as keys are touched.
 */
export class WindowCounter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(readonly max: number, readonly windowMs: number, readonly now: () => number = Date.now) {}

  /**
   * Count one event for `key`. @returns `{ allowed: true }`, or `{ allowed: false, retryAfterS }` once the window
   * already holds `max` events.
   */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterS: number } {
    const t = this.now();
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.max) return { allowed: false, retryAfterS: Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000)) };
    w.count++;
    return { allowed: true };
  }
}
