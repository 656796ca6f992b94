import { Hono } from 'hono';
import type { Problem } from './errors';
import { problemHandler, requestIdMiddleware } from './http/problems';
import { corsPolicy, crossSiteGuard, hostAllowList, securityHeaders } from './http/hygiene';
import { bodyLimits } from './http/bodyLimits';
import { routeBodyLimit, routeTakesMultipart } from './http/routeLimits';
import { authenticate } from './auth/middleware';
import { createServices, type AppDeps, type Services } from './services';
import { authRoutes } from './routes/auth';
import { basemapRoutes } from './routes/basemap';
import { layersRoutes } from './routes/layers';
import { plansRoutes } from './routes/plans';
import { savedSitesRoutes } from './routes/savedSites';
import { sitesRoutes } from './routes/sites';
import { institutionsRoutes } from './routes/institutions';
import { outletsRoutes } from './routes/outlets';
import { docsRoutes } from './routes/docs';
import { coverageRoutes } from './routes/coverage';
import { scenariosRoutes } from './routes/scenarios';
import { optimizeRoutes } from './routes/optimize';
import { healthRoutes } from './routes/health';
import { standardsRoutes } from './routes/standards';
import { datasetsRoutes } from './routes/datasets';
import { forecastRoutes } from './routes/forecast';
import { publicRoutes, routeTable, type RouteEntry } from './routes/operation';
import { areasRoutes } from './routes/areas';

export type { AppDeps, AppContext, Services } from './services';

/**
 * Build the Hono app. Each resource is a sub-app in server/routes/<resource>.ts, mounted with .route(), each route
 * declared in its one chained call: method, path, `operation({ role, tag, summary })`, `validate(target, zodSchema)`
 * (→ 400 naming the field), handler — see the route registry in server/routes/operation.ts.
 *
 * Services (caches, stores, jobs, accounts, audit log) are built per app by `createServices` (server/services.ts) and
 * passed down in `ctx`; pass `services` to share them with the caller (main.ts warms the scoring service up).
 *
 * The mounts are ONE chain so the app's type ({@link AppType}) carries every route: the client calls the API through
 * `hc<AppType>` (client/api/http.ts) and is type-checked against these routes.
 */
export function createApp(deps: AppDeps, services: Services = createServices(deps)) {
  const ctx = { ...deps, services };
  const base = new Hono();
  base.onError(problemHandler());
  // ── hygiene, in the order of refusals: Host → body size (413) → credentials (401) → everything else ──
  base.use('*', requestIdMiddleware(), securityHeaders(), hostAllowList(deps.config.allowedHosts), bodyLimits(routeBodyLimit(deps.config.uploadMaxBytes)),
    corsPolicy(deps.config.corsOrigins), authenticate({ mode: deps.config.auth, accounts: services.accounts, audit: services.audit,
      isPublic: publicRoutes(() => app.routes) }),
    crossSiteGuard({ corsOrigins: deps.config.corsOrigins, multipartAllowed: routeTakesMultipart }));
  base.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } } satisfies Problem, 404));

  // ── the route registry: one .route() per resource, in one chain (a new resource = one line here) ──
  // ROUTES-BEGIN
  const app = base
    .route('/api', healthRoutes(ctx))
    .route('/api', authRoutes(ctx))
    .route('/api', basemapRoutes(ctx))
    .route('/api', layersRoutes(ctx))
    .route('/api', plansRoutes(ctx))
    .route('/api', savedSitesRoutes(ctx))
    .route('/api', sitesRoutes(ctx))
    .route('/api', institutionsRoutes(ctx))
    .route('/api', outletsRoutes(ctx))
    .route('/api', docsRoutes((): RouteEntry[] => routeTable(app.routes).filter((r) => r.path.startsWith('/api/'))))
    .route('/api', coverageRoutes(ctx))
    .route('/api', scenariosRoutes(ctx))
    .route('/api', optimizeRoutes(ctx))
    .route('/api', standardsRoutes(ctx))
    .route('/api', datasetsRoutes(ctx))
    .route('/api', forecastRoutes(ctx))
    .route('/api', areasRoutes(ctx));
  // ROUTES-END
  return app;
}

/** The API's type: every route with its inputs and outputs, for `hc<AppType>` on the client and `testClient` in tests. */
export type AppType = ReturnType<typeof createApp>;
