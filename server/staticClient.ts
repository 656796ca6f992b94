import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/**
 * Serve the built client (`dist/`) from `app`, with an SPA fallback to index.html for GET requests to
 * any other path — EXCEPT `/api` and `/api/*`, which fall through to the app's JSON 404 so a mistyped API
 * path never comes back as an HTML page with status 200. Mount after every API route.
 * @param staticDir absolute path of the built client folder (Config.staticDir).
 */
export function mountClient(app: Hono, staticDir: string): void {
  const isApi = (p: string) => p === '/api' || p.startsWith('/api/');
  const files = serveStatic({ root: staticDir });
  const index = serveStatic({ root: staticDir, path: 'index.html' });
  app.use('/*', (c, next) => (isApi(c.req.path) ? next() : files(c, next)));
  app.get('*', (c, next) => (isApi(c.req.path) ? next() : index(c, next)));
}
