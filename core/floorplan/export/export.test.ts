import { describe, expect, it } from 'vitest';
// jsdom ships no types here (no @types/jsdom installed); only its DOMParser is used.
// @ts-expect-error TS7016: untyped module
import { JSDOM as UntypedJSDOM } from 'jsdom';
const JSDOM = UntypedJSDOM as new (html: string) => { window: { DOMParser: typeof DOMParser } };
import community from '../../../layouts/plans/community-150.plan.json';
import flagship from '../../../layouts/plans/flagship-400.plan.json';
import { loadPlan } from '../load';
import { polygonAreaM2 } from '../geometry';
import { zoneKindColour } from '../zoneKinds';
import type { Door } from '../model';
import { doorSwingGeometry, planToSvg, scaleBarLengthM } from './svg';
import { planToDxf, zoneLayerName } from './dxf';
import { parseGeoJsonPlan, planFromGeoJson, planToGeoJson } from './geojson';

const plan = loadPlan(community);
const big = loadPlan(flagship);

function parseSvg(text: string) {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(text, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('SVG export', () => {
  it('parses as XML and has one path per zone, filled with its kind colour, in plan order', () => {
    const doc = parseSvg(planToSvg(plan));
    const zones = [...doc.querySelectorAll('path.zone')];
    expect(zones).toHaveLength(plan.zones.length);
    expect(zones.map((z) => z.getAttribute('data-id'))).toEqual(plan.zones.map((z) => z.id));
    expect(zones.map((z) => z.getAttribute('fill'))).toEqual(plan.zones.map((z) => zoneKindColour(z.kind)));
  });

  it('labels each zone with its name and area, draws doors, fixtures and a scale bar, sized for 1:100', () => {
    const text = planToSvg(plan);
    const doc = parseSvg(text);
    const areas = [...doc.querySelectorAll('text.zone-area')].map((t) => t.textContent);
    expect(areas).toContain('18.00 m²'); // cash area 6 × 3 m
    expect(areas.some((a) => a?.endsWith('11.50 m²'))).toBe(true); // waiting 4.6 × 2.5 m
    expect(doc.querySelectorAll('g.door')).toHaveLength(plan.doors.length);
    expect(doc.querySelectorAll('g.fixture')).toHaveLength(plan.fixtures.length);
    expect(doc.querySelector('#scale-bar')?.textContent).toContain('2 m');
    // 15 m + 2 × 1 m margin at 1:100 = 170 mm wide
    expect(doc.documentElement.getAttribute('width')).toBe('170mm');
    expect(planToSvg(plan, { scale: 50 })).toContain('width="340mm"');
  });

  it('writes Chinese kind labels with locale zh and escapes XML in names', () => {
    const p = { ...plan, zones: plan.zones.map((z, i) => (i === 0 ? { ...z, name: 'R&D <office>' } : z)) };
    const doc = parseSvg(planToSvg(p, { locale: 'zh' }));
    expect(doc.querySelector('text.zone-label')?.textContent).toBe('R&D <office>');
    expect(doc.documentElement.textContent).toContain('现金业务区');
  });

  it('draws a swing arc from the open leaf to the latch jamb, clockwise on screen when it turns that way', () => {
    const d = { a: [0, 5], b: [1, 5], swing: { type: 'single', hinge: 'a', side: 'left' } } as Door;
    const g = doorSwingGeometry(d);
    expect(g.leafTip).toEqual([0, 4]);
    expect(g.latch).toEqual([1, 5]);
    expect(g.radiusM).toBe(1);
    expect(g.sweep).toBe(1);
    expect(doorSwingGeometry({ ...d, swing: { ...d.swing, side: 'right' } }).sweep).toBe(0);
  });

  it('picks a round scale-bar length', () => {
    expect(scaleBarLengthM(15)).toBe(2);
    expect(scaleBarLengthM(25)).toBe(5);
    expect(scaleBarLengthM(7)).toBe(1);
  });
});

/** Parse DXF group-code pairs into entities: [{ type, layer }]. */
function dxfEntities(text: string) {
  const lines = text.split(/\r?\n/);
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) pairs.push([lines[i].trim(), lines[i + 1].trim()]);
  const out: { type: string; codes: [string, string][] }[] = [];
  for (const [code, value] of pairs) {
    if (code === '0') out.push({ type: value, codes: [] });
    else out.at(-1)?.codes.push([code, value]);
  }
  return out;
}

describe('DXF export', () => {
  it('has one layer per zone kind present and each zone as a closed LWPOLYLINE on its layer, in metres', () => {
    const ents = dxfEntities(planToDxf(big));
    const layers = ents.filter((e) => e.type === 'LAYER').map((e) => e.codes.find(([c]) => c === '2')?.[1]);
    const kinds = [...new Set(big.zones.map((z) => z.kind))];
    for (const k of kinds) expect(layers).toContain(zoneLayerName(k));
    expect(layers).toContain('ZONE-CASH-AREA');
    expect(layers.filter((l) => l?.startsWith('ZONE-'))).toHaveLength(kinds.length);
    for (const k of kinds) {
      const polys = ents.filter((e) => e.type === 'LWPOLYLINE' && e.codes.some(([c, v]) => c === '8' && v === zoneLayerName(k)));
      expect(polys, k).toHaveLength(big.zones.filter((z) => z.kind === k).length);
      for (const p of polys) expect(p.codes.find(([c]) => c === '70')?.[1]).toBe('1'); // closed
    }
    // $INSUNITS = 6 (metres)
    const header = planToDxf(big);
    expect(header).toMatch(/\$INSUNITS\r?\n\s*70\r?\n\s*6/);
  });

  it('stores the cash area with its real coordinates (y negated so the drawing is not mirrored)', () => {
    const ents = dxfEntities(planToDxf(plan));
    const cash = ents.find((e) => e.type === 'LWPOLYLINE' && e.codes.some(([c, v]) => c === '8' && v === 'ZONE-CASH-AREA'))!;
    const xs = cash.codes.filter(([c]) => c === '10').map(([, v]) => Number(v));
    const ys = cash.codes.filter(([c]) => c === '20').map(([, v]) => Number(v));
    expect(xs).toEqual([4, 10, 10, 4]);
    expect(ys.map((y) => Math.abs(y))).toEqual([0, 0, 3, 3]);
    expect(Math.min(...ys)).toBe(-3);
  });
});

describe('GeoJSON export and import', () => {
  it('exports zones with kind, name and areaM2 matching the model, with top-level units', () => {
    const fc = planToGeoJson(big);
    expect(fc.units).toBe('m');
    const zones = fc.features.filter((f) => big.zones.some((z) => z.id === f.properties.id));
    expect(zones).toHaveLength(big.zones.length);
    for (const f of zones) {
      const z = big.zones.find((x) => x.id === f.properties.id)!;
      expect(f.properties).toMatchObject({ kind: z.kind, name: z.name });
      expect(f.properties.areaM2).toBeCloseTo(polygonAreaM2(z.polygon), 12);
    }
    expect(zones.reduce((s, f) => s + (f.properties.areaM2 as number), 0)).toBeCloseTo(400, 9);
    // only zones carry areaM2 (the outline has floorAreaM2), so consumers can pick zones by it
    expect(fc.features.filter((f) => typeof f.properties.areaM2 === 'number')).toHaveLength(big.zones.length);
    expect(fc.features.find((f) => f.properties.kind === 'outline')?.properties.floorAreaM2).toBe(400);
  });

  it('round-trips a plan through GeoJSON', () => {
    const back = planFromGeoJson(JSON.parse(JSON.stringify(planToGeoJson(big))));
    expect(back.zones).toEqual(big.zones);
    expect(back.doors).toEqual(big.doors);
    expect(back.outline).toEqual(big.outline);
    expect(back.fixtures.map((f) => [f.id, f.kind, f.rotationDeg])).toEqual(big.fixtures.map((f) => [f.id, f.kind, f.rotationDeg]));
    back.fixtures.forEach((f, i) => {
      expect(f.at[0]).toBeCloseTo(big.fixtures[i].at[0], 9);
      expect(f.at[1]).toBeCloseTo(big.fixtures[i].at[1], 9);
      expect(f.widthM).toBeCloseTo(big.fixtures[i].widthM, 9);
      expect(f.depthM).toBeCloseTo(big.fixtures[i].depthM, 9);
    });
  });

  it('imports zones drawn elsewhere: mm, y up, no ids, a door whose zones are inferred', () => {
    const fc = {
      type: 'FeatureCollection', units: 'mm', yAxis: 'up',
      features: [
        { type: 'Feature', properties: { kind: 'waiting', name: 'Wait' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [4000, 0], [4000, 3000], [0, 3000], [0, 0]]] } },
        { type: 'Feature', properties: { kind: 'teller-counter', name: 'Counters' }, geometry: { type: 'Polygon', coordinates: [[[4000, 0], [9000, 0], [9000, 3000], [4000, 3000], [4000, 0]]] } },
        { type: 'Feature', properties: { kind: 'door' }, geometry: { type: 'LineString', coordinates: [[4000, 1000], [4000, 2000]] } },
        { type: 'Feature', properties: { kind: 'atm', widthM: 800, depthM: 700, heightM: 1200 }, geometry: { type: 'Point', coordinates: [6000, 2500] } },
      ],
    };
    const p = planFromGeoJson(fc);
    expect(p.units).toBe('m');
    expect(p.zones.map((z) => [z.id, z.kind, polygonAreaM2(z.polygon)])).toEqual([['zone-1', 'waiting', 12], ['zone-2', 'teller-counter', 15]]);
    expect(p.zones[0].polygon[2]).toEqual([4, -3]); // y flipped
    expect(p.outline.polygon).toEqual([[0, -3], [9, -3], [9, 0], [0, 0]]);
    expect(p.doors[0]).toMatchObject({ connects: ['zone-1', 'zone-2'], a: [4, -1], b: [4, -2], clearWidthM: 0.95 });
    expect(p.fixtures[0]).toMatchObject({ kind: 'atm', at: [6, -2.5], widthM: 0.8, depthM: 0.7, heightM: 1.2 });
  });

  it('names the user\'s feature for bad geometry and never throws on garbage coordinates', () => {
    const sq = [[0, 0], [5, 0], [5, 5], [0, 5]];
    const z = (coordinates: unknown, kind = 'waiting') => ({ type: 'Feature', properties: { kind }, geometry: { type: 'Polygon', coordinates } });
    const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', units: 'm', features });
    const path = (x: unknown) => parseGeoJsonPlan(x).issues[0]?.path;
    expect(path(fc(z('abc')))).toBe('features.0.geometry');
    expect(path(fc(z(null)))).toBe('features.0.geometry');
    expect(path(fc(z([{ a: 1 }])))).toBe('features.0.geometry');
    expect(path(fc(z([])))).toBe('features.0.geometry');
    expect(path(fc(z(5)))).toBe('features.0.geometry');
    // 5,000-deep nesting is described, not stringified (no stack overflow)
    const deep = JSON.parse('['.repeat(5000) + ']'.repeat(5000));
    expect(parseGeoJsonPlan(fc(z(deep))).issues[0].path).toMatch(/^features\.0\.geometry/);
    expect(path(fc(z([[null, [1, 2], [3, 4]]])))).toBe('features.0.geometry.coordinates.0.0');
    expect(parseGeoJsonPlan(fc(z([[['NaN', 0], [5, 0], [5, 5]]]))).issues[0].message).toMatch(/NaN/);
    expect(path(fc(z([[[0, 0], [1, 1], [0, 0]]])))).toBe('features.0.geometry.coordinates.0');
    expect(path(fc(z([sq]), { type: 'Feature', properties: { kind: 'atm' }, geometry: { type: 'Point', coordinates: null } }))).toBe('features.1.geometry');
    expect(path(fc(z([sq]), { type: 'Feature', properties: { kind: 'door' }, geometry: { type: 'LineString', coordinates: [[0, 0], 'x'] } }))).toBe('features.1.geometry.coordinates.1');
    // errors found by the model's validation are renamed to the feature the user sent
    const outline = z([[[0, 0], [10, 0], [10, 10], [0, 10]]], 'outline');
    const badDoor = { type: 'Feature', properties: { kind: 'door', clearWidthM: -1 }, geometry: { type: 'LineString', coordinates: [[5, 0], [5, 1]] } };
    expect(path(fc(outline, z([sq]), badDoor))).toBe('features.2.properties.clearWidthM');
    const dupId = { type: 'Feature', properties: { kind: 'seat', id: 'z1' }, geometry: { type: 'Point', coordinates: [1, 1] } };
    // a repeated id is not an error in GeoJSON: the second element gets a fresh one
    const p = parseGeoJsonPlan(fc(outline, { ...z([sq]), properties: { kind: 'waiting', id: 'z1' } }, dupId)).plan!;
    expect([p.zones[0].id, p.fixtures[0].id]).toEqual(['z1', 'z1-b']);
  });

  it('rejects GeoJSON without units, naming units; and a feature without a kind, naming the feature', () => {
    const fc = planToGeoJson(plan) as any;
    const { units: _u, ...noUnits } = fc;
    expect(parseGeoJsonPlan(noUnits).issues[0]).toMatchObject({ path: 'units', message: expect.stringMatching(/units is required/) });
    const bad = structuredClone(fc);
    delete bad.features[3].properties.kind;
    expect(parseGeoJsonPlan(bad).issues[0].path).toBe('features.3.properties.kind');
    bad.features[3].properties.kind = 'ballroom';
    expect(parseGeoJsonPlan(bad).issues[0].message).toMatch(/ballroom/);
    expect(() => planFromGeoJson({ type: 'Feature' })).toThrow(/FeatureCollection/);
  });
});
