import { lazy, Suspense, useEffect, useState } from 'react';
import { useI18n } from './i18n/i18n';

const SitesView = lazy(() => import('./sites/SitesView'));
const CoverageView = lazy(() => import('./coverage/CoverageView'));
const EditorView = lazy(() => import('./standards/register').then(() => import('./editor/EditorView'))); // standards plug into the editor's slots

type Tab = 'sites' | 'coverage' | 'floorplans';
const TABS: Tab[] = ['sites', 'coverage', 'floorplans'];

function tabFromHash(): Tab {
  const h = location.hash.replace(/^#\/?/, '').split('/')[0];
  return (TABS as string[]).includes(h) ? (h as Tab) : 'sites';
}

/** App shell: header (title, tabs, language switch) and one view per tab, routed by the URL hash. */
export function App() {
  const { t, locale, setLocale } = useI18n();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // the tab title and the page language follow the UI language (lang="zh-CN" makes Chromium pick Simplified Chinese glyphs)
  useEffect(() => {
    document.title = t('app.title');
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [locale, t]);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">{t('app.title')}</h1>
        <nav className="app-tabs" role="tablist">
          {TABS.map((k) => (
            <a key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} href={`#/${k}`} data-testid={`tab-${k}`}>
              {t(`app.tab.${k}`)}
            </a>
          ))}
        </nav>
        <label className="app-lang">
          <span className="sr-only">{t('app.language')}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as 'en' | 'zh')} data-testid="language-switch" aria-label={t('app.language')}>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
        </label>
      </header>
      <main className="app-main">
        <Suspense fallback={<div className="app-loading">{t('app.loading')}</div>}>
          {tab === 'sites' && <SitesView />}
          {tab === 'coverage' && <CoverageView />}
          {tab === 'floorplans' && <EditorView />}
        </Suspense>
      </main>
    </div>
  );
}
