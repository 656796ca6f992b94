import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import wkx from 'wkx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { DEFAULT_ARCHIVE_LIMITS } from './archive';
import { ImportRefusedError, decodeReport, importDataset, parseUpload, type ImportRequest } from './importer';
import { DatasetStore } from './store';

let db: Database;
let store: DatasetStore;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  store = new DatasetStore(db);
});
afterAll(() => db?.close());

const ctx = { serviceDate: '2026-10-07', limits: DEFAULT_ARCHIVE_LIMITS };
const parse = (req: ImportRequest) => parseUpload(req, ctx);
const LODES = path.join(REPO_ROOT, 'data', 'samples', 'lodes');

describe('zip safety (issue 10, item 5)', () => {
  it('refuses entries with .. or an absolute path, and a zip that decompresses past the limit', async () => {
    const evil = zipSync({ 'ok.csv': strToU8('id,lat,lng\n1,40.7,-73.9\n'), '../../etc/passwd.csv': strToU8('x') });
    await expect(parse({ file: { name: 'evil.zip', bytes: evil }, kind: 'outlets' })).rejects.toMatchObject({ status: 400,
      message: 'evil.zip: entry "../../etc/passwd.csv" has a path outside the archive (".." or absolute); the zip is refused' });
    const abs = zipSync({ '/tmp/x.csv': strToU8('id,lat,lng\n') });
    await expect(parse({ file: { name: 'abs.zip', bytes: abs }, kind: 'outlets' })).rejects.toMatchObject({ status: 400 });
    const bomb = zipSync({ 'zeros.csv': new Uint8Array(3_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(10_000);
    await expect(parseUpload({ file: { name: 'bomb.zip', bytes: bomb }, kind: 'outlets' }, { ...ctx, limits: { maxBytes: 1_000_000, maxEntries: 10 } }))
      .rejects.toMatchObject({ status: 413, message: 'bomb.zip: decompresses to more than 1,000,000 bytes (limit); the zip is refused' });
  });

  it('reads the one data file inside a zip', async () => {
    const z = zipSync({ 'folder/branches.csv': strToU8('id,lat,lng\n0012,40.7,-73.9\n') });
    const r = await parse({ file: { name: 'b.zip', bytes: z }, kind: 'outlets' });
    expect(r.records.map((x) => [x.id, x.lng, x.lat])).toEqual([['0012', -73.9, 40.7]]);
  });
});

describe('LODES jobs: the shipped sample in the LODES 8 WAC + crosswalk format', () => {
  it('places every WAC block at its crosswalk point with C000 jobs', async () => {
    const wac = fs.readFileSync(path.join(LODES, 'ny_wac_S000_JT00_2021.csv'));
    const xwalk = fs.readFileSync(path.join(LODES, 'ny_xwalk.csv'));
    const z = zipSync({ 'ny_wac_S000_JT00_2021.csv': wac, 'ny_xwalk.csv': xwalk });
    const r = await parse({ file: { name: 'lodes.zip', bytes: z }, kind: 'jobs' });
    expect(r.report).toMatchObject({ read: 6, imported: 6, skipped: 0, details: { format: 'lodes-wac', createdate: '20230321', jobs: 21950 } });
    expect(r.records[0]).toMatchObject({ id: '360610092001000', value: 5120, lng: -73.9840451, lat: 40.7549123 });
    const sep = await parse({ file: { name: 'ny_wac_S000_JT00_2021.csv', bytes: wac }, xwalk: { name: 'ny_xwalk.csv', bytes: xwalk }, kind: 'jobs' });
    expect(sep.records.map((x) => x.value)).toEqual(r.records.map((x) => x.value));
  });

  it('lists a block missing from the crosswalk and a bad C000, and refuses a file without w_geocode', async () => {
    const wac = 'w_geocode,C000,createdate\n360610092001000,12,20230321\n360610099999999,5,20230321\n360610094001001,x,20230321\n';
    const xwalk = fs.readFileSync(path.join(LODES, 'ny_xwalk.csv'));
    const r = await parse({ file: { name: 'ny_wac.csv', bytes: strToU8(wac) }, xwalk: { name: 'ny_xwalk.csv', bytes: xwalk }, kind: 'jobs' });
    expect(r.report.problems.map((p) => [p.file, p.row, p.field, p.value, p.message])).toEqual([
      ['ny_wac.csv', 2, 'w_geocode', '360610099999999', 'ny_wac.csv row 2, w_geocode: block 360610099999999 is not in ny_xwalk.csv (is it the crosswalk of the same state?)'],
      ['ny_wac.csv', 3, 'C000', 'x', 'ny_wac.csv row 3, C000: expected a whole number of jobs ≥ 0'],
    ]);
    const bad = await parse({ file: { name: 'ny_wac.csv', bytes: strToU8('geocode,jobs\n1,2\n') }, xwalk: { name: 'ny_xwalk.csv', bytes: xwalk }, kind: 'jobs' });
    expect(bad.refusal?.message).toBe('ny_wac.csv: not a LODES WAC file: columns w_geocode, C000 missing; header: geocode,jobs');
  });
});

describe('Parquet and GeoParquet (read by DuckDB)', () => {
  it('a Parquet table with lat/lon columns, and a GeoParquet with WKB points', async () => {
    const tmp = fs.mkdtempSync(path.join(REPO_ROOT, 'data', 'cache', 'pq-'));
    try {
      const plain = path.join(tmp, 'plain.parquet');
      await db.run(`COPY (SELECT * FROM (VALUES ('0012', 40.7128, -74.006), ('NA', 40.758, -73.9855)) t(id, lat, lon)) TO '${plain}' (FORMAT parquet)`);
      const r = await parse({ file: { name: 'plain.parquet', bytes: fs.readFileSync(plain) }, kind: 'outlets' });
      expect(r.records.map((x) => [x.id, x.lng, x.lat])).toEqual([['0012', -74.006, 40.7128], ['NA', -73.9855, 40.758]]);

      const geo = path.join(tmp, 'geo.parquet');
      const wkb = (x: number, y: number) => Buffer.from(new wkx.Point(x, y).toWkb()).toString('hex');
      const meta = JSON.stringify({ version: '1.0.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB', geometry_types: ['Point'] } } }).replaceAll("'", "''");
      await db.run(`COPY (SELECT * FROM (VALUES ('b1', 'Main', from_hex('${wkb(-73.99, 40.75)}')), ('b2', 'Pier', NULL)) t(branch_id, name, geometry))
        TO '${geo}' (FORMAT parquet, KV_METADATA {geo: '${meta}'})`);
      const g = await parse({ file: { name: 'geo.parquet', bytes: fs.readFileSync(geo) }, kind: 'outlets' });
      expect(g.report).toMatchObject({ read: 2, imported: 1, skipped: 1, details: { format: 'geoparquet', geometryColumn: 'geometry' } });
      expect(g.records.map((x) => [x.id, x.name, x.lng, x.lat])).toEqual([['b1', 'Main', -73.99, 40.75]]);
      expect(g.report.problems.map((p) => p.message)).toEqual(['geo.parquet feature 2, geometry: no geometry (null)']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('GTFS zip as a user transit feed', () => {
  it('the NYC Ferry feed (zipped at test time) gives the same departures per pier as the shipped import', async () => {
    const dir = path.join(loadConfig().dataDir, 'nyc-ferry-gtfs');
    const files: Record<string, Uint8Array> = {};
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) files[`gtfs/${f}`] = fs.readFileSync(path.join(dir, f));
    const { id, report: r } = await importDataset(store, { file: { name: 'nyc-ferry.zip', bytes: zipSync(files) }, kind: 'transit', name: 'Ferry' }, ctx);
    const report = decodeReport(r);
    expect(report.warnings).toEqual([]);
    const shipped = await openDatabase(path.join(REPO_ROOT, 'data', 'cache', 'test', 'outlet-planner.duckdb'), { readOnly: true });
    try {
      const want = await shipped.all<{ gtfs_stop_id: string; departures: number }>(`SELECT gtfs_stop_id, departures FROM transit_stops WHERE feed = 'ferry' ORDER BY gtfs_stop_id`);
      const got = (await store.records(id)).map((r) => ({ gtfs_stop_id: r.id, departures: r.value })).sort((a, b) => (a.gtfs_stop_id < b.gtfs_stop_id ? -1 : 1));
      expect(got).toEqual(want);
      expect(report.imported).toBe(want.length);
      expect(got.every((r) => r.departures !== null)).toBe(true);
    } finally {
      shipped.close();
    }
  });
});

/** A minimal point Shapefile (.shp + .dbf; ESRI Shapefile Technical Description, 1998) for the tests. */
function pointShapefile(points: { x: number; y: number; id: string; name: string }[]): { shp: Uint8Array; dbf: Uint8Array } {
  const shp = Buffer.alloc(100 + points.length * 28);
  shp.writeInt32BE(9994, 0);
  shp.writeInt32BE(shp.length / 2, 24);
  shp.writeInt32LE(1000, 28);
  shp.writeInt32LE(1, 32);
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, k) => shp.writeDoubleLE(v, 36 + 8 * k));
  points.forEach((p, k) => {
    const o = 100 + k * 28;
    shp.writeInt32BE(k + 1, o);
    shp.writeInt32BE(10, o + 4);
    shp.writeInt32LE(1, o + 8);
    shp.writeDoubleLE(p.x, o + 12);
    shp.writeDoubleLE(p.y, o + 20);
  });
  const fields = [{ name: 'BRANCH_ID', len: 8 }, { name: 'NAME', len: 20 }];
  const recLen = 1 + fields.reduce((a, f) => a + f.len, 0);
  const headLen = 32 + 32 * fields.length + 1;
  const dbf = Buffer.alloc(headLen + recLen * points.length + 1, 0x20);
  dbf.fill(0, 0, headLen);
  dbf.writeUInt8(3, 0);
  dbf.writeUInt8(126, 1); dbf.writeUInt8(1, 2); dbf.writeUInt8(1, 3);
  dbf.writeUInt32LE(points.length, 4);
  dbf.writeUInt16LE(headLen, 8);
  dbf.writeUInt16LE(recLen, 10);
  fields.forEach((f, k) => {
    const o = 32 + 32 * k;
    dbf.write(f.name, o, 'latin1');
    dbf.write('C', o + 11, 'latin1');
    dbf.writeUInt8(f.len, o + 16);
  });
  dbf.writeUInt8(0x0d, headLen - 1);
  points.forEach((p, k) => {
    let o = headLen + k * recLen;
    dbf.write(' ', o++, 'latin1');
    dbf.write(p.id.padEnd(8), o, 'latin1'); o += 8;
    dbf.write(p.name.padEnd(20), o, 'latin1');
  });
  dbf.writeUInt8(0x1a, dbf.length - 1);
  return { shp, dbf };
}

describe('zipped Shapefile', () => {
  it('reads points in NY State Plane (US feet) and reprojects them with the .prj', async () => {
    const { shp, dbf } = pointShapefile([{ x: 988223, y: 211951, id: '0012', name: 'Empire State' }, { x: 0, y: 0, id: '0013', name: 'Null island' }]);
    const prj = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'epsg-index', 's', '2263.json'), 'utf8')).wkt as string;
    const z = zipSync({ 'branches.shp': shp, 'branches.dbf': dbf, 'branches.prj': strToU8(prj) });
    const r = await parse({ file: { name: 'branches.zip', bytes: z }, kind: 'outlets' });
    expect(r.report).toMatchObject({ read: 2, imported: 1, skipped: 1, details: { format: 'shapefile', columns: { id: 'BRANCH_ID', name: 'NAME' } } });
    expect(r.records[0].id).toBe('0012');
    expect(r.records[0].lng).toBeCloseTo(-73.9857, 3);
    expect(r.records[0].lat).toBeCloseTo(40.7484, 3);
    expect(r.report.problems.map((p) => p.message)).toEqual([
      'branches.zip/branches.shp feature 2, geometry.coordinates[0],geometry.coordinates[1]: (0, 0) is not a location (missing coordinates written as zeros)']);
    const one = pointShapefile([{ x: 988223, y: 211951, id: '0012', name: 'Empire State' }]);
    const noPrj = await parse({ file: { name: 'b.zip', bytes: zipSync({ 'b.shp': one.shp, 'b.dbf': one.dbf }) }, kind: 'outlets' });
    expect(noPrj.refusal?.field).toBe('crs');
    const given = await parse({ file: { name: 'b.zip', bytes: zipSync({ 'b.shp': one.shp, 'b.dbf': one.dbf }) }, kind: 'outlets', crs: 'EPSG:2263' });
    expect(given.records[0].lat).toBeCloseTo(40.7484, 3);
  });
});

describe('a refused file says why in its error code', () => {
  it('a GTFS zip without stops.txt is an invalid file (not a column mapping to give); nothing is stored', async () => {
    const before = (await store.list()).length;
    const zip = zipSync({ 'routes.txt': strToU8('route_id,route_type\nR1,4\n'), 'trips.txt': strToU8('route_id,service_id,trip_id\nR1,A,T1\n') });
    const err = await importDataset(store, { file: { name: 'nostops.zip', bytes: zip }, kind: 'transit' }, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefusedError);
    const p = (err as ImportRefusedError).toProblem().error;
    expect([(err as ImportRefusedError).status, p.code, p.field]).toEqual([400, 'invalid_file', 'file']);
    expect(p.message).toBe('nostops.zip/: not a GTFS feed: missing stops.txt, stop_times.txt, calendar.txt or calendar_dates.txt (found routes.txt, trips.txt)');
    const csv = await importDataset(store, { file: { name: 'x.csv', bytes: strToU8('a,b\n1,2\n') }, kind: 'outlets' }, ctx).catch((e: unknown) => e);
    expect([(csv as ImportRefusedError).toProblem().error.code, (csv as ImportRefusedError).toProblem().error.field]).toEqual(['mapping_required', 'mapping.lng']);
    expect((await store.list()).length).toBe(before);
  });
});
