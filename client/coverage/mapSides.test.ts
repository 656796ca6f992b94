import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { describeMapFeature, leftMapSide, rightMapSide, walkFeatures, type MapSideInput } from './mapSides';
import { scenarioNetworkRef } from './useCoverageScenarios';

/** A translator that shows the key and its variables, so the assertions see exactly what was asked for. */
const t = (k: string, v?: Record<string, string | number>) => (v ? `${k}${JSON.stringify(v)}` : k);
const HEX_A = '882a100d25fffff';
const HEX_B = '882a100d27fffff';

const base: MapSideInput = {
  title: 'Today', overlay: 'change', radiusLabel: '1 km', walk: { on: false, minutes: 10 },
  outlets: [{ branchId: 7, lng: -73.99, lat: 40.75, name: 'Main St' }, { branchId: 8, lng: -73.98, lat: 40.76, name: 'Park Ave' }],
  scenario: null,
  gaps: [{ h3: HEX_A, uncoveredPopulation: 1200, totalPopulation: 3000 }, { h3: HEX_B, uncoveredPopulation: 0, totalPopulation: 900 }],
  walkFc: undefined, t,
};

describe('compare map sides', () => {
  it('map A: its outlets over its gap hexagons (hexagons with nobody uncovered are not drawn)', () => {
    const a = leftMapSide(base);
    expect(a.subtitle).toBe('cov.legend.gap · 1 km');
    expect(a.outlets.features.map((f) => [f.properties.kind, f.properties.id])).toEqual([['own', '7'], ['own', '8']]);
    expect(a.hexes.features.map((f) => [f.properties.h3, f.properties.kind, f.properties.value])).toEqual([[HEX_A, 'gap', 1200]]);
    expect(leftMapSide({ ...base, overlay: 'none' })).toMatchObject({ subtitle: undefined, hexes: { features: [] } });
  });

  it('map B with "change": its gaps plus the net gains and losses; a closed outlet and an added site', () => {
    const b = rightMapSide({
      ...base, title: 'Plan', scenario: { added: [{ id: 'site-1', lng: -73.97, lat: 40.77, name: 'New' }], closed: [8] },
      diffHexes: [{ h3: HEX_A, gainedPopulation: 500, lostPopulation: 120 }, { h3: HEX_B, gainedPopulation: 40, lostPopulation: 40 }],
    });
    expect(b.subtitle).toBe('cov.overlay.change · 1 km');
    expect(b.outlets.features.map((f) => [f.properties.kind, f.properties.id])).toEqual([['own', '7'], ['closed', '8'], ['added', 'site-1']]);
    expect(b.hexes.features.map((f) => [f.properties.kind, f.properties.value])).toEqual([['gap', 1200], ['gained', 380]]);
    expect(rightMapSide({ ...base, overlay: 'gaps', diffHexes: [{ h3: HEX_B, gainedPopulation: 9, lostPopulation: 0 }] }).hexes.features).toHaveLength(1);
  });

  it('walk mode names the minutes and carries the walk layers', () => {
    const fc = walkFeatures([], [-74, 40.7, -73.9, 40.8]);
    const a = leftMapSide({ ...base, walk: { on: true, minutes: 15 }, walkFc: fc });
    expect(a.subtitle).toBe('cov.walk.mapSub{"m":15}');
    expect(a.walk).toBe(fc);
    expect(fc.features).toEqual([{ type: 'Feature', properties: { kind: 'extract' },
      geometry: { type: 'Polygon', coordinates: [[[-74, 40.7], [-73.9, 40.7], [-73.9, 40.8], [-74, 40.8], [-74, 40.7]]] } }]);
  });
});

describe('walkFeatures', () => {
  const square = (x: number, y: number, id: string) => ({ type: 'Feature' as const, properties: { id },
    geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + 2, y], [x + 2, y + 2], [x, y + 2], [x, y]]] } });
  /** Shoelace area of a ring (square degrees). */
  const ringArea = (r: number[][]) => Math.abs(r.reduce((a, [x, y], i) => { const [x2, y2] = r[(i + 1) % r.length]; return a + x * y2 - x2 * y; }, 0)) / 2;
  it('draws overlapping catchments as one dissolved union and keeps each one for the hover count', () => {
    // two 2×2 squares overlapping in a 1×2 strip (union area 6), and a third apart (area 4)
    const fc = walkFeatures([square(0, 0, 'a'), square(1, 0, 'b'), square(10, 10, 'c')], null);
    const u = fc.features.filter((f) => f.properties?.kind === 'union');
    expect(u).toHaveLength(1);
    expect(u[0].properties?.catchments).toBe(3);
    const polys = (u[0].geometry as MultiPolygon).coordinates;
    expect(polys).toHaveLength(2);
    expect(polys.map((p) => ringArea(p[0])).sort((x, y) => x - y)).toEqual([4, 6]);
    expect(fc.features.filter((f) => f.properties?.kind === 'catchment').map((f) => f.properties?.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('map tooltips', () => {
  const c = { t, locale: 'en' as const, radiusLabel: '500 m', walkMinutes: 10, scenarioOnRight: true };
  it('outlets (own ones of a scenario can be closed by a click)', () => {
    expect(describeMapFeature('outlet', { kind: 'own', id: '7', name: 'Main St' }, c)).toBe('cov.legend.own: Main St — cov.clickToClose');
    expect(describeMapFeature('outlet', { kind: 'own', id: '7', name: '' }, { ...c, scenarioOnRight: false })).toBe('cov.legend.own: 7');
    expect(describeMapFeature('outlet', { kind: 'added', id: 'site-1', name: 'New' }, c)).toBe('cov.legend.added: New');
  });
  it('hexagons with their residents at the map radius, walk catchments with their count', () => {
    expect(describeMapFeature('hex', { kind: 'lost', value: -1234 }, c)).toBe('cov.tip.lost{"n":"1,234","r":"500 m"}');
    expect(describeMapFeature('hex', { kind: 'gap', value: 80 }, c)).toBe('cov.tip.gap{"n":"80","r":"500 m"}');
    expect(describeMapFeature('walk', { count: 3 }, c)).toBe('cov.tip.walk{"m":10,"n":3}');
  });
});

describe('scenarioNetworkRef', () => {
  it('today is the own network, anything else a stored scenario', () => {
    expect(scenarioNetworkRef('today', 'cert:628')).toEqual({ network: 'own', ownNetwork: 'cert:628' });
    expect(scenarioNetworkRef('sc-12', 'cert:628')).toEqual({ network: { scenarioId: 'sc-12' } });
  });
});
