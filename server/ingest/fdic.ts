import type { Database } from '../db/database';
import { VALID, checkFields, checkUnique, stageCsv, type StageSource } from './stage';

/** One FDIC Summary of Deposits survey file (fdic-sod-branches/SOURCE.md), data as of 30 June of `year`. */
export interface SodFile {
  year: number;
  /** Path relative to DATA_DIR. */
  file: string;
  /** Catalog (`datasets`) id. */
  datasetId: string;
  /** The 2023 file feeds every tab (`branches`); the earlier years feed only the deposit forecast (`branch_years`). */
  required: boolean;
}

/** The SOD years read by the import, newest first. Missing optional files are skipped (the forecast then says so). */
export const SOD_FILES: readonly SodFile[] = [2023, 2022, 2021, 2018].map((year) => ({
  year,
  file: `fdic-sod-branches/sod_${year}.csv.xz`,
  datasetId: `fdic-sod-${year}`,
  required: year === 2023,
}));

/** FDIC Summary of Deposits 2023 (fdic-sod-branches/SOURCE.md): one row per branch, xz-compressed CSV. */
export const FDIC_SOD_FILE = SOD_FILES[0].file;

/** The columns read from every SOD file (the other 60-odd are not staged). */
const SOD_COLUMNS = ['YEAR', 'UNINUMBR', 'CERT', 'RSSDHCR', 'NAMEFULL', 'NAMEHCR', 'NAMEBR', 'ADDRESBR', 'CITYBR', 'STALPBR', 'ZIPBR',
  'STCNTYBR', 'DEPSUMBR', 'DEPDOM', 'BRSERTYP', 'BKMO', 'SIMS_ESTABLISHED_DATE', 'SIMS_ACQUIRED_DATE', 'SIMS_LATITUDE', 'SIMS_LONGITUDE'];

/**
 * Stage one SOD file (only the columns the app reads) as `temp.<table>` and check every field, so a bad value
 * is an ImportError naming file, row and field. Quirks handled (SOURCE.md): the first column has an EMPTY header
 * (a pandas row index, not staged); `YEAR` must be the file's year.
 */
async function stageSod(db: Database, table: string, src: StageSource, year: number): Promise<void> {
  await stageCsv(db, table, src, SOD_COLUMNS.map((name) => ({ name, required: true })), { only: true });
  await checkFields(db, table, src, [
    { field: 'YEAR', validSql: `trim($v) = '${year}'`, expected: `the survey year ${year}` },
    { field: 'UNINUMBR', validSql: VALID.nonNegInt, expected: 'a whole-number branch id' },
    { field: 'CERT', validSql: `TRY_CAST(trim($v) AS INTEGER) > 0`, expected: 'a positive FDIC certificate number' },
    { field: 'RSSDHCR', validSql: `$v IS NULL OR TRY_CAST(trim($v) AS BIGINT) >= 0`, expected: 'a holding-company RSSD id (0 or empty = none)' },
    { field: 'NAMEFULL', validSql: VALID.nonEmpty, expected: 'an institution name' },
    { field: 'ZIPBR', validSql: `regexp_full_match(trim($v), '[0-9]{1,5}')`, expected: 'a ZIP code of 1–5 digits' },
    { field: 'STCNTYBR', validSql: `regexp_full_match(trim($v), '[0-9]{1,5}')`, expected: 'a state+county FIPS code of 1–5 digits' },
    { field: 'DEPSUMBR', validSql: VALID.number, expected: 'deposits in USD thousands' },
    { field: 'DEPDOM', validSql: `$v IS NULL OR isfinite(TRY_CAST(trim($v) AS DOUBLE))`, expected: "the institution's domestic deposits in USD thousands or nothing" },
    { field: 'BRSERTYP', validSql: `TRY_CAST(trim($v) AS INTEGER) > 0`, expected: 'a service type code' },
    { field: 'BKMO', validSql: VALID.zeroOne, expected: '0 or 1' },
    { field: 'SIMS_ESTABLISHED_DATE', validSql: `$v IS NULL OR TRY_STRPTIME(trim($v), '%m/%d/%Y') IS NOT NULL`, expected: 'a date MM/DD/YYYY or nothing' },
    { field: 'SIMS_ACQUIRED_DATE', validSql: `$v IS NULL OR TRY_STRPTIME(trim($v), '%m/%d/%Y') IS NOT NULL`, expected: 'a date MM/DD/YYYY or nothing' },
    { field: 'SIMS_LATITUDE', validSql: `$v IS NULL OR TRY_CAST(trim($v) AS DOUBLE) BETWEEN -90 AND 90`, expected: 'a latitude in degrees or nothing' },
    { field: 'SIMS_LONGITUDE', validSql: `$v IS NULL OR TRY_CAST(trim($v) AS DOUBLE) BETWEEN -180 AND 180`, expected: 'a longitude in degrees or nothing' },
  ]);
  await checkUnique(db, table, src, 'UNINUMBR');
}

/** SQL select list shared by `branches` and `branch_years` (over the staged columns plus `lng`, `lat`). */
const VALID_COORDS = `coalesce(lng IS NOT NULL AND lat IS NOT NULL AND NOT (lng = 0 AND lat = 0), false)`;
const OPENED = `CAST(strptime(nullif(trim(SIMS_ESTABLISHED_DATE), ''), '%m/%d/%Y') AS DATE)`;
const staged = (t: string) =>
  `(SELECT rowid AS _r, *, TRY_CAST(trim(SIMS_LONGITUDE) AS DOUBLE) AS lng, TRY_CAST(trim(SIMS_LATITUDE) AS DOUBLE) AS lat FROM temp.${t})`;

/**
 * Load one FDIC SOD year into `branch_years` (every year: the deposit forecast's training table) and, for the
 * current year (2023), also into `branches` (every tab's outlet layer). Quirks handled (SOURCE.md):
 * - the first column has an EMPTY header (a pandas row index): it is ignored;
 * - `ZIPBR` and `STCNTYBR` lost their leading zeros (Boston `2114`): left-padded to 5 digits;
 * - rows at (0, 0) (2023: 4, 2021: 11, 2018: 126) and missing coordinates: `valid_coords = false` (kept, never used as places);
 * - `RSSDHCR = 0` means "no holding company": stored as NULL (`NAMEHCR` is empty there too);
 * - `SIMS_ESTABLISHED_DATE` is MM/DD/YYYY (empty allowed) → `opened` DATE; `SIMS_ACQUIRED_DATE` likewise → `acquired`
 *   (`branch_years` only: set when the branch came to its institution by acquisition, empty for a branch it opened).
 * `deposits_k` is DEPSUMBR and `institution_deposits_dom_k` the institution's DEPDOM, both USD thousands.
 * `src.path` must be the DEcompressed CSV; `src.display` the `.xz` name.
 * @returns rows read from the file.
 * @throws ImportError naming file, row and field for a malformed value, a repeated UNINUMBR or a wrong YEAR.
 */
export async function importSodYear(db: Database, src: StageSource, year: number, opts: { intoBranches: boolean }): Promise<number> {
  const t = `_stg_sod_${year}`;
  await stageSod(db, t, src, year);
  if (opts.intoBranches) {
    await db.run(`INSERT INTO branches
      SELECT CAST(trim(UNINUMBR) AS BIGINT), CAST(trim(CERT) AS INTEGER),
             nullif(CAST(trim(RSSDHCR) AS BIGINT), 0),
             NAMEFULL, nullif(trim(NAMEHCR), ''), NAMEBR, ADDRESBR, CITYBR, STALPBR,
             lpad(trim(ZIPBR), 5, '0'), lpad(trim(STCNTYBR), 5, '0'),
             CAST(trim(DEPSUMBR) AS DOUBLE), CAST(trim(BRSERTYP) AS INTEGER), BKMO = '1',
             ${OPENED}, lng, lat, ${VALID_COORDS}
      FROM ${staged(t)} ORDER BY _r`);
  }
  await db.run(`INSERT INTO branch_years
    SELECT ${year}, CAST(trim(UNINUMBR) AS BIGINT), CAST(trim(CERT) AS INTEGER), nullif(CAST(trim(RSSDHCR) AS BIGINT), 0),
           NAMEFULL, STALPBR, lpad(trim(STCNTYBR), 5, '0'),
           CAST(trim(DEPSUMBR) AS DOUBLE), TRY_CAST(trim(DEPDOM) AS DOUBLE), CAST(trim(BRSERTYP) AS INTEGER), BKMO = '1',
           ${OPENED}, CAST(strptime(nullif(trim(SIMS_ACQUIRED_DATE), ''), '%m/%d/%Y') AS DATE), lng, lat, ${VALID_COORDS}
    FROM ${staged(t)} ORDER BY _r`);
  const r = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM branch_years WHERE year = ${year}`);
  return Number(r[0].n);
}

/** Load FDIC SOD 2023 into `branches` and `branch_years` (see {@link importSodYear}). @returns rows inserted. */
export function importBranches(db: Database, src: StageSource): Promise<number> {
  return importSodYear(db, src, 2023, { intoBranches: true });
}
