import { describe, expect, it } from 'vitest';
import { tooltipTransform } from './tooltipPlacement';

describe('tooltipTransform', () => {
  it('opens towards the room: right/below in the top-left quarter, left/above in the bottom-right', () => {
    expect(tooltipTransform(100, 80, 700, 900)).toBe('translate(100px, 80px) translate(12px, 12px)');
    expect(tooltipTransform(650.4, 700, 700, 900)).toBe('translate(650px, 700px) translate(calc(-100% - 12px), calc(-100% - 12px))');
    expect(tooltipTransform(651, 100, 700, 900, 8)).toBe('translate(651px, 100px) translate(calc(-100% - 8px), 8px)');
  });
  it('keeps a tooltip up to half the map wide inside the map at every cursor position (box check)', () => {
    const W = 700, H = 900, w = 350, h = 120, gap = 12;
    for (let x = 0; x <= W; x += 25) {
      for (let y = 0; y <= H; y += 25) {
        const t = tooltipTransform(x, y, W, H, gap);
        const left = t.includes('translate(calc(-100%') ? x - gap - w : x + gap;
        const top = /, calc\(-100% - \d+px\)\)$/.test(t) ? y - gap - h : y + gap;
        expect(left, `${x},${y}`).toBeGreaterThanOrEqual(-gap);
        expect(left + w, `${x},${y}`).toBeLessThanOrEqual(W + gap);
        expect(top, `${x},${y}`).toBeGreaterThanOrEqual(-gap);
        expect(top + h, `${x},${y}`).toBeLessThanOrEqual(H + gap);
      }
    }
  });
});
