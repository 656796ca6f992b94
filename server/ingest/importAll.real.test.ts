import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { TEST_DB_PATH } from '../testing/testPaths';

/**
 * Checks on the shared test import cache (built by globalSetup from the real DATA_DIR), against the facts in
 * each SOURCE.md and against values this test computes independently from the raw files.
 */
const DATA = loadConfig().dataDir;
const NYC_COUNTIES = ['36005', '36047', '36061', '36081', '36085'];
let db: Database;

beforeAll(async () => {
  db = await openDatabase(TEST_DB_PATH, { readOnly: true });
});
afterAll(() => db?.close());

async function one<T = number>(sql: string): Promise<T> {
  const rows = await db.all<Record<string, unknown>>(sql);
  const v = Object.values(rows[0])[0];
  return (typeof v === 'bigint' ? Number(v) : v) as T;
}

describe('census block groups (census-cenpop2020/SOURCE.md)', () => {
  it('national: 242,335 block groups, 334,735,155 people, 52 state codes', async () => {
    expect(await one('SELECT count(*) FROM block_groups')).toBe(242_335);
    expect(await one('SELECT sum(population) FROM block_groups')).toBe(334_735_155);
    expect(await one('SELECT count(DISTINCT state_fips) FROM block_groups')).toBe(52);
    expect(await one('SELECT count(*) FROM block_groups WHERE population = 0')).toBe(1_393);
    expect(await one(`SELECT count(*) FROM block_groups WHERE length(geoid) <> 12 OR geoid <> county_fips || tract || block_group`)).toBe(0);
  });

  it('NYC five counties: 6,807 block groups, 8,804,190 people; Manhattan 1,694,251', async () => {
    const inNyc = `county_fips IN (${NYC_COUNTIES.map((c) => `'${c}'`).join(',')})`;
    expect(await one(`SELECT count(*) FROM block_groups WHERE ${inNyc}`)).toBe(6_807);
    expect(await one(`SELECT sum(population) FROM block_groups WHERE ${inNyc}`)).toBe(8_804_190);
    expect(await one(`SELECT sum(population) FROM block_groups WHERE county_fips = '36061'`)).toBe(1_694_251);
  });

  it('the first row keeps its zero-padded codes and 6-decimal coordinates', async () => {
    const r = await db.all(`SELECT * FROM block_groups WHERE geoid = '010010201001'`);
    expect(r).toEqual([{ geoid: '010010201001', state_fips: '01', county_fips: '01001', tract: '020100', block_group: '1',
      population: 575, lng: -86.486302, lat: 32.464466 }]);
  });

  it('New York rows equal the original Census file CenPop2020_Mean_BG36.txt (BOM, "+40.…" latitudes, "-073.…" longitudes)', async () => {
    const text = fs.readFileSync(path.join(DATA, 'census-cenpop2020/CenPop2020_Mean_BG36.txt'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0].trim()).toBe('STATEFP,COUNTYFP,TRACTCE,BLKGRPCE,POPULATION,LATITUDE,LONGITUDE');
    const original = new Map<string, [number, number, number]>();
    for (const line of lines.slice(1)) {
      const [s, c, t, b, pop, lat, lng] = line.trim().split(',');
      original.set(s + c + t + b, [Number(pop), Number(lat), Number(lng)]);
    }
    expect(original.size).toBe(16_070);
    const ours = await db.all<{ geoid: string; population: number; lat: number; lng: number }>(
      `SELECT geoid, population, lat, lng FROM block_groups WHERE state_fips = '36'`);
    expect(ours).toHaveLength(16_070);
    let differences = 0;
    for (const r of ours) {
      const o = original.get(r.geoid);
      if (!o || o[0] !== r.population || Math.abs(o[1] - r.lat) > 1e-9 || Math.abs(o[2] - r.lng) > 1e-9) differences++;
    }
    expect(differences).toBe(0);
  });
});

describe('FDIC SOD 2023 branches (fdic-sod-branches/SOURCE.md)', () => {
  it('77,796 branches from 4,655 institutions; the empty-header index column is not imported', async () => {
    expect(await one('SELECT count(*) FROM branches')).toBe(77_796);
    expect(await one('SELECT count(DISTINCT cert) FROM branches')).toBe(4_655);
    const cols = (await db.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE branches)`)).map((r) => r.column_name);
    expect(cols).toEqual(['branch_id', 'cert', 'rssdhcr', 'institution_name', 'holding_company', 'branch_name', 'address', 'city', 'state',
      'zip', 'county_fips', 'deposits_k', 'service_type', 'is_main_office', 'opened', 'lng', 'lat', 'valid_coords']);
  });

  it('ZIP and county FIPS left-padded to 5 digits (Boston 02114)', async () => {
    expect(await one(`SELECT count(*) FROM branches WHERE length(zip) <> 5 OR length(county_fips) <> 5`)).toBe(0);
    const boston = await db.all<{ zip: string; city: string }>(`SELECT zip, city FROM branches WHERE zip = '02114' AND state = 'MA'`);
    expect(boston.length).toBeGreaterThan(0);
    expect(boston.every((b) => b.city === 'Boston')).toBe(true);
    expect(await one(`SELECT count(*) FROM branches WHERE zip = '2114'`)).toBe(0);
  });

  it('the 4 rows at (0, 0) have valid_coords = false, all others true', async () => {
    const bad = await db.all<{ institution_name: string; state: string; lng: number; lat: number }>(
      `SELECT institution_name, state, lng, lat FROM branches WHERE NOT valid_coords ORDER BY state, institution_name`);
    expect(bad.map((b) => [b.institution_name, b.state, b.lng, b.lat])).toEqual([
      ['Bank of Guam', 'FM', 0, 0], ['Bank of Guam', 'FM', 0, 0], ['Banco Popular De Puerto Rico', 'PR', 0, 0], ['Banco Popular De Puerto Rico', 'PR', 0, 0]]);
  });

  it('NYC: 1,478 branches (Manhattan 557); Chase 302; no holding company ⇒ NULL rssdhcr (3,942 rows)', async () => {
    expect(await one(`SELECT count(*) FROM branches WHERE county_fips IN ('36005','36047','36061','36081','36085')`)).toBe(1_478);
    expect(await one(`SELECT count(*) FROM branches WHERE county_fips = '36061'`)).toBe(557);
    expect(await one(`SELECT count(*) FROM branches WHERE county_fips IN ('36005','36047','36061','36081','36085') AND institution_name ILIKE 'JPMorgan Chase%'`)).toBe(302);
    expect(await one(`SELECT count(*) FROM branches WHERE rssdhcr IS NULL`)).toBe(3_942);
    expect(await one(`SELECT count(*) FROM branches WHERE rssdhcr IS NULL AND holding_company IS NOT NULL`)).toBe(0);
    expect(await one(`SELECT count(*) FROM branches WHERE service_type = 11`)).toBe(72_513);
  });

  it('keeps the data as reported: co-located offices (888 points, 1,941 branches) and the mis-geocoded Wyandanch row', async () => {
    expect(await one(`SELECT count(*) FROM (SELECT lng, lat FROM branches GROUP BY ALL HAVING count(*) > 1)`)).toBe(888);
    expect(await one(`SELECT sum(n) FROM (SELECT count(*) AS n FROM branches GROUP BY lng, lat HAVING count(*) > 1)`)).toBe(1_941);
    const w = await db.all<{ county_fips: string; lng: number }>(`SELECT county_fips, lng FROM branches WHERE address = '41 Station Dr' AND city = 'Wyandanch'`);
    expect(w).toHaveLength(1);
    expect(w[0].county_fips).toBe('36081'); // FDIC says Queens; the point is on Long Island — scoring uses the point
    expect(w[0].lng).toBeCloseTo(-73.358, 3);
  });
});

describe('FDIC SOD 2018, 2021, 2022 and 2023 in branch_years (fdic-sod-branches/SOURCE.md)', () => {
  const NYC = `county_fips IN ('36005','36047','36061','36081','36085')`;
  it('rows and institutions per year as SOURCE.md states; 2023 is the same as branches', async () => {
    const rows = await db.all<{ year: number; n: bigint; c: bigint }>(`SELECT year, count(*) AS n, count(DISTINCT cert) AS c FROM branch_years GROUP BY year ORDER BY year`);
    expect(rows.map((r) => [r.year, Number(r.n), Number(r.c)])).toEqual([[2018, 88_075, 5_551], [2021, 81_791, 4_960], [2022, 79_172, 4_781], [2023, 77_796, 4_655]]);
    expect(await one(`SELECT count(*) FROM branch_years y JOIN branches b USING (branch_id) WHERE y.year = 2023
      AND y.deposits_k = b.deposits_k AND y.cert = b.cert AND y.valid_coords = b.valid_coords`)).toBe(77_796);
  });

  it('(0, 0) rows are invalid coordinates: 126 in 2018, 11 in 2021; NYC rows 1,758 (2018), 1,560 (2021), 1,478 (2023)', async () => {
    expect(await one(`SELECT count(*) FROM branch_years WHERE year = 2018 AND lng = 0 AND lat = 0 AND NOT valid_coords`)).toBe(126);
    expect(await one(`SELECT count(*) FROM branch_years WHERE year = 2021 AND lng = 0 AND lat = 0 AND NOT valid_coords`)).toBe(11);
    const nyc = await db.all<{ year: number; n: bigint }>(`SELECT year, count(*) AS n FROM branch_years WHERE ${NYC} GROUP BY year ORDER BY year`);
    expect(Object.fromEntries(nyc.map((r) => [r.year, Number(r.n)]))).toMatchObject({ 2018: 1_758, 2021: 1_560, 2023: 1_478 });
  });

  it('76,789 branches appear in both 2022 and 2023, 74,391 with positive deposits in both', async () => {
    const both = `FROM branch_years a JOIN branch_years b ON a.branch_id = b.branch_id AND a.year = 2022 AND b.year = 2023`;
    expect(await one(`SELECT count(*) ${both}`)).toBe(76_789);
    expect(await one(`SELECT count(*) ${both} WHERE a.deposits_k > 0 AND b.deposits_k > 0`)).toBe(74_391);
  });
});

/**
 * Independent count from the raw MTA JSON: departures per parent station on one date (last stop of a trip
 * and `pickup_type = 1` rows excluded), plus how many counted rows run past midnight (GTFS times ≥ 24:00:00 belong to their service day).
 */
function departuresFromRaw(feed: 'subway' | 'bus_m', ymd: string, weekday: string, stats?: { pastMidnight: number; services: Set<string> }) {
  const dir = path.join(DATA, 'nyc-mta-gtfs-json', feed);
  const exists = (f: string) => fs.existsSync(path.join(dir, f));
  const read = (f: string) => JSON.parse(f.endsWith('.gz') ? zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString('utf8')
    : fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>[];
  const active = new Set(read('calendar.json').filter((c) => c.start_date <= ymd && ymd <= c.end_date && c[weekday] === '1').map((c) => c.service_id));
  for (const cd of read('calendar_dates.json')) {
    if (cd.date !== ymd) continue;
    if (cd.exception_type === '1') active.add(cd.service_id);
    if (cd.exception_type === '2') active.delete(cd.service_id);
  }
  const trips = new Set(read(exists('trips.json') ? 'trips.json' : 'trips.json.gz').filter((t) => active.has(t.service_id)).map((t) => t.trip_id));
  if (stats) for (const s of active) stats.services.add(s);
  const parent = new Map(read('stops.json').map((s) => [s.stop_id, s.parent_station || s.stop_id]));
  const stopTimes = read('stop_times.json.gz').filter((st) => trips.has(st.trip_id));
  const lastSeq = new Map<string, number>();
  for (const st of stopTimes) lastSeq.set(st.trip_id, Math.max(lastSeq.get(st.trip_id) ?? -1, Number(st.stop_sequence)));
  const perStation = new Map<string, number>();
  for (const st of stopTimes) {
    if (Number(st.stop_sequence) === lastSeq.get(st.trip_id)) continue;
    if (st.pickup_type === '1') continue; // no boarding: not a departure (1,885 Manhattan bus rows; none in the subway)
    if (stats && st.departure_time >= '24:00:00') stats.pastMidnight++;
    const station = parent.get(st.stop_id)!;
    perStation.set(station, (perStation.get(station) ?? 0) + 1);
  }
  return perStation;
}

describe('transit (nyc-mta-gtfs-json, nyc-ferry-gtfs SOURCE.md; SITE-MODEL.md service date)', () => {
  it('subway platforms are rolled up: 496 stations, no platform ids', async () => {
    expect(await one(`SELECT count(*) FROM transit_stops WHERE feed = 'subway'`)).toBe(496);
    expect(await one(`SELECT count(*) FROM transit_stops WHERE feed = 'subway' AND regexp_matches(gtfs_stop_id, '[NS]$')`)).toBe(0);
  });

  it('departures on Wed 2026-10-07 at Times Sq-42 St (127), Grand Central-42 St (631) and every station match a count from the raw JSON', async () => {
    const stats = { pastMidnight: 0, services: new Set<string>() };
    const raw = departuresFromRaw('subway', '20261007', 'wednesday', stats);
    expect(stats.pastMidnight).toBeGreaterThan(0); // trips running past midnight ("25:10:00") count for their service day
    const ours = await db.all<{ gtfs_stop_id: string; name: string; departures: number }>(
      `SELECT gtfs_stop_id, name, departures FROM transit_stops WHERE feed = 'subway'`);
    const by = new Map(ours.map((s) => [s.gtfs_stop_id, s]));
    expect(by.get('127')!.name).toBe('Times Sq-42 St');
    expect(by.get('127')!.departures).toBe(raw.get('127'));
    expect(by.get('631')!.name).toBe('Grand Central-42 St');
    expect(by.get('631')!.departures).toBe(raw.get('631'));
    expect(raw.get('127')).toBeGreaterThan(1000);
    for (const s of ours) expect(s.departures, s.gtfs_stop_id).toBe(raw.get(s.gtfs_stop_id) ?? 0);
  }, 60_000);

  it('Manhattan bus departures on 2026-10-07 use only the depot services active that day (overlapping calendars), per stop as in the raw JSON', async () => {
    const stats = { pastMidnight: 0, services: new Set<string>() };
    const raw = departuresFromRaw('bus_m', '20261007', 'wednesday', stats);
    // MQ_O6-Weekday starts 2026-10-12: a "wednesday = 1" filter without dates would double count with MQ_D6-Weekday-SDon.
    expect(stats.services.has('MQ_D6-Weekday-SDon')).toBe(true);
    expect(stats.services.has('MQ_O6-Weekday')).toBe(false);
    const ours = await db.all<{ gtfs_stop_id: string; departures: number }>(`SELECT gtfs_stop_id, departures FROM transit_stops WHERE feed = 'bus_m'`);
    expect(ours).toHaveLength(1_824);
    let mismatches = 0;
    for (const s of ours) if (s.departures !== (raw.get(s.gtfs_stop_id) ?? 0)) mismatches++;
    expect(mismatches).toBe(0);
    expect(await one(`SELECT sum(departures) FROM transit_stops WHERE feed = 'bus_m'`)).toBe([...raw.values()].reduce((a, b) => a + b, 0));
  }, 120_000);

  it('bus stops: 13,461 unique stop ids over the 6 overlapping bus feeds, coordinates trimmed and inside NYC', async () => {
    expect(await one(`SELECT count(*) FROM transit_stops WHERE mode = 'bus'`)).toBe(13_461);
    expect(await one(`SELECT count(DISTINCT gtfs_stop_id) FROM transit_stops WHERE mode = 'bus'`)).toBe(13_461);
    expect(await one(`SELECT count(*) FROM transit_stops WHERE feed = 'bus_m'`)).toBe(1_824);
    const s = await db.all(`SELECT lat, lng FROM transit_stops WHERE stop_id = 'bus_m:101014'`);
    expect(s).toEqual([{ lat: 40.80893, lng: -73.922855 }]);
    const bbox = await db.all<Record<string, number>>(`SELECT min(lng) AS w, min(lat) AS s, max(lng) AS e, max(lat) AS n FROM transit_stops WHERE mode = 'bus'`);
    // SOURCE.md bbox of all NYCT + MTABC bus stops: −74.252, 40.503 → −73.701, 40.934
    expect(bbox[0].w).toBeCloseTo(-74.252, 3);
    expect(bbox[0].s).toBeCloseTo(40.503, 3);
    expect(bbox[0].e).toBeCloseTo(-73.701, 3);
    expect(bbox[0].n).toBeCloseTo(40.934, 3);
  });

  it('unscheduled stops carry imputed departures: bus = Manhattan bus median, rail = subway median (stops served that day)', async () => {
    const busMedian = await one(`SELECT median(departures) FROM transit_stops WHERE feed = 'bus_m' AND departures > 0`);
    const subwayMedian = await one(`SELECT median(departures) FROM transit_stops WHERE feed = 'subway' AND departures > 0`);
    const imputed = await db.all<{ feed: string; mode: string; n: bigint; lo: number; hi: number }>(
      `SELECT feed, mode, count(*) AS n, min(departures) AS lo, max(departures) AS hi FROM transit_stops WHERE imputed GROUP BY feed, mode ORDER BY feed`);
    expect(imputed.map((r) => r.feed)).toEqual(['bus_bk', 'bus_busco', 'bus_bx', 'bus_qns', 'bus_si', 'lirr', 'mnr']);
    for (const r of imputed) {
      const expected = r.mode === 'bus' ? busMedian : subwayMedian;
      expect([r.lo, r.hi]).toEqual([expected, expected]);
    }
    // The subway median, independently: the median over stations of the raw count.
    const raw = [...departuresFromRaw('subway', '20261007', 'wednesday').values()].filter((d) => d > 0).sort((a, b) => a - b);
    const mid = raw.length / 2;
    expect(subwayMedian).toBe(raw.length % 2 ? raw[Math.floor(mid)] : (raw[mid - 1] + raw[mid]) / 2);
    expect(await one(`SELECT count(*) FROM transit_stops WHERE imputed AND scheduled`)).toBe(0);
    expect(await one(`SELECT count(*) FROM transit_stops WHERE feed = 'lirr'`)).toBe(127);
    expect(await one(`SELECT count(*) FROM transit_stops WHERE feed = 'mnr'`)).toBe(114);
  }, 60_000);

  it('NYC Ferry: 50 landings, CRLF-free names, departures on the date from the standard .txt timetable', async () => {
    expect(await one(`SELECT count(*) FROM transit_stops WHERE feed = 'ferry' AND mode = 'ferry'`)).toBe(50);
    expect(await one(`SELECT count(*) FROM transit_stops WHERE feed = 'ferry' AND (name LIKE '%\r%' OR name LIKE '%"%')`)).toBe(0);
    const hps = await db.all<{ name: string; departures: number }>(`SELECT name, departures FROM transit_stops WHERE stop_id = 'ferry:4'`);
    expect(hps[0].name).toBe('Hunters Point South');
    // Independent count: parse the CRLF text tables by hand.
    const table = (f: string) => {
      const [head, ...rows] = fs.readFileSync(path.join(DATA, 'nyc-ferry-gtfs', f), 'utf8').split('\r\n').filter(Boolean);
      const cols = head.split(',');
      return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v.replace(/^"|"$/g, '')])));
    };
    const active = new Set(table('calendar.txt').filter((c) => c.start_date <= '20261007' && '20261007' <= c.end_date && c.wednesday === '1').map((c) => c.service_id));
    const trips = new Set(table('trips.txt').filter((t) => active.has(t.service_id)).map((t) => t.trip_id));
    const st = table('stop_times.txt').filter((s) => trips.has(s.trip_id));
    const last = new Map<string, number>();
    for (const s of st) last.set(s.trip_id, Math.max(last.get(s.trip_id) ?? 0, Number(s.stop_sequence)));
    const count = st.filter((s) => s.stop_id === '4' && Number(s.stop_sequence) !== last.get(s.trip_id) && s.pickup_type !== '1').length;
    expect(count).toBeGreaterThan(0);
    expect(hps[0].departures).toBe(count);
  });

  it('transit_feeds: 10 feeds, service date 2026-10-07 inside every scheduled calendar', async () => {
    const feeds = await db.json<Record<string, unknown>>(`SELECT * FROM transit_feeds ORDER BY feed`);
    expect(feeds.map((f) => f.feed)).toEqual(['bus_bk', 'bus_busco', 'bus_bx', 'bus_m', 'bus_qns', 'bus_si', 'ferry', 'lirr', 'mnr', 'subway']);
    expect(feeds.every((f) => f.service_date === '2026-10-07')).toBe(true);
    const subway = feeds.find((f) => f.feed === 'subway')!;
    expect(subway).toMatchObject({ mode: 'subway', scheduled: true, calendar_start: '2026-05-26', calendar_end: '2026-10-31', stop_count: 496 });
    expect(Number(subway.departures)).toBe(await one(`SELECT sum(departures) FROM transit_stops WHERE feed = 'subway'`));
  });
});

describe('catalog and ATMs', () => {
  it('datasets: 16 rows whose sha256 and bytes match the files on disk', async () => {
    const ds = await db.all<{ id: string; file: string; sha256: string; bytes: bigint; row_count: bigint }>(`SELECT id, file, sha256, bytes, row_count FROM datasets ORDER BY id`);
    expect(ds).toHaveLength(16);
    for (const d of ds.filter((x) => ['census-block-groups', 'fdic-sod-2023', 'fdic-sod-2018'].includes(x.id))) {
      const buf = fs.readFileSync(path.join(DATA, d.file));
      expect(d.sha256).toBe(createHash('sha256').update(buf).digest('hex'));
      expect(Number(d.bytes)).toBe(buf.length);
    }
    expect(Object.fromEntries(ds.map((d) => [d.id, Number(d.row_count)]))).toMatchObject({
      'census-block-groups': 242_335, 'fdic-sod-2023': 77_796, 'fdic-sod-2022': 79_172, 'fdic-sod-2021': 81_791, 'fdic-sod-2018': 88_075, 'gtfs-subway': 496, 'gtfs-bus_m': 1_824, 'gtfs-ferry': 50, 'nys-atms': 5_522 });
  });

  it('ATMs: 5,522 rows, 5,187 geocoded inside New York State', async () => {
    expect(await one(`SELECT count(*) FROM atms`)).toBe(5_522);
    expect(await one(`SELECT count(*) FROM atms WHERE lng IS NOT NULL`)).toBe(5_187);
    expect(await one(`SELECT count(*) FROM atms WHERE lng NOT BETWEEN -79.7 AND -71.9 OR lat NOT BETWEEN 40.5 AND 45.0`)).toBe(0);
    // Kept as published: 27 exact duplicate (name, address, ZIP) rows.
    expect(await one(`SELECT count(*) - count(DISTINCT (institution, address, zip)) FROM atms`)).toBe(27);
  });
});
