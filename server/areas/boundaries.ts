import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/turf';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { NYC_BOROUGHS } from '../../core/api/coverage';
import { AppError } from '../errors';
import { readBoroughs } from '../geo/nycGrid';
import { nextTurn } from '../eventLoop';

/**
 * The boundary files behind study areas, read once per {@link AreaResolver}: every US county (us-atlas
 * `counties-10m.json`, Census cartographic boundaries 2017 at 1:10 M, land-clipped) with the five NYC counties
 * replaced by the finer NYC borough outlines (`nyc-geographies-ehdp/borough.topo.json`), and the NYC 2020
 * Neighborhood Tabulation Areas (`NTA2020.topo.json`). Point lookups (which county / NTA holds a point) use a
 * Flatbush index on the features' bounding boxes, then turf's point-in-polygon.
 */

export type AreaGeometry = Polygon | MultiPolygon;

/** One boundary polygon with its id, name and bounding box [west, south, east, north] (degrees). */
export interface BoundaryFeature {
  id: string;
  name: string;
  geometry: AreaGeometry;
  bbox: [number, number, number, number];
}

export interface NtaFeature extends BoundaryFeature {
  /** Borough name ("Brooklyn"). */
  borough: string;
  /** The borough's county FIPS ("36047"). */
  countyFips: string;
}

/** A set of features with a bbox index answering "which feature holds this point". */
export class FeatureLookup<F extends BoundaryFeature> {
  private index: Flatbush | null;
  private hits: number[] = [];
  constructor(readonly features: F[]) {
    if (features.length === 0) { this.index = null; return; }
    this.index = new Flatbush(features.length);
    for (const f of features) this.index.add(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]);
    this.index.finish();
  }

  /** The first feature whose polygon holds (lng, lat), or null (water, outside every feature). */
  at(lng: number, lat: number): F | null {
    if (!this.index) return null;
    this.hits = this.index.search(lng, lat, lng, lat);
    for (const k of this.hits) if (booleanPointInPolygon([lng, lat], this.features[k].geometry)) return this.features[k];
    return null;
  }
}

/** The loaded boundaries. */
export interface Boundaries {
  /** Counties by 5-digit FIPS (NYC counties = borough outlines). */
  counties: Map<string, BoundaryFeature>;
  countyLookup: FeatureLookup<BoundaryFeature>;
  /** NYC NTAs by NTACode. */
  ntas: Map<string, NtaFeature>;
  ntaLookup: FeatureLookup<NtaFeature>;
  /** The files read, for `boundarySource`. */
  sources: { counties: string; boroughs: string; ntas: string };
}

/** Borough GEOCODE (1–5) → county FIPS. */
const BOROUGH_FIPS: Record<string, string> = { 1: '36005', 2: '36047', 3: '36061', 4: '36081', 5: '36085' };
/** NTACode prefix → county FIPS. */
const NTA_PREFIX_FIPS: Record<string, string> = { BX: '36005', BK: '36047', MN: '36061', QN: '36081', SI: '36085' };

/** Bounding box of a Polygon/MultiPolygon, degrees. */
export function geometryBbox(g: AreaGeometry): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) for (const ring of poly) for (const p of ring) {
    if (p[0] < w) w = p[0];
    if (p[0] > e) e = p[0];
    if (p[1] < s) s = p[1];
    if (p[1] > n) n = p[1];
  }
  return [w, s, e, n];
}

async function readTopo(file: string): Promise<Topology> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new AppError(500, 'data_missing', `Boundary file missing: ${file} (check DATA_DIR)`, { file });
  }
  try {
    return JSON.parse(text) as Topology;
  } catch (err) {
    throw new AppError(500, 'data_invalid', `Boundary file is not valid JSON: ${file}: ${(err as Error).message}`, { file });
  }
}

/** TopoJSON geometries {@link topoPolygons} converts between two turns of the event loop. */
const TOPO_FEATURES_PER_TURN = 500;

/**
 * The polygon features of a TopoJSON GeometryCollection: topojson-client's `feature` of each geometry — what `feature`
 * of the whole collection gives — {@link TOPO_FEATURES_PER_TURN} at a time with a turn of the event loop between (the
 * 3,200 national counties at once held it ≈ 100 ms at start-up).
 */
export async function topoPolygons(topo: Topology, object: string, file: string): Promise<Feature<AreaGeometry, Record<string, unknown>>[]> {
  const obj = topo.objects?.[object] as GeometryCollection | undefined;
  if (!obj) throw new AppError(500, 'data_invalid', `TopoJSON ${file} has no object "${object}"`, { file });
  const out: Feature<AreaGeometry, Record<string, unknown>>[] = [];
  for (let k = 0; k < obj.geometries.length; k++) {
    if (k > 0 && k % TOPO_FEATURES_PER_TURN === 0) await nextTurn();
    const f = feature(topo, obj.geometries[k]) as Feature<AreaGeometry, Record<string, unknown>>;
    if (f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')) out.push(f);
  }
  return out;
}

/**
 * Read the county, borough and NTA boundaries under `dataDir`.
 * @param countyNames names by FIPS ("Cook, Illinois"; NYC counties by borough name).
 * @throws AppError 500 naming the file when one is missing or malformed.
 */
export async function loadBoundaries(dataDir: string, countyNames: Map<string, string>): Promise<Boundaries> {
  const countiesFile = path.join(dataDir, 'us-atlas', 'counties-10m.json');
  const ntaFile = path.join(dataDir, 'nyc-geographies-ehdp', 'NTA2020.topo.json');
  const counties = new Map<string, BoundaryFeature>();
  for (const f of await topoPolygons(await readTopo(countiesFile), 'counties', countiesFile)) {
    const fips = String(f.id ?? '');
    if (!/^\d{5}$/.test(fips) || fips in NYC_BOROUGHS) continue;
    counties.set(fips, { id: fips, name: countyNames.get(fips) ?? String(f.properties?.name ?? fips), geometry: f.geometry, bbox: geometryBbox(f.geometry) });
  }
  for (const f of (await readBoroughs(dataDir)).features) {
    const fips = BOROUGH_FIPS[String((f.properties as Record<string, unknown>)?.GEOCODE)];
    if (!fips || !f.geometry) continue;
    counties.set(fips, { id: fips, name: NYC_BOROUGHS[fips], geometry: f.geometry, bbox: geometryBbox(f.geometry) });
  }
  const ntas = new Map<string, NtaFeature>();
  for (const f of await topoPolygons(await readTopo(ntaFile), 'collection', ntaFile)) {
    const code = String(f.properties.NTACode ?? '');
    const countyFips = NTA_PREFIX_FIPS[code.slice(0, 2)];
    if (!countyFips) continue;
    ntas.set(code, { id: code, name: String(f.properties.GEONAME ?? code), borough: NYC_BOROUGHS[countyFips], countyFips,
      geometry: f.geometry, bbox: geometryBbox(f.geometry) });
  }
  return {
    counties, countyLookup: new FeatureLookup([...counties.values()]),
    ntas, ntaLookup: new FeatureLookup([...ntas.values()]),
    sources: {
      counties: 'us-atlas counties-10m (Census cartographic boundaries 2017, 1:10M)',
      boroughs: 'NYC borough outlines (nyc-geographies-ehdp borough.topo.json)',
      ntas: 'NYC 2020 NTAs (nyc-geographies-ehdp NTA2020.topo.json)',
    },
  };
}
