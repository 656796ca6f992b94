import { describe, expect, it } from 'vitest';
import { migratePlan } from './migrate';
import { parsePlan } from './load';

const v1 = (zones: unknown[]) => ({ type: 'outlet-planner/floorplan', version: 1, units: 'cm', zones });

describe('migratePlan v1 → v2: bad zones and large zones', () => {
  it('the outline is the bounding rectangle of the finite vertices, skipping malformed zones and vertices', () => {
    const out = migratePlan(v1([
      { id: 'a', type: 'waiting', points: [[-50, 20], [300, 20], [300, 400]] },
      null, 7, { id: 'b', type: 'waiting', points: [[10, 'x'], null, [1000, -30]] },
    ]));
    expect(out.outline).toEqual({ polygon: [[-50, -30], [1000, -30], [1000, 400], [-50, 400]], walls: [] });
    expect((out.zones as unknown[])[1]).toBeNull();
    expect((out.zones as unknown[])[2]).toBe(7);
  });
  it('zones [null] is an issue on zones.0, not a TypeError', () => {
    const r = parsePlan(v1([null]));
    expect(r.plan).toBeUndefined();
    expect(r.issues.map((i) => i.path)).toContain('zones.0');
  });
  it('a 200,000-vertex v1 zone migrates (the bounding box is computed with loops, not Math.min(...xs))', () => {
    const points = Array.from({ length: 200_000 }, (_, i) => [i % 1000, Math.floor(i / 1000)]);
    const out = migratePlan(v1([{ id: 'z', type: 'waiting', points }]));
    expect((out.outline as { polygon: number[][] }).polygon).toEqual([[0, 0], [999, 0], [999, 199], [0, 199]]);
  });
});
