/** Standards API calls (server/routes/standards.ts). */
import type { CheckResponse, SizingRequest, SizingResponse } from '../../core/api/standards';
import { postJson } from './http';

export const fetchSizing = (req: SizingRequest) => postJson<SizingResponse>('/api/standards/sizing', req);
export const checkOnServer = (plan: unknown, profile: 'us-ada-ibc' | 'cn-gb-ga') => postJson<CheckResponse>('/api/standards/check', { plan, profile });
