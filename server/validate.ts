import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
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
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
      const body: Problem = {
        error: {
          code: 'bad_request',
          message: `Invalid ${target}: ` + issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; '),
          issues,
          field: issues[0]?.path,
        },
      };
      return c.json(body, 400);
    }
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
