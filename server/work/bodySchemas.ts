import { scoreRequestSchema } from '../../core/api/sites';
import { CheckRequest } from '../../core/api/standards';
import { refitRequestSchema } from '../../core/api/forecast';

/**
 * The request-body schemas a compute worker may validate a large JSON body against (server/work/tasks.ts
 * `validateBody`, used by server/routes/validateInPool.ts), by name: the name crosses to the worker, the schema
 * does not (zod schemas are not structured-clonable).
 */
export const BODY_SCHEMAS = {
  /** `POST /api/sites/score` (up to 10,000 sites). */
  scoreRequest: scoreRequestSchema,
  /** `POST /api/standards/check` (plans up to 1,000 zones and 20,000 vertices). */
  standardsCheck: CheckRequest,
  /** `POST /api/parameter-sets` (up to 20,000 outcomes). */
  refitRequest: refitRequestSchema,
} as const;

export type BodySchemaName = keyof typeof BODY_SCHEMAS;
