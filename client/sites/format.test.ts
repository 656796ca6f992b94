import { describe, expect, it } from 'vitest';
import { formatDistanceM, formatInt, formatScore, formatShare, shortId } from './format';

describe('formatting', () => {
  it('formats counts, scores, shares and distances', () => {
    expect(formatInt('en', 12345.6)).toBe('12,346');
    expect(formatInt('en', null)).toBe('—');
    expect(formatScore('en', 73.44)).toBe('73.4');
    expect(formatShare('en', 0.0512)).toBe('5.1%');
    expect(formatDistanceM('en', 120.4)).toBe('120 m');
    expect(formatDistanceM('en', 1234)).toBe('1.2 km');
    expect(formatDistanceM('zh', 999.4)).toBe('999 m');
    expect(formatDistanceM('en', Infinity)).toBe('—');
  });
  it('shortens H3 ids but leaves other ids alone', () => {
    expect(shortId('892a100d2c3ffff')).toBe('…00d2c3');
    expect(shortId('my-site-7')).toBe('my-site-7');
  });
});
