import { describe, expect, it } from 'vitest';
import { boxesOverlap, groupCrowded, layoutBadges } from './badgeLayout';

describe('finding badges never cover each other', () => {
  it('places 12 badges anchored on the same few points pairwise disjoint, each near its anchor', () => {
    const reqs = Array.from({ length: 12 }, (_, k) => ({ keys: [k], anchor: [200 + (k % 3) * 10, 150 + (k % 2) * 5] as [number, number], width: 90 + k * 3, height: 17 }));
    const placed = layoutBadges(reqs);
    expect(placed).toHaveLength(12);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(boxesOverlap(placed[i], placed[j]), `${i}/${j}`).toBe(false);
    for (const p of placed) expect(Math.hypot(p.x + p.width / 2 - p.anchor[0], p.y + p.height / 2 - p.anchor[1])).toBeLessThan(400);
  });
  it('the first badge goes right above its anchor, clear of a zone label when one sits there', () => {
    const [a] = layoutBadges([{ keys: [0], anchor: [100, 100], width: 60, height: 17 }]);
    expect([a.x, a.y]).toEqual([70, 100 - 19 - 8.5]);
    const [b] = layoutBadges([{ keys: [0], anchor: [100, 100], width: 60, height: 17 }], { avoid: [{ x: 60, y: 60, width: 80, height: 35 }] });
    expect(boxesOverlap(b, { x: 60, y: 60, width: 80, height: 35 })).toBe(false);
    expect(b.y).toBeGreaterThan(100); // below the anchor instead
  });
  it('groups a zone with more than 3 findings into one badge; whole-plan findings stay single', () => {
    const r = (key: number, group: string) => ({ key, anchor: [key * 10, 0] as [number, number], width: 50, height: 17, group });
    const out = groupCrowded([r(0, 'z1'), r(1, 'z1'), r(2, 'z1'), r(3, 'z1'), r(4, 'z2'), r(5, ''), r(6, ''), r(7, ''), r(8, '')], 3, (n) => 40 + n);
    expect(out.map((b) => b.keys)).toEqual([[0, 1, 2, 3], [4], [5], [6], [7], [8]]);
    expect(out[0].anchor).toEqual([15, 0]);
    expect(out[0].width).toBe(44);
  });
  it('atAnchor: a marker sits on its spot when free, the next one on the same spot moves off it', () => {
    const m = (key: number, atAnchor?: boolean) => ({ keys: [key], anchor: [100, 100] as [number, number], width: 20, height: 20, atAnchor });
    const [a, b] = layoutBadges([m(0), m(1)], { atAnchor: true, gap: 2 });
    expect([a.x, a.y]).toEqual([90, 90]);
    expect(boxesOverlap(a, b, 2)).toBe(false);
    // a badge's own flag wins over the option
    const [c] = layoutBadges([m(2, false)], { atAnchor: true });
    expect([c.x, c.y]).not.toEqual([90, 90]);
  });
});
