import type { Database } from '../db/database';
import { BasemapService } from '../geo/basemap';
import type { GeoData } from '../geo/geoData';
import { createPointIndex, type PointIndex } from '../../core/geo/pointIndex';
import type { ElsewhereMedians } from '../../core/forecast/bankEffect';
import type { ForecastLayers } from '../../core/forecast/features';
import { DEFAULT_EXCLUSION_RULE, NYC_BOROUGH_BY_COUNTY, NYC_BUSINESS_DISTRICTS, type ExclusionRule } from '../../core/forecast/protocol';
import type { SodBranchYear } from '../../core/forecast/trainingTable';
import { DEFAULT_SCORING_PARAMS } from '../../core/scoring/params';
import { loadPovertyLayer, type PovertyLayer } from './povertyLayer';

/**
 * Outlets that can compete with an NYC site: within the Huff reach (Dmax 3 km of a demand point within 3 km of the
 * site) of the city's extent (lon −74.2555 … −73.7000, lat 40.4961 … 40.9154), so New Jersey, Westchester and Nassau
 * branches across the borders count. 0.09° ≥ 6 km both ways at this latitude.
 */
export const NYC_REGION_BBOX = { west: -74.35, south: 40.40, east: -73.60, north: 41.01 } as const;

/** What the forecast reads from the imported data. */
export interface ForecastInputs {
  /** Every SOD row of the region (study counties with any coordinates, plus valid rows in {@link NYC_REGION_BBOX}). */
  rows: SodBranchYear[];
  /** Per year and institution, the log median deposits of its branches outside NYC that pass the exclusion rule. */
  elsewhere: ElsewhereMedians;
  layers: ForecastLayers;
  poverty: PovertyLayer;
  /** SOD years present. */
  years: number[];
}

const NYC_SQL = `(${Object.keys(NYC_BOROUGH_BY_COUNTY).map((c) => `'${c}'`).join(', ')})`;

/** SQL condition of an exclusion rule over `branch_years` columns (except the DEPDOM share, applied in core). */
export function exclusionSql(rule: ExclusionRule): string {
  return `valid_coords AND service_type IN (${rule.serviceTypes.join(', ')})${rule.dropMainOffice ? ' AND NOT is_main_office' : ''}
    AND deposits_k > ${rule.minDepositsExclusiveK} AND deposits_k <= ${rule.maxDepositsK}`;
}

/**
 * Read the forecast's inputs from the import (`branch_years`, `atms`) and the in-memory geo data (block groups,
 * stops), plus the NTA poverty layer from DATA_DIR.
 * @throws the DuckDB error when `branch_years` is missing (an import older than schema 3 is rebuilt on start).
 */
export async function loadForecastInputs(db: Database, geo: GeoData, dataDir: string,
  nta: Pick<BasemapService, 'ntaAt'> = new BasemapService(dataDir)): Promise<ForecastInputs> {
  const b = NYC_REGION_BBOX;
  const c = await db.columns(`SELECT year, branch_id, cert, institution_name, county_fips, deposits_k,
      institution_deposits_dom_k, service_type, is_main_office, CAST(epoch(opened) / 86400 AS INTEGER) AS opened_day,
      CAST(epoch(acquired) / 86400 AS INTEGER) AS acquired_day, lng, lat, valid_coords
    FROM branch_years
    WHERE county_fips IN ${NYC_SQL} OR (valid_coords AND lng BETWEEN ${b.west} AND ${b.east} AND lat BETWEEN ${b.south} AND ${b.north})
    ORDER BY year, branch_id`);
  const num = (v: unknown) => (v == null ? NaN : Number(v));
  const rows: SodBranchYear[] = c.year.map((_, i) => ({
    year: num(c.year[i]), branchId: num(c.branch_id[i]), cert: num(c.cert[i]), institutionName: String(c.institution_name[i]),
    countyFips: String(c.county_fips[i]), depositsK: num(c.deposits_k[i]),
    institutionDepositsDomK: c.institution_deposits_dom_k[i] == null ? null : num(c.institution_deposits_dom_k[i]),
    serviceType: num(c.service_type[i]), isMainOffice: Boolean(c.is_main_office[i]),
    openedDay: c.opened_day[i] == null ? null : num(c.opened_day[i]),
    acquiredDay: c.acquired_day[i] == null ? null : num(c.acquired_day[i]),
    lng: c.lng[i] == null ? NaN : num(c.lng[i]), lat: c.lat[i] == null ? NaN : num(c.lat[i]), validCoords: Boolean(c.valid_coords[i]),
  }));
  const away = await db.all<{ year: number; cert: number; m: number; n: bigint }>(`SELECT year, cert, median(deposits_k) AS m, count(*) AS n
    FROM branch_years WHERE ${exclusionSql(DEFAULT_EXCLUSION_RULE)} AND county_fips NOT IN ${NYC_SQL} GROUP BY year, cert`);
  const elsewhere = new Map<number, Map<number, { logMedianK: number; branches: number }>>();
  for (const a of away) {
    let m = elsewhere.get(Number(a.year));
    if (!m) elsewhere.set(Number(a.year), (m = new Map()));
    m.set(Number(a.cert), { logMedianK: Math.log(a.m), branches: Number(a.n) });
  }
  const atm = await db.all<{ lng: number; lat: number }>(`SELECT lng, lat FROM atms WHERE lng IS NOT NULL AND lat IS NOT NULL`);
  const atmIndex = createPointIndex(atm.map((a) => a.lng), atm.map((a) => a.lat));
  const poverty = loadPovertyLayer(dataDir, nta);
  const layers = forecastLayers(geo, atmIndex, poverty.medianShare);
  return { rows, elsewhere, layers, poverty, years: [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b) };
}

/**
 * The forecast's feature layers over the geo data: residents (block groups), transit stops, bank ATMs (`atms`, an
 * index of the imported ATM points), NYC's business districts, and the poverty share (0–1) used outside every NTA.
 * Shared by the main thread and the compute workers (server/forecast/calibrationTask.ts), which build it on their
 * own copy of the geo data.
 */
export function forecastLayers(geo: GeoData, atms: PointIndex, povertyFallback: number): ForecastLayers {
  return {
    params: { ...DEFAULT_SCORING_PARAMS },
    demand: { population: geo.blockGroups.population, index: geo.blockGroups.index },
    stops: { stopId: geo.stops.stopId, mode: geo.stops.mode, departures: geo.stops.departures, imputed: geo.stops.imputed,
      routeIds: geo.stops.routeIds, index: geo.stops.index },
    atms: { index: atms },
    districts: NYC_BUSINESS_DISTRICTS,
    povertyFallback,
  };
}
