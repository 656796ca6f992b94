import type { DatasetDetail, ImportResponse, UserDataset } from '../../core/api/datasets';
import type { ImportReport } from '../../core/datasets/types';
import { ApiError, api, enc, ok } from './http';

export type { DatasetDetail, ImportReport, ImportResponse, UserDataset };

/**
 * A refused import (400 / 413 / 415 / 422): the server's problem plus the same validation report and the headers found;
 * `messageCode` / `params` name the refusal's text (core/datasets/refusals.ts) for client/datasets/refusalText.ts.
 */
export class ImportRefused extends ApiError {
  constructor(status: number, code: string, message: string, field: string | undefined, readonly report: ImportReport | null, readonly headers: string[] | null,
    readonly messageCode?: string, readonly params?: unknown) {
    super(status, code, message, field);
    this.name = 'ImportRefused';
  }
}

/**
 * `POST /api/datasets` as multipart with upload progress (XMLHttpRequest: fetch — and so the typed client — cannot
 * report upload progress).
 * `onProgress(sentBytes, totalBytes)` runs while the file goes up. @throws ImportRefused (with the report) or ApiError.
 */
export function uploadDataset(fields: { file: File; kind: string; name?: string; mapping?: Record<string, string>; crs?: string; xwalk?: File },
  onProgress?: (sent: number, total: number) => void): Promise<ImportResponse> {
  const form = new FormData();
  form.set('file', fields.file);
  form.set('kind', fields.kind);
  if (fields.name) form.set('name', fields.name);
  if (fields.mapping && Object.keys(fields.mapping).length) form.set('mapping', JSON.stringify(fields.mapping));
  if (fields.crs) form.set('crs', fields.crs);
  if (fields.xwalk) form.set('xwalk', fields.xwalk);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/datasets');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded, e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload failed (network error)'));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; field?: string; messageCode?: string; params?: unknown }; report?: ImportReport; headers?: string[] } | undefined;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as unknown as ImportResponse);
      const e = body?.error;
      reject(new ImportRefused(xhr.status, e?.code ?? 'http_error', e?.message ?? `upload failed: HTTP ${xhr.status}`, e?.field, body?.report ?? null, body?.headers ?? null,
        e?.messageCode, e?.params));
    };
    xhr.send(form);
  });
}

/** Every version of every user dataset (`GET /api/datasets` → `userDatasets`). */
export async function fetchUserDatasets(): Promise<UserDataset[]> {
  return (await ok(api.datasets.$get())).userDatasets;
}

export const fetchDataset = (id: string): Promise<DatasetDetail> => ok(api.datasets[':id'].$get({ param: { id: enc(id) } }));

/** A dataset's records as GeoJSON (the map layer). */
export const fetchDatasetFeatures = (id: string) => ok(api.datasets[':id'].features.$get({ param: { id: enc(id) } }));

export async function deleteDataset(id: string): Promise<void> {
  await ok(api.datasets[':id'].$delete({ param: { id: enc(id) } }));
}
