import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { polygonsToH3Cells, type H3CandidateCell } from '../../core/geo/h3Grid';
import { nextTurn } from '../eventLoop';

/** Path of the NYC borough boundaries (NYC DOHMH EHDP, TopoJSON, object `collection`) under DATA_DIR. */
export function boroughTopoPath(dataDir: string): string {
  return path.join(dataDir, 'nyc-geographies-ehdp', 'borough.topo.json');
}

/** The five NYC boroughs as GeoJSON (land; the file's simplified outlines). */
export async function readBoroughs(dataDir: string): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  const file = boroughTopoPath(dataDir);
  const topo = JSON.parse(await readFile(file, 'utf8')) as Topology;
  const obj = topo.objects.collection;
  if (!obj) throw new Error(`${file}: no TopoJSON object "collection"`);
  return feature(topo, obj) as unknown as FeatureCollection<Polygon | MultiPolygon>;
}

/**
 * The H3 grid over NYC's land (cells whose centre lies in a borough outline). Resolution 9 gives the ≈ 7.4k candidate
 * cells of SITE-MODEL.md. server/services.ts keeps one per app and resolution.
 */
export async function loadNycGridCells(dataDir: string, resolution = 9): Promise<H3CandidateCell[]> {
  // one polygon at a time with a turn of the event loop between (all five boroughs at once held it ≈ 1 s at start-up,
  // the largest borough alone ≈ 200 ms); the same cells as polygonsToH3Cells over all five: their union, sorted by id
  const byId = new Map<string, H3CandidateCell>();
  for (const f of (await readBoroughs(dataDir)).features) {
    const g = f.geometry;
    const polygons: Polygon[] = g.type === 'Polygon' ? [g] : g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    for (const geometry of polygons) {
      for (const c of polygonsToH3Cells([{ type: 'Feature', properties: null, geometry }], resolution)) byId.set(c.id, c);
      await nextTurn();
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
