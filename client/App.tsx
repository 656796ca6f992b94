import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useI18n } from './i18n/i18n';
import type { MeResponse } from '../core/api/roles';
import { AuthProvider } from './auth/AuthContext';
import { LoginPage } from './auth/LoginPage';
import { fetchMe, installSessionFetch, signOut, UNAUTHENTICATED_EVENT } from './auth/session';
import { RoleNotice } from './auth/RoleNotice';
import { hashPath, rememberedQuery } from './ui/viewUrl';

installSessionFetch();

const SitesView = lazy(() => import('./sites/SitesView'));
const CoverageView = lazy(() => import('./coverage/CoverageView'));
const ModelView = lazy(() => import('./model/ModelView'));
const EditorView = lazy(() => import('./standards/register').then(() => import('./editor/EditorView'))); // standards plug into the editor's slots

type Tab = 'sites' | 'coverage' | 'floorplans' | 'model';
const TABS: Tab[] = ['sites', 'coverage', 'floorplans', 'model'];

function tabFromHash(): Tab {
  const h = hashPath(location.hash).split('/')[0];
  return (TABS as string[]).includes(h) ? (h as Tab) : 'sites';
}

/**
 * App shell: header (title, tabs, language switch, the signed-in user) and one view per tab, routed by the URL hash.
 * When the server requires accounts and no session is open, the sign-in page instead.
 */
export function App() {
  const { t, locale, setLocale } = useI18n();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  // undefined: asking the server; null: sign-in needed
  const [me, setMe] = useState<MeResponse | null | undefined>(undefined);
  const [authError, setAuthError] = useState<string | null>(null);
  const refreshMe = useCallback(() => {
    fetchMe().then(setMe, (err: Error) => setAuthError(err.message));
  }, []);
  useEffect(() => {
    refreshMe();
    const onEnded = () => setMe(null);
    window.addEventListener(UNAUTHENTICATED_EVENT, onEnded);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onEnded);
  }, [refreshMe]);
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
            <a key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} href={`#/${k}`} data-testid={`tab-${k}`}
              // back to the tab's view as it was left in this session (its address query)
              onClick={(e) => { if (tab !== k && !e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); location.hash = `#/${k}${rememberedQuery(k)}`; } }}>
              {t(`app.tab.${k}`)}
            </a>
          ))}
        </nav>
        {me?.mode === 'accounts' && (
          <span className="app-user" data-testid="app-user">
            {t('auth.signedInAs', { email: me.user.email, role: t(`auth.role.${me.user.role}`) })}
            <button type="button" onClick={() => { void signOut().finally(() => setMe(null)); }} data-testid="sign-out">{t('auth.signOut')}</button>
          </span>
        )}
        <label className="app-lang">
          <span className="sr-only">{t('app.language')}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as 'en' | 'zh')} data-testid="language-switch" aria-label={t('app.language')}>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
        </label>
      </header>
      <main className="app-main">
        {authError ? <div className="app-loading" role="alert">{authError}</div>
          : me === undefined ? <div className="app-loading">{t('auth.checking')}</div>
          : me === null ? <LoginPage onSignedIn={refreshMe} />
          : (
            <AuthProvider me={me}>
              <RoleNotice tab={tab} />
              <Suspense fallback={<div className="app-loading">{t('app.loading')}</div>}>
                {tab === 'sites' && <SitesView />}
                {tab === 'coverage' && <CoverageView />}
                {tab === 'floorplans' && <EditorView />}
                {tab === 'model' && <ModelView />}
              </Suspense>
            </AuthProvider>
          )}
      </main>
    </div>
  );
}
