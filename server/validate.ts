import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import type { Problem } from './errors';

/**
 * zod validation for a Hono route. On failure answers 400 with a {@link Problem} whose `issues` name each
 * bad field by its path (`sites.3.lat`), and whose message lists them — never a 500.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
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
}
