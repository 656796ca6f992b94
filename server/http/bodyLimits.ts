import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Problem } from '../errors';

/** Largest request body (bytes) a route accepts unless it declares more: every JSON request here fits in 1 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** `1048576` → `1 MiB`, `8388608` → `8 MiB`, `2048` → `2 KiB`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/**
 * Refuse a request body larger than its route's limit with 413 `payload_too_large` — before anything reads it and
 * before credentials are checked (a declared `Content-Length` over the limit is refused without reading a byte; a
 * chunked body is counted as it arrives and cut off at the limit). `limitFor(method, path)` gives the route's limit.
 */
export function bodyLimits(limitFor: (method: string, path: string) => number): MiddlewareHandler {
  const cache = new Map<number, MiddlewareHandler>();
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const maxSize = limitFor(c.req.method, c.req.path);
    let mw = cache.get(maxSize);
    if (!mw) {
      mw = bodyLimit({
        maxSize,
        onError: (cc) => cc.json({ error: { code: 'payload_too_large',
          message: `Request body too large: ${cc.req.method} ${cc.req.path} accepts at most ${formatBytes(maxSize)}` } } satisfies Problem, 413),
      });
      cache.set(maxSize, mw);
    }
    return mw(c, next);
  };
}
