import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

describe('GET /api/docs', () => {
  it('is an OpenAPI 3.1 document describing the scoring routes from their zod schemas', async () => {
    const r = await t.app.request('/api/docs');
    expect(r.status).toBe(200);
    const doc = await r.json() as { openapi: string; paths: Record<string, Record<string, any>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/health', '/api/datasets', '/api/sites/score', '/api/institutions', '/api/outlets']) expect(doc.paths[p]).toBeDefined();
    const score = doc.paths['/api/sites/score'].post;
    const body = score.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['sites', 'grid', 'ownNetwork', 'weights', 'normalization', 'params']));
    expect(body.properties.sites.maxItems).toBe(10_000);
    expect(body.properties.sites.items.properties.lat).toMatchObject({ minimum: -90, maximum: 90 });
    const site = score.responses[200].content['application/json'].schema.properties.sites.items;
    expect(Object.keys(site.properties.factors.properties.competition.properties)).toEqual(expect.arrayContaining(['huffShare', 'cannibalizedFromOwn', 'netNewDemand']));
    const q = doc.paths['/api/outlets'].get.parameters.map((p: { name: string }) => p.name);
    expect(q).toEqual(expect.arrayContaining(['bbox', 'network', 'limit']));
    // every documented operation has a schema (no route silently failed to convert)
    for (const [, item] of Object.entries(doc.paths)) for (const op of Object.values(item)) expect(op.responses[400]).toBeDefined();
  });
});
