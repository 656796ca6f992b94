import { describe, expect, it } from 'vitest';
import { rgbHex, scoreClass, scoreColor, scoreLegend } from './colorRamp';

describe('score colour ramp', () => {
  it('puts scores into 20-point classes, breaks inclusive at the bottom', () => {
    expect([0, 19.99, 20, 39.9, 40, 60, 79.999, 80, 100].map(scoreClass)).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 4]);
    expect(scoreClass(-5)).toBe(0);
    expect(scoreClass(NaN)).toBe(0);
    expect(scoreClass(140)).toBe(4);
  });
  it('goes from pale yellow to deep blue (YlGnBu) and the legend matches the classes', () => {
    expect(rgbHex(scoreColor(5))).toBe('#ffffcc');
    expect(rgbHex(scoreColor(95))).toBe('#253494');
    const legend = scoreLegend();
    expect(legend.map((l) => [l.from, l.to])).toEqual([[0, 20], [20, 40], [40, 60], [60, 80], [80, 100]]);
    expect(legend[2].hex).toBe(rgbHex(scoreColor(50)));
    // darker as the score rises (sum of channels strictly falls)
    const lum = legend.map((l) => l.color[0] + l.color[1] + l.color[2]);
    expect(lum.every((v, k) => k === 0 || v < lum[k - 1])).toBe(true);
  });
});
