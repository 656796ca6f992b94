import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('WARM_UP: on unless "off"; anything else is refused naming the variable', () => {
    expect(loadConfig({}).warmUp).toBe(true);
    expect(loadConfig({ WARM_UP: 'on' }).warmUp).toBe(true);
    expect(loadConfig({ WARM_UP: 'off' }).warmUp).toBe(false);
    expect(() => loadConfig({ WARM_UP: 'no' })).toThrow('WARM_UP must be "on" or "off", got "no"');
  });
});
