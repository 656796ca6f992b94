import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { ImportError } from './errors';
import { ensureImported, importAll, storedFingerprint } from './importAll';

/**
 * The tiny hand-made data dir `data/samples/tiny` (see data/samples/README.md) mirrors DATA_DIR with a few
 * rows per file, so every expected value below is counted by hand from those files.
 */
const TINY = path.join(REPO_ROOT, 'data', 'samples', 'tiny');
let tmp: string;

function tinyConfig(dataDir = TINY, over: Partial<Config> = {}): Config {
  return { ...loadConfig({ ...process.env, DATA_DIR: dataDir, CACHE_DIR: path.join(tmp, 'cache') }), ...over };
}

/** A writable copy of the tiny data dir, with `edit(root)` applied. */
function tinyCopy(name: string, edit: (root: string) => void): string {
  const dir = path.join(tmp, name);
  fs.cpSync(TINY, dir, { recursive: true });
  edit(dir);
  return dir;
}

function replaceInFile(file: string, from: string, to: string) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture edit: "${from}" not in ${file}`);
  fs.writeFileSync(file, text.replace(from, to));
}

async function snapshot(db: Database) {
  return {
    fingerprint: await storedFingerprint(db),
    datasets: await db.json(`SELECT id, sha256, row_count, imported_at FROM datasets ORDER BY id`),
    bg: await db.json(`SELECT * FROM block_groups ORDER BY geoid`),
    stops: await db.json(`SELECT stop_id, departures FROM transit_stops ORDER BY stop_id`),
  };
}

async function expectImportError(p: Promise<unknown>): Promise<ImportError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'op-ingest-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('import of the tiny data dir (values counted by hand)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    const s = await ensureImported(db, tinyConfig());
    expect(s.skipped).toBe(false);
  });
  afterAll(() => db.close());

  it('loads the 5 block groups with 12-digit GEOIDs and 5-digit county codes', async () => {
    const rows = await db.all<{ geoid: string; county_fips: string; population: number; lng: number; lat: number }>(
      `SELECT geoid, county_fips, population, lng, lat FROM block_groups ORDER BY geoid`);
    expect(rows.map((r) => r.geoid)).toEqual(['010010201001', '340170070003', '360470033002', '360610076001', '360810001001']);
    expect(rows.map((r) => r.county_fips)).toEqual(['01001', '34017', '36047', '36061', '36081']);
    expect(rows.reduce((s, r) => s + r.population, 0)).toBe(1000);
    expect(rows[3]).toMatchObject({ lng: -73.984, lat: 40.754 });
  });

  it('FDIC quirks: empty-header index ignored, ZIP/FIPS left-padded, (0,0) invalid, RSSDHCR 0 → NULL, MM/DD/YYYY dates', async () => {
    const cols = (await db.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE branches)`)).map((r) => r.column_name);
    expect(cols).not.toContain('column0');
    expect(cols).toHaveLength(18);
    const b = await db.json<Record<string, unknown>>(`SELECT * FROM branches ORDER BY branch_id`);
    expect(b.map((r) => r.branch_id)).toEqual(['6', '236702', '480748', '522154']);
    const boston = b[0];
    expect(boston).toMatchObject({ zip: '02114', county_fips: '25025', state: 'MA', cert: 14, rssdhcr: '1111435', is_main_office: true,
      holding_company: 'STATE STREET CORPORATION', service_type: 11, deposits_k: 164785000, opened: '1792-01-01', valid_coords: true });
    expect(b[3]).toMatchObject({ institution_name: 'Bank of Guam', lng: 0, lat: 0, valid_coords: false });
    expect(b[2]).toMatchObject({ institution_name: 'Ridgewood Savings Bank', rssdhcr: null, holding_company: null, county_fips: '36061', zip: '10021' });
    expect(b[1]).toMatchObject({ opened: '1972-06-12', is_main_office: false, lat: 40.754094, lng: -73.981914 });
  });

  it('subway: platforms roll up to 3 stations; departures on Wed 2026-10-07 follow calendar + calendar_dates, last stop excluded', async () => {
    // Active that day: Weekday (calendar) and Extra (added); Special removed, Sunday not a Wednesday.
    // T1 101S,102S,(103S last) · T2 103N,102N,(101N last) · T5 102S,(103S last) → 101: 1, 102: 3, 103: 1.
    const rows = await db.all<{ stop_id: string; departures: number; route_ids: string[]; scheduled: boolean; imputed: boolean; mode: string }>(
      `SELECT stop_id, departures, route_ids, scheduled, imputed, mode FROM transit_stops WHERE feed = 'subway' ORDER BY stop_id`);
    expect(rows).toEqual([
      { stop_id: 'subway:101', departures: 1, route_ids: ['subway:1'], scheduled: true, imputed: false, mode: 'subway' },
      { stop_id: 'subway:102', departures: 3, route_ids: ['subway:1', 'subway:3'], scheduled: true, imputed: false, mode: 'subway' },
      { stop_id: 'subway:103', departures: 1, route_ids: ['subway:1'], scheduled: true, imputed: false, mode: 'subway' },
    ]);
  });

  it('Manhattan bus: padded coordinates trimmed; departures counted per stop', async () => {
    const rows = await db.all<{ gtfs_stop_id: string; departures: number; lat: number; lng: number }>(
      `SELECT gtfs_stop_id, departures, lat, lng FROM transit_stops WHERE feed = 'bus_m' ORDER BY gtfs_stop_id`);
    // B1, B2: 401001, 401002, (401003 last); B3: 401002, (401003 last)
    expect(rows).toEqual([
      { gtfs_stop_id: '401001', departures: 2, lat: 40.751, lng: -73.991 },
      { gtfs_stop_id: '401002', departures: 3, lat: 40.752, lng: -73.992 },
      { gtfs_stop_id: '401003', departures: 0, lat: 40.753, lng: -73.993 },
    ]);
  });

  it('unscheduled feeds: imputed medians (bus: Manhattan bus 2.5, rail: subway 1); border bus stops deduped; LIRR/MNR ids kept apart', async () => {
    const rows = await db.all<{ stop_id: string; departures: number; imputed: boolean; scheduled: boolean; route_ids: string[] }>(
      `SELECT stop_id, departures, imputed, scheduled, route_ids FROM transit_stops WHERE imputed ORDER BY stop_id`);
    expect(rows.map((r) => r.stop_id)).toEqual([
      'bus_bk:301001', 'bus_bk:301002', 'bus_busco:701001', 'bus_bx:201001', 'bus_qns:501001', 'bus_si:601001', 'lirr:1', 'mnr:1']);
    for (const r of rows) {
      expect(r.departures).toBe(r.stop_id.startsWith('bus') ? 2.5 : 1); // median(2, 3) over served bus_m stops; median(1, 3, 1)
      expect(r).toMatchObject({ imputed: true, scheduled: false, route_ids: [] });
    }
    const bus = await db.all<{ n: bigint; d: bigint }>(`SELECT count(*) AS n, count(DISTINCT gtfs_stop_id) AS d FROM transit_stops WHERE mode = 'bus'`);
    expect(Number(bus[0].n)).toBe(9);
    expect(Number(bus[0].d)).toBe(9);
  });

  it('NYC Ferry: CRLF and quoted fields (one with a comma), pickup_type 1 not a departure', async () => {
    const rows = await db.all<{ gtfs_stop_id: string; name: string; departures: number; route_ids: string[] }>(
      `SELECT gtfs_stop_id, name, departures, route_ids FROM transit_stops WHERE feed = 'ferry' ORDER BY departures DESC, gtfs_stop_id`);
    // 89 (svc 3): 4, 8, (11 last) · 90 weekend · 91: 11, (8 pickup_type 1), (4 last) · 92: 11, (4 last)
    expect(rows).toEqual([
      { gtfs_stop_id: '11', name: 'Atlantic Ave, BBP Pier 6', departures: 2, route_ids: ['ferry:SB'] },
      { gtfs_stop_id: '4', name: 'Hunters Point South', departures: 1, route_ids: ['ferry:ER'] },
      { gtfs_stop_id: '8', name: 'South Williamsburg', departures: 1, route_ids: ['ferry:ER'] },
    ]);
  });

  it('transit_feeds records calendar, service date, stops and departures per feed', async () => {
    const feeds = await db.json<Record<string, unknown>>(`SELECT * FROM transit_feeds ORDER BY feed`);
    expect(feeds).toHaveLength(10);
    const by = Object.fromEntries(feeds.map((f) => [f.feed, f]));
    expect(by.subway).toEqual({ feed: 'subway', mode: 'subway', scheduled: true, calendar_start: '2026-05-26', calendar_end: '2026-10-31',
      service_date: '2026-10-07', stop_count: 3, departures: '5' });
    expect(by.ferry).toMatchObject({ mode: 'ferry', calendar_start: '2025-07-12', calendar_end: '2026-12-31', stop_count: 3, departures: '4' });
    expect(by.bus_bk).toMatchObject({ mode: 'bus', scheduled: false, stop_count: 2, departures: '5', calendar_start: '2026-09-06' });
    expect(by.mnr).toMatchObject({ mode: 'rail', scheduled: false, stop_count: 1, calendar_start: null });
  });

  it('ATMs: BOM header, quoted commas, WKT points, empty Georeference → NULL coordinates', async () => {
    const rows = await db.all<{ id: number; institution: string; lng: number | null; lat: number | null }>(
      `SELECT id, institution, lng, lat FROM atms ORDER BY id`);
    expect(rows).toHaveLength(7);
    expect(rows[3].institution).toBe('Berkshire Bank (Pittsfield, MA)');
    expect(rows[0]).toMatchObject({ id: 1, institution: 'Wells Fargo ATM', lng: null, lat: null });
    expect(rows[6]).toMatchObject({ id: 7, institution: 'TD Bank N.A.', lng: -73.983786, lat: 40.761828 });
  });

  it('catalog: one row per dataset with sha256, bytes, row count and the file list', async () => {
    const ds = await db.all<{ id: string; file: string; sha256: string; bytes: bigint; row_count: bigint; details: string }>(
      `SELECT id, file, sha256, bytes, row_count, CAST(details AS VARCHAR) AS details FROM datasets ORDER BY id`);
    expect(ds.map((d) => d.id)).toEqual(['census-block-groups', 'fdic-sod-2023', 'gtfs-bus_bk', 'gtfs-bus_busco', 'gtfs-bus_bx', 'gtfs-bus_m',
      'gtfs-bus_qns', 'gtfs-bus_si', 'gtfs-ferry', 'gtfs-lirr', 'gtfs-mnr', 'gtfs-subway', 'nys-atms']);
    const census = ds[0];
    const bytes = fs.readFileSync(path.join(TINY, 'census-cenpop2020/block_group2020.csv'));
    const { createHash } = await import('node:crypto');
    expect(census).toMatchObject({ file: 'census-cenpop2020/block_group2020.csv', sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: BigInt(bytes.length), row_count: 5n });
    const subway = ds.find((d) => d.id === 'gtfs-subway')!;
    expect(subway.file).toBe('nyc-mta-gtfs-json/subway/stop_times.json.gz');
    expect(JSON.parse(subway.details).files.map((f: { file: string }) => f.file)).toContain('nyc-mta-gtfs-json/subway/calendar_dates.json');
  });
});

describe('import errors, atomicity and idempotency', () => {
  it('refuses a service date outside a scheduled feed, naming the feed file and the setting', async () => {
    const db = await openDatabase(':memory:');
    try {
      const err = await expectImportError(importAll(db, tinyConfig(TINY, { serviceDate: '2026-11-18' })));
      expect(err.file).toBe('nyc-mta-gtfs-json/subway/calendar.json');
      expect(err.field).toBe('serviceDate');
      expect(err.message).toMatch(/2026-11-18 is outside the subway feed's calendar \(2026-05-26 … 2026-10-31\)/);
    } finally {
      db.close();
    }
  });

  it('refuses a date inside the calendar on which no trip runs', async () => {
    const db = await openDatabase(':memory:');
    try {
      // Saturday: no subway service_id runs on Saturdays in the tiny feed.
      const err = await expectImportError(importAll(db, tinyConfig(TINY, { serviceDate: '2026-10-10' })));
      expect(err.field).toBe('serviceDate');
      expect(err.message).toMatch(/no subway trip runs on 2026-10-10/);
    } finally {
      db.close();
    }
  });

  it('a bad census value names file, row and field', async () => {
    const dir = tinyCopy('bad-census', (root) =>
      replaceInFile(path.join(root, 'census-cenpop2020/block_group2020.csv'), '36,047,003300,2,0,', '36,047,003300,2,zero,'));
    const db = await openDatabase(':memory:');
    try {
      const err = await expectImportError(importAll(db, tinyConfig(dir)));
      expect({ file: err.file, row: err.row, field: err.field }).toEqual({ file: 'census-cenpop2020/block_group2020.csv', row: 3, field: 'POPULATION' });
      expect(err.message).toContain('got "zero"');
    } finally {
      db.close();
    }
  });

  it('a bad stop coordinate late in the import rolls everything back: the database is exactly as before', async () => {
    const dbPath = path.join(tmp, 'atomic.duckdb');
    const db = await openDatabase(dbPath);
    try {
      await importAll(db, tinyConfig());
      const before = await snapshot(db);
      // Break a different dataset too, so a partial import would be visible: census population changes.
      const dir = tinyCopy('bad-stop', (root) => {
        replaceInFile(path.join(root, 'census-cenpop2020/block_group2020.csv'), '01,001,020100,1,100,', '01,001,020100,1,111,');
        replaceInFile(path.join(root, 'nyc-mta-gtfs-json/bus_bx/stops.json'), '"stop_lat":"  40.820000"', '"stop_lat":"north"');
      });
      const err = await expectImportError(importAll(db, tinyConfig(dir)));
      expect({ file: err.file, row: err.row, field: err.field }).toEqual({ file: 'nyc-mta-gtfs-json/bus_bx/stops.json', row: 1, field: 'stop_lat' });
      expect(await snapshot(db)).toEqual(before);
      const temps = await db.all(`SELECT table_name FROM duckdb_tables() WHERE temporary`);
      expect(temps).toEqual([]);
    } finally {
      db.close();
    }
    // …and after reopening the file.
    const again = await openDatabase(dbPath, { readOnly: true });
    try {
      const pop = await again.all<{ p: bigint }>(`SELECT sum(population) AS p FROM block_groups`);
      expect(Number(pop[0].p)).toBe(1000);
    } finally {
      again.close();
    }
  });

  it('row numbers count data rows in file order (a JSON element deep in a file)', async () => {
    const dir = tinyCopy('bad-seq', (root) => {
      const f = path.join(root, 'nyc-mta-gtfs-json/subway/stop_times.json.gz');
      
      const rows = JSON.parse(zlib.gunzipSync(fs.readFileSync(f)).toString('utf8'));
      rows[9].stop_sequence = 'two';
      fs.writeFileSync(f, zlib.gzipSync(JSON.stringify(rows)));
    });
    const db = await openDatabase(':memory:');
    try {
      const err = await expectImportError(importAll(db, tinyConfig(dir)));
      expect({ file: err.file, row: err.row, field: err.field }).toEqual({ file: 'nyc-mta-gtfs-json/subway/stop_times.json.gz', row: 10, field: 'stop_sequence' });
    } finally {
      db.close();
    }
  });

  it('a stop_times row naming an unknown stop is refused', async () => {
    const dir = tinyCopy('bad-ref', (root) =>
      replaceInFile(path.join(root, 'nyc-ferry-gtfs/stop_times.txt'), '89,15:53:00,15:53:00,8,', '89,15:53:00,15:53:00,999,'));
    const db = await openDatabase(':memory:');
    try {
      const err = await expectImportError(importAll(db, tinyConfig(dir)));
      expect({ file: err.file, row: err.row, field: err.field }).toEqual({ file: 'nyc-ferry-gtfs/stop_times.txt', row: 2, field: 'stop_id' });
    } finally {
      db.close();
    }
  });

  it('a CSV row with an extra field is refused with its row and line, not mis-parsed', async () => {
    const dir = tinyCopy('ragged', (root) =>
      replaceInFile(path.join(root, 'nyc-ferry-gtfs/stop_times.txt'), '90,16:43:00,16:43:00,11,1,,0,0,1', '90,16:43:00,16:43:00,11,1,,0,0,1,extra'));
    const db = await openDatabase(':memory:');
    try {
      const err = await expectImportError(importAll(db, tinyConfig(dir)));
      expect({ file: err.file, row: err.row, field: err.field }).toEqual({ file: 'nyc-ferry-gtfs/stop_times.txt', row: 4, field: undefined });
      expect(err.message).toBe('Import failed: nyc-ferry-gtfs/stop_times.txt, row 4: malformed CSV at line 5: Expected Number of Columns: 9 Found: 10');
    } finally {
      db.close();
    }
  });

  it('a truncated JSON file is refused naming the file', async () => {
    const dir = tinyCopy('truncated', (root) => {
      const f = path.join(root, 'nyc-mta-gtfs-json/lirr/stops.json');
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').slice(0, 60));
    });
    const db = await openDatabase(':memory:');
    try {
      const err = await expectImportError(importAll(db, tinyConfig(dir)));
      expect(err.file).toBe('nyc-mta-gtfs-json/lirr/stops.json');
      expect(err.message).toMatch(/unreadable: .*Malformed JSON/);
    } finally {
      db.close();
    }
  });

  it('an FDIC branch with missing coordinates is kept with valid_coords = false', async () => {
    const dir = tinyCopy('no-coords', (root) => {
      const f = path.join(root, 'fdic-sod-branches/sod_2023.csv.xz');
      const csv = execFileSync('xz', ['-dc', f]).toString('utf8').replace('40.769552,-73.957596,', ',,');
      fs.writeFileSync(f, execFileSync('xz', ['-c'], { input: csv }));
    });
    const db = await openDatabase(':memory:');
    try {
      await importAll(db, tinyConfig(dir));
      expect(await db.all(`SELECT branch_id, lng, lat, valid_coords FROM branches WHERE NOT valid_coords ORDER BY branch_id`)).toEqual([
        { branch_id: 480748n, lng: null, lat: null, valid_coords: false },
        { branch_id: 522154n, lng: 0, lat: 0, valid_coords: false },
      ]);
    } finally {
      db.close();
    }
  });

  it('a duplicate FDIC branch id is refused naming its second row', async () => {
    const dir = tinyCopy('dup-branch', (root) => {
      
      const f = path.join(root, 'fdic-sod-branches/sod_2023.csv.xz');
      const csv = execFileSync('xz', ['-dc', f]).toString('utf8').replace(',522154,', ',480748,');
      fs.writeFileSync(f, execFileSync('xz', ['-c'], { input: csv }));
    });
    const db = await openDatabase(':memory:');
    try {
      const err = await expectImportError(importAll(db, tinyConfig(dir)));
      expect({ file: err.file, row: err.row, field: err.field }).toEqual({ file: 'fdic-sod-branches/sod_2023.csv.xz', row: 3, field: 'UNINUMBR' });
    } finally {
      db.close();
    }
  });

  it('earlier SOD years go into branch_years only (YEAR checked, DEPDOM kept); 2023 into both tables', async () => {
    // sod_2018 = the tiny 2023 file with YEAR 2018, Ridgewood (480748) gone and M&T (236702) at its 2018 deposits.
    const sod2018 = (year: string) => (root: string) => {
      const csv = execFileSync('xz', ['-dc', path.join(root, 'fdic-sod-branches/sod_2023.csv.xz')]).toString('utf8')
        .split('\n').filter((l) => !l.includes(',480748,')).map((l, i) => (i === 0 || !l ? l : l.replace(/^(\d+),2023,/, `$1,${year},`)))
        .join('\n').replace(',11,78238,0,', ',11,61000,0,');
      fs.writeFileSync(path.join(root, 'fdic-sod-branches/sod_2018.csv.xz'), execFileSync('xz', ['-c'], { input: csv }));
    };
    const db = await openDatabase(':memory:');
    try {
      await importAll(db, tinyConfig(tinyCopy('sod-2018', sod2018('2018'))));
      const rows = await db.json<Record<string, unknown>>(
        `SELECT year, branch_id, deposits_k, service_type, is_main_office, valid_coords FROM branch_years ORDER BY year, branch_id`);
      expect(rows).toEqual([
        { year: 2018, branch_id: '6', deposits_k: 164785000, service_type: 11, is_main_office: true, valid_coords: true },
        { year: 2018, branch_id: '236702', deposits_k: 61000, service_type: 11, is_main_office: false, valid_coords: true },
        { year: 2018, branch_id: '522154', deposits_k: 10076, service_type: 12, is_main_office: false, valid_coords: false },
        { year: 2023, branch_id: '6', deposits_k: 164785000, service_type: 11, is_main_office: true, valid_coords: true },
        { year: 2023, branch_id: '236702', deposits_k: 78238, service_type: 11, is_main_office: false, valid_coords: true },
        { year: 2023, branch_id: '480748', deposits_k: 70100, service_type: 11, is_main_office: false, valid_coords: true },
        { year: 2023, branch_id: '522154', deposits_k: 10076, service_type: 12, is_main_office: false, valid_coords: false },
      ]);
      expect(Number((await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM branches`))[0].n)).toBe(4);
      // DEPDOM (the institution's domestic deposits) is carried for the forecast's sensitivity rule.
      const dom = await db.all<{ id: bigint; d: number }>(`SELECT branch_id AS id, institution_deposits_dom_k AS d FROM branch_years WHERE year = 2018 ORDER BY id`);
      expect(dom.map((r) => r.d)).toEqual([164785000, 165252462, 1919169]);
      // SIMS_ACQUIRED_DATE (MM/DD/YYYY, empty = opened by the institution itself) → acquired.
      expect(await db.json(`SELECT branch_id, acquired FROM branch_years WHERE year = 2023 ORDER BY branch_id`)).toEqual([
        { branch_id: '6', acquired: null }, { branch_id: '236702', acquired: '1997-05-24' },
        { branch_id: '480748', acquired: null }, { branch_id: '522154', acquired: null }]);
      const cat = await db.all<{ id: string; row_count: bigint; vintage: string }>(`SELECT id, row_count, vintage FROM datasets WHERE id LIKE 'fdic%' ORDER BY id`);
      expect(cat).toEqual([{ id: 'fdic-sod-2018', row_count: 3n, vintage: '2018-06-30' }, { id: 'fdic-sod-2023', row_count: 4n, vintage: '2023-06-30' }]);

      const err = await expectImportError(importAll(db, tinyConfig(tinyCopy('sod-2018-wrong-year', sod2018('2019')))));
      expect({ file: err.file, row: err.row, field: err.field }).toEqual({ file: 'fdic-sod-branches/sod_2018.csv.xz', row: 1, field: 'YEAR' });
      expect(err.message).toMatch(/expected the survey year 2018, got "2019"/);
    } finally {
      db.close();
    }
  });

  it('a missing required file is named', async () => {
    const dir = tinyCopy('missing', (root) => fs.rmSync(path.join(root, 'nyc-mta-gtfs-json/bus_m/trips.json.gz')));
    const db = await openDatabase(':memory:');
    try {
      const err = await expectImportError(ensureImported(db, tinyConfig(dir)));
      expect(err.file).toBe('nyc-mta-gtfs-json/bus_m/trips.json');
      expect(err.message).toMatch(/file not found/);
    } finally {
      db.close();
    }
  });

  it('is idempotent: a second run is a no-op; force re-imports with identical counts; a changed file re-imports', async () => {
    const db = await openDatabase(':memory:');
    try {
      const first = await ensureImported(db, tinyConfig());
      const at1 = await db.json(`SELECT imported_at FROM datasets LIMIT 1`);
      const second = await ensureImported(db, tinyConfig());
      expect(second.skipped).toBe(true);
      expect(second.fingerprint).toBe(first.fingerprint);
      expect(await db.json(`SELECT imported_at FROM datasets LIMIT 1`)).toEqual(at1);
      // User state lives in the same database in production (userDb = db): a re-import must not touch it.
      await db.run(`CREATE TABLE user_notes (id INTEGER, note VARCHAR); INSERT INTO user_notes VALUES (1, 'keep me')`);
      const forced = await ensureImported(db, tinyConfig(), { force: true });
      expect(await db.all(`SELECT * FROM user_notes`)).toEqual([{ id: 1, note: 'keep me' }]);
      expect(forced.skipped).toBe(false);
      expect(forced.tables).toEqual(first.tables);
      expect(first.tables).toEqual({ datasets: 13, block_groups: 5, branches: 4, branch_years: 4, transit_feeds: 10, transit_stops: 17, atms: 7 });
      // Another service date is another import (departures differ).
      const otherDate = await ensureImported(db, tinyConfig(TINY, { serviceDate: '2026-10-06' }));
      expect(otherDate.skipped).toBe(false);
      // Tuesday: Weekday only (no Extra) → station 102 has T1 and T2 only.
      const s102 = await db.all<{ d: number }>(`SELECT departures AS d FROM transit_stops WHERE stop_id = 'subway:102'`);
      expect(s102[0].d).toBe(2);
      const dir = tinyCopy('changed', (root) =>
        replaceInFile(path.join(root, 'census-cenpop2020/block_group2020.csv'), '01,001,020100,1,100,', '01,001,020100,1,101,'));
      const changed = await ensureImported(db, tinyConfig(dir, { serviceDate: '2026-10-06' }));
      expect(changed.skipped).toBe(false);
      const pop = await db.all<{ p: bigint }>(`SELECT sum(population) AS p FROM block_groups`);
      expect(Number(pop[0].p)).toBe(1001);
    } finally {
      db.close();
    }
  });
});
