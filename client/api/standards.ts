/** Standards API calls (server/routes/standards.ts). */
import type { SizingRequest } from '../../core/api/standards';
import { api, ok } from './http';

export const fetchSizing = (req: SizingRequest) => ok(api.standards.sizing.$post({ json: req }));
export const checkOnServer = (plan: unknown, profile: 'us-ada-ibc' | 'cn-gb-ga') => ok(api.standards.check.$post({ json: { plan, profile } }));
