import { Hono } from 'hono';
import type { AppContext } from '../services';
import { memoOnce } from '../memo';
import { validate } from '../validate';
import { validateJsonInPool } from './validateInPool';
import { operation } from './operation';
import { countiesQuery, resolveAreaRequest, type CountyDto, type NtaDto, type ResolveAreaResponse } from '../../core/api/areas';
import { NYC_BOROUGHS } from '../../core/api/coverage';

/**
 * Study areas (issue 10): `GET /areas/counties?q=` (US counties by name, state or FIPS, most populous first),
 * `GET /areas/ntas` (the NYC 2020 NTAs with their borough), `POST /areas/resolve` (`{ area, resolution? }` → name,
 * bbox, outline GeoJSON and, with a resolution, the grid's cell count — or the 400 naming the cap).
 */
export function areasRoutes(ctx: AppContext) {
  const { areas } = ctx.services;
  // the county list with populations, built once per app from the boundaries and the block groups
  const counties = memoOnce(async (): Promise<CountyDto[]> => {
    const [b, geo] = await Promise.all([areas.boundaries(), ctx.services.geo()]);
    const population = new Map<string, number>();
    const bg = geo.blockGroups;
    for (let i = 0; i < bg.size; i++) population.set(bg.countyFips[i], (population.get(bg.countyFips[i]) ?? 0) + bg.population[i]);
    return [...b.counties.values()].map((c) => {
      const [name, state = ''] = c.name.includes(', ') ? c.name.split(', ') : [c.name, c.id in NYC_BOROUGHS ? 'New York' : ''];
      return { fips: c.id, name, state, population: population.get(c.id) ?? 0 };
    }).sort((x, y) => y.population - x.population || x.fips.localeCompare(y.fips));
  });
  return new Hono()
    .get('/areas/counties', operation({ role: 'viewer', tag: 'areas', summary: 'US counties by name, state or FIPS, most populous first (study-area picker)' }),
      validate('query', countiesQuery), async (c) => {
      const { q, limit } = c.req.valid('query');
      const needle = q.toLowerCase();
      const all = await counties();
      const hits = needle ? all.filter((x) => x.fips.startsWith(needle) || `${x.name}, ${x.state}`.toLowerCase().includes(needle)) : all;
      // names starting with the query first, then the rest (each most populous first)
      const starts = hits.filter((x) => x.name.toLowerCase().startsWith(needle));
      const rest = hits.filter((x) => !x.name.toLowerCase().startsWith(needle));
      return c.json({ q, count: hits.length, counties: [...starts, ...rest].slice(0, limit) });
    })
    .get('/areas/ntas', operation({ role: 'viewer', tag: 'areas', summary: 'NYC 2020 Neighborhood Tabulation Areas with their borough' }), async (c) => {
      const b = await areas.boundaries();
      const ntas: NtaDto[] = [...b.ntas.values()].map((n) => ({ code: n.id, name: n.name, borough: n.borough, countyFips: n.countyFips }))
        .sort((x, y) => x.code.localeCompare(y.code));
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json({ ntas });
    })
    .post('/areas/resolve', operation({ role: 'viewer', tag: 'areas',
      summary: 'A study area\'s name, bbox, outline and (with a resolution) its H3 cell count, or the 400 naming the cell cap' }),
      validateJsonInPool(ctx, 'resolveAreaRequest', resolveAreaRequest), async (c) => {
      const { area, resolution } = c.req.valid('json');
      const out: ResolveAreaResponse = await areas.describe(area, resolution);
      return c.json(out);
    });
}
