import type { MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import type { Role } from '../../core/api/roles';
import { assertRole } from '../auth/middleware';

/**
 * The route registry: every API route declares, in the one chained call that mounts it, what it is.
 *
 *     .post('/sites/score',                                   ← method and path (Hono; the chain gives AppType)
 *       operation({ role: 'viewer', tag: 'sites',             ← role it requires, OpenAPI tag and summary,
 *         summary: 'Score candidate sites …', response: scoreResponseSchema }),   response schema (docs only)
 *       validate('json', scoreRequestSchema),                  ← input schemas (400 naming the field; docs)
 *       async (c) => …)                                        ← handler
 *
 * {@link routeTable} reads those declarations back from the app's own route table (`app.routes`), so the OpenAPI
 * document (`GET /api/docs`), the role check (enforced by {@link operation} itself), the routes open without
 * credentials ({@link publicRoutes}, read by `authenticate`) and the tests that every route is documented and
 * guarded all come from this single source — there is no second list to keep in step.
 *
 * Adding a route = one chained call like the one above in its resource's `server/routes/<resource>.ts` (a new
 * resource file is also mounted with one `.route('/api', …)` line in `server/app.ts`). Forgetting `operation()`
 * fails `server/routes/registry.test.ts`.
 */

export { ROLES, type Role } from '../../core/api/roles';

/**
 * What a route requires: a role (a signed-in caller whose role includes it), or `public` — open without credentials
 * in accounts mode. Only `GET /api/health` (monitoring) and `POST /api/auth/login` are public.
 */
export type RouteRole = Role | 'public';

/** What one route declares besides its method, path and inputs. */
export interface OperationSpec {
  /**
   * The role a caller needs (core/api/roles.ts, issue 11: a viewer reads everything and may POST compute-only routes
   * — score, coverage, standards check, sizing; analyst = scenarios, optimisation, dataset imports, model refits;
   * designer = plans and versions, saved sites; admin = users), or `public`. {@link operation} enforces it with
   * `assertRole(c, role)` (server/auth/middleware.ts): 403 naming the role needed.
   */
  role: RouteRole;
  /** OpenAPI tag: the area of the app (`system`, `map`, `sites`, `coverage`, `floorplans`). */
  tag: string;
  /** One line saying what the route does, with units and sources where they matter. */
  summary: string;
  /** Schema of the success body (documentation only; the handler's return type is what the client sees). */
  response?: ZodType;
  /** Success status codes (default [200]). */
  status?: number[];
  /** Media types of the success body (default ['application/json']). */
  produces?: string[];
  /** Body schema of a route that reads its body itself instead of through `validate('json', …)`. */
  body?: ZodType;
  /** Media type of that body (default 'application/json'; e.g. 'multipart/form-data' for uploads). */
  bodyType?: string;
}

/** Where a validated input comes from (Hono's validation targets that carry a schema here). */
export type InputTarget = 'json' | 'query' | 'param' | 'header' | 'cookie' | 'form';

const OPERATION = Symbol.for('outlet-planner.operation');
const INPUT = Symbol.for('outlet-planner.input');

/**
 * Declare a route's role and documentation; mount it as the first middleware of the route. It enforces the role:
 * a caller whose role does not include it gets 403 `forbidden` naming the role needed (and, without a caller, 401 —
 * `authenticate` normally answers that first); a `public` route passes everyone.
 */
export function operation(spec: OperationSpec): MiddlewareHandler {
  const role = spec.role;
  const mw: MiddlewareHandler = role === 'public'
    ? async (_c, next) => { await next(); }
    : async (c, next) => { assertRole(c, role); await next(); };
  return Object.assign(mw, { [OPERATION]: spec });
}

/** Mark a validator middleware with the schema it checks, so {@link routeTable} can document it. */
export function markInput<M extends object>(mw: M, target: InputTarget, schema: ZodType): M {
  return Object.assign(mw, { [INPUT]: { target, schema } });
}

/** One route as the registry knows it. */
export interface RouteEntry {
  /** Upper-case HTTP method. */
  method: string;
  /** Hono path, e.g. `/api/plans/:id/versions/:v`. */
  path: string;
  /** OpenAPI path, e.g. `/api/plans/{id}/versions/{v}`. */
  openApiPath: string;
  /** Path parameter names in order. */
  pathParams: string[];
  /** The route's declaration, or null when it has none (a bug the registry test reports). */
  operation: OperationSpec | null;
  /** The schemas its validators check, by target. */
  inputs: Partial<Record<InputTarget, ZodType>>;
}

interface RouterRouteLike { method: string; path: string; handler: unknown }

/** The original handler behind Hono's wrapper when a sub-app with its own error handler is mounted. */
const COMPOSED = '__COMPOSED_HANDLER';

function meta<T>(handler: unknown, key: symbol): T | undefined {
  let h = handler as Record<PropertyKey, unknown> | undefined;
  for (let depth = 0; h && depth < 4; depth++) {
    if (key in h) return h[key] as T;
    h = h[COMPOSED] as Record<PropertyKey, unknown> | undefined;
  }
  return undefined;
}

/** Hono path → OpenAPI path and parameter names (`/a/:id{[0-9]+}/b` → `/a/{id}/b`, ['id']). */
export function toOpenApiPath(path: string): { openApiPath: string; pathParams: string[] } {
  const pathParams: string[] = [];
  const openApiPath = path.split('/').map((seg) => {
    const m = /^:([A-Za-z0-9_]+)(\{.*\})?\??$/.exec(seg);
    if (!m) return seg;
    pathParams.push(m[1]);
    return `{${m[1]}}`;
  }).join('/');
  return { openApiPath, pathParams };
}

/**
 * The routes of an app (`app.routes`) with their declarations, one entry per method and path, in mounting
 * order. Middleware mounted with `app.use` (method ALL) is not a route and is left out.
 */
export function routeTable(routes: readonly RouterRouteLike[]): RouteEntry[] {
  const byKey = new Map<string, RouteEntry>();
  for (const r of routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    let e = byKey.get(key);
    if (!e) {
      e = { method: r.method, path: r.path, ...toOpenApiPath(r.path), operation: null, inputs: {} };
      byKey.set(key, e);
    }
    const op = meta<OperationSpec>(r.handler, OPERATION);
    if (op) e.operation = op;
    const input = meta<{ target: InputTarget; schema: ZodType }>(r.handler, INPUT);
    if (input) e.inputs[input.target] = input.schema;
  }
  return [...byKey.values()];
}

/**
 * The `METHOD path` keys of the routes declared `public` (no path parameters: matched exactly), read from the app's
 * route table when first asked — `authenticate` lets requests to them through without credentials.
 */
export function publicRoutes(routes: () => readonly RouterRouteLike[]): (method: string, path: string) => boolean {
  let keys: Set<string> | null = null;
  return (method, path) => {
    keys ??= new Set(routeTable(routes()).filter((r) => r.operation?.role === 'public').map((r) => `${r.method} ${r.path}`));
    return keys.has(`${method === 'HEAD' ? 'GET' : method} ${path}`);
  };
}
