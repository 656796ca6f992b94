import { describe, expect, it } from 'vitest';
import { sites } from './sites';

describe('sites dictionary', () => {
  it('has a real Chinese string for every English key and the same {placeholders}', () => {
    expect(Object.keys(sites.zh).sort()).toEqual(Object.keys(sites.en).sort());
    for (const [k, en] of Object.entries(sites.en)) {
      const zh = (sites.zh as Record<string, string>)[k];
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(zh), k).toEqual(vars(en));
    }
    // every sentence-like string is actually translated (contains CJK), not copied English
    const untranslated = Object.entries(sites.zh).filter(([, v]) => !/[\u4e00-\u9fff]/.test(v) && /[a-z]{4,}/i.test(v) && !v.startsWith('https://'));
    expect(untranslated).toEqual([]);
    expect(sites.zh['borough.3']).toBe('曼哈顿');
  });
});
