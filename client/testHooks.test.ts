import { afterEach, describe, expect, it } from 'vitest';
import { testHooksEnabled } from './testHooks';

const g = globalThis as unknown as { window?: unknown };

describe('testHooksEnabled', () => {
  afterEach(() => { delete g.window; });

  it('is off outside a browser and in a plain page', () => {
    expect(testHooksEnabled()).toBe(false);
    g.window = { location: { search: '' } };
    expect(testHooksEnabled()).toBe(false);
    g.window = { location: { search: '?lang=zh' }, __outletTestHooks: 'yes' };
    expect(testHooksEnabled()).toBe(false);
  });

  it('is on when the browser-test harness set the flag, or with ?testHooks in the address', () => {
    g.window = { location: { search: '' }, __outletTestHooks: true };
    expect(testHooksEnabled()).toBe(true);
    g.window = { location: { search: '?testHooks' } };
    expect(testHooksEnabled()).toBe(true);
    g.window = { location: { search: '?a=1&testHooks=1' } };
    expect(testHooksEnabled()).toBe(true);
  });
});
