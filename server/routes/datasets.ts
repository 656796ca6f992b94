import { JsonBytes, pacedJson, pacedJsonBytes } from '../http/pacedJson';
import { chunkedBody } from '../http/chunkedBody';
import type { TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from '../services';
import { operation } from './operation';
import { AppError, badRequestText, notFound, refusalError, type Problem } from '../errors';
import { refusal } from '../../core/datasets/refusals';
import { validate } from '../validate';
import { DEFAULT_ARCHIVE_LIMITS } from '../datasets/archive';
import { importDataset } from '../datasets/importer';
import { isEncodedReport } from '../datasets/store';
import { datasetDetailSchema, datasetIdParam, importFieldsSchema, importResponseSchema, type DatasetDetail, type ImportResponse } from '../../core/api/datasets';
import { LAYER_MAX_POINTS } from '../../core/api/layers';
import { audit, currentUser } from '../auth/middleware';
import { nextTurn } from '../eventLoop';
import type { DatasetRecord } from '../../core/datasets/types';
import type { MultiPolygon, Point, Polygon } from 'geojson';

/** The map layer's properties of one record (`GET /datasets/:id/features`). */
interface DatasetFeatureProperties {
  id: string; row: number; name: string | null; value: number | null; mode: DatasetRecord['mode'] | null; lng: number; lat: number;
}

/** `GET /datasets/:id/features` builds features until this long (ms), then takes a turn of the event loop. */
const FEATURES_TURN_MS = 10;

/**
 * Users' own datasets (issue 10, item 3):
 * - `POST /datasets` (multipart: `file`, `kind`, optional `name`, `mapping` (JSON), `crs`; kind jobs: `xwalk`) imports a new version of a
 *   named dataset → 201 `{ id, dataset, report }`; bad rows are skipped and listed in the report. 400 with the same
 *   report when the columns (or delimiter, decimal mark, CRS) need the user's word, listing the headers found;
 *   422 when nothing usable remains; 413 above the upload limit (`config.uploadMaxBytes`) or the decompressed limit.
 * Writes (import, delete) need the analyst role (issue 11); reads any signed-in user.
 * - `GET /datasets/:id` → the version with its report; `DELETE /datasets/:id` removes it (other versions stay);
 * - `GET /datasets/:id/features` → its records as a GeoJSON FeatureCollection (the map layer; at most
 *   {@link LAYER_MAX_POINTS}, `truncated` says when more exist).
 * The catalog listing (`GET /datasets`) is in routes/health.ts, with the imported data's catalog.
 */
export function datasetsRoutes(ctx: AppContext) {
  const store = ctx.services.datasets;
  const maxMb = Math.round(ctx.config.uploadMaxBytes / 1024 / 1024);
  return new Hono()
    .post('/datasets',
      operation({ role: 'analyst', tag: 'datasets', status: [201], body: importFieldsSchema, bodyType: 'multipart/form-data', response: importResponseSchema,
        summary: 'Import a user dataset (multipart: file, kind, name?, mapping? as JSON, crs?) as a new version; bad rows skipped and reported; 400 when the columns need a mapping (headers listed), 422 when nothing usable remains' }),
      bodyLimit({
        maxSize: ctx.config.uploadMaxBytes,
        onError: (c) => c.json(refusalError(413, 'too_large', refusal('uploadTooLarge', { maxMb }), { field: 'file' }).toProblem() satisfies Problem, 413),
      }),
      async (c) => {
        const type = c.req.header('content-type') ?? '';
        if (!/^multipart\/form-data/i.test(type)) {
          throw new AppError(415, 'unsupported_media_type', `Send the dataset as multipart/form-data (fields file, kind, name, mapping, crs), not "${type || 'no Content-Type'}"`);
        }
        // the body is read here as bytes (streamed, async) and parsed in a compute worker, as the upload itself: undici's
        // multipart parser is synchronous (≈ 1 s for 9 MB on a loaded machine)
        const user = currentUser(c).id, signal = c.req.raw.signal;
        let raw: Uint8Array;
        try {
          raw = new Uint8Array(await c.req.arrayBuffer());
        } catch (err) {
          throw badRequestText(refusal('multipartUnreadable', { detail: (err as Error).message }), 'file');
        }
        const form = await ctx.services.compute.run('readMultipart', { body: raw, contentType: type }, { user, signal, transfer: [raw.buffer as ArrayBuffer] });
        const text = (k: string) => form.fields[k];
        const fields = importFieldsSchema.safeParse({ kind: text('kind'), name: text('name'), mapping: text('mapping'), crs: text('crs') });
        if (!fields.success) {
          const issues = fields.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
          throw new AppError(400, 'bad_request', 'Invalid form: ' + issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues, field: issues[0].path });
        }
        const file = form.files.file;
        if (!file) throw badRequestText(refusal('uploadMissing'), 'file');
        if (file.bytes.length === 0) throw badRequestText(refusal('uploadEmpty', { file: file.name }), 'file');
        const xwalk = form.files.xwalk ? { name: form.files.xwalk.name || 'xwalk.csv', bytes: form.files.xwalk.bytes } : undefined;
        const { id, report } = await importDataset(store, {
          file: { name: file.name || 'upload', bytes: file.bytes }, xwalk,
          kind: fields.data.kind, name: fields.data.name, mapping: fields.data.mapping, crs: fields.data.crs,
        }, { serviceDate: ctx.config.serviceDate, limits: DEFAULT_ARCHIVE_LIMITS,
          // parsing and validating a large file takes seconds: in a worker thread, stopped at the deadline or on
          // disconnect; the worker writes the records to a staged file that DuckDB reads (server/datasets/stagedRecords.ts)
          parse: (req, parseCtx) => ctx.services.compute.run('parseUpload', { req, ctx: parseCtx, stagingDir: store.stagingDir }, { user, signal }) });
        const dataset = (await store.get(id))!;
        await audit(c, 'create', 'dataset', id, `${dataset.kind} "${dataset.name}" version ${dataset.version}`);
        // a report naming 100,000 bad rows is ≈ 17 MB: stringified at once it held the event loop ≈ 150 ms; the worker
        // that parsed the upload wrote it as JSON, sent as those bytes
        const body = { id, dataset, report: isEncodedReport(report) ? new JsonBytes(report.json) : report };
        return c.body(chunkedBody(await pacedJsonBytes(body)), 201, { 'content-type': 'application/json' }) as unknown as TypedResponse<JSONParsed<ImportResponse>, 201, 'json'>;
      })
    .get('/datasets/:id', operation({ role: 'viewer', tag: 'datasets', response: datasetDetailSchema, summary: 'One version of a user dataset with its validation report' }), validate('param', datasetIdParam), async (c) => {
      const id = c.req.valid('param').id;
      const d = await store.get(id);
      const report = await store.reportJson(id);
      if (!d || !report) throw notFound(`No user dataset "${id}" (GET /api/datasets lists them)`);
      // its report may name 100,000 bad rows (≈ 17 MB): sent as the stored JSON's bytes, never parsed here
      return pacedJson(c, { ...d, report: new JsonBytes(report) }) as unknown as TypedResponse<JSONParsed<DatasetDetail>, 200, 'json'>;
    })
    .get('/datasets/:id/features', operation({ role: 'viewer', tag: 'datasets', summary: 'A user dataset as a GeoJSON FeatureCollection (map layer)' }), validate('param', datasetIdParam), async (c) => {
      const id = c.req.valid('param').id;
      const d = await store.get(id);
      if (!d) throw notFound(`No user dataset "${id}" (GET /api/datasets lists them)`);
      // read as columns (no record objects, their other columns not parsed) and turned into features a slice at a
      // time: an 8,000-outlet upload with 80 columns each held the event loop ≈ 90–130 ms
      const r = await store.points(id, LAYER_MAX_POINTS + 1); // one more: whether it was truncated
      const n = Math.min(r.id.length, LAYER_MAX_POINTS);
      const features = new Array<{ type: 'Feature'; id: string; geometry: Polygon | MultiPolygon | Point; properties: DatasetFeatureProperties }>(n);
      let since = performance.now();
      for (let k = 0; k < n; k++) {
        if (k % 1000 === 999 && performance.now() - since > FEATURES_TURN_MS) { await nextTurn(); since = performance.now(); }
        const geometry = r.geometry[k];
        features[k] = {
          type: 'Feature' as const, id: r.id[k],
          geometry: geometry ? JSON.parse(geometry) as Polygon | MultiPolygon : { type: 'Point' as const, coordinates: [r.lng[k], r.lat[k]] },
          properties: { id: r.id[k], row: r.row[k], name: r.name[k], value: r.value[k], mode: r.mode[k] ?? null, lng: r.lng[k], lat: r.lat[k] },
        };
      }
      return pacedJson(c, { type: 'FeatureCollection' as const, id, kind: d.kind, name: d.name, version: d.version, truncated: r.id.length > n, features });
    })
    .delete('/datasets/:id', operation({ role: 'analyst', tag: 'datasets', summary: 'Delete one version of a user dataset (other versions stay)' }),
      validate('param', datasetIdParam), async (c) => {
      const id = c.req.valid('param').id;
      if (!(await store.delete(id))) throw notFound(`No user dataset "${id}" (the shipped data cannot be deleted)`);
      await audit(c, 'delete', 'dataset', id);
      return c.json({ deleted: id });
    });
}
