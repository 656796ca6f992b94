import { areaSpec, type AreaSpec, type GridSpec } from '../../core/api/areas';

/**
 * The study area in the address (`area=…` on `#/sites` and `#/coverage`, `res=…` on `#/sites`), readable where it can
 * be: `nyc`, `counties:36047,36061`, `ntas:BK0101,BK0102`, `bbox:w,s,e,n`, `dataset:<id>`, or `poly:<GeoJSON
 * coordinates>` for a drawn polygon (degrees, as drawn: 6 decimals). Pure helpers over strings.
 */

/** The address form of an area spec (the inverse of {@link parseAreaParam}). */
export function areaParam(a: AreaSpec): string {
  if (a === 'nyc') return 'nyc';
  if ('counties' in a) return `counties:${a.counties.join(',')}`;
  if ('ntas' in a) return `ntas:${a.ntas.join(',')}`;
  if ('bbox' in a) return `bbox:${a.bbox.join(',')}`;
  if ('dataset' in a) return `dataset:${a.dataset}`;
  return `poly:${JSON.stringify(a.polygon.coordinates)}`;
}

/**
 * An area spec from {@link areaParam}'s form; null when absent, unknown or invalid (checked with the API's own
 * `areaSpec` schema: 5-digit FIPS, 2020 NTA codes, a closed polygon ring …).
 */
export function parseAreaParam(s: string | null): AreaSpec | null {
  if (!s) return null;
  if (s === 'nyc') return 'nyc';
  const i = s.indexOf(':');
  if (i < 0) return null;
  const kind = s.slice(0, i);
  const rest = s.slice(i + 1);
  const list = rest.split(',').filter(Boolean);
  let candidate: unknown;
  try {
    candidate = kind === 'counties' ? { counties: list }
      : kind === 'ntas' ? { ntas: list }
        : kind === 'bbox' ? { bbox: list.map(Number) }
          : kind === 'dataset' ? { dataset: rest }
            : kind === 'poly' ? { polygon: { type: 'Polygon', coordinates: JSON.parse(rest) } }
              : null;
  } catch {
    return null;
  }
  const r = areaSpec.safeParse(candidate);
  return r.success ? r.data : null;
}

/** The grid the address names (`area`, and `res` 8/9/10 on Site scoring), falling back to `current` for what it omits; null without `area`. */
export function gridFromParams(q: URLSearchParams, current: GridSpec): GridSpec | null {
  const area = parseAreaParam(q.get('area'));
  if (!area) return null;
  const res = Number(q.get('res'));
  return { area, resolution: res === 8 || res === 9 || res === 10 ? res : current.resolution };
}
