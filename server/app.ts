import { Hono } from 'hono';
import type { Config } from './config';
import type { Database } from './db/database';
import type { Problem } from './errors';
import { problemHandler, requestIdMiddleware } from './http/problems';
import { corsPolicy, crossSiteGuard, hostAllowList, securityHeaders } from './http/hygiene';
import { bodyLimits } from './http/bodyLimits';
import { routeBodyLimit, routeTakesMultipart } from './http/routeLimits';
import { AccountStore } from './auth/accounts';
import { AuditLog } from './auth/audit';
import { authenticate } from './auth/middleware';
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
import { DatasetStore } from './datasets/store';
import { ForecastService } from './forecast/forecastService';
import { forecastRoutes } from './routes/forecast';
import { getScoringService } from './scoring/scoringService';

/**
 * What the app needs from the outside world. main.ts builds it from the environment; tests build it
 * with server/testing/testApp.ts (the imported test database read-only, a private in-memory userDb).
 */
export interface AppDeps {
  config: Config;
  /** The imported datasets (block groups, branches, transit stops, catalog). Read-only in tests. */
  db: Database;
  /** Where user state is written (scenarios, saved sites, floor plans). The same database as `db` in production. */
  userDb: Database;
  /** Progress lines of background work (main.ts: the console). */
  log?: (line: string) => void;
  /** Called once with the services createApp built (main.ts starts background work on them). */
  onServices?: (services: AppServices) => void;
}

/** Services built once per app in {@link createApp} and passed to the routes that need them. */
export interface AppServices {
  /** Users' own datasets in `userDb` (server/datasets/store.ts). */
  datasets: DatasetStore;
  /** The deposit forecast: parameter sets, their calibration and site forecasts (server/forecast/forecastService.ts). */
  forecast: ForecastService;
}

/**
 * Build the Hono app. Each resource is a sub-app in server/routes/<resource>.ts, mounted with .route(),
 * handlers inline after their path, inputs validated with zod (server/validate.ts → 400 naming the field).
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  const services: AppServices = {
    datasets: new DatasetStore(deps.userDb),
    forecast: new ForecastService(deps.db, deps.userDb, deps.config, () => getScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate),
      deps.log ?? (() => undefined)),
  };
  deps.onServices?.(services);

  app.onError(problemHandler());
  // ── hygiene, in the order of refusals: Host → body size (413) → credentials (401) → everything else ──
  const accounts = new AccountStore(deps.userDb);
  const audit = new AuditLog(deps.userDb);
  app.use('*', requestIdMiddleware(), securityHeaders(), hostAllowList(deps.config.allowedHosts), bodyLimits(routeBodyLimit(deps.config.uploadMaxBytes)),
    corsPolicy(deps.config.corsOrigins), authenticate({ mode: deps.config.auth, accounts, audit }),
    crossSiteGuard({ corsOrigins: deps.config.corsOrigins, multipartAllowed: routeTakesMultipart }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } } satisfies Problem, 404));

  // ── routes (one line per resource; keep this list short and sorted by area) ──
  // ROUTES-BEGIN
  app.route('/api', healthRoutes(deps, services));
  app.route('/api', authRoutes(deps));
  app.route('/api', basemapRoutes(deps));
  app.route('/api', layersRoutes(deps));
  app.route('/api', plansRoutes(deps));
  app.route('/api', savedSitesRoutes(deps));
  app.route('/api', sitesRoutes(deps, services));
  app.route('/api', institutionsRoutes(deps));
  app.route('/api', outletsRoutes(deps));
  app.route('/api', docsRoutes(deps));
  app.route('/api', coverageRoutes(deps));
  app.route('/api', scenariosRoutes(deps));
  app.route('/api', optimizeRoutes(deps));
  app.route('/api', standardsRoutes(deps));
  app.route('/api', datasetsRoutes(deps, services));
  app.route('/api', forecastRoutes(deps, services));
  // ROUTES-END

  return app;
}

export type AppType = ReturnType<typeof createApp>;
