import { describe, expect, it } from 'vitest';
import { fixtureFootprint, fixtureFrontNormal, rotatePoint } from './geometry';

describe('rotations of any finite size stay finite (was bug: rotationDeg 1e308 → NaN footprints)', () => {
  it('1e308° is reduced modulo 360 first (1e308 mod 360 = 1e308 % 360 exactly) and gives finite corners', () => {
    const f = { at: [1, 1] as [number, number], widthM: 0.8, depthM: 0.8, rotationDeg: 1e308 };
    const corners = fixtureFootprint(f);
    for (const [x, y] of corners) { expect(Number.isFinite(x)).toBe(true); expect(Number.isFinite(y)).toBe(true); }
    const same = fixtureFootprint({ ...f, rotationDeg: 1e308 % 360 });
    corners.forEach((c, i) => { expect(c[0]).toBeCloseTo(same[i][0], 12); expect(c[1]).toBeCloseTo(same[i][1], 12); });
    const n = fixtureFrontNormal(f);
    expect(Math.hypot(n[0], n[1])).toBeCloseTo(1, 12);
  });
  it('90° + 3·360° turns (1, 0) to (0, 1) like 90° (clockwise on screen, y down); small angles are unchanged', () => {
    const p = rotatePoint([1, 0], 90 + 3 * 360);
    expect(p[0]).toBeCloseTo(0, 12);
    expect(p[1]).toBeCloseTo(1, 12);
    expect(rotatePoint([2, 0], 30)).toEqual([2 * Math.cos(Math.PI / 6), 2 * Math.sin(Math.PI / 6)]);
    expect(rotatePoint([2, 0], -30)).toEqual([2 * Math.cos(-Math.PI / 6), 2 * Math.sin(-Math.PI / 6)]);
  });
});
