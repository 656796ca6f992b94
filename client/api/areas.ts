import type { AreaSpec, CountyDto, NtaDto, ResolveAreaResponse } from '../../core/api/areas';
import { api, ok } from './http';

export type { AreaSpec, CountyDto, NtaDto, ResolveAreaResponse };

/** `GET /api/areas/counties?q=` — US counties matching a name, state or FIPS prefix (most populous first). */
export const fetchCounties = (q: string, limit = 12, signal?: AbortSignal) =>
  ok(api.areas.counties.$get({ query: { q, limit: String(limit) } }, { init: { signal } }));

/** `GET /api/areas/ntas` — every NYC 2020 Neighborhood Tabulation Area with its borough. */
export const fetchNtas = () => ok(api.areas.ntas.$get());

/** `POST /api/areas/resolve` — an area's name, bbox and outline, and (with a resolution) its grid's cell count. */
export const resolveArea = (area: AreaSpec, resolution?: 8 | 9 | 10, signal?: AbortSignal) =>
  ok(api.areas.resolve.$post({ json: { area, resolution } }, { init: { signal } }));
