import { describe, expect, it } from 'vitest';
import { fitLabel } from './labelFit';

describe('fitLabel', () => {
  const latin = (s: string, pt: number) => s.length * pt * 0.2; // 1.4 mm per character at 7 pt
  const pdf = { maxSize: 7, minSize: 4.5 };
  const name = 'Teller counters (customer side)';
  it('keeps one line when it fits, wraps between words onto two, then shrinks', () => {
    expect(fitLabel(name, 50, latin, pdf)).toEqual({ lines: [name], size: 7, shortened: false });
    expect(fitLabel(name, 25, latin, pdf)).toEqual({ lines: ['Teller counters', '(customer side)'], size: 7, shortened: false });
    // 16 mm holds 16 characters at 5 pt
    expect(fitLabel(name, 16, latin, pdf)).toEqual({ lines: ['Teller counters', '(customer side)'], size: 5, shortened: false });
  });
  it('shortens by rule only below the minimum size: whole words, then …', () => {
    // 10 mm: 11 characters a line at 4.5 pt
    expect(fitLabel(name, 10, latin, pdf)).toEqual({ lines: ['Teller', 'counters…'], size: 4.5, shortened: true });
  });
  it('breaks Chinese between any two characters', () => {
    const cjk = (s: string, pt: number) => [...s].length * pt * 0.35;
    expect(fitLabel('柜员服务区（客户侧）', 9, cjk, pdf)).toEqual({ lines: ['柜员服务区', '（客户侧）'], size: 5, shortened: false });
    expect(fitLabel('柜员服务区（客户侧）', 7, cjk, pdf)).toEqual({ lines: ['柜员服务', '区（客…'], size: 4.5, shortened: true });
  });
  it('screen pixels: 12 px down to 9 px in 1 px steps', () => {
    const px = (s: string, size: number) => s.length * size * 0.55;
    // 31 characters: 2 lines of 15 at 12 px = 99 px
    expect(fitLabel(name, 100, px, { maxSize: 12, minSize: 9, step: 1 })).toEqual({ lines: ['Teller counters', '(customer side)'], size: 12, shortened: false });
  });
});
