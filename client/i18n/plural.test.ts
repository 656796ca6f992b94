/** English plural forms `{name|singular|plural}` in messages; Chinese has none. */
import { describe, expect, it } from 'vitest';
import { translate } from './i18n';

describe('translate: plurals', () => {
  it('the standards summary says "1 error", "1 warning" and "2 errors"', () => {
    expect(translate('en', 'standards.summary', { errors: 1, warnings: 1, passed: 3, run: 5 })).toBe('1 error · 1 warning · 3 of 5 rules pass');
    expect(translate('en', 'standards.summary', { errors: 2, warnings: 0, passed: 1, run: 1 })).toBe('2 errors · 0 warnings · 1 of 1 rule passes');
    expect(translate('zh', 'standards.summary', { errors: 1, warnings: 1, passed: 3, run: 5 })).toBe('1 项错误 · 1 项警告 · 5 条规则中 3 条通过');
  });
  it('editor counts and core finding messages pick the singular for 1 only', () => {
    expect(translate('en', 'editor.props.countsValue', { zones: 1, doors: 2, fixtures: 0 })).toBe('1 zone · 2 doors · 0 fixtures');
    expect(translate('en', 'editor.status.importedZones', { n: 1, name: 'a.geojson' })).toBe('Imported 1 zone from a.geojson (undo to revert).');
    expect(translate('en', 'standards.msg.demand.atms', { have: 1, visits: 300, need: 2 })).toBe('1 ATM drawn; the demand (300 visits/day) needs 2.');
    expect(translate('en', 'standards.msg.alarmCounter', { counter: 'C1', near: 1, within: '10 m', positions: 2 })).toBe('Counter "C1" has 1 emergency alarm within 10 m for 2 positions.');
    expect(translate('zh', 'editor.props.countsValue', { zones: 1, doors: 2, fixtures: 0 })).not.toMatch(/[|]/);
  });
  it('a message asked for without its vars keeps the plural form untouched; with n = 1 it is singular', () => {
    expect(translate('en', 'editor.props.multi')).toBe('{n} {n|element|elements} selected');
    expect(translate('en', 'editor.props.multi', { n: 1 })).toBe('1 element selected');
  });
});
