import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// @ts-expect-error — osm-pbf-parser ships no types; it returns an object stream of node/way/relation batches.
import parseOSM from 'osm-pbf-parser';
import { buildWalkGraph, type OsmWay, type WalkGraph } from '../../core/walk/walkGraph';

/** The Midtown extract under DATA_DIR and its bbox [west, south, east, north] (from its SOURCE.md). */
export const MIDTOWN_PBF = path.join('osm-manhattan-midtown', 'manhattan.osm.pbf');
export const MIDTOWN_BBOX: [number, number, number, number] = [-74.014, 40.736, -73.963, 40.759];

interface OsmItem { type: 'node' | 'way' | 'relation'; id: number; lat?: number; lon?: number; tags?: Record<string, string>; refs?: number[] }

/**
 * Parse an `.osm.pbf` (streaming, `osm-pbf-parser`) into node coordinates and highway ways, then build the
 * pedestrian graph ({@link buildWalkGraph}). Throws with the file name when the file is missing or not a PBF.
 */
export async function loadWalkGraphFromPbf(file: string): Promise<WalkGraph> {
  try { await stat(file); } catch { throw new Error(`${file}: walk network file not found`); }
  const nodes = new Map<number, [number, number]>();
  const ways: OsmWay[] = [];
  try {
    await pipeline(createReadStream(file), parseOSM(), new Writable({
      objectMode: true,
      write(items: OsmItem[], _enc, next) {
        for (const it of items) {
          if (it.type === 'node') nodes.set(it.id, [it.lon!, it.lat!]);
          else if (it.type === 'way' && it.tags?.highway) ways.push({ id: it.id, refs: it.refs ?? [], tags: it.tags });
        }
        next();
      },
    }));
  } catch (err) {
    throw new Error(`${file}: could not parse as OSM PBF: ${(err as Error).message}`, { cause: err });
  }
  return buildWalkGraph(ways, (id) => nodes.get(id));
}

/** Parse the Midtown pedestrian graph of a data folder (≈ 1 s; server/services.ts keeps one per app). */
export function loadMidtownWalkGraph(dataDir: string): Promise<WalkGraph> {
  return loadWalkGraphFromPbf(path.join(dataDir, MIDTOWN_PBF));
}
