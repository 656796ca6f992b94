import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { loadConfig } from '../config';
import { topoPolygons } from './boundaries';

describe('topoPolygons', () => {
  it("gives the national counties' polygon features of topojson-client's feature() over the whole collection, in order", async () => {
    const file = path.join(loadConfig().dataDir, 'us-atlas', 'counties-10m.json');
    const topo = JSON.parse(await readFile(file, 'utf8')) as Topology;
    const whole = (feature(topo, topo.objects.counties as GeometryCollection) as FeatureCollection).features
      .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'));
    const pieces = await topoPolygons(topo, 'counties', file);
    expect(pieces.length).toBeGreaterThan(3000); // more than 500 per turn: several turns
    expect(pieces).toEqual(whole);
    expect(pieces.find((f) => f.id === '17031')?.properties?.name).toBe('Cook');
  });
});
