import { describe, expect, it } from 'vitest';
import { haversineM } from '../../core/geo/haversine';
import { walkDistances } from '../../core/walk/walkGraph';
import { loadConfig } from '../config';
import { loadMidtownWalkGraph } from './osmGraph';

/**
 * The Midtown pedestrian graph from the real OSM extract. Intersections are OSM nodes shared by the named street
 * centre lines (read once from the file): 5th Av & W 34th St = node 42437644, 5th Av & W 23rd St = 42437881,
 * 8th Av & W 23rd St = 42435624.
 */
describe('Midtown walk graph (osm-manhattan-midtown)', async () => {
  const g = await loadMidtownWalkGraph(loadConfig().dataDir);
  const node = (osm: number) => { const v = Array.from(g.osmId).indexOf(osm); expect(v).toBeGreaterThanOrEqual(0); return v; };

  it('has a connected pedestrian network of plausible size', () => {
    expect(g.nodeCount).toBeGreaterThan(10_000);
    expect(g.wayCount).toBeGreaterThan(5_000);
  });

  it('5th Av & 34th St → 5th Av & 23rd St: 11 blocks straight down 5th Avenue, ≈ the great-circle distance', () => {
    const a = node(42437644), b = node(42437881);
    const straight = haversineM(g.lng[a], g.lat[a], g.lng[b], g.lat[b]); // ≈ 878 m (11 × ~80 m blocks)
    const d = walkDistances(g, [{ node: a, offsetM: 0 }])[b];
    // 5th Avenue is a straight line, so the walk can only exceed the chord by mapping wiggle (crossings, sidewalk
    // offsets): allow 0–3 %.
    expect(straight).toBeGreaterThan(860);
    expect(straight).toBeLessThan(895);
    expect(d).toBeGreaterThanOrEqual(straight - 1);
    expect(d).toBeLessThan(straight * 1.03);
  });

  it('5th Av & 34th St → 8th Av & 23rd St: the Manhattan-grid L1 distance (grid rotated 29° from true north)', () => {
    const a = node(42437644), b = node(42435624);
    const lat0 = (g.lat[a] + g.lat[b]) / 2;
    const mPerDeg = 111_195.08;
    const dx = (g.lng[b] - g.lng[a]) * mPerDeg * Math.cos((lat0 * Math.PI) / 180);
    const dy = (g.lat[b] - g.lat[a]) * mPerDeg;
    const th = (29 * Math.PI) / 180; // Commissioners' Plan grid bearing
    const alongAvenue = Math.abs(dx * Math.sin(th) + dy * Math.cos(th)); // ≈ 875 m (34th → 23rd)
    const alongStreet = Math.abs(dx * Math.cos(th) - dy * Math.sin(th)); // ≈ 857 m (5th → 8th Av)
    const l1 = alongAvenue + alongStreet; // ≈ 1,732 m
    const d = walkDistances(g, [{ node: a, offsetM: 0 }])[b];
    // No diagonal shortcut helps this trip (Broadway runs the other way here), so the walk is the L1 distance within
    // a few percent (the grid angle is ~29° ± 1°, crossings are mapped slightly off the centre lines): ±4 %.
    expect(l1).toBeGreaterThan(1700);
    expect(l1).toBeLessThan(1770);
    expect(d).toBeGreaterThan(l1 * 0.96);
    expect(d).toBeLessThan(l1 * 1.04);
  });
});
