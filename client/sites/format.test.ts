import { describe, expect, it } from 'vitest';
import { formatDistanceM, formatFeatureValue, formatInt, formatLogChangePct, formatScore, formatShare, formatUsd, formatUsdRange, shortId } from './format';

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

describe('dollar amounts of the deposit forecast', () => {
  it('en: millions with three significant figures, a shared unit for a range', () => {
    expect(formatUsd('en', 182_044_366)).toBe('$182 M');
    expect(formatUsd('en', 9_512_000)).toBe('$9.51 M');
    expect(formatUsd('en', 1_234_000_000)).toBe('$1.23 B');
    expect(formatUsd('en', 412_400)).toBe('$412 K');
    expect(formatUsd('en', 950)).toBe('$950');
    expect(formatUsdRange('en', 90_400_000, 360_200_000)).toBe('$90–360 M');
    // ends on different units each carry theirs; a whole end keeps its second digit
    expect(formatUsdRange('en', 381_000_000, 2_004_000_000)).toBe('$381 M–$2.0 B');
    expect(formatUsdRange('en', 4_870_000_000, 11_900_000_000)).toBe('$4.9–12 B');
    expect(formatUsd('en', NaN)).toBe('—');
  });
  it('zh: 亿美元 from 10⁸, else 万美元', () => {
    expect(formatUsd('zh', 182_044_366)).toBe('1.82 亿美元');
    expect(formatUsd('zh', 850_200_000)).toBe('8.50 亿美元'); // three figures as its neighbours (8.87 亿); en: $850 M
    expect(formatUsd('en', 850_200_000)).toBe('$850 M');
    expect(formatUsd('zh', 9_512_000)).toBe('951 万美元');
    expect(formatUsd('zh', 412_400)).toBe('41.2 万美元');
    expect(formatUsd('zh', 950)).toBe('950 美元');
    expect(formatUsdRange('zh', 90_400_000, 360_200_000)).toBe('9,040 万–3.6 亿美元');
    expect(formatUsdRange('zh', 120_000_000, 360_200_000)).toBe('1.2–3.6 亿美元');
    expect(formatUsdRange('zh', 4_500_000, 9_000_000)).toBe('450–900 万美元');
  });
});

describe('forecast contributions as percent change', () => {
  it('signs, rounds and sets the % close, as every percentage in the app', () => {
    expect(formatLogChangePct(Math.log(0.85))).toBe('−15%');
    expect(formatLogChangePct(0.3293)).toBe('+39%');
    expect(formatLogChangePct(0.05)).toBe('+5.1%');
    expect(formatLogChangePct(NaN)).toBe('—');
  });
});

describe('formatFeatureValue', () => {
  it('states a forecast feature in its unit, in both languages', () => {
    expect(formatFeatureValue('en', { value: 41_250.4, unit: 'residents' })).toBe('41,300');
    expect(formatFeatureValue('en', { value: 3.0000001, unit: 'count' })).toBe('3');
    expect(formatFeatureValue('en', { value: 2.43, unit: 'count' })).toBe('2.4');
    expect(formatFeatureValue('en', { value: 0.183, unit: 'share' })).toBe('18%');
    expect(formatFeatureValue('en', { value: 2500, unit: 'distanceM' })).toBe('2.5 km');
    expect(formatFeatureValue('en', { value: 95_000_000, unit: 'depositsUsd' })).toBe('$95 M');
    expect(formatFeatureValue('zh', { value: 95_000_000, unit: 'depositsUsd' })).toBe('9,500 万美元');
    expect(formatFeatureValue('en', { value: 10, unit: 'years' })).toBe('10 yr');
    expect(formatFeatureValue('zh', { value: 1, unit: 'flag' })).toBe('是');
    expect(formatFeatureValue('en', null)).toBe('—');
  });
});
