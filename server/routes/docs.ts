import { Hono } from 'hono';
import { z, type ZodType } from 'zod';
import { operation, type RouteEntry } from './operation';

/** JSON Schema of a zod schema (zod 4 `z.toJSONSchema`); unrepresentable parts (transforms) become `{}`. */
function jsonSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
    delete s.$schema;
    return s;
  } catch {
    return {};
  }
}

/** Query/path parameters of an object schema as OpenAPI parameter objects. */
function parameters(schema: ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

const problem = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: {
    code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string', description: 'the first offending field, e.g. sites.3.lat' },
    issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
    file: { type: 'string' }, row: { type: 'integer' } } } },
};

/**
 * The refusals a route's declared role implies (server/auth/middleware.ts): none for a `public` route; else 401 when
 * accounts are on and the caller brings no valid session or API token, and 403 when the role needed is above
 * `viewer` (every signed-in role includes viewer) or the method writes (a browser session without its CSRF token).
 */
function authResponses(route: RouteEntry): Record<number, { description: string; content: Record<string, { schema: typeof problem }> }> {
  const role = route.operation?.role;
  if (!role || role === 'public') return {};
  const content = { 'application/json': { schema: problem } };
  const out: ReturnType<typeof authResponses> = {
    401: { description: 'Not signed in (accounts on): no valid session cookie or API token (code unauthenticated)', content },
  };
  const why: string[] = [];
  if (role !== 'viewer') why.push(`the caller's role does not include ${role} (code forbidden, naming the role needed)`);
  if (route.method !== 'GET') why.push('a browser session sent no or a wrong X-CSRF-Token header (code csrf_token)');
  if (why.length) out[403] = { description: `Signed in but refused: ${why.join('; or ')}`, content };
  return out;
}

/** Path parameters: from the route's param schema where it has one, else each `:name` of the path as a string. */
function pathParameters(route: RouteEntry) {
  const fromSchema = parameters(route.inputs.param, 'path');
  return route.pathParams.map((name) => fromSchema.find((p) => p.name === name) ?? { name, in: 'path', required: true, schema: { type: 'string' } });
}

/**
 * Build the OpenAPI 3.1 document from the app's route table (server/routes/operation.ts {@link routeTable}): every
 * route with its role (`x-role`), summary, tag, the zod schemas its validators check, its response schema and the
 * 401/403 its role implies.
 */
export function openApiDocument(routes: RouteEntry[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const op = route.operation;
    const body = route.inputs.json ?? op?.body;
    const ok = Object.fromEntries((op?.status ?? [200]).map((status) => [status, {
      description: status === 201 ? 'Created' : status === 202 ? 'Accepted' : 'OK',
      content: Object.fromEntries((op?.produces ?? ['application/json']).map((type) => [type, {
        schema: op?.response && type === 'application/json' ? jsonSchema(op.response, 'output') : {},
      }])),
    }]));
    const item: Record<string, unknown> = {
      summary: op?.summary ?? '',
      tags: op ? [op.tag] : [],
      'x-role': op?.role ?? null,
      parameters: [...parameters(route.inputs.query, 'query'), ...pathParameters(route)],
      responses: {
        ...ok,
        400: { description: 'Bad input: the problem names each offending field', content: { 'application/json': { schema: problem } } },
        ...authResponses(route),
        ...(route.pathParams.length ? { 404: { description: 'Not found', content: { 'application/json': { schema: problem } } } } : {}),
      },
    };
    const bodyType = route.inputs.json ? 'application/json' : op?.bodyType ?? 'application/json';
    if (body) item.requestBody = { required: true, content: { [bodyType]: { schema: jsonSchema(body, 'input') } } };
    (paths[route.openApiPath] ??= {})[route.method.toLowerCase()] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Outlet Planner API', version: '0.1.0', description: 'Bank-branch network planning: site scoring, coverage, optimisation and floor plans. Errors are `{ error: { code, message, field?, issues? } }`.' },
    paths,
  };
}

/**
 * `GET /docs` — the OpenAPI 3.1 description of the API, built once on first request from `routes()` (the finished
 * app's route table; a function because this route is part of the app it describes).
 */
export function docsRoutes(routes: () => RouteEntry[]) {
  let doc: ReturnType<typeof openApiDocument> | null = null;
  return new Hono().get('/docs', operation({ role: 'viewer', tag: 'system', summary: 'This OpenAPI 3.1 description' }),
    (c) => c.json(doc ??= openApiDocument(routes())));
}
