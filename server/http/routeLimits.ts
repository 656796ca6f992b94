import { DEFAULT_BODY_LIMIT_BYTES } from './bodyLimits';

const MiB = 1024 * 1024;

/**
 * Body-size limits of the routes that accept more than {@link DEFAULT_BODY_LIMIT_BYTES}, sized from their schemas'
 * own caps: optimisation with 50,000 listed candidates (~5 MB), a scenario with 100,000 closed ids and moves (~6 MB),
 * 10,000 scored sites (~0.7 MB), a plan at PLAN_LIMITS (~1 MB; GeoJSON is wordier).
 */
const LIMITS: { method: string; path: RegExp; bytes: number }[] = [
  { method: 'POST', path: /^\/api\/optimize$/, bytes: 8 * MiB },
  { method: 'POST', path: /^\/api\/scenarios$/, bytes: 8 * MiB },
  { method: 'PUT', path: /^\/api\/scenarios\/[^/]+$/, bytes: 8 * MiB },
  { method: 'POST', path: /^\/api\/sites\/(score|sensitivity)$/, bytes: 2 * MiB },
  { method: 'POST', path: /^\/api\/plans(\/[^/]+\/versions)?$/, bytes: 4 * MiB },
  { method: 'POST', path: /^\/api\/standards\/check$/, bytes: 4 * MiB },
];

/** Upload routes: `multipart/form-data` bodies up to `uploadMaxBytes` (env UPLOAD_MAX_MB). */
const UPLOADS: { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/api\/datasets$/ },
];

/** The body-size limit (bytes) of a route; uploads get `uploadMaxBytes`. */
export function routeBodyLimit(uploadMaxBytes: number) {
  return (method: string, path: string): number => {
    if (routeTakesMultipart(method, path)) return uploadMaxBytes;
    return LIMITS.find((l) => l.method === method && l.path.test(path))?.bytes ?? DEFAULT_BODY_LIMIT_BYTES;
  };
}

/** Routes that take `multipart/form-data` uploads (the only ones where a non-JSON body passes the cross-site guard). */
export function routeTakesMultipart(method: string, path: string): boolean {
  return UPLOADS.some((u) => u.method === method && u.path.test(path));
}
