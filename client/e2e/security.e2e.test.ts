/**
 * Browser test of the web-hygiene and accounts work (issue 11): the built client runs under the server's
 * Content-Security-Policy without a single violation on every tab (MapLibre workers and blob: URLs, fonts, inline
 * styles, the standards-check worker), and in accounts mode it shows the sign-in page, signs in, names the user
 * and role, says what a viewer cannot do, and signs out.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../../server/auth/accounts';
import { launchBrowser, screenshotPath, startApp, waitForAppReady, type RunningApp, type RunningBrowser } from './harness';

/** Record CSP violations from the first script on: `window.__csp` lists `directive blocked-uri` strings. */
const RECORD_CSP = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber + ' ' + (e.sample || '')));`;
const cspViolations = (b: RunningBrowser) => b.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe('the built client under the CSP (single-user)', () => {
  let app: RunningApp;
  let b: RunningBrowser;
  beforeAll(async () => {
    app = await startApp();
    b = await launchBrowser({ enforceCsp: true });
    await b.context.addInitScript(RECORD_CSP);
  });
  afterAll(async () => { await b?.close(); await app?.close(); });

  it('every tab draws with no CSP violation and no console error', async () => {
    const res = await b.page.goto(`${app.url}/#/sites`);
    const csp = res!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await waitForAppReady(b.page, 'mapIdle', 90_000);
    await b.page.goto(`${app.url}/#/coverage`);
    await waitForAppReady(b.page, 'covMapsIdle', 90_000);
    await b.page.goto(`${app.url}/#/floorplans`);
    // a function predicate: a string one would need eval, which the CSP forbids
    await b.page.waitForFunction(() => Boolean((window as unknown as { __editor?: { ready?: boolean } }).__editor?.ready), undefined, { timeout: 60_000, polling: 100 });
    await b.page.waitForSelector('.standards-panel, [data-testid="standards-panel"]', { timeout: 30_000 }).catch(() => undefined);
    await b.page.waitForTimeout(1500); // the standards worker answers
    await b.page.screenshot({ path: screenshotPath('security-csp-floorplans.png') });
    expect(await cspViolations(b)).toEqual([]);
    expect(b.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

describe('accounts mode in the browser', () => {
  let app: RunningApp;
  let b: RunningBrowser;
  beforeAll(async () => {
    app = await startApp({ auth: 'accounts' });
    const store = new AccountStore(app.deps.userDb);
    await store.create('exec@bank.example', 'quarterly review 2026', 'viewer');
    b = await launchBrowser({ enforceCsp: true });
    await b.context.addInitScript(RECORD_CSP);
  });
  afterAll(async () => { await b?.close(); await app?.close(); });
  afterEach(async () => { await b.page.screenshot({ path: screenshotPath('security-accounts.png') }).catch(() => undefined); });

  it('shows the sign-in page, refuses a wrong password, signs a viewer in, says what they cannot do, signs out', async () => {
    const { page } = b;
    await page.goto(`${app.url}/#/coverage`);
    await page.waitForSelector('[data-testid="login-form"]', { timeout: 30_000 });
    await page.fill('[data-testid="login-email"]', 'exec@bank.example');
    await page.fill('[data-testid="login-password"]', 'not the password');
    await page.click('[data-testid="login-submit"]');
    await expect.poll(() => page.textContent('[data-testid="login-error"]').catch(() => null), { timeout: 10_000 }).toBe('Wrong e-mail or password.');
    await page.fill('[data-testid="login-password"]', 'quarterly review 2026');
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="app-user"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="app-user"]')).toContain('Signed in as exec@bank.example (viewer)');
    const notice = await page.waitForSelector('[data-testid="role-notice"]', { timeout: 30_000 });
    expect(await notice.textContent()).toBe('You are signed in as viewer: you can compute coverage, but saving scenarios and running optimisations needs an analyst.');
    await waitForAppReady(page, 'covMapsIdle', 90_000); // the viewer's reads and compute POSTs work (session cookie + CSRF header)
    // what a viewer cannot do is disabled, and the tooltip names the role it needs
    await page.click('[data-testid="tab-floorplans"]');
    const save = page.locator('[data-testid="ed-save"]');
    await save.waitFor({ timeout: 30_000 });
    expect(await save.isDisabled()).toBe(true);
    expect(await save.getAttribute('title')).toBe('Needs the designer role; you are signed in as viewer.');
    expect(await page.locator('[data-testid="ed-new-plan"]').isDisabled()).toBe(true);
    // the session cookie is HttpOnly: the page cannot read it
    expect(await page.evaluate(() => document.cookie)).not.toContain('op_session');
    await page.click('[data-testid="sign-out"]');
    await page.waitForSelector('[data-testid="login-form"]', { timeout: 30_000 });
    expect(await cspViolations(b)).toEqual([]);
  });
});
