import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Config } from './config';
import type { Database } from './db/database';
import { AppError, type Problem } from './errors';
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
}

/** Services built once per app in {@link createApp} and passed to the routes that need them. */
export interface AppServices {
  /** Users' own datasets in `userDb` (server/datasets/store.ts). */
  datasets: DatasetStore;
}

/**
 * Build the Hono app. Each resource is a sub-app in server/routes/<resource>.ts, mounted with .route(),
 * handlers inline after their path, inputs validated with zod (server/validate.ts → 400 naming the field).
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  const services: AppServices = { datasets: new DatasetStore(deps.userDb) };

  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(err.toProblem(), err.status);
    if (err instanceof HTTPException) {
      const body: Problem = { error: { code: 'http_error', message: err.message } };
      return c.json(body, err.status);
    }
    console.error(err);
    const body: Problem = { error: { code: 'internal', message: 'Internal server error: ' + String((err as Error)?.message ?? err) } };
    return c.json(body, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } } satisfies Problem, 404));

  // ── routes (one line per resource; keep this list short and sorted by area) ──
  // ROUTES-BEGIN
  app.route('/api', healthRoutes(deps, services));
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
  // ROUTES-END

  return app;
}

export type AppType = ReturnType<typeof createApp>;
