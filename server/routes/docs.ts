import { Hono } from 'hono';
import { z, type ZodType } from 'zod';
import type { AppDeps } from '../app';
import { institutionSchema, institutionsQuery, outletsQuery, outletsResponseSchema, scoreRequestSchema, scoreResponseSchema, sensitivityRequestSchema, sensitivityResponseSchema } from '../../core/api/sites';
import { datasetsResponse, healthResponse } from '../../core/api/health';
import { layerQuery } from '../../core/api/layers';
import { coverageCompareRequest, coverageDetailRequest, coverageRequest, optimizeRequest, scenarioInput } from '../../core/api/coverage';
import { createPlanRequest, planIdParam, planVersionParam, restoreVersionRequest, saveSiteRequest, saveVersionRequest, siteIdParam } from '../../core/api/plans';
import { CheckRequest, SizingRequest } from '../../core/api/standards';
import { datasetDetailSchema, datasetIdParam, importFieldsSchema, importResponseSchema } from '../../core/api/datasets';
import { parameterSetParam, parameterSetSchema, refitRequestSchema, validationReportSchema } from '../../core/api/forecast';

/** One documented operation: the zod schemas the route validates with (shared from core/api) and a summary. */
interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: ZodType;
  params?: ZodType;
  body?: ZodType;
  response?: ZodType;
}

/**
 * The operations of the API. Schemas come from `core/api/*` — the same ones the routes validate with — so the
 * description cannot drift from the validation. Add a line when a route lands.
 */
export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/health', tag: 'system', summary: 'Is the server up and the data imported', response: healthResponse },
  { method: 'get', path: '/api/datasets', tag: 'system', summary: 'The import catalog (source, checksum, row counts, vintage), transit feeds and every version of the users\' own datasets', response: datasetsResponse },
  { method: 'post', path: '/api/datasets', tag: 'datasets', summary: 'Import a user dataset (multipart: file, kind, name?, mapping? as JSON, crs?) as a new version; bad rows skipped and reported; 400 when the columns need a mapping (headers listed), 422 when nothing usable remains', body: importFieldsSchema, response: importResponseSchema },
  { method: 'get', path: '/api/datasets/{id}', tag: 'datasets', summary: 'One version of a user dataset with its validation report', params: datasetIdParam, response: datasetDetailSchema },
  { method: 'get', path: '/api/datasets/{id}/features', tag: 'datasets', summary: 'A user dataset as a GeoJSON FeatureCollection (map layer)', params: datasetIdParam },
  { method: 'delete', path: '/api/datasets/{id}', tag: 'datasets', summary: 'Delete one version of a user dataset (other versions stay)', params: datasetIdParam },
  { method: 'get', path: '/api/docs', tag: 'system', summary: 'This OpenAPI 3.1 description' },
  { method: 'post', path: '/api/sites/score', tag: 'sites', summary: 'Score candidate sites or the NYC H3 res-9 grid on transit access, target-customer density and competition (Huff); see SITE-MODEL.md', body: scoreRequestSchema, response: scoreResponseSchema },
  { method: 'post', path: '/api/sites/sensitivity', tag: 'sites', summary: 'Weight sensitivity of the ranking: Monte Carlo Dirichlet weights → P(top k) and 5–95% rank interval per site', body: sensitivityRequestSchema, response: sensitivityResponseSchema },
  { method: 'get', path: '/api/parameter-sets', tag: 'forecast', summary: 'Deposit-forecast parameter sets: the one fitted on FDIC SOD (waits for its background calibration) and users\' refits, each with its hold-out fit', response: z.array(parameterSetSchema) },
  { method: 'get', path: '/api/parameter-sets/{name}/validation', tag: 'forecast', summary: 'The validation report behind a parameter set: hold-out table with baselines, exclusion counts, hold-out points, coefficients with intervals', params: parameterSetParam, response: validationReportSchema },
  { method: 'post', path: '/api/parameter-sets', tag: 'forecast', summary: 'Refit the location model on your own outcomes (id, lng, lat, outcome) into a new named parameter set (role analyst); 409 when the name is taken', body: refitRequestSchema, response: parameterSetSchema },
  { method: 'get', path: '/api/institutions', tag: 'sites', summary: 'Networks to pick as ownNetwork: institutions (cert:<CERT>) and holding companies (hc:<RSSDHCR>)', query: institutionsQuery, response: z.array(institutionSchema) },
  { method: 'get', path: '/api/outlets', tag: 'sites', summary: 'FDIC SOD 2023 branches inside a bbox, flagged own for a network', query: outletsQuery, response: outletsResponseSchema },
  { method: 'get', path: '/api/basemap', tag: 'map', summary: 'Offline NYC boundary layers for the map' },
  { method: 'get', path: '/api/layers/demand', tag: 'map', summary: 'Block-group population centroids inside a bbox', query: layerQuery },
  { method: 'get', path: '/api/layers/stops', tag: 'map', summary: 'Transit stops with service-date departures inside a bbox', query: layerQuery },
  { method: 'post', path: '/api/coverage', tag: 'coverage', summary: 'Population coverage of a network at radii', body: coverageRequest },
  { method: 'post', path: '/api/coverage/detail', tag: 'coverage', summary: 'Catchments, gap hexagons and 2SFCA', body: coverageDetailRequest },
  { method: 'post', path: '/api/coverage/compare', tag: 'coverage', summary: 'Compare two networks or scenarios', body: coverageCompareRequest },
  { method: 'get', path: '/api/scenarios', tag: 'coverage', summary: 'Saved scenarios' },
  { method: 'post', path: '/api/scenarios', tag: 'coverage', summary: 'Create a scenario', body: scenarioInput },
  { method: 'post', path: '/api/optimize', tag: 'coverage', summary: 'MCLP site selection / closure', body: optimizeRequest },
  { method: 'post', path: '/api/sites', tag: 'sites', summary: 'Save a site', body: saveSiteRequest },
  { method: 'get', path: '/api/zone-kinds', tag: 'floorplans', summary: 'Floor-plan zone kinds' },
  { method: 'get', path: '/api/plans', tag: 'floorplans', summary: 'Floor plans' },
  { method: 'post', path: '/api/plans', tag: 'floorplans', summary: 'Create a floor plan', body: createPlanRequest },
  { method: 'get', path: '/api/plans/{id}', tag: 'floorplans', summary: 'Latest version of a plan', params: planIdParam },
  { method: 'post', path: '/api/plans/{id}/versions', tag: 'floorplans', summary: 'Append a plan version (never overwrites)', params: planIdParam, body: saveVersionRequest },
  { method: 'get', path: '/api/plans/{id}/versions', tag: 'floorplans', summary: 'Version history of a plan (oldest first)', params: planIdParam },
  { method: 'get', path: '/api/plans/{id}/versions/{v}', tag: 'floorplans', summary: 'One version of a plan', params: planVersionParam },
  { method: 'post', path: '/api/plans/{id}/versions/{v}/restore', tag: 'floorplans', summary: 'Restore an old version as the newest (409 on a stale baseVersion)', params: planVersionParam, body: restoreVersionRequest },
  { method: 'get', path: '/api/plans/{id}/export/{format}', tag: 'floorplans', summary: 'Download a plan version as svg, dxf, geojson or json (?version, ?scale, ?locale)' },
  { method: 'get', path: '/api/sites/{id}', tag: 'sites', summary: 'A saved site snapshot', params: siteIdParam },
  { method: 'get', path: '/api/standards/profiles', tag: 'floorplans', summary: 'Standards rule sets' },
  { method: 'post', path: '/api/standards/sizing', tag: 'floorplans', summary: 'Queue-based sizing of counters, ATMs and seats', body: SizingRequest },
  { method: 'post', path: '/api/standards/check', tag: 'floorplans', summary: 'Check a plan against a rule set', body: CheckRequest },
];

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

/** Build the OpenAPI 3.1 document for {@link OPERATIONS}. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const item: Record<string, unknown> = {
      summary: op.summary,
      tags: [op.tag],
      parameters: [...parameters(op.query, 'query'), ...parameters(op.params, 'path')],
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: op.response ? jsonSchema(op.response, 'output') : {} } } },
        400: { description: 'Bad input: the problem names each offending field', content: { 'application/json': { schema: problem } } },
      },
    };
    if (op.body) item.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } };
    (paths[op.path] ??= {})[op.method] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Outlet Planner API', version: '0.1.0', description: 'Bank-branch network planning: site scoring, coverage, optimisation and floor plans. Errors are `{ error: { code, message, field?, issues? } }`.' },
    paths,
  };
}

/** `GET /docs` — the OpenAPI 3.1 description of the API (built once). */
export function docsRoutes(_deps: AppDeps) {
  let doc: ReturnType<typeof openApiDocument> | null = null;
  return new Hono().get('/docs', (c) => c.json(doc ??= openApiDocument()));
}
