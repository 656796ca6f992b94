import { describe, expect, it } from 'vitest';
import { auth } from './auth';
import { translate } from './i18n';

describe('auth dictionary', () => {
  it('has a Chinese string for every English key, with the same {placeholders}, actually translated', () => {
    expect(Object.keys(auth.zh).sort()).toEqual(Object.keys(auth.en).sort());
    for (const [k, en] of Object.entries(auth.en)) {
      const zh = (auth.zh as Record<string, string>)[k];
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(zh), k).toEqual(vars(en));
      expect(zh, k).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says why a role cannot do something, in both languages', () => {
    const vars = (l: 'en' | 'zh') => ({ role: translate(l, 'auth.role.designer'), yours: translate(l, 'auth.role.viewer') });
    expect(translate('en', 'auth.needsRole', vars('en'))).toBe('Needs the designer role; you are signed in as viewer.');
    expect(translate('zh', 'auth.needsRole', vars('zh'))).toBe('需要设计师角色；您当前的角色是查看者。');
  });
});
