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

describe('English plurals in the sites and coverage strings', () => {
  it('say "1 branch" / "2 branches" and leave Chinese alone', async () => {
    const { translate } = await import('./i18n');
    expect(translate('en', 'network.branches', { n: '1' })).toBe('1 branch');
    expect(translate('en', 'network.branches', { n: '4,843' })).toBe('4,843 branches');
    expect(translate('zh', 'network.branches', { n: '1' })).toBe('1 家网点');
    expect(translate('en', 'sites.top', { n: 1 })).toBe('Top 1 site');
    expect(translate('en', 'cov.optimizeName', { p: 1, r: '1 km' })).toBe('+1 best site (1 km)');
    expect(translate('en', 'cov.optimizeName', { p: 5, r: '1 km' })).toBe('+5 best sites (1 km)');
    expect(translate('en', 'cov.closureDone', { p: 1, gain: '1', r: '500 m', name: 'x' })).toBe('1 outlet to close: 1 resident loses coverage within 500 m. Opened as "x".');
    expect(translate('en', 'cov.tip.walk', { n: 1, m: 5 })).toBe('From here: 1 outlet within a 5-min walk');
  });
  it('leaves no English "{n} <plural noun>" without a singular form', async () => {
    const { coverage } = await import('./coverage');
    const nouns = /\{(\w+)\} (sites|branches|residents|outlets|candidates|departures|customers|groups)\b/;
    const bad = Object.entries({ ...sites.en, ...coverage.en }).filter(([, v]) => nouns.test(v));
    expect(bad).toEqual([]);
  });
});

describe('the coverage view asks for a bank naming the study area, not always New York City', () => {
  it('names Cook County, Brooklyn or NYC in both languages', async () => {
    const { translate } = await import('./i18n');
    expect(translate('en', 'network.pickHint', { area: 'Cook, Illinois' })).toBe('Pick an institution or holding company to see its Cook, Illinois coverage.');
    expect(translate('en', 'network.pickHint', { area: 'New York City' })).toBe('Pick an institution or holding company to see its New York City coverage.');
    expect(translate('zh', 'network.pickHint', { area: '布鲁克林' })).toBe('选择一家金融机构或控股公司，查看其在布鲁克林的覆盖情况。');
    // while the area's name loads
    expect(translate('en', 'network.pickHintArea')).toBe('Pick an institution or holding company to see its coverage of the study area.');
    const cta = translate('en', 'cov.cta.body', { area: 'Cook, Illinois' });
    expect(cta).toContain('how many residents of Cook, Illinois live within 500 m, 1 km and 2 km of its branches today');
    expect(cta).not.toContain('New York');
    expect(translate('zh', 'cov.cta.body', { area: '布鲁克林' })).toContain('500 m、1 km 和 2 km 范围内的布鲁克林常住人口');
  });
});
