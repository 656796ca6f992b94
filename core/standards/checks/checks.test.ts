/** One passing and one failing fixture per check kind, with the measured value asserted; plus the geometric traps. */
import { describe, expect, it } from 'vitest';
import type { FloorPlan } from '../../floorplan/model';
import { rotatePoint } from '../../floorplan/geometry';
import { loadPlan } from '../../floorplan/load';
import { convertPlanUnits } from '../../floorplan/units';
import { sizeBranch, DEFAULT_SIZING } from '../../queueing/erlangC';
import { preparePlan } from '../prepare';
import { CHECKS } from '../checkPlan';
import type { RuleKind, RuleParams } from '../ruleKinds';
import { RULE_PARAMS } from '../ruleKinds';
import type { RuleOf } from '../ruleSet';
import { countNoun, type CheckContext } from './types';
import { door, fixture, plan, rect, wall, zone } from '../testing/planBuilder';

function rule<K extends RuleKind>(kind: K, params: Record<string, unknown>, extra: Partial<RuleOf<K>> = {}): RuleOf<K> {
  return {
    id: 'T-01', kind, title: kind, appliesTo: {}, branchTypes: ['*'], params: RULE_PARAMS[kind].parse(params) as RuleParams<K>,
    severity: 'error', source: { document: 'test', clause: '§0' }, status: 'verified', ...extra,
  };
}
const run = <K extends RuleKind>(r: RuleOf<K>, p: FloorPlan, ctx: CheckContext = {}) => (CHECKS[r.kind] as unknown as { run: (r: RuleOf<K>, p: ReturnType<typeof preparePlan>, c: CheckContext) => ReturnType<typeof CHECKS['zone-area']['run']> }).run(r, preparePlan(p), ctx);

/** A 10 × 6 m hall (reception) with a main entrance in the south wall. */
const hall = (extra: Partial<FloorPlan> = {}) => plan({
  outline: { polygon: rect(0, 0, 10, 6), walls: [] },
  zones: [zone('hall', 'reception', rect(0, 0, 10, 6))],
  doors: [door('main', [4, 6], [5.2, 6], ['hall', 'outside'], { mainEntrance: true, exit: true })],
  ...extra,
});

describe('zone-validity', () => {
  const r = rule('zone-validity', {});
  it('passes a rotated rectangle', () => expect(run(r, hall({ zones: [zone('z', 'reception', rect(1, 1, 4, 3).map((p) => rotatePoint(p, 33, [2, 2])))] }))).toEqual([]));
  it('zero-area, collinear, self-intersecting and spike zones each become an error naming the zone', () => {
    const f = run(r, hall({ zones: [
      zone('ok', 'reception', rect(0, 0, 2, 2)),
      zone('flat', 'reception', [[0, 0], [1, 0], [1, 0.001], [0, 0.001]]),
      zone('line', 'reception', [[0, 0], [1, 1], [2, 2]]),
      zone('bowtie', 'reception', [[0, 0], [2, 2], [2, 0], [0, 2]]),
      zone('spike', 'reception', [[0, 0], [3, 0], [3, 2], [1.5, 2], [1.5, 10], [1.5001, 2], [0, 2]]),
    ] }));
    expect(f.map((x) => x.zoneIds[0])).toEqual(['flat', 'line', 'bowtie', 'spike']);
    expect(f[0].message).toMatch(/zero-area/); expect(f[0].measured).toBeCloseTo(0.001, 9);
    expect(f[1].message).toMatch(/collinear/);
    expect(f[2].message).toMatch(/self-intersecting/);
    expect(f[3].message).toMatch(/spike/);
  });
});

describe('zone-overlap (touching ≠ overlapping, slivers tolerated)', () => {
  const r = rule('zone-overlap', { toleranceM2: 0.01 });
  it('touching zones and a 1e-9 m float sliver are not overlaps', () => {
    expect(run(r, hall({ zones: [zone('a', 'reception', rect(0, 0, 5, 6)), zone('b', 'waiting', rect(5, 0, 10, 6))] }))).toEqual([]);
    expect(run(r, hall({ zones: [zone('a', 'reception', rect(0, 0, 5.000000001, 6)), zone('b', 'waiting', rect(5, 0, 10, 6))] }))).toEqual([]);
  });
  it('a 0.5 m overlap of two 6 m deep zones measures 3.00 m², located on the overlap', () => {
    const f = run(r, hall({ zones: [zone('a', 'reception', rect(0, 0, 5.5, 6)), zone('b', 'waiting', rect(5, 0, 10, 6))] }));
    expect(f).toHaveLength(1);
    expect(f[0].measured).toBeCloseTo(3, 9);
    expect(f[0].zoneIds).toEqual(['a', 'b']);
  });
  it('unnamed zones are named by kind label and index in findings, never by their internal id', () => {
    const noName = (id: string, kind: string, ring: ReturnType<typeof rect>) => ({ ...zone(id, kind, ring), name: '' });
    const f = run(r, hall({ zones: [zone('w1', 'waiting', rect(0, 0, 2, 2)), noName('zone-48', 'waiting', rect(3, 0, 5.5, 6)), noName('zone-49', 'reception', rect(5, 0, 10, 6))] }));
    expect(f).toHaveLength(1);
    expect(f[0].zoneIds).toEqual(['zone-48', 'zone-49']);
    expect(f[0].messageVars).toMatchObject({ a: 'Waiting area 2', b: 'Reception / enquiry 1' });
    expect(f[0].message).toBe('Zones "Waiting area 2" and "Reception / enquiry 1" overlap by 3.00 m².');
    expect(f[0].message).not.toMatch(/zone-4/);
  });
  it('rotated rectangles are intersected exactly, not by their bounding boxes', () => {
    // two 2 × 2 squares rotated 45° about centres 2.5 m apart: bounding boxes (2.83 m) overlap, the squares do not
    const sq = (cx: number) => rect(cx - 1, 2, cx + 1, 4).map((p) => rotatePoint(p, 45, [cx, 3]));
    expect(run(r, hall({ zones: [zone('a', 'reception', sq(2)), zone('b', 'waiting', sq(4.9))] }))).toEqual([]);
    // 1.2 m apart along x: the diamonds overlap in a diamond of half-diagonal (√2 − 0.6) → area 2·(√2 − 0.6)²
    const f = run(r, hall({ zones: [zone('a', 'reception', sq(2)), zone('b', 'waiting', sq(3.2))] }));
    expect(f[0].measured).toBeCloseTo(2 * (Math.SQRT2 - 0.6) ** 2, 6);
  });
});

describe('zone-containment (a point exactly on the boundary is inside)', () => {
  const r = rule('zone-containment', {});
  it('a zone on the outline edge passes', () => expect(run(r, hall({ zones: [zone('z', 'reception', rect(0, 0, 10, 6))] }))).toEqual([]));
  it('a zone 0.5 m past the outline measures the outside area', () => {
    const f = run(r, hall({ zones: [zone('z', 'reception', rect(8, 0, 10.5, 4))] }));
    expect(f[0].measured).toBeCloseTo(2, 9);
  });
});

describe('zone-area, required-zones, adjacency', () => {
  it('zone-area min', () => {
    const r = rule('zone-area', { minAreaM2: 20 }, { appliesTo: { zoneKinds: ['waiting'] } });
    expect(run(r, hall({ zones: [zone('w', 'waiting', rect(0, 0, 5, 4))] }))).toEqual([]);
    expect(run(r, hall({ zones: [zone('w', 'waiting', rect(0, 0, 5, 3.9))] }))[0].measured).toBeCloseTo(19.5, 9);
  });
  it('required-zones counts functional groups', () => {
    const r = rule('required-zones', { groups: [{ label: 'waiting', functionalGroups: ['waiting'] }, { label: 'counters', zoneKinds: ['teller-counter'], minCount: 2 }] });
    const f = run(r, hall({ zones: [zone('w', 'waiting', rect(0, 0, 5, 6)), zone('c', 'teller-counter', rect(5, 0, 10, 6))] }));
    expect(f).toHaveLength(1);
    expect([f[0].measured, f[0].required]).toEqual([1, 2]);
  });
  it('adjacency: reception must share ≥ 2 m with the vestibule', () => {
    const r = rule('adjacency', { kindsA: ['reception'], kindsB: ['entrance-vestibule'], minSharedEdgeM: 2 });
    expect(run(r, hall({ zones: [zone('r', 'reception', rect(0, 0, 10, 4)), zone('v', 'entrance-vestibule', rect(3, 4, 6, 6))] }))).toEqual([]);
    const f = run(r, hall({ zones: [zone('r', 'reception', rect(0, 0, 10, 4)), zone('v', 'entrance-vestibule', rect(8.5, 4, 11, 6))] }));
    expect(f[0].measured).toBeCloseTo(1.5, 9);
  });
});

describe('turning-circle (largest inscribed circle of the free space)', () => {
  const r = rule('turning-circle', { diameterM: 1.5 }, { appliesTo: { zoneKinds: ['consultation'] } });
  it('a 1.6 m wide room passes; 1.4 m wide fails with 1.40 m', () => {
    expect(run(r, hall({ zones: [zone('c', 'consultation', rect(0, 0, 3, 1.6))] }))).toEqual([]);
    expect(run(r, hall({ zones: [zone('c', 'consultation', rect(0, 0, 3, 1.4))] }))[0].measured).toBeCloseTo(1.4, 3);
  });
  it('a table in a 3 × 3 room leaves the circle beside it', () => {
    // table 1.2 m deep against the west wall: free strip 1.8 m wide → circle 1.8 m
    const f = run(rule('turning-circle', { diameterM: 2 }, { appliesTo: { zoneKinds: ['consultation'] } }),
      hall({ zones: [zone('c', 'consultation', rect(0, 0, 3, 3))], fixtures: [fixture('t', 'table', [0.6, 1.5], 3, 1.2, 90)] }));
    expect(f[0].measured).toBeCloseTo(1.8, 3);
  });
});

describe('clear-floor-space (760 × 1220 mm in front of an ATM)', () => {
  const r = rule('clear-floor-space', { fixtureKinds: ['atm'], widthM: 0.76, depthM: 1.22 });
  it('an ATM facing open floor passes', () => expect(run(r, hall({ fixtures: [fixture('atm', 'atm', [3, 0.375], 0.8, 0.75)] }))).toEqual([]));
  it('a wall 0.90 m in front (the ATM in a 1.65 m deep alcove) measures 0.90 m', () => {
    const p = hall({ outline: { polygon: rect(0, 0, 10, 6), walls: [wall('w', [1, 1.65], [5, 1.65])] }, fixtures: [fixture('atm', 'atm', [3, 0.375], 0.8, 0.75)] });
    const f = run(r, p);
    expect(f).toHaveLength(1);
    expect(f[0].measured).toBeCloseTo(0.9, 6);
    expect(f[0].elementIds).toEqual(['atm']);
  });
  it('a rotated ATM (90°) with a kiosk 0.5 m in front measures 0.50 m', () => {
    const f = run(r, hall({ fixtures: [fixture('atm', 'atm', [9.625, 3], 0.8, 0.75, 90), fixture('k', 'kiosk', [8.5, 3], 0.5, 0.5)] }));
    expect(f[0].measured).toBeCloseTo(0.5, 6);
  });
});

describe('reachability and secure-access (door graph)', () => {
  const base = () => hall({
    outline: { polygon: rect(0, 0, 10, 6), walls: [wall('w1', [6, 0], [6, 6]), wall('w2', [6, 3], [10, 3])] },
    zones: [zone('hall', 'reception', rect(0, 0, 6, 6)), zone('cash', 'cash-area', rect(6, 0, 10, 3)), zone('consult', 'consultation', rect(6, 3, 10, 6))],
    doors: [door('main', [2, 6], [3.2, 6], ['hall', 'outside'], { mainEntrance: true, exit: true }), door('dc', [6, 4], [6, 5], ['hall', 'consult'])],
  });
  const reach = rule('reachability', {});
  const sec = rule('secure-access', {});
  it('every customer zone reached; consultation room behind a wall without a door is not', () => {
    expect(run(reach, base())).toEqual([]);
    const p = base(); p.doors = p.doors.filter((d) => d.id !== 'dc');
    expect(run(reach, p).map((f) => f.zoneIds[0])).toEqual(['consult']);
  });
  it('cash area: through an access-controlled door passes; an ordinary door is reported at the door', () => {
    const ok = base(); ok.doors.push(door('dcash', [6, 1], [6, 2], ['hall', 'cash'], { accessControlled: true }));
    expect(run(sec, ok)).toEqual([]);
    const bad = base(); bad.doors.push(door('dcash', [6, 1], [6, 2], ['hall', 'cash']));
    const f = run(sec, bad);
    expect(f).toHaveLength(1);
    expect(f[0].elementIds).toEqual(['dcash']);
    expect(f[0].at).toEqual({ type: 'segment', a: [6, 1], b: [6, 2] });
  });
  it('cash area open to the hall (no wall on the shared edge) is reported at the open edge', () => {
    const p = base(); p.outline.walls = [wall('w1', [6, 3], [6, 6]), wall('w2', [6, 3], [10, 3])];
    const f = run(sec, p);
    expect(f[0].at).toEqual({ type: 'segment', a: [6, 0], b: [6, 3] });
  });
});

describe('travel-distance (walking path vs straight line)', () => {
  // a 30 × 3 m hall, exit at the west end
  const long = () => plan({
    outline: { polygon: rect(0, 0, 30, 3), walls: [] },
    zones: [zone('h', 'reception', rect(0, 0, 30, 3))],
    doors: [door('x', [0, 1], [0, 2], ['h', 'outside'], { mainEntrance: true, exit: true })],
  });
  it('straight line: farthest corner (30, 0) or (30, 3) is √(30² + 1²) from the door segment', () => {
    const f = run(rule('travel-distance', { method: 'straight', maxM: 25 }), long());
    expect(f[0].measured).toBeCloseTo(Math.hypot(30, 1), 6);
    expect(run(rule('travel-distance', { method: 'straight', maxM: 31 }), long())).toEqual([]);
  });
  it('walking path turns the corner of an L-shaped hall: longer than the straight line, close to the geodesic', () => {
    // arm 1: x 0–20, y 0–2 (exit at the west end); arm 2: x 18–20, y 2–20. Farthest point (20, 20):
    // geodesic = |(0, 1.5)→(18, 2)| + |(18, 2)→(20, 20)| ≈ 18.007 + 18.111 = 36.12; straight = |(0,1.5)→(20,20)| = 27.24
    const L = plan({
      outline: { polygon: [[0, 0], [20, 0], [20, 20], [18, 20], [18, 2], [0, 2]], walls: [] },
      zones: [zone('a', 'reception', rect(0, 0, 20, 2)), zone('b', 'circulation', rect(18, 2, 20, 20))],
      doors: [door('x', [0, 0.5], [0, 1.5], ['a', 'outside'], { mainEntrance: true, exit: true })],
    });
    const straight = run(rule('travel-distance', { method: 'straight', maxM: 1 }), L)[0].measured!;
    const path = run(rule('travel-distance', { method: 'path', maxM: 1, gridM: 0.1 }), L)[0].measured!;
    expect(straight).toBeCloseTo(Math.hypot(20, 18.5), 6);
    expect(path).toBeGreaterThan(36.0);
    expect(path).toBeLessThan(36.12 * 1.08); // 8-connected grid: at most ~8 % long
  });
});

describe('exit-count, egress-width, door-width', () => {
  const f = { loadFactorsM2PerPerson: {}, defaultLoadFactorM2PerPerson: 1, exitsByOccupants: [{ minOccupants: 0, exits: 1 }, { minOccupants: 50, exits: 2 }] };
  it('60 m² at 1 m²/person = 60 occupants needs 2 exits; one exit fails', () => {
    const r = rule('exit-count', f);
    const out = run(r, hall());
    expect([out[0].measured, out[0].required]).toEqual([1, 2]);
    expect(out[0].message).toBe('Occupant load 60 persons needs 2 exits; the plan has 1.');
    expect([countNoun(1, 'person'), countNoun(0, 'exit'), countNoun(1, 'ATM'), countNoun(3, 'ATM')]).toEqual(['1 person', '0 exits', '1 ATM', '3 ATMs']);
  });
  it('two exits must be ≥ ½ diagonal apart (diagonal √136 = 11.66 m)', () => {
    const r = rule('exit-count', { ...f, separation: { mode: 'diagonal-fraction', fraction: 0.5 } });
    const near = hall(); near.doors.push(door('e2', [6, 6], [7, 6], ['hall', 'outside'], { exit: true }));
    const out = run(r, near);
    expect(out[0].measured).toBeCloseTo(1.9, 6); // centres 4.6 → 6.5
    expect(out[0].required).toBeCloseTo(Math.sqrt(136) / 2, 5);
    const far = hall(); far.doors.push(door('e2', [10, 1], [10, 2], ['hall', 'outside'], { exit: true }));
    expect(run(r, far)).toEqual([]);
  });
  it('egress width: 60 occupants × 5.1 mm = 0.306 m; a 0.2 m exit fails', () => {
    const r = rule('egress-width', { loadFactorsM2PerPerson: {}, defaultLoadFactorM2PerPerson: 1, widthPerOccupantM: 0.0051 });
    expect(run(r, hall())).toEqual([]);
    const p = hall(); p.doors[0].clearWidthM = 0.2;
    expect(run(r, p)[0].required).toBeCloseTo(0.306, 9);
  });
  it('door-width: 0.815 required; a 0.80 door measures 0.80', () => {
    const r = rule('door-width', { minClearWidthM: 0.815 });
    expect(run(r, hall())).toEqual([]);
    const p = hall(); p.doors[0].clearWidthM = 0.8;
    expect(run(r, p)[0].measured).toBe(0.8);
  });
});

describe('privacy-band, waiting-area-per-seat, low-counter, demand-capacity', () => {
  const counter = fixture('c', 'counter', [5, 0.35], 1.6, 0.7, 0, { heightM: 1.05 });
  it('a seat 0.60 m in front of a counter is inside its 1 m band', () => {
    const r = rule('privacy-band', { fixtureKinds: ['counter'], bandDepthM: 1 });
    expect(run(r, hall({ fixtures: [counter, fixture('s', 'seat', [5, 2.2], 0.5, 0.5)] }))).toEqual([]);
    const f = run(r, hall({ fixtures: [counter, fixture('s', 'seat', [5, 1.55], 0.5, 0.5)] }));
    expect(f).toHaveLength(1);
    expect(f[0].measured).toBeCloseTo(0.6, 9);
    expect(f[0].elementIds).toEqual(['c', 's']);
  });
  it('waiting area per seat: 6 m² for 4 seats = 1.5 passes; 5 seats = 1.2 fails', () => {
    const r = rule('waiting-area-per-seat', { zoneKinds: ['waiting'], minM2PerSeat: 1.4 });
    const seats = (n: number) => Array.from({ length: n }, (_, i) => fixture(`s${i}`, 'seat', [0.5 + i * 0.55, 0.5], 0.5, 0.5));
    const p = (n: number) => hall({ zones: [zone('w', 'waiting', rect(0, 0, 3, 2)), zone('h', 'reception', rect(3, 0, 10, 6))], fixtures: seats(n) });
    expect(run(r, p(4))).toEqual([]);
    expect(run(r, p(5))[0].measured).toBeCloseTo(1.2, 9);
  });
  it('low-counter: a 1.05 m counter alone fails with 1.05; a 0.80 low counter passes', () => {
    const r = rule('low-counter', { fixtureKinds: ['counter', 'low-counter'], maxHeightM: 0.915 });
    expect(run(r, hall({ fixtures: [counter] }))[0].measured).toBe(1.05);
    expect(run(r, hall({ fixtures: [counter, fixture('lc', 'low-counter', [7, 0.35], 1.2, 0.7, 0, { heightM: 0.8 })] }))).toEqual([]);
  });
  it('demand-capacity: 800 visits/day need more counters than 3 positions; skipped without demand', () => {
    const r = rule('demand-capacity', { channel: 'counters', fixtureKinds: ['counter'] }, { severity: 'warning', status: 'derived' });
    const sizing = sizeBranch({ ...DEFAULT_SIZING, visitsPerDay: 800 });
    const p = hall({ fixtures: [{ ...counter, attributes: { positions: 3 } }] });
    const f = run(r, p, { sizing });
    expect([f[0].measured, f[0].required]).toEqual([3, sizing.counters.servers]);
    expect(CHECKS['demand-capacity'].skipReason!(r, {})).toMatch(/no demand/);
    const enough = hall({ fixtures: [{ ...counter, attributes: { positions: sizing.counters.servers } }] });
    expect(run(r, enough, { sizing })).toEqual([]);
  });
});

describe('units: the same plan in mm, cm and m measures the same', () => {
  it('overlap and clear floor space agree across units', () => {
    const p = hall({
      outline: { polygon: rect(0, 0, 10, 6), walls: [wall('w', [1, 1.65], [5, 1.65])] },
      zones: [zone('a', 'reception', rect(0, 0, 5.5, 6)), zone('b', 'waiting', rect(5, 0, 10, 6))],
      doors: [door('main', [2, 6], [3.2, 6], ['a', 'outside'], { mainEntrance: true, exit: true })],
      fixtures: [fixture('atm', 'atm', [3, 0.375], 0.8, 0.75)],
    });
    const results = (['m', 'cm', 'mm'] as const).map((u) => {
      const loaded = loadPlan(convertPlanUnits(p, u));
      return [run(rule('zone-overlap', {}), loaded)[0].measured, run(rule('clear-floor-space', { fixtureKinds: ['atm'], widthM: 0.76, depthM: 1.22 }), loaded)[0].measured];
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0][0]).toBeCloseTo(3, 9);
    expect(results[0][1]).toBeCloseTo(0.9, 6);
  });
});

describe('enclosure-walls, accessible-device, open24h-separation, fixture-attribute', () => {
  const cashPlan = (walls: ReturnType<typeof wall>[]) => hall({
    outline: { polygon: rect(0, 0, 10, 6), walls },
    zones: [zone('hall', 'reception', rect(0, 3, 10, 6)), zone('cash', 'cash-area', rect(0, 0, 10, 3))],
  });
  const ring = [wall('n', [0, 0], [10, 0], 0.3), wall('e', [10, 0], [10, 3], 0.3), wall('w', [0, 3], [0, 0], 0.3)];
  const r = rule('enclosure-walls', { zoneKinds: ['cash-area'], minThicknessM: 0.16 });
  it('a cash area walled on every edge (≥ 0.16 m, full height) passes', () => {
    expect(run(r, cashPlan([...ring, wall('s', [0, 3], [10, 3], 0.2)]))).toEqual([]);
  });
  it('a 4 m open stretch and a 0.12 m partition are reported where they are', () => {
    const f = run(r, cashPlan([...ring, wall('s1', [0, 3], [4, 3], 0.2), wall('s2', [8, 3], [10, 3], 0.12)]));
    const gap = f.find((x) => x.message.includes('no wall'))!;
    expect(gap.measured).toBeCloseTo(4, 9);
    expect(gap.at).toEqual({ type: 'segment', a: [8, 3], b: [4, 3] });
    const thin = f.find((x) => x.elementIds[0] === 's2')!;
    expect([thin.measured, thin.required]).toEqual([0.12, 0.16]);
  });
  it('a door in the cash-area wall is not an open stretch', () => {
    const p = cashPlan([...ring, wall('s1', [0, 3], [4, 3], 0.2), wall('s2', [5, 3], [10, 3], 0.2)]);
    p.doors.push(door('dc', [4, 3], [5, 3], ['hall', 'cash'], { accessControlled: true }));
    expect(run(r, p)).toEqual([]);
  });
  it('accessible-device: two ATMs, none accessible → 0 of 1; marking one fixes it', () => {
    const ra = rule('accessible-device', { fixtureKinds: ['atm'] });
    const atms = [fixture('a1', 'atm', [2, 0.375], 0.8, 0.75), fixture('a2', 'atm', [4, 0.375], 0.8, 0.75)];
    expect(run(ra, hall({ fixtures: atms }))[0].measured).toBe(0);
    expect(run(ra, hall({ fixtures: [{ ...atms[0], attributes: { accessible: true } }, atms[1]] }))).toEqual([]);
  });
  it('open24h-separation: a 24-h lobby needs its own street door and a lockable door to the hall', () => {
    const ro = rule('open24h-separation', {});
    const p = hall({
      zones: [zone('hall', 'reception', rect(0, 0, 6, 6)), zone('lobby', 'atm-lobby', rect(6, 0, 10, 6), { open24h: true, lockable: true })],
      doors: [door('main', [2, 6], [3.2, 6], ['hall', 'outside'], { mainEntrance: true, exit: true }), door('dl', [6, 2], [6, 3], ['hall', 'lobby'], { lockable: false })],
    });
    const f = run(ro, p);
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/no exterior door/), expect.stringMatching(/not lockable/)]);
    p.doors[1].lockable = true;
    p.doors.push(door('street', [7, 6], [8, 6], ['lobby', 'outside']));
    expect(run(ro, p)).toEqual([]);
  });
  it('fixture-attribute: a cash counter 0.45 m deep fails GA 38\'s 0.50 m; glazing without voice communication fails ADA 904.6', () => {
    const rc = rule('fixture-attribute', { fixtureKinds: ['counter'], when: 'cash', minHeightM: 0.8, minDepthM: 0.5 });
    const c = fixture('c', 'counter', [5, 0.35], 1.6, 0.45, 0, { heightM: 1.05, attributes: { cash: true } });
    expect(run(rc, hall({ fixtures: [c] }))[0].measured).toBe(0.45);
    expect(run(rc, hall({ fixtures: [{ ...c, depthM: 0.7 }] }))).toEqual([]);
    const rv = rule('fixture-attribute', { fixtureKinds: ['counter'], when: 'glazed', requireTrue: ['voiceComm'] });
    expect(run(rv, hall({ fixtures: [{ ...c, attributes: { glazed: true } }] }))).toHaveLength(1);
    expect(run(rv, hall({ fixtures: [{ ...c, attributes: { glazed: true, voiceComm: true } }] }))).toEqual([]);
  });
});

describe('alarm-coverage (SEC-07)', () => {
  const r = rule('alarm-coverage', { counterKinds: ['counter'] });
  const counter = fixture('c', 'counter', [5, 0.35], 3.2, 0.7, 0, { heightM: 1.05, attributes: { cash: true, positions: 2 } });
  const alarm = (id: string, at: [number, number]) => fixture(id, 'alarm', at, 0.1, 0.1, 0, { heightM: 0.9 });
  it('two alarms at a two-position cash counter and one in the hall pass', () => {
    expect(run(r, hall({ fixtures: [counter, alarm('a1', [4.2, 0.2]), alarm('a2', [5.8, 0.2]), alarm('h', [8, 5])] }))).toEqual([]);
  });
  it('one alarm for two positions, none in the hall: two findings, measured 1 of 2', () => {
    const f = run(r, { ...hall({ fixtures: [counter, alarm('a1', [4.2, 0.2]), alarm('far', [5, 3])] }), zones: [zone('hall', 'reception', rect(0, 1, 10, 6)), zone('cash', 'cash-area', rect(0, 0, 10, 1))] });
    const atCounter = f.find((x) => x.elementIds[0] === 'c')!;
    expect([atCounter.measured, atCounter.required]).toEqual([1, 2]);
    expect(atCounter.message).toMatch(/^Counter "c" has 1 emergency alarm within 1\.50 m for 2 positions/);
    // 'far' is 1.95 m from the counter (outside 1.5 m) but it is in the customer hall, so only the counter fails
    expect(f).toHaveLength(1);
  });
});

describe('through-wall-device (SEC-09) and entrance-sightline (SEC-06)', () => {
  const pod = (atmY: number, inLoading = true) => plan({
    outline: { polygon: rect(0, 0, 7, 5), walls: [wall('w', [0, 2], [7, 2], 0.24)] },
    zones: [zone('load', 'cash-loading', rect(0, 0, 7, 2)), zone('lobby', 'atm-lobby', rect(0, 2, 7, 5), { open24h: true })],
    doors: [door('main', [3, 5], [4.2, 5], ['lobby', 'outside'], { mainEntrance: true, exit: true })],
    fixtures: [fixture('atm', 'atm', [2, inLoading ? atmY : 2.6], 0.8, 0.75, 0, { attributes: { throughWall: true } })],
  });
  const rt = rule('through-wall-device', { fixtureKinds: ['atm'], backKinds: ['cash-loading'] });
  it('an ATM whose front sits on the lobby/loading wall passes; one standing free in the lobby fails', () => {
    expect(run(rt, pod(2 - 0.375))).toEqual([]);
    const f = run(rt, pod(0, false));
    expect(f).toHaveLength(1);
    expect(f[0].measured).toBeCloseTo(0.975, 6); // front at y = 2.975, 0.975 m from the shared wall
  });
  it('a cash counter in line with the main entrance is reported with its distance; one beside it is not', () => {
    const rs = rule('entrance-sightline', { fixtureKinds: ['counter'] });
    const c = (x: number) => fixture('c', 'counter', [x, 0.35], 1.6, 0.7, 0, { attributes: { cash: true } });
    const f = run(rs, hall({ fixtures: [c(4.6)] })); // entrance x 4–5.2 at y = 6
    expect(f).toHaveLength(1);
    expect(f[0].measured).toBeCloseTo(5.3, 9); // counter front at y = 0.7
    expect(run(rs, hall({ fixtures: [c(8)] }))).toEqual([]);
    expect(run(rs, hall({ fixtures: [c(2.2)] }))).toEqual([]); // its edge touches x = 3.0 < 4: clear
  });
});
