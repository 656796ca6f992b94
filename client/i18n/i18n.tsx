import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { messages, type Locale } from './messages';

/**
 * The one i18n layer: every UI string goes through `t(key, vars)`. Dictionaries are per area
 * (client/i18n/<area>.ts, each exporting `{ en: {...}, zh: {...} }`) and merged in messages.ts.
 * Missing Chinese falls back to English; a missing key shows the key itself (and tests catch it).
 */
interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

const Ctx = createContext<I18n | null>(null);

/**
 * A message in `locale` with `{name}` replaced by `vars.name`. English plurals are written in the message as
 * `{name|singular|plural}`: the singular when `vars.name` is 1, else the plural ("{n} {n|error|errors}" →
 * "1 error", "2 errors"). Chinese messages need no plural forms.
 */
export function translate(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const raw = messages[locale][key] ?? messages.en[key] ?? key;
  if (!vars) return raw;
  return raw
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (m, k, one, other) => (k in vars ? (Number(vars[k]) === 1 ? one : other) : m))
    .replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('op.locale') : null;
  if (saved === 'en' || saved === 'zh') return saved;
  return typeof navigator !== 'undefined' && navigator.language?.startsWith('zh') ? 'zh' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    localStorage.setItem('op.locale', l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18n>(() => ({ locale, setLocale, t: (k, v) => translate(locale, k, v) }), [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
