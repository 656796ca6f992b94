import { api, enc, ok } from './http';
import type { ParameterSet, ValidationReportDto } from '../../core/api/forecast';

/** The forecast contracts live in core/api/forecast.ts (zod, shared with the server); re-exported for the client. */
export type { ParameterSet, ValidationReportDto };

/** `GET /api/parameter-sets` — every parameter set with its hold-out fit (waits for the first calibration). */
export const fetchParameterSets = (): Promise<ParameterSet[]> => ok(api['parameter-sets'].$get());

/** `GET /api/parameter-sets/:name/validation` — the validation report behind a set (the Model view). */
export const fetchValidation = (name: string): Promise<ValidationReportDto> =>
  ok(api['parameter-sets'][':name'].validation.$get({ param: { name: enc(name) } }));
