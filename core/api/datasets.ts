import { z } from 'zod';
import { DATASET_KINDS } from '../datasets/types';

/** Contracts of the user-dataset API (issue 10, items 3 and 6), shared by server and client. */

/** Largest upload accepted by `POST /api/datasets` unless the server sets UPLOAD_MAX_MB. */
export const DEFAULT_UPLOAD_MAX_MB = 200;

export const datasetKind = z.enum(DATASET_KINDS);

/** `mapping`: which column holds each field (header names as written), and the delimiter / decimal mark when unclear. */
export const columnMappingSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  lng: z.string().min(1).max(200).optional(),
  lat: z.string().min(1).max(200).optional(),
  count: z.string().min(1).max(200).optional(),
  outcome: z.string().min(1).max(200).optional(),
  name: z.string().min(1).max(200).optional(),
  delimiter: z.enum([',', ';', '\t', '|', 'tab']).transform((d) => (d === 'tab' ? '\t' : d)).optional(),
  decimal: z.enum(['.', ',']).optional(),
}).strict();

/** The text fields of the multipart `POST /api/datasets` body (`file` — and for jobs `xwalk` — are files). */
export const importFieldsSchema = z.object({
  kind: datasetKind,
  name: z.string().trim().min(1).max(200).optional(),
  mapping: z.string().max(10_000).optional().transform((s, ctx) => {
    if (s === undefined || s.trim() === '') return undefined;
    let raw: unknown;
    try { raw = JSON.parse(s); } catch {
      ctx.addIssue({ code: 'custom', message: 'mapping must be a JSON object such as {"lat":"Latitude","lng":"Longitude"}' });
      return z.NEVER;
    }
    const r = columnMappingSchema.safeParse(raw);
    if (!r.success) {
      for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
      return z.NEVER;
    }
    return r.data;
  }),
  crs: z.string().trim().min(1).max(20_000).optional(),
});

export const importProblemSchema = z.object({
  file: z.string(), row: z.number().int().nullable(), id: z.string().nullable(), field: z.string().nullable(),
  value: z.string().nullable(), message: z.string(), severity: z.enum(['error', 'warning']),
});

export const importReportSchema = z.object({
  read: z.number().int(), imported: z.number().int(), skipped: z.number().int(),
  problems: z.array(importProblemSchema),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  details: z.record(z.string(), z.unknown()),
});

export const userDatasetSchema = z.object({
  id: z.string(), name: z.string(), version: z.number().int(), latest: z.boolean(), kind: datasetKind, format: z.string(),
  file: z.string(), bytes: z.number(), sha256: z.string(), crs: z.string().nullable(), mapping: z.record(z.string(), z.string()).nullable(),
  recordCount: z.number().int(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(), importedAt: z.string(),
});
export type UserDataset = z.infer<typeof userDatasetSchema>;

/** `POST /api/datasets` → 201. */
export const importResponseSchema = z.object({ id: z.string(), dataset: userDatasetSchema, report: importReportSchema });
export type ImportResponse = z.infer<typeof importResponseSchema>;

/** `GET /api/datasets/:id`. */
export const datasetDetailSchema = userDatasetSchema.extend({ report: importReportSchema });
export type DatasetDetail = z.infer<typeof datasetDetailSchema>;

export const datasetIdParam = z.object({ id: z.string().min(1).max(200) });
