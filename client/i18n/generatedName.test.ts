import { describe, expect, it } from 'vitest';
import { localizeGeneratedName } from './generatedName';
import { translate } from './i18n';

const zh = (k: string, v?: Record<string, string | number>) => translate('zh', k, v);
const en = (k: string, v?: Record<string, string | number>) => translate('en', k, v);

describe('generated names follow the UI language', () => {
  it('says an optimiser, closure, new-scenario or map-site name in the other language; leaves typed names alone', () => {
    expect(localizeGeneratedName('+5 best sites (1 km)', zh)).toBe('+5 个最佳网点（1 km）');
    expect(localizeGeneratedName('+1 best site (500 m)', zh)).toBe('+1 个最佳网点（500 m）');
    expect(localizeGeneratedName('+5 个最佳网点（1 km）', en)).toBe('+5 best sites (1 km)');
    expect(localizeGeneratedName('−3 outlets closed (1 km)', zh)).toBe('关闭 3 个网点（1 km）');
    expect(localizeGeneratedName('情景 2', en)).toBe('Scenario 2');
    expect(localizeGeneratedName('Map site 4', zh)).toBe('地图网点 4');
    expect(localizeGeneratedName('Branch review 2027', zh)).toBe('Branch review 2027');
  });
});
