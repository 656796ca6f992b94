import { describe, expect, it } from 'vitest';
import v2 from './fixtures/plan.v2.json';
import { loadPlan } from './load';
import {
  addFixture, addZone, applyCommand, CommandError, deleteElements, duplicateElements, findElement, moveElements, moveVertex,
  resizeElements, rotateElements, setEdgeLength, setProperties, setZoneVertices, type PlanCommand,
} from './commands';
import { PlanHistory } from './history';
import { polygonAreaM2 } from './geometry';
import type { Fixture, Zone } from './model';

const base = loadPlan(v2);
const newZone: Zone = { id: 'z-new', kind: 'consultation', name: 'Advice 1', polygon: [[0, 0], [3, 0], [3, 2.5], [0, 2.5]], attributes: {} };
const newSeat: Fixture = { id: 'f-seat-2', kind: 'seat', name: '', at: [2, 2], widthM: 0.5, depthM: 0.5, rotationDeg: 0, heightM: 0.45, attributes: {} };

/** Every command kind, applied to the fixture plan. */
const commands: [string, PlanCommand][] = [
  ['addZone', { type: 'addZone', zone: newZone }],
  ['addZone at index', { type: 'addZone', zone: newZone, index: 1 }],
  ['addDoor', { type: 'addDoor', door: { ...base.doors[0], id: 'd-2', a: [0, 2], b: [0, 3] } }],
  ['addFixture', { type: 'addFixture', fixture: newSeat }],
  ['addWall', { type: 'addWall', wall: { ...base.outline.walls[4], id: 'w-2', a: [6, 0], b: [6, 3] } }],
  ['deleteElements (mixed, middle of lists)', { type: 'deleteElements', ids: ['z-cash', 'f-counter', 'w-e', 'd-main'] }],
  ['moveElements', { type: 'moveElements', ids: ['z-hall', 'd-main', 'f-seat', 'w-cash'], dxM: 0.1, dyM: -0.2 }],
  ['moveVertex', { type: 'moveVertex', zoneId: 'z-back', index: 2, to: [10.3, 6.7] }],
  ['insertVertex', { type: 'insertVertex', zoneId: 'z-hall', index: 2, at: [6, 3] }],
  ['deleteVertex', { type: 'deleteVertex', zoneId: 'z-hall', index: 0 }],
  ['setZoneVertices', { type: 'setZoneVertices', zoneId: 'z-cash', polygon: [[6, 0], [10, 0], [10, 3.3]] }],
  ['rotateElements', { type: 'rotateElements', ids: ['z-cash', 'f-counter', 'd-cash'], about: [8, 1.5], angleDeg: 33 }],
  ['resizeElements', { type: 'resizeElements', ids: ['z-hall', 'f-seat'], fromBox: { minX: 0, minY: 0, maxX: 6, maxY: 6 }, toBox: { minX: 0, minY: 0, maxX: 7.5, maxY: 4 } }],
  ['setEdgeLength', { type: 'setEdgeLength', zoneId: 'z-hall', edgeIndex: 0, lengthM: 6.37 }],
  ['duplicateElements', { type: 'duplicateElements', ids: ['z-hall', 'd-main', 'f-seat'], offset: [0.5, 0.5] }],
  ['setProperties (zone attributes)', { type: 'setProperties', id: 'z-hall', patch: { name: 'Main hall', attributes: { open24h: true, ceilingHeightM: undefined } } }],
  ['setProperties (door flags)', { type: 'setProperties', id: 'd-main', patch: { clearWidthM: 1.2, accessControlled: true } }],
  ['setPlanProperties', { type: 'setPlanProperties', patch: { name: 'Renamed', branchType: 'flagship', siteId: 'site-9' } }],
  ['setOutline', { type: 'setOutline', outline: { polygon: [[0, 0], [11, 0], [11, 6], [0, 6]] } }],
  ['moveOutlineVertex', { type: 'moveOutlineVertex', index: 2, to: [10.5, 6.4] }],
  ['insertOutlineVertex', { type: 'insertOutlineVertex', index: 1, at: [4, 0] }],
  ['deleteOutlineVertex', { type: 'deleteOutlineVertex', index: 3 }],
  ['setOutlineEdgeLength', { type: 'setOutlineEdgeLength', edgeIndex: 0, lengthM: 12.25 }],
  ['setProperties (wall thickness and flags)', { type: 'setProperties', id: 'w-e', patch: { thicknessM: 0.25, glazed: true, fullHeight: false } }],
  ['batch', { type: 'batch', commands: [{ type: 'addZone', zone: newZone }, { type: 'moveElements', ids: ['z-new'], dxM: 1, dyM: 1 }, { type: 'deleteElements', ids: ['z-back'] }] }],
];

describe('every command has an exact inverse', () => {
  for (const [name, cmd] of commands) {
    it(name, () => {
      const before = structuredClone(base);
      const r = applyCommand(base, cmd);
      expect(r.plan).not.toEqual(base);
      expect(base).toEqual(before); // pure: input untouched
      const back = applyCommand(r.plan, r.inverse);
      expect(back.plan).toEqual(base);
      // the inverse of the inverse redoes the edit
      expect(applyCommand(back.plan, back.inverse).plan).toEqual(r.plan);
    });
  }
});

describe('command values', () => {
  it('moves every element kind by the delta', () => {
    const { plan } = moveElements(base, ['z-hall', 'd-main', 'f-seat', 'w-cash'], 1, 2);
    expect(plan.zones[0].polygon[2]).toEqual([7, 8]);
    expect(plan.doors[0].a).toEqual([3, 8]);
    expect(plan.fixtures[1].at).toEqual([2, 3]);
    expect(plan.outline.walls[4].b).toEqual([11, 5]);
  });

  it('rotating a fixture turns its rotationDeg (never a scale) and its position about the pivot', () => {
    const { plan } = rotateElements(base, ['f-counter'], [6, 0], 90);
    const f = plan.fixtures[0];
    expect(f.rotationDeg).toBe(180);
    expect(f.at[0]).toBeCloseTo(4.5, 12);
    expect(f.at[1]).toBeCloseTo(0, 12);
    expect([f.widthM, f.depthM]).toEqual([1.8, 0.6]);
    expect(rotateElements(base, ['f-seat'], [1, 1], -30).plan.fixtures[1].rotationDeg).toBe(330);
  });

  it('setEdgeLength keeps a rectangle rectangular and sets the typed width exactly', () => {
    const { plan } = setEdgeLength(base, 'z-hall', 0, 4.25);
    expect(plan.zones[0].polygon).toEqual([[0, 0], [4.25, 0], [4.25, 6], [0, 6]]);
    expect(polygonAreaM2(plan.zones[0].polygon)).toBe(25.5);
    // a non-rectangular neighbour: only the end vertex moves
    const tri = setZoneVertices(base, 'z-back', [[6, 3], [10, 3], [8, 6]]).plan;
    expect(setEdgeLength(tri, 'z-back', 0, 2).plan.zones[2].polygon).toEqual([[6, 3], [8, 3], [8, 6]]);
  });

  it('setEdgeLength on a rotated rectangle keeps it rectangular', () => {
    const rotated = rotateElements(base, ['z-hall'], [3, 3], 30).plan;
    const out = setEdgeLength(rotated, 'z-hall', 0, 2).plan;
    expect(polygonAreaM2(out.zones[0].polygon)).toBeCloseTo(12, 9);
  });

  it('setEdgeLength still keeps a rotated rectangle rectangular when its vertices were rounded to 0.1 mm', () => {
    const rotated = rotateElements(base, ['z-hall'], [3, 3], 30).plan;
    const rounded = rotated.zones[0].polygon.map((p) => [Math.round(p[0] * 1e4) / 1e4, Math.round(p[1] * 1e4) / 1e4] as [number, number]);
    const out = setEdgeLength(setZoneVertices(rotated, 'z-hall', rounded).plan, 'z-hall', 0, 2).plan;
    expect(polygonAreaM2(out.zones[0].polygon)).toBeCloseTo(12, 3);
  });

  it('resize stores dimensions: a seat scaled 1.25 × 2/3 by the box gets widthM/depthM, no scale field', () => {
    const { plan } = resizeElements(base, ['f-seat'], { minX: 0, minY: 0, maxX: 2, maxY: 3 }, { minX: 0, minY: 0, maxX: 2.5, maxY: 2 });
    const seat = plan.fixtures[1];
    expect(seat.widthM).toBeCloseTo(0.625, 12);
    expect(seat.depthM).toBeCloseTo(0.5 * 2 / 3, 12);
    expect(seat.at).toEqual([1.25, 1 * 2 / 3]);
    expect(Object.keys(seat)).not.toContain('scaleX');
    // a counter rotated 90°: the box's x-stretch lengthens its depth, not its width
    const c = resizeElements(base, ['f-counter'], { minX: 0, minY: 0, maxX: 10, maxY: 6 }, { minX: 0, minY: 0, maxX: 20, maxY: 6 }).plan.fixtures[0];
    expect(c.widthM).toBeCloseTo(1.8, 12);
    expect(c.depthM).toBeCloseTo(1.2, 12);
  });

  it('duplicates with fresh ids, remapping a copied door to the copied zone', () => {
    const { plan } = duplicateElements(base, ['z-hall', 'd-main'], [0.5, 0]);
    expect(plan.zones.map((z) => z.id)).toEqual(['z-hall', 'z-cash', 'z-back', 'z-hall-copy']);
    expect(plan.doors.at(-1)).toMatchObject({ id: 'd-main-copy', connects: ['z-hall-copy', 'outside'], a: [2.5, 6] });
    const again = duplicateElements(plan, ['z-hall'], [1, 0]).plan;
    expect(again.zones.at(-1)!.id).toBe('z-hall-copy-2');
  });

  it('delete then inverse restores each element at its old index', () => {
    const { plan, inverse } = deleteElements(base, ['z-cash', 'f-seat']);
    expect(plan.zones.map((z) => z.id)).toEqual(['z-hall', 'z-back']);
    const back = applyCommand(plan, inverse).plan;
    expect(back.zones.map((z) => z.id)).toEqual(['z-hall', 'z-cash', 'z-back']);
    expect(findElement(back, 'f-seat')?.index).toBe(1);
  });

  it('moveVertex keeps an explicit closing vertex closed', () => {
    const closed = setZoneVertices(base, 'z-cash', [[6, 0], [10, 0], [10, 3], [6, 3], [6, 0]]).plan;
    const out = moveVertex(closed, 'z-cash', 0, [5.5, 0]).plan;
    expect(out.zones[1].polygon[4]).toEqual([5.5, 0]);
  });

  it('rejects misuse with CommandError', () => {
    expect(() => moveElements(base, ['nope'], 1, 1)).toThrow(CommandError);
    expect(() => addZone(base, { ...newZone, id: 'z-hall' })).toThrow(/already used/);
    expect(() => addFixture(base, { ...newSeat, widthM: -1 })).toThrow(/widthM/);
    expect(() => setProperties(base, 'd-main', { clearWidthM: 0 })).toThrow(/clearWidthM/);
    expect(() => setProperties(base, 'd-main', { id: 'x' })).toThrow(/id/);
    expect(() => setZoneVertices(base, 'z-hall', [[0, 0], [1, 1]])).toThrow(/3/);
    expect(() => setEdgeLength(base, 'f-seat', 0, 1)).toThrow(/not a zone/);
    expect(() => setEdgeLength(base, 'z-hall', 0, -1)).toThrow(/positive/);
  });
});

describe('PlanHistory', () => {
  it('undo/redo a sequence of edits back to each state', () => {
    const h = new PlanHistory();
    const s0 = base;
    const s1 = h.execute(s0, { type: 'addZone', zone: newZone });
    const s2 = h.execute(s1, { type: 'setEdgeLength', zoneId: 'z-new', edgeIndex: 0, lengthM: 4 });
    const s3 = h.execute(s2, { type: 'deleteElements', ids: ['z-cash'] });
    expect(h.depth()).toBe(3);
    expect(h.undo(s3)).toEqual(s2);
    expect(h.undo(s2)).toEqual(s1);
    expect(h.canRedo()).toBe(true);
    expect(h.redo(s1)).toEqual(s2);
    expect(h.undo(s2)).toEqual(s1);
    expect(h.undo(s1)).toEqual(s0);
    expect(h.canUndo()).toBe(false);
    expect(h.undo(s0)).toBe(s0); // nothing to undo
    expect(h.redo(s0)).toEqual(s1);
    expect(h.redo(s1)).toEqual(s2);
    expect(h.redo(s2)).toEqual(s3);
    expect(h.canRedo()).toBe(false);
  });

  it('a new edit after undo clears redo', () => {
    const h = new PlanHistory();
    const s1 = h.execute(base, { type: 'addZone', zone: newZone });
    const s0 = h.undo(s1);
    h.execute(s0, { type: 'moveElements', ids: ['z-hall'], dxM: 1, dyM: 0 });
    expect(h.canRedo()).toBe(false);
    expect(h.depth()).toBe(1);
  });

  it('a drag of many moves is one undo step', () => {
    const h = new PlanHistory();
    h.beginGesture('drag');
    let p = base;
    for (let i = 0; i < 20; i++) p = h.execute(p, { type: 'moveElements', ids: ['z-hall', 'f-seat'], dxM: 0.05, dyM: 0.01 });
    h.endGesture();
    expect(h.depth()).toBe(1);
    expect(p.fixtures[1].at[0]).toBeCloseTo(2, 12);
    const undone = h.undo(p);
    expect(undone).toEqual(base);
    expect(h.redo(undone)).toEqual(p);
  });

  it('an empty gesture records nothing; maxDepth drops the oldest', () => {
    const h = new PlanHistory(2);
    h.beginGesture(); h.endGesture();
    expect(h.depth()).toBe(0);
    let p = base;
    for (let i = 0; i < 3; i++) p = h.execute(p, { type: 'moveElements', ids: ['z-hall'], dxM: 1, dyM: 0 });
    expect(h.depth()).toBe(2);
    p = h.undo(h.undo(p));
    expect(p.zones[0].polygon[0]).toEqual([1, 0]);
  });
});

describe('outline commands (vertices, sides, and the walls on them)', () => {
  it('moving an outline corner takes the two envelope walls meeting there with it, nothing else', () => {
    const { plan } = applyCommand(base, { type: 'moveOutlineVertex', index: 2, to: [10.5, 6.4] });
    expect(plan.outline.polygon).toEqual([[0, 0], [10, 0], [10.5, 6.4], [0, 6]]);
    const w = Object.fromEntries(plan.outline.walls.map((x) => [x.id, x]));
    expect(w['w-e'].b).toEqual([10.5, 6.4]);
    expect(w['w-s'].a).toEqual([10.5, 6.4]);
    expect(w['w-n']).toBe(base.outline.walls[0]); // untouched walls are the same objects
    expect(w['w-cash']).toBe(base.outline.walls[4]);
  });

  it('typing a side length moves its far corner (and keeps the rectangle rectangular); walls follow', () => {
    const { plan } = applyCommand(base, { type: 'setOutlineEdgeLength', edgeIndex: 0, lengthM: 12.25 });
    expect(plan.outline.polygon).toEqual([[0, 0], [12.25, 0], [12.25, 6], [0, 6]]);
    expect(polygonAreaM2(plan.outline.polygon)).toBeCloseTo(73.5, 12);
    const w = Object.fromEntries(plan.outline.walls.map((x) => [x.id, x]));
    expect(w['w-n'].b).toEqual([12.25, 0]);
    expect(w['w-e'].a).toEqual([12.25, 0]);
    expect(w['w-e'].b).toEqual([12.25, 6]);
    expect(w['w-s'].a).toEqual([12.25, 6]);
  });

  it('adding a corner on a side splits the wall along it in two, same thickness and flags; removing it merges them back', () => {
    const r = applyCommand(base, { type: 'insertOutlineVertex', index: 1, at: [4, 0] });
    expect(r.plan.outline.polygon).toEqual([[0, 0], [4, 0], [10, 0], [10, 6], [0, 6]]);
    const n1 = r.plan.outline.walls.find((w) => w.id === 'w-n')!;
    const n2 = r.plan.outline.walls.find((w) => w.id === 'w-n-b')!;
    expect([n1.a, n1.b, n2.a, n2.b]).toEqual([[0, 0], [4, 0], [4, 0], [10, 0]]);
    expect([n2.thicknessM, n2.glazed, n2.exterior]).toEqual([0.3, true, true]);
    // move the new corner out: both halves follow it
    const moved = applyCommand(r.plan, { type: 'moveOutlineVertex', index: 1, to: [4, -1] }).plan;
    expect(moved.outline.walls.find((w) => w.id === 'w-n')!.b).toEqual([4, -1]);
    expect(moved.outline.walls.find((w) => w.id === 'w-n-b')!.a).toEqual([4, -1]);
    // delete it again: one wall from (0,0) to (10,0)
    const del = applyCommand(r.plan, { type: 'deleteOutlineVertex', index: 1 }).plan;
    expect(del.outline.polygon).toEqual([[0, 0], [10, 0], [10, 6], [0, 6]]);
    expect(del.outline.walls.filter((w) => w.a[1] === 0 && w.b[1] === 0).map((w) => [w.id, w.a, w.b])).toEqual([['w-n', [0, 0], [10, 0]]]);
  });

  it('refuses impossible outline edits with a CommandError', () => {
    const tri = applyCommand(base, { type: 'deleteOutlineVertex', index: 0 }).plan;
    expect(() => applyCommand(tri, { type: 'deleteOutlineVertex', index: 0 })).toThrow(CommandError);
    expect(() => applyCommand(base, { type: 'moveOutlineVertex', index: 4, to: [1, 1] })).toThrow(/no vertex 4/);
    expect(() => applyCommand(base, { type: 'insertOutlineVertex', index: 0, at: [1, 1] })).toThrow(CommandError);
    expect(() => applyCommand(base, { type: 'setOutlineEdgeLength', edgeIndex: 9, lengthM: 3 })).toThrow(/no edge 9/);
    expect(() => applyCommand(base, { type: 'setOutlineEdgeLength', edgeIndex: 0, lengthM: -3 })).toThrow(CommandError);
    expect(() => applyCommand(base, { type: 'setProperties', id: 'w-e', patch: { thicknessM: 0 } })).toThrow(CommandError);
  });

  it('outline edits undo and redo as one history step each', () => {
    const h = new PlanHistory(50);
    let p = h.execute(base, { type: 'setOutlineEdgeLength', edgeIndex: 1, lengthM: 7 }, 'a');
    p = h.execute(p, { type: 'setProperties', id: 'w-s', patch: { glazed: true } }, 'b');
    expect(p.outline.polygon).toEqual([[0, 0], [10, 0], [10, 7], [0, 7]]);
    expect(p.outline.walls.find((w) => w.id === 'w-s')).toMatchObject({ a: [10, 7], b: [0, 7], glazed: true });
    p = h.undo(p);
    expect(p.outline.walls.find((w) => w.id === 'w-s')!.glazed).toBe(false);
    p = h.undo(p);
    expect(p).toEqual(base);
    p = h.redo(h.redo(p));
    expect(p.outline.walls.find((w) => w.id === 'w-s')).toMatchObject({ a: [10, 7], b: [0, 7], glazed: true });
  });
});
