import type { Database } from '../db/database';
import { VALID, checkField, checkUnique, stageCsv, type StageSource } from './stage';

/** Folder and file of the national 2020 block-group centres of population (census-cenpop2020/SOURCE.md). */
export const CENSUS_BG_FILE = 'census-cenpop2020/block_group2020.csv';

/**
 * Load the national 2020 census block-group population centres into `block_groups` (all 242,335 rows:
 * demand near the city line lies in New Jersey and Nassau). Codes stay zero-padded text; GEOID is
 * STATEFP+COUNTYFP+TRACTCE+BLKGRPCE (12 digits) and `county_fips` the 5-digit state+county code.
 * Coordinates are the population-weighted mean centre (NAD83 ≈ WGS84), LONGITUDE/LATITUDE in degrees.
 * Must run inside the import transaction, after the tables exist.
 * @returns rows inserted.
 * @throws ImportError naming file, row and field for a malformed code, population or coordinate.
 */
export async function importBlockGroups(db: Database, src: StageSource): Promise<number> {
  const cols = ['STATEFP', 'COUNTYFP', 'TRACTCE', 'BLKGRPCE', 'POPULATION', 'LATITUDE', 'LONGITUDE'];
  await stageCsv(db, '_stg_bg', src, cols.map((name) => ({ name, required: true })));
  await checkField(db, '_stg_bg', src, 'STATEFP', VALID.digits(2), 'a 2-digit state FIPS code');
  await checkField(db, '_stg_bg', src, 'COUNTYFP', VALID.digits(3), 'a 3-digit county FIPS code');
  await checkField(db, '_stg_bg', src, 'TRACTCE', VALID.digits(6), 'a 6-digit tract code');
  await checkField(db, '_stg_bg', src, 'BLKGRPCE', VALID.digits(1), 'a 1-digit block group code');
  await checkField(db, '_stg_bg', src, 'POPULATION', `TRY_CAST(trim($v) AS INTEGER) >= 0`, 'a whole number ≥ 0');
  await checkField(db, '_stg_bg', src, 'LATITUDE', VALID.latitude, 'a latitude in degrees (−90…90)');
  await checkField(db, '_stg_bg', src, 'LONGITUDE', VALID.longitude, 'a longitude in degrees (−180…180)');
  await checkUnique(db, '_stg_bg', src, 'GEOID (STATEFP+COUNTYFP+TRACTCE+BLKGRPCE)', 'STATEFP || COUNTYFP || TRACTCE || BLKGRPCE');
  await db.run(`INSERT INTO block_groups
    SELECT STATEFP || COUNTYFP || TRACTCE || BLKGRPCE, STATEFP, STATEFP || COUNTYFP, TRACTCE, BLKGRPCE,
           CAST(trim(POPULATION) AS INTEGER), CAST(trim(LONGITUDE) AS DOUBLE), CAST(trim(LATITUDE) AS DOUBLE)
    FROM temp._stg_bg ORDER BY rowid`);
  const r = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM block_groups`);
  return Number(r[0].n);
}
