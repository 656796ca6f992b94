import { describe, expect, it } from 'vitest';
import { protocolSentence } from './protocolSentence';
import { FORECAST_PROTOCOL } from '../../core/forecast/protocol';

const protocol = { ...FORECAST_PROTOCOL, seeds: [...FORECAST_PROTOCOL.seeds], blocks: 312, exclusionRule: null, sensitivityRule: null,
  description: 'English description' };
const target = { metric: 'spearmanHoldout', target: 0.7, value: 0.74, meetsTarget: true, beatsBaselines: true };

describe('protocolSentence', () => {
  it('states the SOD calibration protocol from its numbers, in English and Chinese', () => {
    expect(protocolSentence({ protocol, targets: [target] }, 'en')).toBe('Protocol: 2 km spatial blocks (312 blocks; all years of a branch '
      + 'share its block), 5 seeds × 5 folds, λ by 4-fold inner block CV, bank effect learned on training folds only; leave-one-borough-out; '
      + 'temporal: fit on 2018 rows, test on 2023 branches established after 30 June 2018; 200 block-bootstrap replicates for 95% intervals.');
    const zh = protocolSentence({ protocol, targets: [target] }, 'zh');
    expect(zh).toContain('2 km 空间分块（312 个分块');
    expect(zh).toContain('5 个随机种子 × 5 折');
    expect(zh).toContain('仅用 2018 年数据拟合');
    expect(zh).not.toContain('English');
  });
  it('says a refit on own outcomes uses location features only', () => {
    expect(protocolSentence({ protocol, targets: [] }, 'zh')).toContain('仅使用位置特征');
    expect(protocolSentence({ protocol, targets: [] }, 'en')).toContain('location features only');
  });
  it('keeps the English description of a report stored without the numbers', () => {
    expect(protocolSentence({ protocol: { description: 'old words', exclusionRule: null, sensitivityRule: null }, targets: [] }, 'zh')).toBe('old words');
  });
});
