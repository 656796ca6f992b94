/**
 * Test hooks: objects on `window` that browser tests read (e.g. the editor's `window.__editor`). They are published
 * only when asked for — the browser-test harness sets `window.__outletTestHooks = true` before the app loads
 * (client/e2e/harness.ts), and a person debugging can open the app with `?testHooks` in the address.
 */
declare global {
  interface Window {
    /** Set by the browser-test harness: publish the test hooks. */
    __outletTestHooks?: boolean;
  }
}

/** Whether this page publishes test hooks (checked on each publish, so the flag may be set any time before). */
export function testHooksEnabled(): boolean {
  if (typeof window === 'undefined') return false;
  return window.__outletTestHooks === true || new URLSearchParams(window.location.search).has('testHooks');
}
