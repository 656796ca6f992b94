import { describe, expect, it } from 'vitest';
import { forecast } from './forecast';
import { translate } from './i18n';
import { LOCATION_FEATURES } from '../../core/forecast/features';
import { MODEL_FEATURES, PROFILE_FEATURES, VARIANTS } from '../../core/forecast/design';

describe('forecast dictionary', () => {
  it('has a real Chinese string for every English key and the same {placeholders}', () => {
    expect(Object.keys(forecast.zh).sort()).toEqual(Object.keys(forecast.en).sort());
    for (const [k, en] of Object.entries(forecast.en)) {
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars((forecast.zh as Record<string, string>)[k]), k).toEqual(vars(en));
    }
    const untranslated = Object.entries(forecast.zh).filter(([, v]) => !/[\u4e00-\u9fff]/.test(v) && /[a-z]{4,}/i.test(v));
    expect(untranslated).toEqual([]);
  });
  it('names every model feature in both languages', () => {
    for (const f of [...LOCATION_FEATURES, ...MODEL_FEATURES, ...PROFILE_FEATURES]) {
      expect(forecast.en, f).toHaveProperty([`forecast.feature.${f}`]);
      expect(forecast.zh, f).toHaveProperty([`forecast.feature.${f}`]);
    }
    // a network-profile column is named after the column it averages
    expect(translate('en', 'forecast.feature.network:logAgeYears')).toBe('Network average: Branch age');
    expect(translate('zh', 'forecast.feature.network:logAgeYears')).toBe('网络平均：网点年龄');
  });
  it('names every row of the validation table in both languages', () => {
    for (const v of VARIANTS) {
      expect(forecast.en, v.id).toHaveProperty([`model.variant.${v.id}`]);
      expect(forecast.zh, v.id).toHaveProperty([`model.variant.${v.id}`]);
    }
  });
  it('words the breakdown line as the issue asks', () => {
    expect(translate('en', 'forecast.line', { value: '$182 M', level: '80%', range: '$90–360 M', rho: '0.70' }))
      .toBe('Forecast $182 M (80%: $90–360 M) · this model ranked held-out branches at ρ = 0.70');
    expect(translate('zh', 'forecast.line', { value: '1.82 亿美元', level: '80%', range: '0.9–3.6 亿美元', rho: '0.70' }))
      .toBe('预测 1.82 亿美元（80%：0.9–3.6 亿美元）· 该模型对留出网点的排序 ρ = 0.70');
  });
});

describe('targetLabel', () => {
  it('translates the built-in deposits outcome and shows a user-named outcome as entered', async () => {
    const { targetLabel } = await import('./forecast');
    expect(targetLabel((k) => translate('zh', k), 'deposits (USD)')).toBe('存款（美元）');
    expect(targetLabel((k) => translate('en', k), 'deposits (USD)')).toBe('deposits (USD)');
    expect(targetLabel((k) => translate('zh', k), 'visits per week')).toBe('visits per week');
  });
});
