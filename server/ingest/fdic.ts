import type { Database } from '../db/database';
import { VALID, checkField, checkUnique, stageCsv, type StageSource } from './stage';

/** FDIC Summary of Deposits 2023 (fdic-sod-branches/SOURCE.md): one row per branch, xz-compressed CSV. */
export const FDIC_SOD_FILE = 'fdic-sod-branches/sod_2023.csv.xz';

/**
 * Load FDIC SOD 2023 branches (national, 77,796 rows) into `branches`. Quirks handled (SOURCE.md):
 * - the first column has an EMPTY header (a pandas row index): it is ignored;
 * - `ZIPBR` and `STCNTYBR` lost their leading zeros (Boston `2114`): left-padded to 5 digits;
 * - 4 rows sit at (0, 0) and coordinates may be missing: `valid_coords = false` for those (kept, not dropped);
 * - `RSSDHCR = 0` means "no holding company": stored as NULL (`NAMEHCR` is empty there too);
 * - `SIMS_ESTABLISHED_DATE` is MM/DD/YYYY (empty allowed) → `opened` DATE.
 * `deposits_k` is DEPSUMBR in USD thousands. `src.path` must be the DEcompressed CSV; `src.display` the `.xz` name.
 * @returns rows inserted.
 * @throws ImportError naming file, row and field for a malformed value or a repeated UNINUMBR.
 */
export async function importBranches(db: Database, src: StageSource): Promise<number> {
  const required = ['UNINUMBR', 'CERT', 'RSSDHCR', 'NAMEFULL', 'NAMEHCR', 'NAMEBR', 'ADDRESBR', 'CITYBR', 'STALPBR', 'ZIPBR',
    'STCNTYBR', 'DEPSUMBR', 'BRSERTYP', 'BKMO', 'SIMS_ESTABLISHED_DATE', 'SIMS_LATITUDE', 'SIMS_LONGITUDE'];
  await stageCsv(db, '_stg_sod', src, required.map((name) => ({ name, required: true })));
  const t = '_stg_sod';
  await checkField(db, t, src, 'UNINUMBR', VALID.nonNegInt, 'a whole-number branch id');
  await checkUnique(db, t, src, 'UNINUMBR');
  await checkField(db, t, src, 'CERT', `TRY_CAST(trim($v) AS INTEGER) > 0`, 'a positive FDIC certificate number');
  await checkField(db, t, src, 'RSSDHCR', `$v IS NULL OR TRY_CAST(trim($v) AS BIGINT) >= 0`, 'a holding-company RSSD id (0 or empty = none)');
  await checkField(db, t, src, 'NAMEFULL', VALID.nonEmpty, 'an institution name');
  await checkField(db, t, src, 'ZIPBR', `regexp_full_match(trim($v), '[0-9]{1,5}')`, 'a ZIP code of 1–5 digits');
  await checkField(db, t, src, 'STCNTYBR', `regexp_full_match(trim($v), '[0-9]{1,5}')`, 'a state+county FIPS code of 1–5 digits');
  await checkField(db, t, src, 'DEPSUMBR', VALID.number, 'deposits in USD thousands');
  await checkField(db, t, src, 'BRSERTYP', `TRY_CAST(trim($v) AS INTEGER) > 0`, 'a service type code');
  await checkField(db, t, src, 'BKMO', VALID.zeroOne, '0 or 1');
  await checkField(db, t, src, 'SIMS_ESTABLISHED_DATE', `$v IS NULL OR TRY_STRPTIME(trim($v), '%m/%d/%Y') IS NOT NULL`, 'a date MM/DD/YYYY or nothing');
  await checkField(db, t, src, 'SIMS_LATITUDE', `$v IS NULL OR TRY_CAST(trim($v) AS DOUBLE) BETWEEN -90 AND 90`, 'a latitude in degrees or nothing');
  await checkField(db, t, src, 'SIMS_LONGITUDE', `$v IS NULL OR TRY_CAST(trim($v) AS DOUBLE) BETWEEN -180 AND 180`, 'a longitude in degrees or nothing');
  await db.run(`INSERT INTO branches
    SELECT CAST(trim(UNINUMBR) AS BIGINT), CAST(trim(CERT) AS INTEGER),
           nullif(CAST(trim(RSSDHCR) AS BIGINT), 0),
           NAMEFULL, nullif(trim(NAMEHCR), ''), NAMEBR, ADDRESBR, CITYBR, STALPBR,
           lpad(trim(ZIPBR), 5, '0'), lpad(trim(STCNTYBR), 5, '0'),
           CAST(trim(DEPSUMBR) AS DOUBLE), CAST(trim(BRSERTYP) AS INTEGER), BKMO = '1',
           CAST(strptime(nullif(trim(SIMS_ESTABLISHED_DATE), ''), '%m/%d/%Y') AS DATE),
           lng, lat,
           coalesce(lng IS NOT NULL AND lat IS NOT NULL AND NOT (lng = 0 AND lat = 0), false)
    FROM (SELECT rowid AS _r, *, TRY_CAST(trim(SIMS_LONGITUDE) AS DOUBLE) AS lng, TRY_CAST(trim(SIMS_LATITUDE) AS DOUBLE) AS lat FROM temp._stg_sod)
    ORDER BY _r`);
  const r = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM branches`);
  return Number(r[0].n);
}
