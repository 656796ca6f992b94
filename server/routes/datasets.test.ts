import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { closeWhileComputing, createTestApp } from '../testing/testApp';
import { upload } from '../testing/upload';
import type { DatasetDetail, ImportResponse } from '../../core/api/datasets';
import type { DatasetsResponse } from '../../core/api/health';
import { parseUpload } from '../datasets/importer';
import { DEFAULT_ARCHIVE_LIMITS } from '../datasets/archive';
import { REPORT_PIECE_CHARS } from '../datasets/store';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const BRANCHES = 'branch_id;Name;Latitude;Longitude\r\n0012;Main St;40,7128;-74,0060\r\n0013;Broadway;40,7580;-73,9855\r\n0014;Nowhere;0;0\r\n';

describe('POST /api/datasets (CSV outlets)', () => {
  it('imports a semicolon CSV with decimal commas: ids kept as strings, the (0, 0) row skipped and reported', async () => {
    const { status, body } = await upload(t.app, { name: 'my-branches.csv', body: BRANCHES }, { kind: 'outlets', name: 'My branches' });
    expect(status).toBe(201);
    const r = body as ImportResponse;
    expect(r.id).toBe('my-branches-v1');
    expect(r.report).toMatchObject({ read: 3, imported: 2, skipped: 1 });
    expect(r.report.details).toMatchObject({ format: 'csv', delimiter: ';', decimal: ',', columns: { id: 'branch_id', lat: 'Latitude', lng: 'Longitude', name: 'Name' } });
    expect(r.report.problems).toEqual([{ file: 'my-branches.csv', row: 3, id: '0014', field: 'Longitude,Latitude', value: '0; 0', severity: 'error',
      message: 'my-branches.csv row 3, Longitude,Latitude: (0, 0) is not a location (missing coordinates written as zeros)' }]);
    expect(r.dataset).toMatchObject({ name: 'My branches', version: 1, latest: true, kind: 'outlets', format: 'csv', recordCount: 2,
      bbox: [-74.006, 40.7128, -73.9855, 40.758] });

    const features = await (await t.app.request(`/api/datasets/${r.id}/features`)).json() as { features: { id: string; geometry: { coordinates: number[] } }[] };
    expect(features.features.map((f) => [f.id, ...f.geometry.coordinates])).toEqual([['0012', -74.006, 40.7128], ['0013', -73.9855, 40.758]]);
  });

  it('keeps the previous version when the same name is imported again, until it is deleted', async () => {
    const v2 = await upload(t.app, { name: 'b.csv', body: 'id,lat,lng\nA,40.7,-73.9\n' }, { kind: 'outlets', name: 'Versioned' });
    const v3 = await upload(t.app, { name: 'b.csv', body: 'id,lat,lng\nA,40.7,-73.9\nB,40.8,-73.95\n' }, { kind: 'outlets', name: 'Versioned' });
    expect([v2.status, v3.status]).toEqual([201, 201]);
    expect([(v2.body as ImportResponse).id, (v3.body as ImportResponse).id]).toEqual(['versioned-v1', 'versioned-v2']);
    let list = (await (await t.app.request('/api/datasets')).json()) as DatasetsResponse;
    // today's catalog is still there, every row of it
    const catalog = await t.deps.db.all<{ n: bigint }>('SELECT count(*) AS n FROM datasets');
    expect(list.datasets.length).toBe(Number(catalog[0].n));
    expect(list.datasets.length).toBeGreaterThanOrEqual(13);
    expect(list.userDatasets.filter((d) => d.name === 'Versioned').map((d) => [d.version, d.latest, d.recordCount])).toEqual([[2, true, 2], [1, false, 1]]);
    const one = (await (await t.app.request('/api/datasets/versioned-v1')).json()) as DatasetDetail;
    expect(one.report).toMatchObject({ read: 1, imported: 1, skipped: 0, problems: [] });
    expect((await t.app.request('/api/datasets/versioned-v2', { method: 'DELETE' })).status).toBe(200);
    list = (await (await t.app.request('/api/datasets')).json()) as DatasetsResponse;
    expect(list.userDatasets.filter((d) => d.name === 'Versioned').map((d) => [d.version, d.latest])).toEqual([[1, true]]);
    expect((await t.app.request('/api/datasets/versioned-v2')).status).toBe(404);
    expect((await t.app.request('/api/datasets/versioned-v2', { method: 'DELETE' })).status).toBe(404);
  });

  it('asks for a mapping (400, field mapping.lat, headers listed) and imports once the mapping is given', async () => {
    const csv = 'code,Breite,Laenge\nX1,40.71,-74.01\nX2,40.72,-74.02\n';
    const refused = await upload(t.app, { name: 'german.csv', body: csv }, { kind: 'outlets' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'mapping_required', field: 'mapping.lng' });
    expect(refused.body.headers).toEqual(['code', 'Breite', 'Laenge']);
    expect(refused.body.error.message).toContain('headers found: "code", "Breite", "Laenge"');
    expect(refused.body.report).toMatchObject({ read: 2, imported: 0, skipped: 2 });
    const ok = await upload(t.app, { name: 'german.csv', body: csv }, { kind: 'outlets', mapping: JSON.stringify({ lat: 'Breite', lng: 'Laenge', id: 'code' }) });
    expect(ok.status).toBe(201);
    expect((ok.body as ImportResponse).report).toMatchObject({ read: 2, imported: 2, skipped: 0 });
    expect((ok.body as ImportResponse).dataset.mapping).toEqual({ lat: 'Breite', lng: 'Laenge', id: 'code' });
  });

  it('answers 422 with the report when no row is usable, and stores nothing', async () => {
    const before = ((await (await t.app.request('/api/datasets')).json()) as DatasetsResponse).userDatasets.length;
    const res = await upload(t.app, { name: 'bad.csv', body: 'id,lat,lng\n1,,\n2,abc,-73\n' }, { kind: 'outlets', name: 'Bad' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('nothing_imported');
    expect(res.body.report.problems.map((p: { row: number; field: string; value: string }) => [p.row, p.field, p.value]))
      .toEqual([[1, 'lng', ''], [1, 'lat', ''], [2, 'lat', 'abc']]);
    expect(((await (await t.app.request('/api/datasets')).json()) as DatasetsResponse).userDatasets.length).toBe(before);
  });

  it('a 422 carries the report the worker wrote as JSON, equal to the one parsed on this thread, and names the first problem', async () => {
    const csv = `id,lat,lng,count\n${Array.from({ length: 5000 }, (_, k) => `X${k},40.7,-73.9,-${k + 1}`).join('\n')}\n`;
    const local = await parseUpload({ file: { name: 'negative.csv', bytes: new TextEncoder().encode(csv) }, kind: 'demand', name: 'Negative' },
      { serviceDate: '2026-10-07', limits: DEFAULT_ARCHIVE_LIMITS });
    expect(local.report).toMatchObject({ read: 5000, imported: 0, skipped: 5000 });
    const res = await upload(t.app, { name: 'negative.csv', body: csv }, { kind: 'demand', name: 'Negative' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('nothing_imported');
    expect(res.body.error.message).toMatch(/^negative\.csv: nothing to import: 5000 read, 5000 skipped \(first problem: negative\.csv row 1, count: /);
    expect(res.body.report).toEqual(local.report);
  });

  it('the report the worker wrote as JSON is answered, by the import and by GET (read in pieces), as the bytes of the report parsed on this thread', async () => {
    // 8,000 bad latitudes with a two-byte character: the report is over REPORT_PIECE_CHARS, so GET reads it in two pieces
    const bad = Array.from({ length: 8000 }, (_, k) => `X${k},4${k % 10}.5é,-73.9,1`).join('\n');
    const csv = `id,lat,lng,count\nA,40.7128,-74.0060,3\nB,abc,-73.9,2\nC,40.75,,1\nD,40.758,-73.9855,4\n${bad}\n`;
    const local = await parseUpload({ file: { name: 'mixed.csv', bytes: new TextEncoder().encode(csv) }, kind: 'demand', name: 'Mixed' },
      { serviceDate: '2026-10-07', limits: DEFAULT_ARCHIVE_LIMITS });
    expect(local.report).toMatchObject({ read: 8004, imported: 2, skipped: 8002 });
    expect(local.report.problems.slice(0, 3).map((p) => [p.row, p.field, p.value])).toEqual([[2, 'lat', 'abc'], [3, 'lng', ''], [5, 'lat', '40.5é']]);
    const want = JSON.stringify(local.report);
    expect(want.length).toBeGreaterThan(REPORT_PIECE_CHARS);
    const form = new FormData();
    form.set('file', new File([csv], 'mixed.csv'));
    form.set('kind', 'demand');
    form.set('name', 'Mixed');
    const res = await t.app.request('/api/datasets', { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const text = await res.text();
    const answer = JSON.parse(text) as ImportResponse;
    expect(text).toBe(JSON.stringify({ id: answer.id, dataset: answer.dataset, report: local.report }));
    const got = await t.app.request(`/api/datasets/${answer.id}`);
    const detail = await got.text();
    expect(detail.endsWith(`,"report":${want}}`)).toBe(true);
    expect(JSON.parse(detail)).toEqual({ ...answer.dataset, report: local.report });
  });

  it('names the field of a bad form: kind, mapping JSON, missing file', async () => {
    const a = await upload(t.app, { name: 'x.csv', body: 'a' }, { kind: 'shops' });
    expect([a.status, a.body.error.field]).toEqual([400, 'kind']);
    const b = await upload(t.app, { name: 'x.csv', body: 'a' }, { kind: 'outlets', mapping: '{lat:' });
    expect([b.status, b.body.error.field]).toEqual([400, 'mapping']);
    const form = new FormData();
    form.set('kind', 'outlets');
    const c = await t.app.request('/api/datasets', { method: 'POST', body: form });
    expect([c.status, ((await c.json()) as { error: { field: string } }).error.field]).toEqual([400, 'file']);
  });

  it('reads a large upload in a compute worker: 200,000 customers land whole; a closed request stops the read and stores nothing', async () => {
    const csv = (n: number) => 'id,lng,lat,count\n' + Array.from({ length: n }, (_, k) => `c${k},${(-74 + (k % 1000) * 1e-4).toFixed(4)},${(40.6 + Math.floor(k / 1000) * 1e-3).toFixed(4)},${1 + (k % 7)}`).join('\n') + '\n';
    const big = csv(200_000);
    const ok = await upload(t.app, { name: 'customers.csv', body: big }, { kind: 'demand', name: 'Worker customers' });
    expect(ok.status).toBe(201);
    expect((ok.body as ImportResponse).report).toMatchObject({ read: 200_000, imported: 200_000, skipped: 0 });
    expect((ok.body as ImportResponse).dataset).toMatchObject({ recordCount: 200_000, bbox: [-74, 40.6, -73.9001, 40.799] });
    const stored = await t.deps.userDb.all<{ n: bigint; total: number; last: string }>(
      `SELECT count(*) AS n, sum(value) AS total, max_by(rec_id, row) AS last FROM user_dataset_records WHERE dataset_id = $1`, [(ok.body as ImportResponse).id]);
    // counts cycle 1..7: 28,571 full cycles (28 each) + 3 rows (1 + 2 + 3)
    expect(stored[0]).toMatchObject({ n: 200_000n, total: 28_571 * 28 + 6, last: 'c199999' });

    const before = ((await (await t.app.request('/api/datasets')).json()) as DatasetsResponse).userDatasets.length;
    const form = new FormData();
    form.set('file', new File([big], 'closed.csv'));
    form.set('kind', 'demand');
    form.set('name', 'Closed upload');
    await closeWhileComputing(t, (signal) => t.app.request('/api/datasets', { method: 'POST', body: form, signal }));
    const after = ((await (await t.app.request('/api/datasets')).json()) as DatasetsResponse).userDatasets;
    expect(after.length).toBe(before);
    expect(after.map((d) => d.name)).not.toContain('Closed upload');
  });

  it('a GeoJSON polygon of customers keeps its ring, count and properties through the worker and the store', async () => {
    const ring = [[-73.99, 40.75], [-73.98, 40.75], [-73.98, 40.76], [-73.99, 40.76], [-73.99, 40.75]];
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'blk-1', count: 120, note: 'café' },
      geometry: { type: 'Polygon', coordinates: [ring] } }] };
    const r = await upload(t.app, { name: 'blocks.geojson', body: JSON.stringify(fc) }, { kind: 'demand', name: 'Polygon customers' });
    expect(r.status).toBe(201);
    const f = await (await t.app.request(`/api/datasets/${(r.body as ImportResponse).id}/features`)).json() as
      { features: { id: string; geometry: { type: string; coordinates: number[][][] }; properties: { value: number } }[] };
    expect(f.features).toHaveLength(1);
    expect(f.features[0]).toMatchObject({ id: 'blk-1', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { value: 120 } });
    const props = await t.deps.userDb.all<{ p: string }>(`SELECT CAST(props AS VARCHAR) AS p FROM user_dataset_records WHERE dataset_id = $1`, [(r.body as ImportResponse).id]);
    expect(JSON.parse(props[0].p)).toMatchObject({ note: 'café' });
  });

  it('the map layer, read as columns, holds the features built from the records one by one: points, a polygon, names and counts', async () => {
    const ring = [[-73.99, 40.75], [-73.98, 40.75], [-73.98, 40.76], [-73.99, 40.76], [-73.99, 40.75]];
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: 'blk-1', count: 120, name: 'Block “1”', note: 'café' }, geometry: { type: 'Polygon', coordinates: [ring] } },
      { type: 'Feature', properties: { id: 'pt-2', count: 7, extra: 'x' }, geometry: { type: 'Point', coordinates: [-73.9855, 40.758] } },
      { type: 'Feature', properties: { id: 'pt-3', count: 3, name: 'Third' }, geometry: { type: 'Point', coordinates: [-74.006, 40.7128] } }] };
    const r = await upload(t.app, { name: 'mixed.geojson', body: JSON.stringify(fc) }, { kind: 'demand', name: 'Mixed layer' });
    expect(r.status).toBe(201);
    const id = (r.body as ImportResponse).id;
    const got = await (await t.app.request(`/api/datasets/${id}/features`)).json() as { features: unknown[]; truncated: boolean };
    // the features as the route built them from whole records before
    const want = (await t.services.datasets.records(id)).map((rec) => ({
      type: 'Feature', id: rec.id, geometry: rec.geometry ?? { type: 'Point', coordinates: [rec.lng, rec.lat] },
      properties: { id: rec.id, row: rec.row, name: rec.name, value: rec.value, mode: rec.mode ?? null, lng: rec.lng, lat: rec.lat },
    }));
    expect(got.features).toEqual(want);
    expect(got.truncated).toBe(false);
    expect(want.map((f) => [f.id, f.properties.value, f.properties.name])).toEqual([['blk-1', 120, 'Block “1”'], ['pt-2', 7, null], ['pt-3', 3, 'Third']]);
    expect(want[0].geometry).toEqual({ type: 'Polygon', coordinates: [ring] });
  });

  it('refuses an upload above the size limit with 413', async () => {
    const app = createApp({ ...t.deps, config: { ...t.deps.config, uploadMaxBytes: 1000 } });
    const res = await upload(app, { name: 'big.csv', body: 'id,lat,lng\n' + '1,40.7,-73.9\n'.repeat(200) }, { kind: 'outlets' });
    expect(res.status).toBe(413);
    // refused by the app-wide body limit (before credentials are checked), at the upload limit of this route
    expect(res.body.error).toMatchObject({ code: 'payload_too_large', message: 'Request body too large: POST /api/datasets accepts at most 1000 bytes' });
  });
});

describe('roles (accounts mode)', () => {
  it('a viewer may list datasets but not import or delete them (403); an analyst may import', async () => {
    const { loadConfig } = await import('../config');
    const { AccountStore } = await import('../auth/accounts');
    const app = createApp({ ...t.deps, config: { ...loadConfig({ ...process.env, AUTH: 'on', DB_PATH: t.deps.config.dbPath }) } });
    const accounts = new AccountStore(t.deps.userDb);
    const viewer = await accounts.create('viewer-ds@bank.example', 'correct horse battery', 'viewer');
    const analyst = await accounts.create('analyst-ds@bank.example', 'correct horse battery', 'analyst');
    const bearer = async (u: { id: string }) => ({ authorization: `Bearer ${(await accounts.issueApiToken(u.id)).token}` });
    const form = () => { const f = new FormData(); f.set('file', new File(['id,lat,lng\nA,40.7,-73.9\n'], 'r.csv')); f.set('kind', 'outlets'); f.set('name', 'Roles'); return f; };
    const asViewer = await bearer(viewer);
    expect((await app.request('/api/datasets', { headers: asViewer })).status).toBe(200);
    const denied = await app.request('/api/datasets', { method: 'POST', body: form(), headers: asViewer });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const ok = await app.request('/api/datasets', { method: 'POST', body: form(), headers: await bearer(analyst) });
    expect(ok.status).toBe(201);
    const id = ((await ok.json()) as ImportResponse).id;
    expect((await app.request(`/api/datasets/${id}`, { method: 'DELETE', headers: asViewer })).status).toBe(403);
    expect((await app.request(`/api/datasets/${id}`, { method: 'DELETE', headers: await bearer(analyst) })).status).toBe(200);
  });
});
