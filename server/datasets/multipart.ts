import { badRequestText } from '../errors';
import { refusal } from '../../core/datasets/refusals';
import type { UploadFile } from './importer';

/** A multipart form read into plain data (structured-clonable: it comes back from a compute worker). */
export interface MultipartForm {
  /** Text fields by name (a name sent more than once is in neither this nor `files`, but in `repeated`). */
  fields: Record<string, string>;
  /** File fields by name: the file name as sent (may be "") and its bytes. */
  files: Record<string, UploadFile>;
  /** Names sent more than once (none of the fields here takes a list). */
  repeated: string[];
}

/**
 * Read a `multipart/form-data` body (the Fetch API's parser, as `c.req.parseBody` used) into its text fields and
 * files. Runs in a compute worker for `POST /api/datasets` (server/work/tasks.ts `readMultipart`): the parser is
 * synchronous over the whole body.
 * @param body the raw request body; @param contentType its Content-Type header (with the boundary).
 * @throws AppError 400 `bad_request` (field `file`) when the body cannot be read as multipart.
 */
export async function readMultipartForm(body: Uint8Array, contentType: string): Promise<MultipartForm> {
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch (err) {
    throw badRequestText(refusal('multipartUnreadable', { detail: (err as Error).message }), 'file');
  }
  const out: MultipartForm = { fields: {}, files: {}, repeated: [] };
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name);
    if (values.length > 1) { out.repeated.push(name); continue; }
    const value = values[0];
    if (typeof value === 'string') out.fields[name] = value;
    else out.files[name] = { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  return out;
}
