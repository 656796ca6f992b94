import { cellToLatLng, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { classOf, classRanges, DIFF_BREAKS, diffHexFeatures, DIFF_GAINED, DIFF_LOST, GAP_BREAKS, GAP_COLORS, gapColors, gapHexFeatures, hexPolygon, linkCameras, scenarioOutletFeatures, type CameraMap } from './mapData';
import { haversineM } from '../../core/geo/haversine';

describe('scenarioOutletFeatures', () => {
  const base = [
    { branchId: 1, lng: -73.99, lat: 40.75, name: 'Herald Sq' },
    { branchId: 2, lng: -73.98, lat: 40.76, name: 'Rockefeller' },
    { branchId: 3, lng: -73.95, lat: 40.78, name: 'UES' },
  ];
  it('marks closed outlets, moves moved ones and appends added sites last', () => {
    const fc = scenarioOutletFeatures(base, {
      added: [{ id: 'h3:892a100d2c3ffff', lng: -73.9, lat: 40.7, name: 'New site' }],
      closed: [2],
      moved: [{ branchId: 3, lng: -73.96, lat: 40.77 }],
    });
    expect(fc.features.map((f) => [f.properties.kind, f.properties.id])).toEqual([
      ['own', '1'], ['own', '3'], ['closed', '2'], ['added', 'h3:892a100d2c3ffff'],
    ]);
    expect(fc.features[1].geometry.coordinates).toEqual([-73.96, 40.77]);
    expect(fc.features[3].properties.name).toBe('New site');
  });
  it('draws the base network unchanged for "today"', () => {
    expect(scenarioOutletFeatures(base, null).features.every((f) => f.properties.kind === 'own')).toBe(true);
  });
});

describe('hexagons', () => {
  const cell = latLngToCell(40.758, -73.9855, 8); // Times Square, res 8 (edge ≈ 461 m)
  it('turns an H3 cell into a closed [lng, lat] ring around its centre', () => {
    const ring = hexPolygon(cell).coordinates[0];
    const [cLat, cLng] = cellToLatLng(cell);
    expect(ring.length).toBe(7);
    expect(ring[0]).toEqual(ring[6]);
    for (const [lng, lat] of ring.slice(0, 6)) {
      expect(lng).toBeLessThan(-73.9);
      expect(lat).toBeGreaterThan(40.7);
      // centre-to-vertex = edge length; H3 res 8 edges average 461 m (h3geo.org cell statistics)
      const d = haversineM(lng, lat, cLng, cLat);
      expect(d).toBeGreaterThan(380);
      expect(d).toBeLessThan(620); // edges vary with position on the icosahedron face
    }
  });
  it('classes values against breaks', () => {
    expect([0, 249, 250, 999, 1000, 4999, 5000, 1e6].map((v) => classOf(v, [250, 1000, 2500, 5000]))).toEqual([0, 0, 1, 1, 2, 3, 4, 4]);
  });
  it('colours gap cells by uncovered residents and drops empty ones', () => {
    const fc = gapHexFeatures([{ h3: cell, uncoveredPopulation: 3000 }, { h3: cell, uncoveredPopulation: 0 }]);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].properties).toEqual({ h3: cell, kind: 'gap', value: 3000, color: GAP_COLORS[3] });
  });
  it('colours gap cells in the Map settings ramp: viridis from pale yellow (few) to dark purple (many)', () => {
    const values = [100, 300, 1500, 3000, 9000];
    const fc = gapHexFeatures(values.map((v) => ({ h3: cell, uncoveredPopulation: v })), 'viridis');
    expect(fc.features.map((f) => f.properties.color)).toEqual(['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154']);
    expect(gapColors('default')).toBe(GAP_COLORS);
  });
  it('colours net gains green and net losses red by magnitude', () => {
    const fc = diffHexFeatures([
      { h3: 'a', gainedPopulation: 50, lostPopulation: 0 },
      { h3: 'b', gainedPopulation: 2500, lostPopulation: 0 },
      { h3: 'c', gainedPopulation: 100, lostPopulation: 700 },
      { h3: 'd', gainedPopulation: 300, lostPopulation: 300 },
    ].map((h, i) => ({ ...h, h3: [cell, latLngToCell(40.7, -74.0, 8), latLngToCell(40.8, -73.95, 8), cell][i] })));
    expect(fc.features.map((f) => [f.properties.kind, f.properties.value, f.properties.color])).toEqual([
      ['gained', 50, DIFF_GAINED[0]],
      ['gained', 2500, DIFF_GAINED[2]],
      ['lost', -600, DIFF_LOST[1]],
    ]);
  });
});

describe('linkCameras', () => {
  function fakeMap(): CameraMap & { cam: { lng: number; lat: number; zoom: number; bearing: number; pitch: number }; jumps: number; move: (c: Partial<{ lng: number; lat: number; zoom: number }>) => void } {
    const handlers = new Set<() => void>();
    const m = {
      cam: { lng: -74, lat: 40.7, zoom: 10, bearing: 0, pitch: 0 },
      jumps: 0,
      getCenter: () => ({ lng: m.cam.lng, lat: m.cam.lat }),
      getZoom: () => m.cam.zoom,
      getBearing: () => m.cam.bearing,
      getPitch: () => m.cam.pitch,
      jumpTo(o: { center: [number, number]; zoom: number; bearing: number; pitch: number }) {
        m.jumps++;
        m.cam = { lng: o.center[0], lat: o.center[1], zoom: o.zoom, bearing: o.bearing, pitch: o.pitch };
        handlers.forEach((h) => h()); // MapLibre fires 'move' synchronously inside jumpTo
      },
      on: (_: 'move', fn: () => void) => handlers.add(fn),
      off: (_: 'move', fn: () => void) => handlers.delete(fn),
      move(c: Partial<{ lng: number; lat: number; zoom: number }>) {
        m.cam = { ...m.cam, ...c };
        handlers.forEach((h) => h());
      },
    };
    return m;
  }
  it('moves the other map to the same camera, without echoing back', () => {
    const a = fakeMap();
    const b = fakeMap();
    const unlink = linkCameras(a, b);
    a.move({ lng: -73.98, lat: 40.75, zoom: 13.5 });
    expect(b.cam).toEqual({ lng: -73.98, lat: 40.75, zoom: 13.5, bearing: 0, pitch: 0 });
    expect(b.jumps).toBe(1);
    expect(a.jumps).toBe(0);
    b.move({ zoom: 11 });
    expect(a.cam.zoom).toBe(11);
    unlink();
    a.move({ zoom: 9 });
    expect(b.cam.zoom).toBe(11);
  });
});

describe('scenarioIdFromHash', () => {
  it('reads the scenario id of #/coverage/<id>, decoded, and nothing else', async () => {
    const { scenarioIdFromHash } = await import('./mapData');
    expect(scenarioIdFromHash('#/coverage/scn-1a2b')).toBe('scn-1a2b');
    expect(scenarioIdFromHash('#coverage/a%20b')).toBe('a b');
    expect(scenarioIdFromHash('#/coverage/x/y')).toBe('x');
    expect(scenarioIdFromHash('#/coverage')).toBeNull();
    expect(scenarioIdFromHash('#/coverage/')).toBeNull();
    expect(scenarioIdFromHash('#/sites/abc')).toBeNull();
    expect(scenarioIdFromHash('#/coverage/%E0%A4%A')).toBeNull(); // malformed escape
  });
});

describe('classRanges (the legend of the gap and difference maps)', () => {
  const h3 = latLngToCell(40.75, -73.98, 8);
  it('names the gap map classes in whole residents, each range drawn in its own colour at both ends', () => {
    const r = classRanges(GAP_BREAKS, GAP_COLORS);
    expect(r.map((c) => [c.from, c.to])).toEqual([[1, 249], [250, 999], [1000, 2499], [2500, 4999], [5000, null]]);
    for (const c of r) {
      for (const v of [c.from, c.to ?? c.from * 3]) {
        expect(gapHexFeatures([{ h3, uncoveredPopulation: v }]).features[0].properties.color).toBe(c.color);
      }
    }
  });
  it('merges the difference map’s first two breaks as the map does (1–499, 500–1,999, ≥ 2,000)', () => {
    const r = classRanges(DIFF_BREAKS, DIFF_GAINED, 1);
    expect(r.map((c) => [c.from, c.to])).toEqual([[1, 499], [500, 1999], [2000, null]]);
    for (const c of r) {
      for (const v of [c.from, c.to ?? 10_000]) {
        expect(diffHexFeatures([{ h3, gainedPopulation: v, lostPopulation: 0 }]).features[0].properties.color).toBe(c.color);
        expect(diffHexFeatures([{ h3, gainedPopulation: 0, lostPopulation: v }]).features[0].properties.color).toBe(DIFF_LOST[r.indexOf(c)]);
      }
    }
  });
});
