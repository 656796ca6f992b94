import type { Database } from '../db/database';
import { createPointIndex, type PointIndex } from '../../core/geo/pointIndex';
import { createUnitVectorIndex, type UnitVectorIndex } from '../../core/geo/unitVectors';

/**
 * The imported spatial data held in memory as typed columns + exact great-circle point indexes, for the
 * scoring and coverage engines (radius queries are KDBush box queries + haversine — never all-pairs).
 * Built once per {@link Database} by {@link getGeoData}.
 */
export interface GeoData {
  blockGroups: BlockGroupColumns;
  /** Branches with valid coordinates only (`valid_coords`), in `branch_id` order. */
  branches: BranchColumns;
  stops: StopColumns;
}

/** 2020 census block groups (population-weighted centroids), national. */
export interface BlockGroupColumns {
  size: number;
  geoid: string[];
  /** 5-digit state+county FIPS. */
  countyFips: string[];
  /** Residents (2020 census). */
  population: Float64Array;
  lng: Float64Array;
  lat: Float64Array;
  index: PointIndex;
  /** Unit vectors of `index` for fast exact radius queries in the scoring loops. */
  unit: UnitVectorIndex;
}

/** FDIC SOD 2023 branches with valid coordinates. */
export interface BranchColumns {
  size: number;
  /** FDIC UNINUMBR. */
  branchId: number[];
  /** FDIC CERT. */
  cert: Int32Array;
  /** Holding company RSSD id, or null when the institution has none. */
  rssdhcr: (number | null)[];
  institutionName: string[];
  holdingCompany: (string | null)[];
  branchName: string[];
  address: string[];
  city: string[];
  state: string[];
  countyFips: string[];
  /** DEPSUMBR, USD thousands. */
  depositsK: Float64Array;
  /** BRSERTYP (11/12 full service …). */
  serviceType: Int32Array;
  isMainOffice: Uint8Array;
  lng: Float64Array;
  lat: Float64Array;
  index: PointIndex;
  /** Unit vectors of `index` for fast exact radius queries in the scoring loops. */
  unit: UnitVectorIndex;
}

/** Transit stops of every feed (platforms rolled up to stations). */
export interface StopColumns {
  size: number;
  /** `<feed>:<gtfs stop_id>`. */
  stopId: string[];
  name: string[];
  mode: ('subway' | 'bus' | 'rail' | 'ferry')[];
  feed: string[];
  /** Service-date departures, or the imputed figure where `imputed`. */
  departures: Float64Array;
  imputed: Uint8Array;
  /** `<feed>:<route_id>`; empty for unscheduled feeds. */
  routeIds: string[][];
  lng: Float64Array;
  lat: Float64Array;
  index: PointIndex;
  /** Unit vectors of `index` for fast exact radius queries in the scoring loops. */
  unit: UnitVectorIndex;
}

const cache = new WeakMap<Database, Promise<GeoData>>();

/**
 * Load (once per database; memoised, concurrent callers share the promise) block groups, valid-coordinate
 * branches and transit stops from the imported tables into typed columns with point indexes.
 * @throws the DuckDB error when a table is missing (the import has not run).
 */
export function getGeoData(db: Database): Promise<GeoData> {
  let p = cache.get(db);
  if (!p) {
    p = loadGeoData(db);
    cache.set(db, p);
    p.catch(() => cache.delete(db));
  }
  return p;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v));

async function loadGeoData(db: Database): Promise<GeoData> {
  const bgRows = await db.all<{ geoid: string; county_fips: string; population: number; lng: number; lat: number }>(
    'SELECT geoid, county_fips, population, lng, lat FROM block_groups ORDER BY geoid');
  const nB = bgRows.length;
  const blockGroups: BlockGroupColumns = {
    size: nB,
    geoid: new Array(nB), countyFips: new Array(nB), population: new Float64Array(nB),
    lng: new Float64Array(nB), lat: new Float64Array(nB), index: undefined as unknown as PointIndex, unit: undefined as unknown as UnitVectorIndex,
  };
  bgRows.forEach((r, i) => {
    blockGroups.geoid[i] = r.geoid; blockGroups.countyFips[i] = r.county_fips;
    blockGroups.population[i] = num(r.population ?? 0); blockGroups.lng[i] = r.lng; blockGroups.lat[i] = r.lat;
  });
  blockGroups.index = createPointIndex(blockGroups.lng, blockGroups.lat);
  blockGroups.unit = createUnitVectorIndex(blockGroups.index);

  const brRows = await db.all<{
    branch_id: bigint; cert: number; rssdhcr: bigint | null; institution_name: string; holding_company: string | null;
    branch_name: string; address: string; city: string; state: string; county_fips: string; deposits_k: number | null;
    service_type: number | null; is_main_office: boolean | null; lng: number; lat: number;
  }>(`SELECT branch_id, cert, rssdhcr, institution_name, holding_company, branch_name, address, city, state, county_fips,
        deposits_k, service_type, is_main_office, lng, lat
      FROM branches WHERE valid_coords ORDER BY branch_id`);
  const nR = brRows.length;
  const branches: BranchColumns = {
    size: nR, branchId: new Array(nR), cert: new Int32Array(nR), rssdhcr: new Array(nR), institutionName: new Array(nR),
    holdingCompany: new Array(nR), branchName: new Array(nR), address: new Array(nR), city: new Array(nR),
    state: new Array(nR), countyFips: new Array(nR), depositsK: new Float64Array(nR), serviceType: new Int32Array(nR),
    isMainOffice: new Uint8Array(nR), lng: new Float64Array(nR), lat: new Float64Array(nR),
    index: undefined as unknown as PointIndex, unit: undefined as unknown as UnitVectorIndex,
  };
  brRows.forEach((r, i) => {
    branches.branchId[i] = num(r.branch_id); branches.cert[i] = num(r.cert);
    branches.rssdhcr[i] = r.rssdhcr == null ? null : num(r.rssdhcr);
    branches.institutionName[i] = r.institution_name; branches.holdingCompany[i] = r.holding_company ?? null;
    branches.branchName[i] = r.branch_name; branches.address[i] = r.address; branches.city[i] = r.city;
    branches.state[i] = r.state; branches.countyFips[i] = r.county_fips;
    branches.depositsK[i] = num(r.deposits_k ?? 0); branches.serviceType[i] = num(r.service_type ?? 0);
    branches.isMainOffice[i] = r.is_main_office ? 1 : 0; branches.lng[i] = r.lng; branches.lat[i] = r.lat;
  });
  branches.index = createPointIndex(branches.lng, branches.lat);
  branches.unit = createUnitVectorIndex(branches.index);

  const stRows = await db.all<{
    stop_id: string; name: string; mode: StopColumns['mode'][number]; feed: string; departures: number | null;
    imputed: boolean | null; route_ids: string[] | null; lng: number; lat: number;
  }>(`SELECT stop_id, name, mode, feed, departures, imputed, route_ids, lng, lat
      FROM transit_stops WHERE lng IS NOT NULL AND lat IS NOT NULL ORDER BY stop_id`);
  const nS = stRows.length;
  const stops: StopColumns = {
    size: nS, stopId: new Array(nS), name: new Array(nS), mode: new Array(nS), feed: new Array(nS),
    departures: new Float64Array(nS), imputed: new Uint8Array(nS), routeIds: new Array(nS),
    lng: new Float64Array(nS), lat: new Float64Array(nS), index: undefined as unknown as PointIndex, unit: undefined as unknown as UnitVectorIndex,
  };
  stRows.forEach((r, i) => {
    stops.stopId[i] = r.stop_id; stops.name[i] = r.name; stops.mode[i] = r.mode; stops.feed[i] = r.feed;
    stops.departures[i] = num(r.departures ?? 0); stops.imputed[i] = r.imputed ? 1 : 0;
    stops.routeIds[i] = Array.isArray(r.route_ids) ? r.route_ids.map(String) : [];
    stops.lng[i] = r.lng; stops.lat[i] = r.lat;
  });
  stops.index = createPointIndex(stops.lng, stops.lat);
  stops.unit = createUnitVectorIndex(stops.index);

  return { blockGroups, branches, stops };
}
