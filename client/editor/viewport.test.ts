import { describe, expect, it } from 'vitest';
import { fitBounds, formatAreaM2, formatLengthM, panBy, scaleBar, screenToWorld, wheelZoomFactor, worldToScreen, zoomAbout, type Viewport } from './viewport';

const v: Viewport = { pxPerM: 50, offsetXPx: 100, offsetYPx: 20 };

describe('viewport', () => {
  it('maps metres to pixels and back', () => {
    expect(worldToScreen(v, [2, 3])).toEqual([200, 170]);
    expect(screenToWorld(v, [200, 170])).toEqual([2, 3]);
    expect(screenToWorld(v, worldToScreen(v, [-1.23, 7.5]))).toEqual([-1.23, 7.5]);
  });

  it('zooms about the cursor keeping the point under it fixed', () => {
    const anchor: [number, number] = [333, 222];
    const before = screenToWorld(v, anchor);
    const z = zoomAbout(v, anchor, 2);
    expect(z.pxPerM).toBe(100);
    const after = screenToWorld(z, anchor);
    expect(after[0]).toBeCloseTo(before[0], 12);
    expect(after[1]).toBeCloseTo(before[1], 12);
  });

  it('clamps zoom', () => {
    expect(zoomAbout(v, [0, 0], 1e6).pxPerM).toBe(2000);
    expect(zoomAbout(v, [0, 0], 1e-6).pxPerM).toBe(2);
  });

  it('pans by a screen delta', () => {
    expect(panBy(v, 10, -5)).toEqual({ pxPerM: 50, offsetXPx: 110, offsetYPx: 15 });
  });

  it('wheel up zooms in, wheel down zooms out', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100)).toBeLessThan(1);
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1, 12);
  });

  it('fits a 20 × 10 m box in 1000 × 600 px with 50 px margins', () => {
    const f = fitBounds([0, 0, 20, 10], 1000, 600, 50);
    // width limits: 900 / 20 = 45 px/m; height 500 / 10 = 50 → 45
    expect(f.pxPerM).toBe(45);
    expect(worldToScreen(f, [10, 5])).toEqual([500, 300]);
  });
  it('fits with more room at the bottom: a 15 × 10 m plan in 980 × 596 px clears the 84 px under it', () => {
    const f = fitBounds([0, 0, 15, 10], 980, 596, { top: 48, right: 48, bottom: 84, left: 48 });
    // height-limited: (596 − 48 − 84) / 10 = 46.4 px/m
    expect(f.pxPerM).toBeCloseTo(46.4, 9);
    expect(worldToScreen(f, [0, 0])[1]).toBeCloseTo(48, 9);
    expect(worldToScreen(f, [0, 10])[1]).toBeCloseTo(596 - 84, 9);
    // centred across: (980 − 15 × 46.4) / 2 = 142 px each side
    expect(worldToScreen(f, [0, 0])[0]).toBeCloseTo(142, 9);
  });

  it('scale bar picks the largest 1-2-5 length that fits', () => {
    // 50 px/m, 120 px → 2.4 m → 2 m = 100 px
    expect(scaleBar(v, 120)).toEqual({ lengthM: 2, lengthPx: 100, label: '2 m' });
    // 400 px/m, 120 px → 0.3 m → 0.2 m = 80 px
    const s = scaleBar({ ...v, pxPerM: 400 }, 120);
    expect(s.lengthM).toBeCloseTo(0.2, 12);
    expect(s.lengthPx).toBeCloseTo(80, 9);
    expect(s.label).toBe('20 cm');
    // 5 px/m → 24 m → 20 m
    expect(scaleBar({ ...v, pxPerM: 5 }, 120).label).toBe('20 m');
  });

  it('formats lengths and areas', () => {
    expect(formatLengthM(3.25)).toBe('3.25 m');
    expect(formatLengthM(4)).toBe('4 m');
    expect(formatLengthM(0.8)).toBe('80 cm');
    expect(formatLengthM(0.915)).toBe('91.5 cm');
    expect(formatAreaM2(12.345)).toBe('12.3 m²');
  });
});
