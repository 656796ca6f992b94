import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open as openShapefile } from 'shapefile';
import wkx from 'wkx';
import { openDatabase } from '../db/database';
import { refusalError } from '../errors';
import { refusal } from '../../core/datasets/refusals';
import { resolveCrs } from './crs';
import { toWgs84 } from '../../core/datasets/crs';
import { featureRecords, type SourceFeature } from '../../core/datasets/geometry';
import { tableRecords, type RecordOptions } from '../../core/datasets/records';
import type { ParseResult } from '../../core/datasets/types';

/**
 * A zipped ESRI Shapefile (`.shp` + `.dbf`, optional `.prj` and `.cpg`) read with the `shapefile` package into
 * features, then checked by {@link featureRecords}. The CRS: the user's `crs` when given, else the `.prj` (WKT, read
 * by proj4); without either, projected coordinates are refused like any other file.
 * @param entries the zip's entries; `shp` names the `.shp` entry.
 */
export async function parseShapefile(entries: Map<string, Uint8Array>, shp: string, zipName: string, opts: RecordOptions): Promise<ParseResult> {
  const stem = shp.replace(/\.shp$/i, '');
  const find = (ext: string) => [...entries.keys()].find((k) => k.toLowerCase() === `${stem}.${ext}`.toLowerCase());
  const dbf = find('dbf');
  if (!dbf) throw refusalError(400, 'bad_archive', refusal('shapefileNoDbf', { file: zipName, shp, dbf: `${path.basename(stem)}.dbf` }), { field: 'file' });
  const prj = find('prj');
  const cpg = find('cpg');
  let transform = opts.transform, crs = opts.crs;
  const details: Record<string, unknown> = { format: 'shapefile', shp };
  if (!transform && prj) {
    const wkt = new TextDecoder().decode(entries.get(prj)!).trim();
    try {
      transform = toWgs84(wkt);
      crs = `${path.basename(prj)}: ${wkt.slice(0, 80)}`;
      details.crs = crs;
    } catch (err) {
      throw refusalError(400, 'bad_request', refusal('shapefileProjection', { file: `${zipName}/${prj}`, detail: (err as Error).message }), { field: 'crs' });
    }
  }
  const encoding = cpg ? new TextDecoder().decode(entries.get(cpg)!).trim() || 'utf-8' : 'utf-8';
  const features: SourceFeature[] = [];
  try {
    const source = await openShapefile(entries.get(shp)!, entries.get(dbf)!, { encoding: /^(utf-?8)$/i.test(encoding) ? 'utf-8' : encoding });
    for (let row = 1; ; row++) {
      const r = await source.read();
      if (r.done) break;
      features.push({ row, geometry: r.value.geometry ?? null, props: (r.value.properties ?? {}) as Record<string, unknown> });
    }
  } catch (err) {
    throw refusalError(400, 'bad_request', refusal('shapefileUnreadable', { file: `${zipName}/${shp}`, detail: (err as Error).message }), { field: 'file' });
  }
  return featureRecords(features, { ...opts, file: `${zipName}/${shp}`, transform, crs, details, silentRewind: true });
}

/**
 * A Parquet file read with DuckDB's own reader (a private in-memory DuckDB; the bytes go through a temp file that is
 * removed afterwards). GeoParquet (a `geo` key in the file metadata): the primary geometry column's WKB is decoded
 * (wkx) into features for {@link featureRecords}; otherwise the table's columns are read like a CSV's
 * (coordinate columns recognised or mapped) with {@link tableRecords}.
 */
export async function parseParquet(bytes: Uint8Array, name: string, opts: RecordOptions): Promise<ParseResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-parquet-'));
  const file = path.join(dir, 'upload.parquet');
  const db = await openDatabase(':memory:');
  try {
    fs.writeFileSync(file, bytes);
    const lit = `'${file.replaceAll("'", "''")}'`;
    let meta: { key: string; value: string }[];
    let rows: Record<string, unknown>[];
    try {
      meta = (await db.all<{ key: Uint8Array | string; value: Uint8Array | string }>(`SELECT key, value FROM parquet_kv_metadata(${lit})`))
        .map((m) => ({ key: text(m.key), value: text(m.value) }));
      rows = await db.all(`SELECT * FROM read_parquet(${lit})`);
    } catch (err) {
      throw refusalError(400, 'bad_request', refusal('parquetUnreadable', { file: name, detail: String((err as Error).message).split('\n')[0] }), { field: 'file' });
    }
    const geo = meta.find((m) => m.key === 'geo');
    if (geo) {
      let g: { primary_column?: string; columns?: Record<string, { encoding?: string; crs?: unknown }> };
      try { g = JSON.parse(geo.value); } catch { throw refusalError(400, 'bad_request', refusal('geoParquetMetadata', { file: name }), { field: 'file' }); }
      const col = g.primary_column ?? 'geometry';
      const enc = g.columns?.[col]?.encoding ?? 'WKB';
      if (enc.toUpperCase() !== 'WKB') throw refusalError(400, 'bad_request', refusal('geoParquetEncoding', { file: name, encoding: enc }), { field: 'file' });
      let transform = opts.transform, crs = opts.crs;
      const declared = g.columns?.[col]?.crs as { id?: { authority?: string; code?: number | string } } | null | undefined;
      if (!transform && declared?.id?.authority === 'EPSG' && String(declared.id.code) !== '4326') {
        ({ transform, name: crs } = resolveCrs(`EPSG:${declared.id.code}`, 'crs'));
      }
      const features: SourceFeature[] = rows.map((r, k) => {
        const { [col]: wkb, ...props } = r;
        let geometry: unknown = null;
        if (wkb instanceof Uint8Array || Buffer.isBuffer(wkb)) {
          try { geometry = wkx.Geometry.parse(Buffer.from(wkb as Uint8Array)).toGeoJSON(); } catch { geometry = { type: 'unreadable WKB' }; }
        }
        return { row: k + 1, geometry, props: plain(props) };
      });
      return featureRecords(features, { ...opts, file: name, transform, crs, details: { format: 'geoparquet', geometryColumn: col, ...(crs ? { crs } : {}) } });
    }
    const headers = rows.length ? Object.keys(rows[0]) : (await db.all<{ name: string }>(`SELECT name FROM parquet_schema(${lit}) WHERE name <> 'duckdb_schema' AND name <> 'schema'`)).map((r) => r.name);
    const table = {
      headers, read: rows.length, problems: [], details: { format: 'parquet' },
      rows: rows.map((r, k) => ({ row: k + 1, values: headers.map((h) => { const v = r[h]; return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(plainValue(v)) : String(v); }) })),
    };
    return tableRecords(table, { ...opts, file: name, mapping: { decimal: '.', ...opts.mapping } });
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function text(v: Uint8Array | string): string {
  return typeof v === 'string' ? v : new TextDecoder().decode(v);
}

/** Row values as plain JSON-able values (BigInt → number, nested → JSON text). */
function plain(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) out[k] = plainValue(v);
  return out;
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  return v;
}
