import type { Database } from '../db/database';
import { memoOnce } from '../memo';
import { createPointIndexInSteps, type PointIndex } from '../../core/geo/pointIndex';
import { nextTurn } from '../eventLoop';
import { cachedInstitutionDisplayName } from '../../core/network/institutionName';

/**
 * The imported spatial data held in memory as typed columns + exact great-circle point indexes, for the
 * scoring and coverage engines (radius and nearest queries through core/geo/pointIndex — never all-pairs).
 * Built once per app by {@link geoDataCache} (server/services.ts).
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
}

/**
 * A per-owner cache of {@link loadGeoData} for one database: the first call loads, concurrent and later callers
 * share the promise, a failed load is retried. server/services.ts keeps one per app.
 */
export function geoDataCache(db: Database): () => Promise<GeoData> {
  return memoOnce(() => loadGeoData(db));
}

/** Branch rows whose names are cased between two turns of the event loop in {@link loadGeoData}. */
const NAMES_PER_TURN = 2_000;

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v));

/** Read a query's result column by column (faster than row objects for 10⁵ rows). */
function columns(db: Database, sql: string): Promise<Record<string, unknown[]>> {
  return db.columns(sql);
}

// Plain loops, not `TypedArray.from(xs, fn)`: V8 runs `from` with a map function through the iterator protocol, which
// held the event loop ≈ 100–400 ms per national column at start-up (242,335 block groups).
/** Numbers of a query column as a Float64Array (null → 0, BIGINT → number). */
export function f64(xs: readonly unknown[]): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) { const v = xs[i]; out[i] = v == null ? 0 : num(v); }
  return out;
}
/** Integers of a query column as an Int32Array (null → 0). */
export function i32(xs: readonly unknown[]): Int32Array {
  const out = new Int32Array(xs.length);
  for (let i = 0; i < xs.length; i++) { const v = xs[i]; out[i] = v == null ? 0 : num(v); }
  return out;
}
/** Booleans of a query column as a Uint8Array (truthy → 1, else 0). */
export function u8(xs: readonly unknown[]): Uint8Array {
  const out = new Uint8Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i] ? 1 : 0;
  return out;
}

/**
 * Load block groups, valid-coordinate branches and transit stops from the imported tables into typed columns with
 * point indexes (≈ 1–2 s for the national data).
 * @throws the DuckDB error when a table is missing (the import has not run).
 */
export async function loadGeoData(db: Database): Promise<GeoData> {
  // a turn of the event loop between the steps (each tens of ms nationally): loaded in the background at start-up
  const turn = nextTurn;
  const bg = await columns(db, 'SELECT geoid, county_fips, population, lng, lat FROM block_groups ORDER BY geoid');
  const bgLng = f64(bg.lng), bgLat = f64(bg.lat);
  await turn();
  const bgPopulation = f64(bg.population);
  await turn();
  // the indexes in pieces too (the block groups' at once held the loop 50–90 ms)
  const blockGroups: BlockGroupColumns = {
    size: bgLng.length, geoid: bg.geoid as string[], countyFips: bg.county_fips as string[], population: bgPopulation,
    lng: bgLng, lat: bgLat, index: await createPointIndexInSteps(bgLng, bgLat, turn),
  };
  await turn();

  const br = await columns(db, `SELECT branch_id, cert, rssdhcr, institution_name, holding_company, branch_name, address, city, state,
        county_fips, deposits_k, service_type, is_main_office, lng, lat
      FROM branches WHERE valid_coords ORDER BY branch_id`);
  const brLng = f64(br.lng), brLat = f64(br.lat);
  await turn();
  const branchId = br.branch_id.map(num), cert = i32(br.cert);
  await turn();
  const brIds = { branchId, cert, rssdhcr: br.rssdhcr.map((v) => (v == null ? null : num(v))) };
  await turn();
  // names in their display spelling (core/network/institutionName.ts), each distinct name cased once (shared with GET /api/institutions)
  const display = (v: unknown) => cachedInstitutionDisplayName(String(v));
  // in pieces: casing the ≈ 9,000 distinct names at once held the event loop ≈ 90 ms at start-up
  const n = br.institution_name.length;
  const holdingCompany: (string | null)[] = new Array(n), institutionName: string[] = new Array(n);
  for (let k = 0; k < n; k++) {
    if (k > 0 && k % NAMES_PER_TURN === 0) await turn();
    holdingCompany[k] = br.holding_company[k] == null ? null : display(br.holding_company[k]);
    institutionName[k] = display(br.institution_name[k]);
  }
  const depositsK = f64(br.deposits_k);
  await turn();
  const brValues = { holdingCompany, depositsK, serviceType: i32(br.service_type), isMainOffice: u8(br.is_main_office) };
  await turn();
  const brIndex = await createPointIndexInSteps(brLng, brLat, turn);
  const branches: BranchColumns = {
    size: brLng.length, ...brIds, institutionName, branchName: br.branch_name as string[],
    address: br.address as string[], city: br.city as string[], state: br.state as string[], countyFips: br.county_fips as string[],
    ...brValues, lng: brLng, lat: brLat, index: brIndex,
  };
  await turn();

  const st = await columns(db, `SELECT stop_id, name, mode, feed, departures, imputed, route_ids, lng, lat
      FROM transit_stops WHERE lng IS NOT NULL AND lat IS NOT NULL ORDER BY stop_id`);
  const stLng = f64(st.lng), stLat = f64(st.lat);
  const stIndex = await createPointIndexInSteps(stLng, stLat, turn);
  const stops: StopColumns = {
    size: stLng.length, stopId: st.stop_id as string[], name: st.name as string[], mode: st.mode as StopColumns['mode'],
    feed: st.feed as string[], departures: f64(st.departures), imputed: u8(st.imputed),
    routeIds: st.route_ids.map((v) => (Array.isArray(v) ? v.map(String) : [])),
    lng: stLng, lat: stLat, index: stIndex,
  };

  return { blockGroups, branches, stops };
}
