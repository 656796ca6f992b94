import { zValidator } from '@hono/zod-validator';
import type { Context, MiddlewareHandler, ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodType } from 'zod';
import type { Problem } from './errors';
import { markInput, type InputTarget } from './routes/operation';

/** JSON media types (`application/json`, `application/geo+json` …), as Hono's json validator recognises them. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * zod validation for a Hono route. On failure answers 400 with a {@link Problem} whose `issues` name each
 * bad field by its path (`sites.3.lat`), and whose message lists them — never a 500.
 *
 * For `json`: a body sent with a Content-Type that is not JSON (e.g. `text/plain`) is answered 415 naming the
 * Content-Type. (Hono's json validator would silently validate `{}` instead, and the 400 would wrongly report
 * the fields as missing.) A request without a Content-Type is still validated as `{}` (an empty POST).
 *
 * The middleware carries its schema, so the route registry (server/routes/operation.ts) documents it in OpenAPI.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const mw = zValidator(target, schema, (result, c) => {
    if (!result.success) return c.json(invalidInput(target, bodyIssues(result.error.issues)), 400);
  });
  if (target !== 'json') return markInput(mw, target as InputTarget, schema);
  const guarded: MiddlewareHandler = async (c, next) => {
    const contentType = c.req.header('content-type');
    const mediaType = contentType?.split(';')[0].trim() ?? '';
    if (contentType !== undefined && !JSON_MEDIA_TYPE.test(mediaType)) {
      const body: Problem = {
        error: {
          code: 'unsupported_media_type',
          message: `Content-Type "${contentType}" is not JSON: send the body as JSON with Content-Type: application/json`,
        },
      };
      return c.json(body, 415);
    }
    return mw(c, next);
  };
  return markInput(guarded as typeof mw, 'json', schema);
}

/** One failed check of a body: its field path (`sites.3.lat`, `(root)`) and the message. */
export interface BodyIssue { path: string; message: string }

/** zod's issues as {@link BodyIssue}s. */
export function bodyIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): BodyIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/** The 400 body of input that failed validation (the first five issues in the message, all in `issues`). */
function invalidInput(target: string, issues: BodyIssue[]): Problem {
  return {
    error: {
      code: 'bad_request',
      message: `Invalid ${target}: ` + issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; '),
      issues,
      field: issues[0]?.path,
    },
  };
}

/**
 * The outcome of validating a JSON body's text against a schema (structured-clonable: a compute worker returns it,
 * server/work/tasks.ts `validateBody`): the parsed data, or why it was refused.
 */
export type BodyValidation = { ok: true; data: unknown } | { ok: false; malformed: true } | { ok: false; issues: BodyIssue[] };

/** Parse `text` as JSON and validate it against `schema` (what {@link validate} does, as plain data). */
export function validateBodyText(schema: ZodType, text: string): BodyValidation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, malformed: true };
  }
  const r = schema.safeParse(value);
  return r.success ? { ok: true, data: r.data } : { ok: false, issues: bodyIssues(r.error.issues) };
}

/** JSON bodies from this size (bytes, by Content-Length) are validated in a compute worker by {@link validateJsonOffThread}. */
export const OFF_THREAD_MIN_BODY_BYTES = 256 * 1024;

/**
 * {@link validate}`('json', schema)` for routes whose bodies may be large (10,000 sites, an 800-zone plan, 20,000
 * outcomes): a body of {@link OFF_THREAD_MIN_BODY_BYTES} or more is read as text here and parsed and validated by
 * `offThread` — the compute pool's `validateBody` task, which names the same schema — so that neither `JSON.parse`
 * nor zod holds the event loop (10,000 sites: ≈ 50–130 ms on a loaded machine). A body without a Content-Length
 * (chunked) is read first and goes by its length; smaller bodies are validated here as by {@link validate}. The answers are the same: 415 for a non-JSON
 * Content-Type, 400 `http_error` for malformed JSON, 400 `bad_request` with the issues.
 */
export function validateJsonOffThread<T extends ZodType>(schema: T, offThread: (c: Context, text: string) => Promise<BodyValidation>) {
  const inline = validate('json', schema);
  const mw: MiddlewareHandler = async (c, next) => {
    const contentType = c.req.header('content-type');
    if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType.split(';')[0].trim())) return (inline as unknown as MiddlewareHandler)(c, next);
    const length = c.req.header('content-length');
    if (length !== undefined && !(Number(length) >= OFF_THREAD_MIN_BODY_BYTES)) return (inline as unknown as MiddlewareHandler)(c, next);
    // a large Content-Length, or none (a chunked body: its size is known once read; Hono keeps the text for `inline`)
    const text = await c.req.text();
    if (length === undefined && text.length < OFF_THREAD_MIN_BODY_BYTES) return (inline as unknown as MiddlewareHandler)(c, next);
    const r = await offThread(c, text);
    if (!r.ok) {
      if ('malformed' in r) throw new HTTPException(400, { message: 'Malformed JSON in request body' });
      return c.json(invalidInput('json', r.issues), 400);
    }
    c.req.addValidatedData('json', r.data as object);
    await next();
  };
  return markInput(mw as unknown as typeof inline, 'json', schema);
}
