/**
 * Browser-test harness shared by every `client/e2e/*.e2e.test.ts` spec.
 *
 * - {@link startApp} runs the REAL Hono app (createApp over the shared read-only test import cache and an
 *   in-memory user database) plus the built client from `dist/` on 127.0.0.1 with an ephemeral port.
 * - {@link launchBrowser} opens a fresh context (1400×900 viewport) in Debian's /usr/bin/chromium, started once per
 *   test process through playwright-core, with the app's test hooks switched on (`window.__outletTestHooks`, see
 *   client/testHooks.ts).
 * - {@link waitForAppReady} polls a readiness flag the app exposes on `window.__status`.
 *
 * Run `npx vite build --logLevel warn` first (the `test:e2e` script does); startApp throws if dist/ is missing.
 * Set `E2E_STATIC_DIR` to serve another build folder (e.g. a private `--outDir` while others rebuild dist/).
 */
import { serve, type ServerType } from '@hono/node-server';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp, type AppDeps } from '../../server/app';
import { mountClient } from '../../server/staticClient';
import { createTestDeps } from '../../server/testing/testApp';

export interface RunningApp {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  deps: AppDeps;
  close: () => Promise<void>;
}

/**
 * Start the real server over the test database with the built client; `auth: 'accounts'` runs it as with AUTH=on.
 * @throws Error when `dist/index.html` is missing (build the client first).
 */
export async function startApp(opts: { auth?: 'accounts' | 'single-user' } = {}): Promise<RunningApp> {
  const base = await createTestDeps();
  const deps: AppDeps = opts.auth ? { ...base, config: { ...base.config, auth: opts.auth } } : base;
  // E2E_STATIC_DIR lets a run use a private build (`npx vite build --outDir /tmp/x`) while others rebuild dist/
  const staticDir = process.env.E2E_STATIC_DIR ? path.resolve(process.env.E2E_STATIC_DIR) : deps.config.staticDir;
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    deps.db.close();
    deps.userDb.close();
    throw new Error(`No built client at ${staticDir}/index.html — run \`npx vite build --logLevel warn\` first`);
  }
  const app = createApp(deps);
  mountClient(app, staticDir);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          deps.db.close();
          deps.userDb.close();
          resolve();
        });
        // keep-alive sockets from chromium would hold close() open
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

export interface RunningBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (assert on them to catch broken bundles). */
  errors: string[];
  close: () => Promise<void>;
}

/** Flags that keep Debian's chromium quiet and offline-friendly inside containers. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let sharedBrowser: Promise<Browser> | undefined;

/**
 * One chromium per test process (vitest.e2e.config.ts runs the spec files in one process, one after another):
 * launched on first use, relaunched if it died. Every {@link launchBrowser} gets its own context, which shares no
 * cookies, storage or cache with any other.
 */
function browserProcess(): Promise<Browser> {
  if (sharedBrowser) {
    const current = sharedBrowser;
    return current.then((b) => {
      if (b.isConnected()) return b;
      if (sharedBrowser === current) sharedBrowser = undefined;
      return browserProcess();
    });
  }
  sharedBrowser = chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  sharedBrowser.catch(() => { sharedBrowser = undefined; });
  return sharedBrowser;
}

/**
 * A fresh browser context (1400×900 viewport by default) with one page, in the shared chromium. `locale` sets
 * navigator.language (the app picks its initial language from it when nothing is stored). `enforceCsp` keeps the
 * server's Content-Security-Policy in force (default: bypassed, so string predicates work). `close()` closes the
 * context and its pages; chromium itself ends with the test process.
 */
export async function launchBrowser(opts: { locale?: string; viewport?: { width: number; height: number }; enforceCsp?: boolean } = {}): Promise<RunningBrowser> {
  const browser = await browserProcess();
  // The server's CSP forbids eval, which Playwright's string predicates (`waitForFunction('…')`) use; specs bypass it
  // unless they test the CSP itself (security.e2e.test.ts enforces it and uses function predicates only).
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 }, locale: opts.locale ?? 'en-US',
    bypassCSP: !opts.enforceCsp });
  // the app publishes its test hooks (window.__editor …) only when asked (client/testHooks.ts)
  await context.addInitScript(() => { (window as unknown as { __outletTestHooks?: boolean }).__outletTestHooks = true; });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { browser, context, page, errors, close: () => context.close() };
}

/**
 * Wait until `window.__status[flag]` is truthy (e.g. `mapIdle`), polling every 100 ms.
 * @returns the whole `window.__status` object at that moment.
 * @throws playwright's TimeoutError after `timeoutMs` (default 60 s), with the last status in the message.
 */
export async function waitForAppReady(page: Page, flag: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  try {
    await page.waitForFunction((f) => Boolean((window as unknown as { __status?: Record<string, unknown> }).__status?.[f]), flag, {
      timeout: timeoutMs,
      polling: 100,
    });
  } catch (err) {
    const last = await page.evaluate(() => JSON.stringify((window as unknown as { __status?: unknown }).__status ?? null)).catch(() => '?');
    throw new Error(`window.__status.${flag} never became true within ${timeoutMs} ms; last status ${last}: ${(err as Error).message}`);
  }
  return page.evaluate(() => (window as unknown as { __status: Record<string, unknown> }).__status);
}

/** Read `window.__status` now (null if the app has not set it). */
export function readStatus(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate(() => (window as unknown as { __status?: Record<string, unknown> }).__status ?? null);
}

/** Folder for screenshots (git-ignored); created on demand. */
export function screenshotPath(name: string): string {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/**
 * Console errors a test should fail on: all but the favicon request and the compute limit's 429s, which the client asks
 * again (client/api/http.ts) — a reload, a tab switch or a second browser can meet the previous page's computations still
 * finishing on the server, and Chromium logs each refused attempt.
 */
export const unexpectedConsoleErrors = (errors: readonly string[]): string[] =>
  errors.filter((e) => !/favicon|status of 429 \(Too Many Requests\)/.test(e));
