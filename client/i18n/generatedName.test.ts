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
  it('keeps the run number of a repeated optimiser run, and says the forecast objective too', () => {
    expect(localizeGeneratedName('+5 best sites (1 km) #3', zh)).toBe('+5 个最佳网点（1 km） #3');
    expect(localizeGeneratedName('+10 个预测存款最高的网点 #2', en)).toBe('+10 best sites by forecast deposits #2');
    expect(localizeGeneratedName('+10 best sites by forecast deposits', zh)).toBe('+10 个预测存款最高的网点');
    expect(localizeGeneratedName('Branch #5 review #2', zh)).toBe('Branch #5 review #2');
  });
});
