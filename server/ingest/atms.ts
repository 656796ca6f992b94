import type { Database } from '../db/database';
import { ROW_NUMBER, checkField, stageCsv, type StageSource } from './stage';

/** NYS DFS bank-owned ATM list (nys-bank-owned-atms/SOURCE.md). */
export const ATMS_FILE = 'nys-bank-owned-atms/Bank-Owned_ATM_Locations_in_New_York_State.csv';

const POINT_RE = `^POINT \\(\\s*(-?[0-9.]+)\\s+(-?[0-9.]+)\\s*\\)$`;

/**
 * Load the NYS bank-owned ATMs into `atms(id, institution, address, city, zip, county, lng, lat)`, one row per
 * file row (`id` = 1-based data row). Quirks (SOURCE.md): UTF-8 BOM before the header (skipped by the CSV
 * reader); quoted fields with commas; `Georeference` is WKT `POINT (lon lat)` and EMPTY for 335 rows → NULL
 * lng/lat (kept: the address is still useful); duplicates and city-name typos are kept as published.
 * @returns rows inserted.
 * @throws ImportError naming file, row and field when a non-empty Georeference is not a WKT point in range.
 */
export async function importAtms(db: Database, src: StageSource): Promise<number> {
  const cols = ['Name of Institution', 'Street Address', 'City', 'ZIP Code', 'County', 'Georeference'];
  await stageCsv(db, '_stg_atms', src, cols.map((name) => ({ name, required: true })));
  await checkField(db, '_stg_atms', src, 'Georeference',
    `$v IS NULL OR trim($v) = '' OR (
      TRY_CAST(regexp_extract(trim($v), '${POINT_RE}', 1) AS DOUBLE) BETWEEN -180 AND 180 AND
      TRY_CAST(regexp_extract(trim($v), '${POINT_RE}', 2) AS DOUBLE) BETWEEN -90 AND 90)`,
    'a WKT point "POINT (lon lat)" or nothing');
  await db.run(`INSERT INTO atms
    SELECT CAST(${ROW_NUMBER('_stg_atms')} AS INTEGER), "Name of Institution", "Street Address", "City", "ZIP Code", "County",
           TRY_CAST(regexp_extract(trim("Georeference"), '${POINT_RE}', 1) AS DOUBLE),
           TRY_CAST(regexp_extract(trim("Georeference"), '${POINT_RE}', 2) AS DOUBLE)
    FROM temp._stg_atms ORDER BY rowid`);
  const r = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM atms`);
  return Number(r[0].n);
}
