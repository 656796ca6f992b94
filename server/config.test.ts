import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('WARM_UP: on unless "off"; anything else is refused naming the variable', () => {
    expect(loadConfig({}).warmUp).toBe(true);
    expect(loadConfig({ WARM_UP: 'on' }).warmUp).toBe(true);
    expect(loadConfig({ WARM_UP: 'off' }).warmUp).toBe(false);
    expect(() => loadConfig({ WARM_UP: 'no' })).toThrow('WARM_UP must be "on" or "off", got "no"');
  });

  it('COMPUTE_NICE: the compute threads\' nice value 0–19, absent by default (the pool then uses 10); anything else is refused naming the variable', () => {
    expect(loadConfig({}).computeNice).toBeUndefined();
    expect(loadConfig({ COMPUTE_NICE: '0' }).computeNice).toBe(0);
    expect(loadConfig({ COMPUTE_NICE: '19' }).computeNice).toBe(19);
    for (const bad of ['20', '-1', '2.5', 'low', '']) expect(() => loadConfig({ COMPUTE_NICE: bad })).toThrow(`COMPUTE_NICE must be a whole number 0–19, got "${bad}"`);
  });
});
