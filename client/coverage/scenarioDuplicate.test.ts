import { describe, expect, it } from 'vitest';
import type { Scenario } from '../api/coverage';
import { earlierDuplicate } from './scenarioDuplicate';

const sc = (id: string, createdAt: string, over: Partial<Scenario> = {}): Scenario => ({
  id, name: '+2 best sites (1 km)', baseNetwork: 'cert:628', added: [{ id: 'h1', lng: -73.9, lat: 40.8 }, { id: 'h2', lng: -73.95, lat: 40.6 }],
  closed: [], moved: [], params: {}, createdAt, updatedAt: createdAt, version: 1, ...over,
});

describe('earlierDuplicate (an optimiser run repeated)', () => {
  it('finds the oldest earlier scenario with the same name and the same changes, in any order', () => {
    const first = sc('a', '2026-12-01T10:00:00Z');
    const second = sc('b', '2026-12-02T10:00:00Z', { added: [{ id: 'x', lng: -73.95, lat: 40.6 }, { id: 'y', lng: -73.9, lat: 40.8 }] });
    const fresh = sc('c', '2026-12-03T10:00:00Z');
    expect(earlierDuplicate([fresh, second, first], 'c')?.id).toBe('a');
    // the server numbered the repeated run: still the same run
    expect(earlierDuplicate([{ ...fresh, name: '+2 best sites (1 km) #3' }, second, first], 'c')?.id).toBe('a');
  });
  it('keeps a run whose sites, name or network differ', () => {
    const first = sc('a', '2026-12-01T10:00:00Z');
    expect(earlierDuplicate([first, sc('c', '2026-12-03T10:00:00Z', { added: [{ id: 'h1', lng: -73.9, lat: 40.8 }] })], 'c')).toBeNull();
    expect(earlierDuplicate([first, sc('c', '2026-12-03T10:00:00Z', { name: '+2 best sites (2 km)' })], 'c')).toBeNull();
    expect(earlierDuplicate([first, sc('c', '2026-12-03T10:00:00Z', { baseNetwork: 'cert:3510' })], 'c')).toBeNull();
    expect(earlierDuplicate([first], 'missing')).toBeNull();
  });
});
