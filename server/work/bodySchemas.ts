import { scoreRequestSchema, sensitivityRequestSchema } from '../../core/api/sites';
import { coverageCompareRequest, coverageDetailRequest, coverageRequest, optimizeRequest, scenarioInput } from '../../core/api/coverage';
import { resolveAreaRequest } from '../../core/api/areas';
import { createPlanRequest, saveVersionRequest } from '../../core/api/plans';
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
  /** `POST /api/sites/sensitivity` (up to 10,000 sites; 2 MiB held the event loop ≈ 190 ms). */
  sensitivityRequest: sensitivityRequestSchema,
  /** `POST /api/scenarios`, `PUT /api/scenarios/:id` (up to 5,000 added, 100,000 closed and moved; 8 MiB held it ≈ 300 ms). */
  scenarioInput,
  /** `POST /api/optimize` (up to 50,000 candidates; 5 MB held it ≈ 200 ms). */
  optimizeRequest,
  /** `POST /api/areas/resolve` (a drawn or uploaded polygon of up to 20,000 positions: ≈ 60–210 ms of zod's tuple checks). */
  resolveAreaRequest,
  /** `POST /api/plans` (plans up to 20,000 vertices: ≈ 80 ms before the vertex cap's 400). */
  createPlanRequest,
  /** `POST /api/plans/:id/versions` (the same plans). */
  saveVersionRequest,
  /** `POST /api/coverage`, `/coverage/detail`, `/coverage/compare` (a study-area polygon, or thousands of counties). */
  coverageRequest,
  coverageDetailRequest,
  coverageCompareRequest,
} as const;

export type BodySchemaName = keyof typeof BODY_SCHEMAS;
