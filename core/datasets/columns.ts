import { refusal, refusalMessage, type RefusalText } from './refusals';
import type { ColumnMapping, DatasetKind } from './types';

/** Header names recognised without a mapping (compared trimmed and lower-cased). */
export const LAT_COLUMNS = ['lat', 'latitude', 'y'] as const;
export const LNG_COLUMNS = ['lon', 'lng', 'long', 'longitude', 'x'] as const;
export const COUNT_COLUMNS = ['population', 'count'] as const;
export const OUTCOME_COLUMNS = ['outcome'] as const;
export const NAME_COLUMNS = ['name'] as const;

/** The fields a kind reads from a table: which are required, and whether coordinates come from columns. */
export function fieldsOf(kind: DatasetKind, coordinatesFromColumns: boolean): { required: (keyof ColumnMapping)[]; optional: (keyof ColumnMapping)[] } {
  const required: (keyof ColumnMapping)[] = coordinatesFromColumns ? ['lng', 'lat'] : [];
  if (kind === 'demand') required.push('count');
  if (kind === 'outcomes') required.push('outcome');
  const optional: (keyof ColumnMapping)[] = ['id', 'name'];
  if (kind !== 'demand') optional.push('count');
  return { required, optional };
}

/** The columns a table's fields come from, each a header as written in the file (undefined = not present). */
export type ResolvedColumns = Pick<ColumnMapping, 'id' | 'lng' | 'lat' | 'count' | 'outcome' | 'name'>;

/** Why the columns could not be resolved: the request field the user must give, and what is wrong with it. */
export interface ColumnProblem {
  field: string;
  message: string;
  /** The message's code and parameters (core/datasets/refusals.ts). */
  text: RefusalText;
}

const norm = (h: string) => h.trim().toLowerCase();

/**
 * Resolve which header holds each field (issue 10, item 3), never guessing:
 * - an explicit `mapping` entry wins; it must name a header of the file (trimmed; case-insensitive when unique);
 * - else latitude from `lat` / `latitude` / `y`, longitude from `lon` / `lng` / `long` / `longitude` / `x`, the
 *   count from `population` / `count`, the outcome from `outcome`, the name from `name` (trimmed, any case);
 * - the id from a column named `id`, else the one column ending in `_id` (several → ambiguous), else none (the
 *   caller numbers the rows);
 * - two headers that could be the same field (`lat` and `y`; `branch_id` and `bank_id`) → ambiguous.
 * @param headers the file's header names as written.
 * @param coordinatesFromColumns false for formats with a geometry (GeoJSON, Shapefile, GeoParquet).
 * @returns the columns, or the problems (each naming `mapping.<field>`; {@link columnsMessage} joins them for the user).
 */
export function resolveColumns(headers: readonly string[], kind: DatasetKind, mapping: ColumnMapping = {},
  coordinatesFromColumns = true): { columns: ResolvedColumns; problems: ColumnProblem[] } {
  const problems: ColumnProblem[] = [];
  const columns: ResolvedColumns = {};
  const { required, optional } = fieldsOf(kind, coordinatesFromColumns);
  const byName = (name: string): string[] => {
    const exact = headers.filter((h) => h.trim() === name.trim());
    return exact.length ? exact : headers.filter((h) => norm(h) === norm(name));
  };
  const recognised: Partial<Record<keyof ResolvedColumns, readonly string[]>> = {
    lat: LAT_COLUMNS, lng: LNG_COLUMNS, count: COUNT_COLUMNS, outcome: OUTCOME_COLUMNS, name: NAME_COLUMNS,
  };
  for (const field of [...required, ...optional] as (keyof ResolvedColumns)[]) {
    const asked = mapping[field];
    if (asked !== undefined && asked !== '') {
      const hits = byName(asked);
      if (hits.length === 1) columns[field] = hits[0];
      else problems.push(columnProblem(field, hits.length === 0
        ? refusal('mappingNoColumn', { field, asked })
        : refusal('mappingManyColumns', { field, asked, n: hits.length })));
      continue;
    }
    let hits: string[];
    if (field === 'id') {
      hits = headers.filter((h) => norm(h) === 'id');
      if (hits.length === 0) hits = headers.filter((h) => norm(h).endsWith('_id'));
    } else {
      const names = recognised[field] ?? [];
      hits = headers.filter((h) => names.includes(norm(h)));
    }
    if (hits.length === 1) columns[field] = hits[0];
    else if (hits.length > 1) {
      problems.push(columnProblem(field, refusal('columnAmbiguous', { what: [describe(field)], n: hits.length, hits: hits.map((h) => `"${h}"`).join(', '), field })));
    } else if (required.includes(field)) {
      problems.push(columnProblem(field, refusal('columnMissing', { what: [describe(field)], expected: [expected(field)], field })));
    }
  }
  return { columns, problems };
}

/**
 * The message refusing a file whose columns could not be resolved: every problem, then the headers found once
 * (`latitude: no column recognised (…); name it in mapping.lat; longitude: …; headers found: "a", "b"`).
 */
export function columnsMessage(problems: readonly ColumnProblem[], headers: readonly string[]): string {
  return refusalMessage(columnsText(problems, headers));
}

/** The code and parameters of {@link columnsMessage}'s message (core/datasets/refusals.ts). */
export function columnsText(problems: readonly ColumnProblem[], headers: readonly string[]): RefusalText {
  return refusal('columns', { problems: problems.map((p) => p.text), headers: headers.map((h) => `"${h}"`).join(', ') });
}

function columnProblem(field: keyof ResolvedColumns, text: RefusalText): ColumnProblem {
  return { field: `mapping.${field}`, message: refusalMessage(text), text };
}

function describe(field: keyof ResolvedColumns): RefusalText {
  return refusal(({ id: 'fieldId', lng: 'fieldLng', lat: 'fieldLat', count: 'fieldCount', outcome: 'fieldOutcome', name: 'fieldName' } as const)[field]);
}

function expected(field: keyof ResolvedColumns): RefusalText {
  if (field === 'lat') return refusal('expectedOneOf', { names: LAT_COLUMNS.join(', ') });
  if (field === 'lng') return refusal('expectedOneOf', { names: LNG_COLUMNS.join(', ') });
  if (field === 'count') return refusal('expectedOneOf', { names: COUNT_COLUMNS.join(', ') });
  if (field === 'outcome') return refusal('expectedOutcome');
  return refusal('expectedId');
}
