import { describe, expect, it } from 'vitest';
import { mapDisplayPatch, parseMapDisplay } from './mapDisplay';

describe('Map settings in the address (op, ramp)', () => {
  it('round-trips a display through the hash query', () => {
    const q = new URLSearchParams(mapDisplayPatch({ opacity: 0.45, ramp: 'viridis' }));
    expect(q.toString()).toBe('op=0.45&ramp=viridis');
    expect(parseMapDisplay(q)).toEqual({ opacity: 0.45, ramp: 'viridis' });
  });
  it('drops what the slider and the ramp list cannot give', () => {
    expect(parseMapDisplay(new URLSearchParams('op=0.1&ramp=jet'))).toEqual({ opacity: null, ramp: null });
    expect(parseMapDisplay(new URLSearchParams('op=1.5'))).toEqual({ opacity: null, ramp: null });
    expect(parseMapDisplay(new URLSearchParams('op=&ramp='))).toEqual({ opacity: null, ramp: null });
    expect(parseMapDisplay(new URLSearchParams('op=0.2&ramp=default'))).toEqual({ opacity: 0.2, ramp: 'default' });
  });
});
