import { area as turfArea, booleanPointInPolygon, kinks } from '@turf/turf';
import { getHexagonAreaAvg } from 'h3-js';
import type { Feature, Polygon } from 'geojson';
import { areaKind, MAX_GRID_CELLS, type AreaInfo, type AreaSpec, type ResolveAreaResponse } from '../../core/api/areas';
import { NYC_BOROUGHS } from '../../core/api/coverage';
import { polygonsToH3Cells, type H3CandidateCell } from '../../core/geo/h3Grid';
import { inBox } from '../../core/geo/pointIndex';
import { AppError, badRequest } from '../errors';
import type { GeoData } from '../geo/geoData';
import { loadCountyNames } from '../geo/countyNames';
import { Lru, memoOnce } from '../memo';
import { geometryBbox, loadBoundaries, type AreaGeometry, type Boundaries, type BoundaryFeature } from './boundaries';
import { nextTurn } from '../eventLoop';

/**
 * One service turning a study-area spec (core/api/areas.ts) into what the engines need: its boundary and name,
 * the H3 grid over its land (capped at {@link MAX_GRID_CELLS}), the census block groups it holds (coverage, MCLP),
 * and, for any point, the county / borough / neighbourhood it lies in (export columns). `{ dataset }` areas are
 * answered by a pluggable {@link DatasetBoundaryLookup} (the dataset store registers it); without one they are a 404.
 */

/** A boundary the user uploaded, as the dataset store hands it over. */
export interface DatasetBoundary {
  name: string;
  /** Changes when the dataset is re-imported (part of the grid cache key). */
  version?: string | number;
  features: Feature<AreaGeometry>[];
}
/** Find an uploaded boundary by dataset id; null when there is none (→ 404). */
export type DatasetBoundaryLookup = (id: string) => Promise<DatasetBoundary | null>;

/** A resolved study area. */
export interface ResolvedArea extends AreaInfo {
  spec: AreaSpec;
  /** Stable cache key of the spec (and the dataset version). */
  key: string;
  /** The boundary polygons (lng/lat degrees). */
  features: { name: string; geometry: AreaGeometry }[];
  /** County FIPS when the area is a set of counties ("nyc" too): its demand is the block groups of those counties. */
  countyFips: ReadonlySet<string> | null;
  /** Whether to keep only grid cells whose centre lies in some county (land): drawn/uploaded polygons and boxes. */
  landMask: boolean;
}

/** Where a point lies: county FIPS and name, NYC borough and 2020 NTA (null where none holds it). */
export interface Place {
  countyFips: string | null;
  county: string | null;
  borough: string | null;
  neighbourhood: string | null;
}

/** Fewer than this many polygon-estimated cells are generated and counted exactly; above, refused at once. */
const ESTIMATE_SLACK = 4;

/** Census county names of the five NYC counties (the borough names live in NYC_BOROUGHS). */
const NYC_COUNTY_NAMES: Readonly<Record<string, string>> = { 36005: 'Bronx, New York', 36047: 'Kings, New York', 36061: 'New York, New York',
  36081: 'Queens, New York', 36085: 'Richmond, New York' };

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

/** "A", "A + B", "A + B + C", "A + B and 3 more <noun>". */
function listName(names: string[], noun: string): string {
  if (names.length <= 3) return names.join(' + ');
  return `${names.slice(0, 2).join(' + ')} and ${names.length - 2} more ${noun}`;
}

export class AreaResolver {
  private readonly boundariesOnce: () => Promise<Boundaries>;
  private grids = new Lru<Promise<H3CandidateCell[]>>(16);
  private gridPlaces = new WeakMap<H3CandidateCell[], Promise<Place[]>>();

  /**
   * @param dataDir DATA_DIR (us-atlas, nyc-geographies-ehdp, census-cenpop2020 for county names).
   * @param datasetBoundaries lookup for `{ dataset: id }` areas (see {@link setDatasetBoundaries}).
   * @param countyNames the app's county names (server/services.ts); without it the resolver reads its own.
   */
  /**
   * @param cellsOf fills an area's polygons with H3 cells (core/geo/h3Grid.ts polygonsToH3Cells), by default on the
   *   calling thread; the app passes its compute pool's (a county at resolution 8 held the event loop ≈ 150 ms).
   * @param kinkOf a drawn polygon's first self-intersection ({@link polygonKink}), by default on the calling thread; the
   *   app passes its compute pool's (turf's all-pairs test of a 20,000-position polygon held the event loop ≈ 2 s).
   */
  constructor(readonly dataDir: string, private datasetBoundaries: DatasetBoundaryLookup | null = null,
    countyNames: () => Promise<Map<string, string>> = () => loadCountyNames(dataDir),
    private readonly cellsOf: (polygons: AreaGeometry[], resolution: number) => Promise<H3CandidateCell[]> = async (polygons, resolution) => polygonCells(polygons, resolution),
    private readonly kinkOf: (polygon: Polygon) => Promise<[number, number] | null> = async (polygon) => polygonKink(polygon)) {
    this.boundariesOnce = memoOnce(() => countyNames().then((names) => loadBoundaries(dataDir, names)));
  }

  /** Register (or replace) the lookup that answers `{ dataset: id }` areas. */
  setDatasetBoundaries(lookup: DatasetBoundaryLookup | null): void {
    this.datasetBoundaries = lookup;
  }

  /** The county/borough/NTA boundaries (read once). */
  boundaries(): Promise<Boundaries> {
    return this.boundariesOnce();
  }

  /**
   * Resolve a spec to its boundary, name and bbox. Errors name the field (`<field>.counties.2` …):
   * 400 for an unknown county FIPS or NTA code, a self-intersecting polygon; 404 for an unknown dataset.
   */
  async resolve(spec: AreaSpec, field = 'area'): Promise<ResolvedArea> {
    const b = await this.boundaries();
    const kind = areaKind(spec);
    const out = (name: string, features: ResolvedArea['features'], boundarySource: string, countyFips: ReadonlySet<string> | null,
      landMask: boolean, key = JSON.stringify(spec)): ResolvedArea => {
      let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
      for (const f of features) {
        const bb = geometryBbox(f.geometry);
        w = Math.min(w, bb[0]); s = Math.min(s, bb[1]); e = Math.max(e, bb[2]); n = Math.max(n, bb[3]);
      }
      return { kind, name, bbox: [w, s, e, n], boundarySource, spec, key, features, countyFips, landMask };
    };
    if (spec === 'nyc') {
      const fips = Object.keys(NYC_BOROUGHS);
      return out('New York City', fips.map((f) => b.counties.get(f)!).map(feat), b.sources.boroughs, new Set(fips), false);
    }
    if ('counties' in spec) {
      const list = [...new Set(spec.counties)];
      const features = list.map((fips) => {
        const c = b.counties.get(fips);
        if (!c) throw badRequest(`${field}.counties: no US county with FIPS "${fips}" in ${b.sources.counties}`, `${field}.counties.${spec.counties.indexOf(fips)}`);
        return c;
      });
      const nycOnly = list.every((f) => f in NYC_BOROUGHS), anyNyc = list.some((f) => f in NYC_BOROUGHS);
      const source = nycOnly ? b.sources.boroughs : anyNyc ? `${b.sources.counties}; ${b.sources.boroughs}` : b.sources.counties;
      return out(listName(features.map((f) => f.name), 'counties'), features.map(feat), source, new Set(list), false,
        JSON.stringify({ counties: [...list].sort() }));
    }
    if ('ntas' in spec) {
      const list = [...new Set(spec.ntas)];
      const features = list.map((code) => {
        const nta = b.ntas.get(code);
        if (!nta) throw badRequest(`${field}.ntas: no NYC 2020 NTA with code "${code}"`, `${field}.ntas.${spec.ntas.indexOf(code)}`);
        return nta;
      });
      return out(listName(features.map((f) => f.name), 'neighbourhoods'), features.map(feat), b.sources.ntas, null, false,
        JSON.stringify({ ntas: [...list].sort() }));
    }
    if ('bbox' in spec) {
      const [w, s, e, n] = spec.bbox;
      const r = (x: number) => +x.toFixed(4);
      return out(`Box ${r(w)}, ${r(s)} – ${r(e)}, ${r(n)}`, [{ name: 'bbox', geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } }],
        `bbox; land = ${b.sources.counties}`, null, true);
    }
    if ('polygon' in spec) {
      const geometry = { type: 'Polygon' as const, coordinates: spec.polygon.coordinates.map((ring) => ring.map((p) => [p[0], p[1]])) };
      const kink = await this.kinkOf(geometry);
      if (kink) {
        const [x, y] = kink;
        throw badRequest(`${field}.polygon: the polygon intersects itself (e.g. at ${x.toFixed(5)}, ${y.toFixed(5)})`, `${field}.polygon`);
      }
      const km2 = turfArea(geometry) / 1e6;
      return out(`Drawn area (${km2 < 10 ? km2.toFixed(2) : fmtInt(km2)} km²)`, [{ name: 'polygon', geometry }], `drawn polygon; land = ${b.sources.counties}`, null, true);
    }
    const id = spec.dataset;
    const d = this.datasetBoundaries ? await this.datasetBoundaries(id) : null;
    if (!d) throw new AppError(404, 'not_found', `${field}.dataset: no boundary dataset "${id}" (import one with POST /api/datasets)`, { field: `${field}.dataset` });
    const features = d.features.filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
      .map((f, k) => ({ name: String((f.properties as Record<string, unknown> | null)?.name ?? `${d.name} ${k + 1}`), geometry: f.geometry }));
    if (!features.length) throw badRequest(`${field}.dataset: dataset "${id}" holds no polygon`, `${field}.dataset`);
    return out(d.name, features, `uploaded dataset "${id}"; land = ${b.sources.counties}`, null, true, JSON.stringify({ dataset: id, version: d.version ?? null }));
  }

  /**
   * The H3 cells (resolution 8–10) whose centre lies inside the area — and, for drawn/uploaded polygons and boxes,
   * on land (inside some county) — sorted by id, each with its centre. Memoised per (area, resolution).
   * @throws AppError 400 (field `field`) naming the cap when the grid would exceed {@link MAX_GRID_CELLS} cells.
   */
  async grid(area: ResolvedArea, resolution: number, field = 'grid', maxCells = MAX_GRID_CELLS): Promise<H3CandidateCell[]> {
    const tooMany = (n: number, estimated: boolean) => new AppError(400, 'too_many_cells',
      `${field}: ${area.name} at H3 resolution ${resolution} has ${estimated ? '≈ ' : ''}${fmtInt(n)} cells, over the cap of ${fmtInt(maxCells)} cells per grid: ` +
      'choose a coarser resolution or a smaller area', { field, issues: [{ path: field, message: `over the cap of ${maxCells} cells` }] });
    let areaM2 = 0;
    for (const f of area.features) areaM2 += turfArea(f.geometry);
    const estimate = areaM2 / (getHexagonAreaAvg(resolution, 'km2') * 1e6);
    if (estimate > maxCells * ESTIMATE_SLACK) throw tooMany(estimate, true);
    const key = `${area.key}|${resolution}`;
    let p = this.grids.get(key);
    if (!p) {
      p = (async () => {
        const cells = await this.cellsOf(area.features.map((f) => f.geometry), resolution);
        if (!area.landMask) return cells;
        // cells on land only: a county lookup per cell, a turn of the event loop every GRID_LAND_PER_TURN cells
        const b = await this.boundaries();
        const land: H3CandidateCell[] = [];
        for (let k = 0; k < cells.length; k++) {
          if (k > 0 && k % GRID_LAND_PER_TURN === 0) await nextTurn();
          if (b.countyLookup.at(cells[k].lng, cells[k].lat) !== null) land.push(cells[k]);
        }
        return land;
      })();
      this.grids.set(key, p);
      p.catch(() => this.grids.delete(key));
    }
    const cells = await p;
    if (cells.length > maxCells) throw tooMany(cells.length, false);
    if (cells.length === 0) throw badRequest(`${field}: ${area.name} holds no H3 resolution-${resolution} cell centre on land`, field);
    return cells;
  }

  /**
   * Positions (into GeoData.blockGroups) of the area's demand points: the block groups of its counties (by FIPS)
   * for county areas, else those whose population-weighted centroid lies inside the boundary.
   * @throws AppError 400 on an area with no block group.
   */
  demandPositions(geo: GeoData, area: ResolvedArea, field = 'area'): Int32Array {
    return areaDemandPositions(geo, area, field);
  }

  /**
   * Whether the area holds a point (degrees): by county FIPS for county areas (pass the point's FIPS when known,
   * e.g. a branch's), by the box for a bbox, else by the boundary polygons.
   */
  holds(area: ResolvedArea, lng: number, lat: number, countyFips?: string | null): boolean {
    return areaHolds(area, lng, lat, countyFips);
  }

  /** Whether this data folder has the boundary files (false when one is missing: places are then unknown). */
  async boundariesAvailable(): Promise<boolean> {
    try {
      await this.boundaries();
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === 'data_missing') return false;
      throw err;
    }
  }

  /** The county, NYC borough and NTA holding a point (degrees); see {@link placesOf}. */
  async placeOf(lng: number, lat: number): Promise<Place> {
    return (await this.placesOf([{ lng, lat }]))[0];
  }

  /** The places of a grid's cells (as returned by {@link grid}; computed once per grid). */
  gridPlacesOf(cells: H3CandidateCell[]): Promise<Place[]> {
    let p = this.gridPlaces.get(cells);
    if (!p) { p = this.placesOf(cells); this.gridPlaces.set(cells, p); }
    return p;
  }

  /**
   * The county, NYC borough and NTA holding each point (degrees). In a data folder without the boundary files (e.g.
   * the tiny test data) every place is unknown (all null) — sites are still scored; a study area there is refused by
   * {@link resolve} with the missing file named.
   */
  async placesOf(points: { lng: number; lat: number }[]): Promise<Place[]> {
    if (!await this.boundariesAvailable()) return points.map(() => ({ countyFips: null, county: null, borough: null, neighbourhood: null }));
    const b = await this.boundaries();
    // PLACES_PER_TURN points between two turns of the event loop (10,000 scored sites took 130–190 ms at once)
    const out: Place[] = new Array(points.length);
    for (let k = 0; k < points.length; k++) {
      if (k > 0 && k % PLACES_PER_TURN === 0) await nextTurn();
      out[k] = placeIn(b, points[k].lng, points[k].lat);
    }
    return out;
  }

  /** What `POST /api/areas/resolve` answers: info, outline and (with a resolution) the cell count or the cap error. */
  async describe(spec: AreaSpec, resolution?: number): Promise<ResolveAreaResponse> {
    const a = await this.resolve(spec);
    const grid = resolution ? { resolution, cells: (await this.grid(a, resolution, 'resolution')).length, maxCells: MAX_GRID_CELLS } : null;
    return {
      area: spec, kind: a.kind, name: a.name, bbox: a.bbox, boundarySource: a.boundarySource,
      outline: { type: 'FeatureCollection', features: a.features.map((f) => ({ type: 'Feature', properties: { name: f.name }, geometry: f.geometry })) },
      grid,
    };
  }
}

function feat(f: BoundaryFeature): { name: string; geometry: AreaGeometry } {
  return { name: f.name, geometry: f.geometry };
}

/**
 * Points {@link AreaResolver.placesOf} looks up between two turns of the event loop (≈ 3–10 ms of point-in-polygon
 * tests; 1,000 held it 60 ms and more in the start-up warm-up for the NYC grid).
 */
const PLACES_PER_TURN = 250;

function placeIn(b: Boundaries, lng: number, lat: number): Place {
  const c = b.countyLookup.at(lng, lat);
  const nyc = c ? c.id in NYC_BOROUGHS : false;
  const nta = nyc || (lng > -74.3 && lng < -73.6 && lat > 40.45 && lat < 40.95) ? b.ntaLookup.at(lng, lat) : null;
  return {
    countyFips: c?.id ?? nta?.countyFips ?? null,
    county: c ? (NYC_COUNTY_NAMES[c.id] ?? c.name) : nta ? NYC_COUNTY_NAMES[nta.countyFips] : null,
    borough: nyc ? NYC_BOROUGHS[c!.id] : nta?.borough ?? null,
    neighbourhood: nta?.name ?? null,
  };
}

/** Grid cells tested for land between two turns of the event loop in {@link AreaResolver.grid}. */
const GRID_LAND_PER_TURN = 1_000;

/**
 * A polygon's first self-intersection (lng, lat degrees; turf `kinks`: edges of a ring crossing each other or another
 * ring), or null when it has none. All pairs of edges: ≈ 2 s for 20,000 positions, so the app runs it in a compute worker.
 */
export function polygonKink(polygon: Polygon): [number, number] | null {
  const k = kinks(polygon);
  if (!k.features.length) return null;
  const [x, y] = k.features[0].geometry.coordinates;
  return [x, y];
}

/** H3 cells of resolution `resolution` whose centres lie in any of `polygons` (Polygon / MultiPolygon, degrees): see polygonsToH3Cells. */
export function polygonCells(polygons: AreaGeometry[], resolution: number): H3CandidateCell[] {
  return polygonsToH3Cells(polygons.map((geometry) => ({ type: 'Feature' as const, properties: {}, geometry })), resolution);
}

/** The part of a resolved area {@link areaDemandPositions} reads: plain data, posted to compute workers as it is. */
export type AreaForDemand = Pick<ResolvedArea, 'kind' | 'name' | 'bbox' | 'features' | 'countyFips'>;

/**
 * Whether the area holds a point (degrees): by county FIPS for county areas (pass the point's FIPS when known,
 * e.g. a branch's), by the box for a bbox, else by the boundary polygons. Pure: a compute worker runs it on an
 * {@link areaForDemand} (whose county areas keep their FIPS set, not their polygons).
 */
export function areaHolds(area: AreaForDemand, lng: number, lat: number, countyFips?: string | null): boolean {
  if (area.countyFips && countyFips != null) return area.countyFips.has(countyFips);
  const [w, s, e, n] = area.bbox;
  if (lng < w || lng > e || lat < s || lat > n) return false;
  if (area.kind === 'bbox') return true;
  return area.features.some((f) => booleanPointInPolygon([lng, lat], f.geometry));
}

/** The area without the boundary polygons that its demand does not need (county sets and boxes). */
export function areaForDemand(area: ResolvedArea): AreaForDemand {
  const slim = area.countyFips || area.kind === 'bbox';
  return { kind: area.kind, name: area.name, bbox: area.bbox, countyFips: area.countyFips, features: slim ? [] : area.features };
}

/**
 * Block-group positions (ascending) of an area's demand: the block groups of its counties, in its box, or inside its
 * polygons. Pure computation over the geo data (a compute worker runs it on its own copy).
 * @throws 400 naming `field` when the area holds no block group.
 */
export function areaDemandPositions(geo: GeoData, area: AreaForDemand, field = 'area'): Int32Array {
  const bg = geo.blockGroups;
  const out: number[] = [];
  if (area.countyFips) {
    for (let i = 0; i < bg.size; i++) if (area.countyFips.has(bg.countyFips[i])) out.push(i);
  } else if (area.kind === 'bbox') {
    const [w, s, e, n] = area.bbox;
    for (const i of inBox(bg.index, w, s, e, n)) out.push(i); // not push(...): a nationwide box holds ~240k block groups (past the argument limit); ascending already
  } else {
    for (const f of area.features) {
      const [w, s, e, n] = geometryBbox(f.geometry);
      for (const i of inBox(bg.index, w, s, e, n)) if (booleanPointInPolygon([bg.lng[i], bg.lat[i]], f.geometry)) out.push(i);
    }
    out.sort((x, y) => x - y);
    for (let k = out.length - 1; k > 0; k--) if (out[k] === out[k - 1]) out.splice(k, 1);
  }
  if (out.length === 0) throw badRequest(`${field}: ${area.name} contains no census block group`, field);
  return Int32Array.from(out);
}
