import { describe, expect, it } from 'vitest';
import { areas } from './areas';
import { translate } from './i18n';

describe('study-area dictionary', () => {
  it('has a real Chinese string for every English key with the same {placeholders}', () => {
    expect(Object.keys(areas.zh).sort()).toEqual(Object.keys(areas.en).sort());
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [k, en] of Object.entries(areas.en)) expect(vars((areas.zh as Record<string, string>)[k]), k).toEqual(vars(en));
    const untranslated = Object.entries(areas.zh).filter(([, v]) => !/[\u4e00-\u9fff]/.test(v));
    expect(untranslated).toEqual([]);
  });
  it('counts cells and sites in English with the right noun form', () => {
    expect(translate('en', 'area.cells', { n: '1,695', r: 9 })).toBe('1,695 H3 res-9 cells');
    expect(translate('en', 'coverage.summary.no-transit-feed', { n: '3,335', total: '3,335' }))
      .toBe('3,335 of 3,335 sites: no transit feed within 2 km — transit factor not scored there.');
    expect(translate('zh', 'area.cells', { n: '1,695', r: 9 })).toBe('1,695 个 H3 9 级网格');
  });
});
