import type { GridSpec } from '../../core/api/areas';
import type { NtaDto } from '../api/areas';

/** NYC boroughs as county FIPS, in borough-code order (1 Bronx … 5 Staten Island). */
export const BOROUGH_FIPS: readonly { code: number; fips: string }[] = [
  { code: 1, fips: '36005' }, { code: 2, fips: '36047' }, { code: 3, fips: '36061' }, { code: 4, fips: '36081' }, { code: 5, fips: '36085' },
];

/**
 * The borough (county FIPS) whose neighbourhoods the picker lists for a study area: the borough itself when the area is
 * exactly one NYC borough (`{ counties: ['36047'] }` → `'36047'`), the one borough of every picked neighbourhood when
 * the area is NTAs of a single borough; else null (New York City, several boroughs, counties, a drawn polygon: the
 * list is not narrowed). NTA codes unknown to `ntas` are ignored. Pure: derived from the area, so the address round
 * trip (`area=counties:36047`) brings the same filter back.
 */
export function ntaBoroughOf(area: GridSpec['area'], ntas: readonly NtaDto[] | null): string | null {
  if (area === 'nyc') return null;
  if ('counties' in area) return area.counties.length === 1 && BOROUGH_FIPS.some((b) => b.fips === area.counties[0]) ? area.counties[0] : null;
  if ('ntas' in area && ntas) {
    const fips = new Set(area.ntas.map((code) => ntas.find((n) => n.code === code)?.countyFips).filter((f): f is string => !!f));
    return fips.size === 1 ? [...fips][0] : null;
  }
  return null;
}

/**
 * The neighbourhoods listed: those of `boroughFips` (all when null) whose name contains `query`, whose code starts with
 * it or whose borough name contains it (case-insensitive, trimmed), at most `limit` (default 60, the list's height).
 */
export function ntaOptions(ntas: readonly NtaDto[] | null, boroughFips: string | null, query: string, limit = 60): NtaDto[] {
  const f = query.trim().toLowerCase();
  return (ntas ?? [])
    .filter((n) => boroughFips == null || n.countyFips === boroughFips)
    .filter((n) => !f || n.name.toLowerCase().includes(f) || n.code.toLowerCase().startsWith(f) || n.borough.toLowerCase().includes(f))
    .slice(0, limit);
}
