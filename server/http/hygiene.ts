import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { Problem } from '../errors';

/**
 * Web hygiene for every response, page or API (issue 11 item 4): the Host allow-list, security headers, CORS closed
 * by default, and the cross-site write guard (Origin check + JSON-only bodies). Mounted first in createApp, in the
 * order of refusals the issue fixes: Host → body size (server/http/bodyLimits.ts) → 401 (server/auth) → the rest.
 */

const problem = (c: Context, status: 403 | 415, code: string, message: string) =>
  c.json({ error: { code, message } } satisfies Problem, status);

/** Host name of a `Host` header or URL authority, lower-case, without the port (`[::1]:8787` → `[::1]`). */
export function hostName(authority: string): string {
  const a = authority.trim().toLowerCase();
  if (a.startsWith('[')) return a.slice(0, a.indexOf(']') + 1);
  return a.replace(/:\d*$/, '');
}

/**
 * Refuse (403 `host_not_allowed`) a request whose `Host` header names a host outside `allowed` — the answer to DNS
 * rebinding, where a foreign page's own domain is pointed at this server. `/api/health` is included.
 * Requests without a Host header (in-process `app.request` in tests) are judged by their URL's host.
 */
export function hostAllowList(allowed: readonly string[]): MiddlewareHandler {
  const ok = new Set(allowed.map((h) => hostName(h)));
  return async (c, next) => {
    const host = hostName(c.req.header('host') ?? new URL(c.req.url).host);
    if (!ok.has(host)) {
      return problem(c, 403, 'host_not_allowed',
        `This server does not answer to the host "${host.slice(0, 100)}". An administrator can add it to ALLOWED_HOSTS.`);
    }
    await next();
  };
}

/**
 * Content-Security-Policy and the other security headers on pages and API. The client needs: its own scripts only
 * (no inline script, no eval); inline style attributes (React, MapLibre, Konva set element styles); blob: workers
 * (MapLibre's worker, the standards-check worker); data:/blob: images and fonts (canvas exports, the PDF font);
 * `https:` for connect/img so an online basemap style set under Map settings still loads.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'https:'],
      workerSrc: ["'self'", 'blob:'],
      childSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    xContentTypeOptions: 'nosniff',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    strictTransportSecurity: false, // served over plain HTTP on a LAN or behind the bank's TLS proxy, which sets its own
  });
}

/**
 * CORS: closed unless CORS_ORIGINS lists origins (then those may call the API with credentials). Closed = no
 * `Access-Control-Allow-Origin` on any answer, so a foreign page can neither read answers nor pass a preflight.
 */
export function corsPolicy(origins: readonly string[]): MiddlewareHandler {
  if (!origins.length) return async (_c, next) => { await next(); };
  return cors({ origin: [...origins], credentials: true, allowHeaders: ['Content-Type', 'Authorization', 'If-Match', 'X-CSRF-Token'],
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], exposeHeaders: ['ETag', 'X-Request-Id', 'Retry-After'] });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Cross-site write guard on every state-changing request (POST, PUT, PATCH, DELETE):
 * - `Origin`, when sent (browsers always send it on such requests), must be this server's own origin (same host as
 *   the `Host` header) or one of `corsOrigins`; `Sec-Fetch-Site: cross-site|same-site` without an Origin is refused
 *   too. → 403 `csrf_origin`. Clients that are not browsers (the CLI, notebooks) send neither and pass.
 * - A body must be JSON (`application/json`), or `multipart/form-data` on routes for which `multipartAllowed` says
 *   so (uploads). `text/plain`, form posts and other "simple" types a cross-site form could send → 415.
 * Together with SameSite=Strict session cookies and CORS closed, a foreign page cannot write.
 */
export function crossSiteGuard(opts: { corsOrigins: readonly string[]; multipartAllowed: (method: string, path: string) => boolean }): MiddlewareHandler {
  const allowedOrigins = new Set(opts.corsOrigins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const ownHost = hostName(c.req.header('host') ?? new URL(c.req.url).host);
    if (origin !== undefined) {
      let originHost = '';
      try { originHost = origin === 'null' ? '' : hostName(new URL(origin).host); } catch { /* malformed → refused */ }
      if (originHost !== ownHost && !allowedOrigins.has(origin)) {
        return problem(c, 403, 'csrf_origin', `Cross-site request refused: Origin ${origin.slice(0, 100)} is not this server`);
      }
    } else {
      const site = c.req.header('sec-fetch-site');
      if (site === 'cross-site' || site === 'same-site') return problem(c, 403, 'csrf_origin', 'Cross-site request refused');
    }
    const contentType = c.req.header('content-type');
    const hasBody = contentType !== undefined || (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
    if (hasBody) {
      const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
      const multipart = media === 'multipart/form-data' && opts.multipartAllowed(c.req.method, c.req.path);
      if (!JSON_MEDIA_TYPE.test(media) && !multipart) {
        return problem(c, 415, 'unsupported_media_type', contentType === undefined
          ? 'A request body needs Content-Type: application/json'
          : `Content-Type "${contentType.slice(0, 100)}" is not accepted here: send the body as JSON with Content-Type: application/json`);
      }
    }
    await next();
  };
}
