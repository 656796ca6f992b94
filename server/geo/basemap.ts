import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import { AppError } from '../errors';
import type { BasemapLabel, BasemapResponse } from '../../core/api/basemap';

/** State FIPS codes whose counties are drawn around NYC: NY, NJ, CT, PA, MA, RI, DE, MD, VT, NH (every state is drawn as land). */
export const SURROUNDING_STATE_FIPS = ['36', '34', '09', '42', '25', '44', '10', '24', '50', '33'];

type Geo = Polygon | MultiPolygon;

function readJson(file: string): unknown {
  if (!fs.existsSync(file)) throw new AppError(500, 'data_missing', `Basemap file missing: ${file} (check DATA_DIR)`, { file });
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError(500, 'data_invalid', `Basemap file is not valid JSON: ${file}: ${(err as Error).message}`, { file });
  }
}

function topoFeatures(file: string, object: string): Feature<Geo, Record<string, unknown>>[] {
  const topo = readJson(file) as Topology;
  const obj = topo.objects?.[object] as GeometryCollection | undefined;
  if (!obj) throw new AppError(500, 'data_invalid', `TopoJSON ${file} has no object "${object}"`, { file, field: `objects.${object}` });
  const fc = feature(topo, obj) as FeatureCollection<Geo, Record<string, unknown>>;
  return fc.features.filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'));
}

/** Round coordinates to 5 decimals (≈ 1 m) — the sources are quantised far coarser — to halve the payload. */
function roundGeometry<G extends Geo>(g: G): G {
  const r = (x: number) => Math.round(x * 1e5) / 1e5;
  const ring = (pts: number[][]) => pts.map((p) => [r(p[0]), r(p[1])]);
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) } as G;
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) } as G;
}

function collection<P>(features: Feature<Geo, P>[]): FeatureCollection<Geo, P> {
  return { type: 'FeatureCollection', features };
}

/**
 * Read and convert the boundary files under `dataDir` (TopoJSON → GeoJSON with topojson-client).
 * @throws AppError 500 naming the file when one is missing or malformed.
 */
export function loadBasemap(dataDir: string): BasemapResponse {
  const ehdp = path.join(dataDir, 'nyc-geographies-ehdp');
  const boroughs = topoFeatures(path.join(ehdp, 'borough.topo.json'), 'collection').map((f) => ({
    type: 'Feature' as const,
    properties: { code: Number(f.properties.GEOCODE), name: String(f.properties.name) },
    geometry: roundGeometry(f.geometry),
  }));
  const lookupFile = path.join(ehdp, 'GeoLookup.csv');
  if (!fs.existsSync(lookupFile)) throw new AppError(500, 'data_missing', `Basemap file missing: ${lookupFile}`, { file: lookupFile });
  const lookup = Papa.parse<Record<string, string>>(fs.readFileSync(lookupFile, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const residentialNta = new Set(lookup.filter((r) => r.GeoType === 'NTA2020').map((r) => r.GeoID));
  const ntaFeatures = topoFeatures(ntaFile(dataDir), 'collection');
  const ntaCodeByGeocode = new Map(ntaFeatures.map((f) => [String(f.properties.GEOCODE), String(f.properties.NTACode)]));
  const neighborhoods = ntaFeatures.map((f) => ({
    type: 'Feature' as const,
    properties: {
      code: String(f.properties.NTACode),
      name: String(f.properties.GEONAME),
      residential: residentialNta.has(String(f.properties.GEOCODE)),
    },
    geometry: roundGeometry(f.geometry),
  }));
  const water = topoFeatures(path.join(ehdp, 'ny_harbor.topo.json'), 'collection').map((f) => ({
    type: 'Feature' as const,
    properties: { name: String(f.properties.name) },
    geometry: roundGeometry(f.geometry),
  }));

  const atlas = path.join(dataDir, 'us-atlas', 'counties-10m.json');
  const keep = new Set(SURROUNDING_STATE_FIPS);
  // every state as land: a study area anywhere in the US (Cook County, IL) lies on land, not on the water background
  const states = topoFeatures(atlas, 'states')
    .map((f) => ({ type: 'Feature' as const, properties: { fips: String(f.id), name: String(f.properties.name) }, geometry: roundGeometry(f.geometry) }));
  const counties = topoFeatures(atlas, 'counties')
    .filter((f) => keep.has(String(f.id).slice(0, 2)))
    .map((f) => ({ type: 'Feature' as const, properties: { fips: String(f.id), name: String(f.properties.name) }, geometry: roundGeometry(f.geometry) }));

  const labels: BasemapLabel[] = [];
  for (const r of lookup) {
    const lng = Number(r.Long);
    const lat = Number(r.Lat);
    if (!r.Lat || !r.Long || !Number.isFinite(lng) || !Number.isFinite(lat)) continue;
    if (r.GeoType === 'Borough') labels.push({ kind: 'borough', code: r.GeoID, name: r.Name, lng, lat });
    else if (r.GeoType === 'NTA2020') labels.push({ kind: 'neighborhood', code: ntaCodeByGeocode.get(r.GeoID) ?? r.GeoID, name: r.Name, lng, lat });
  }

  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of boroughs) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const [x, y] of poly[0]) { w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y); }
  }

  return {
    boroughs: collection(boroughs),
    neighborhoods: collection(neighborhoods),
    water: collection(water),
    states: collection(states),
    counties: collection(counties),
    labels,
    bounds: [w, s, e, n],
    attribution: ['© NYC DOHMH EHDP / NYC DCP', 'US Census (us-atlas)'],
  };
}

interface NtaShape { code: string; name: string; bbox: [number, number, number, number]; geometry: Polygon | MultiPolygon }

/** The NYC 2020 NTA boundaries under `dataDir` (NYC DOHMH EHDP TopoJSON, object `collection`). */
function ntaFile(dataDir: string): string {
  return path.join(dataDir, 'nyc-geographies-ehdp', 'NTA2020.topo.json');
}

/**
 * Each NTA's code, name, bounding box and outline (rounded as {@link loadBasemap} rounds it), read from the NTA file
 * alone: a point lookup does not convert the whole basemap (the national us-atlas layers held the event loop ≈ 200 ms
 * when the forecast's calibration first named a point at start-up).
 * @throws AppError 500 naming the file when it is missing or malformed.
 */
export function loadNtaShapes(dataDir: string): NtaShape[] {
  return topoFeatures(ntaFile(dataDir), 'collection').map((f) => {
    const geometry = roundGeometry(f.geometry);
    let w = Infinity, so = Infinity, e = -Infinity, n = -Infinity;
    const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const poly of polys) for (const [x, y] of poly[0]) { w = Math.min(w, x); e = Math.max(e, x); so = Math.min(so, y); n = Math.max(n, y); }
    return { code: String(f.properties.NTACode), name: String(f.properties.GEONAME), bbox: [w, so, e, n] as [number, number, number, number], geometry };
  });
}

/**
 * The offline boundary layers of one data folder, converted once (by {@link loadBasemap}) and kept in memory: served
 * by `GET /api/basemap` and used to name points by their neighbourhood. One per app (server/services.ts).
 */
export class BasemapService {
  private data: BasemapResponse | null = null;
  private shapes: NtaShape[] | null = null;

  constructor(readonly dataDir: string) {}

  /**
   * The basemap (converted on first call; a failed conversion is retried on the next call).
   * @throws AppError 500 naming the file when one is missing or malformed.
   */
  get(): BasemapResponse {
    return (this.data ??= loadBasemap(this.dataDir));
  }

  /**
   * The NYC 2020 Neighborhood Tabulation Area (NTA2020, `nyc-geographies-ehdp/NTA2020.topo.json`: its NTACode and
   * GEONAME) whose polygon holds the point (lng, lat in degrees, WGS84), or null outside every NTA (water, outside
   * NYC). Bounding-box prefilter, then turf's point-in-polygon (the outlines as the basemap's `neighborhoods` carry them).
   * @throws AppError 500 naming the file when the NTA file is missing or malformed.
   */
  ntaAt(lng: number, lat: number): { code: string; name: string } | null {
    this.shapes ??= loadNtaShapes(this.dataDir);
    for (const s of this.shapes) {
      if (lng < s.bbox[0] || lng > s.bbox[2] || lat < s.bbox[1] || lat > s.bbox[3]) continue;
      if (booleanPointInPolygon([lng, lat], s.geometry)) return { code: s.code, name: s.name };
    }
    return null;
  }

  /** The GEONAME of the NTA holding the point ({@link ntaAt}), or null. */
  ntaNameAt(lng: number, lat: number): string | null {
    return this.ntaAt(lng, lat)?.name ?? null;
  }
}
