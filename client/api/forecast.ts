import { api, enc, ok } from './http';
import type { ParameterSet, ParameterSetListing, ValidationReportDto } from '../../core/api/forecast';

/** The forecast contracts live in core/api/forecast.ts (zod, shared with the server); re-exported for the client. */
export type { ParameterSet, ParameterSetListing, ValidationReportDto };

/**
 * `GET /api/parameter-sets` — every parameter set with its hold-out fit, at once: the FDIC SOD set is
 * `status: "calibrating"` (no figures) while the server still fits it (client/model/useParameterSets.ts asks again).
 */
export const fetchParameterSets = (): Promise<ParameterSetListing[]> => ok(api['parameter-sets'].$get({ query: {} }));

/** `GET /api/parameter-sets/:name/validation` — the validation report behind a set (the Model view). */
export const fetchValidation = (name: string): Promise<ValidationReportDto> =>
  ok(api['parameter-sets'][':name'].validation.$get({ param: { name: enc(name) } }));
