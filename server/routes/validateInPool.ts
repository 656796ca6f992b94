import type { ZodType } from 'zod';
import type { AppContext } from '../services';
import { validateJsonOffThread } from '../validate';
import { BODY_SCHEMAS, type BodySchemaName } from '../work/bodySchemas';
import { currentUser } from '../auth/middleware';
import { fromPostedForm } from '../work/sharedResource';

/**
 * `validate('json', schema)` whose large bodies (server/validate.ts {@link validateJsonOffThread}) are parsed and
 * validated in the app's compute pool — as the caller (its per-user limit), stopped when the client goes away —
 * against the same schema registered there as `name`; the route then reads `c.req.valid('json')` as usual.
 * @throws Error at start-up when `schema` is not `BODY_SCHEMAS[name]` (the worker would check another schema).
 */
export function validateJsonInPool<T extends ZodType>(ctx: AppContext, name: BodySchemaName, schema: T) {
  if ((BODY_SCHEMAS[name] as ZodType) !== schema) throw new Error(`BODY_SCHEMAS.${name} is not the schema this route validates`);
  // the worker sends long arrays of objects (50,000 candidate sites) as columns in shared buffers: cloned as objects they held the event loop 50–90 ms
  return validateJsonOffThread(schema, async (c, text) =>
    await fromPostedForm(await ctx.services.compute.run('validateBody', { schema: name, text }, { user: currentUser(c).id, signal: c.req.raw.signal })));
}
