import { describe, expect, it } from 'vitest';
import { preparePlan } from '../prepare';
import { clearWidth } from './clearWidth';
import { door, fixture, plan, rect, zone } from '../testing/planBuilder';
import type { RuleOf } from '../ruleSet';
import { rotatePoint } from '../../floorplan/geometry';

const rule = (minWidthM: number): RuleOf<'clear-width'> => ({
  id: 'T-CW', kind: 'clear-width', title: 't', appliesTo: { customerZones: true }, branchTypes: ['*'],
  params: { minWidthM, minZoneAreaM2: 1, minWideAreaM2: 0.25 }, severity: 'error', source: { document: 'd', clause: 'c' }, status: 'verified',
});

/** Two 5 × 5 halls joined by a corridor of the given width (centred at y = 5), 4 m long. */
function dumbbell(widthM: number, rotateDeg = 0) {
  const rot = (r: [number, number][]) => r.map((p) => rotatePoint(p, rotateDeg, [7, 5]));
  return plan({
    outline: { polygon: rot(rect(-1, -1, 15, 11)), walls: [] },
    zones: [
      zone('hallA', 'waiting', rot(rect(0, 2.5, 5, 7.5))),
      zone('corr', 'circulation', rot(rect(5, 5 - widthM / 2, 9, 5 + widthM / 2))),
      zone('hallB', 'reception', rot(rect(9, 2.5, 14, 7.5))),
    ],
    doors: [door('entry', rot([[0, 4]])[0], rot([[0, 6]])[0], ['hallA', 'outside'], { mainEntrance: true, exit: true })],
  });
}

describe('clear-width (CLEARW: erode by half the width, stay connected)', () => {
  it('a 0.80 m neck in a corridor is reported AT the neck with its width', () => {
    const f = clearWidth.run(rule(1.2), preparePlan(dumbbell(0.8)), {});
    expect(f).toHaveLength(1);
    expect(f[0].measured).toBeCloseTo(0.8, 3);
    expect(f[0].required).toBe(1.2);
    expect(f[0].zoneIds).toEqual(['corr']);
    expect(f[0].at.type).toBe('segment');
    if (f[0].at.type === 'segment') {
      // the measuring segment spans the corridor: x inside the corridor, y from 4.6 to 5.4
      const xs = [f[0].at.a[0], f[0].at.b[0]], ys = [f[0].at.a[1], f[0].at.b[1]].sort();
      expect(xs[0]).toBeGreaterThan(5 - 1e-9); expect(xs[0]).toBeLessThan(9 + 1e-9);
      expect(ys[0]).toBeCloseTo(4.6, 6); expect(ys[1]).toBeCloseTo(5.4, 6);
    }
  });
  it('a 1.25 m corridor passes a 1.20 m rule; exactly 1.20 m passes too', () => {
    expect(clearWidth.run(rule(1.2), preparePlan(dumbbell(1.25)), {})).toEqual([]);
    expect(clearWidth.run(rule(1.2), preparePlan(dumbbell(1.2)), {})).toEqual([]);
  });
  it('a 1.15 m corridor fails by its exact width', () => {
    const f = clearWidth.run(rule(1.2), preparePlan(dumbbell(1.15)), {});
    expect(f).toHaveLength(1);
    expect(f[0].zoneIds).toEqual(['corr']);
    expect(Math.abs(f[0].measured! - 1.15)).toBeLessThan(0.01);
  });
  it('rotated 30°: the neck is measured square to its walls, not by its bounding box', () => {
    const f = clearWidth.run(rule(1.2), preparePlan(dumbbell(0.8, 30)), {});
    expect(f).toHaveLength(1);
    // grid-located, ray-measured: within 1 cm (the bounding box would read 0.8/cos30 + … ≈ 2.4 m)
    expect(Math.abs(f[0].measured! - 0.8)).toBeLessThan(0.01);
    expect(f[0].zoneIds).toEqual(['corr']);
  });
  it('a fixture pinching a wide corridor makes the neck between it and the wall', () => {
    const p = dumbbell(2.0);
    // a 1.3 m deep counter against the corridor's upper wall (y 4..5.3) leaves 0.7 m
    p.fixtures.push(fixture('kiosk', 'kiosk', [7, 4.65], 0.6, 1.3));
    const f = clearWidth.run(rule(0.915), preparePlan(p), {});
    expect(f).toHaveLength(1);
    expect(Math.abs(f[0].measured! - 0.7)).toBeLessThan(0.01);
    expect(f[0].zoneIds).toEqual(['corr']);
  });
  it('a zone entirely narrower than required is reported eroded away, never a crash', () => {
    const p = plan({
      outline: { polygon: rect(0, 0, 10, 10), walls: [] },
      zones: [zone('slot', 'circulation', rect(1, 1, 9, 1.9))],
      doors: [door('e', [0, 1], [0, 1.9], ['slot', 'outside'], { mainEntrance: true })],
    });
    const f = clearWidth.run(rule(1.2), preparePlan(p), {});
    expect(f).toHaveLength(1);
    expect(f[0].zoneIds).toEqual(['slot']);
    expect(f[0].measured).toBeCloseTo(0.9, 3);
    // and a zone fully covered by a fixture
    p.fixtures.push(fixture('block', 'cabinet', [5, 1.45], 8.2, 1.0));
    const g = clearWidth.run(rule(1.2), preparePlan(p), {});
    expect(g).toHaveLength(1);
    expect(g[0].measured).toBe(0);
  });
});

describe('clear-width on a freshly drawn empty zone', () => {
  it('an empty 2.8 × 2.1 m zone has nothing wrong: no "widest 0.00 m", inside free floor or drawn over a hall', () => {
    const base = dumbbell(1.5);
    const free = { ...base, zones: [...base.zones, zone('new', 'waiting', rect(0.5, 8, 3.3, 10.1))] };
    expect(clearWidth.run(rule(0.915), preparePlan(free), {}).filter((f) => f.zoneIds.includes('new'))).toEqual([]);
    const over = { ...base, zones: [...base.zones, zone('new', 'waiting', rect(1, 3, 3.8, 5.1))] };
    expect(clearWidth.run(rule(0.915), preparePlan(over), {}).filter((f) => f.zoneIds.includes('new'))).toEqual([]);
  });
});
