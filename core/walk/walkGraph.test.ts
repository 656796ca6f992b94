import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M } from '../geo/haversine';
import { buildWalkGraph, type OsmWay, isWalkableWay, metresPerMinute, snapToGraph, walkDistances } from './walkGraph';

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
const at = (m: number) => m / M_PER_DEG;

// A square of side 100 m on the equator: nodes 1 (0,0), 2 (100 m E), 3 (100 m E, 100 m N), 4 (0, 100 m N);
// ways 1–2–3 (footway), 3–4 (residential), 4–1 (motorway: not walkable), 2–4 (footway with foot=no).
const coords = new Map<number, [number, number]>([[1, [0, 0]], [2, [at(100), 0]], [3, [at(100), at(100)]], [4, [0, at(100)]]]);
const ways: OsmWay[] = [
  { id: 10, refs: [1, 2, 3], tags: { highway: 'footway' } },
  { id: 11, refs: [3, 4], tags: { highway: 'residential' } },
  { id: 12, refs: [4, 1], tags: { highway: 'motorway' } },
  { id: 13, refs: [2, 4], tags: { highway: 'footway', foot: 'no' } },
  { id: 14, refs: [3, 99], tags: { highway: 'footway' } }, // node 99 clipped out of the extract
];

describe('walk graph', () => {
  const g = buildWalkGraph(ways, (id) => coords.get(id));
  const node = (osm: number) => Array.from(g.osmId).indexOf(osm);

  it('keeps walkable ways only, both directions', () => {
    expect(isWalkableWay({ highway: 'motorway' })).toBe(false);
    expect(isWalkableWay({ highway: 'service', access: 'private' })).toBe(false);
    expect(isWalkableWay({ highway: 'service', access: 'private', foot: 'yes' })).toBe(true);
    expect(g.wayCount).toBe(3);
    expect(g.nodeCount).toBe(4);
    expect(g.adjTarget.length).toBe(6); // 3 segments × 2 directions
  });

  it('Dijkstra: 1→4 must go round 1–2–3–4 = 300 m (the motorway and the foot=no diagonal are closed)', () => {
    const d = walkDistances(g, [{ node: node(1), offsetM: 0 }]);
    expect(d[node(2)]).toBeCloseTo(100, 6);
    expect(d[node(3)]).toBeCloseTo(200, 6);
    expect(d[node(4)]).toBeCloseTo(300, 6);
  });

  it('multi-source with offsets and a distance cap; sourceOf assigns each node to its nearest source', () => {
    const owner = new Int32Array(g.nodeCount);
    const d = walkDistances(g, [{ node: node(1), offsetM: 0 }, { node: node(4), offsetM: 50 }], 160, owner);
    expect(d[node(3)]).toBeCloseTo(150, 6); // from 4: 50 + 100
    expect(owner[node(3)]).toBe(1);
    expect(d[node(2)]).toBeCloseTo(100, 6);
    expect(owner[node(2)]).toBe(0);
    const capped = walkDistances(g, [{ node: node(1), offsetM: 0 }], 150);
    expect(capped[node(3)]).toBe(Infinity);
  });

  it('snaps to the nearest node within the limit', () => {
    const s = snapToGraph(g, at(100), at(30), 50);
    expect(s.node).toBe(node(2));
    expect(s.offsetM).toBeCloseTo(30, 6);
    expect(snapToGraph(g, at(50), at(50), 50).node).toBe(-1);
    expect(metresPerMinute(4.8)).toBe(80);
  });
});
