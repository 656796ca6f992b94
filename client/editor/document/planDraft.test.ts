import { describe, expect, it } from 'vitest';
import v2 from '../../../core/floorplan/fixtures/plan.v2.json';
import type { FloorPlan } from '../../../core/floorplan/model';
import { clearDraft, draftAction, draftKey, lastOpenPlan, readDraft, rememberOpenPlan, writeDraft, type DraftStorage } from './planDraft';

function memoryStorage(opts: { full?: boolean } = {}): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => { if (opts.full) throw new DOMException('quota', 'QuotaExceededError'); map.set(k, v); },
    removeItem: (k) => { map.delete(k); },
  };
}

const saved = v2 as unknown as FloorPlan;
const edited: FloorPlan = { ...saved, zones: [...saved.zones, { ...saved.zones[0], id: 'z-new', name: 'Drawn' }] };

describe('plan drafts', () => {
  it('writes, reads back and clears one draft per plan', () => {
    const s = memoryStorage();
    expect(writeDraft(s, { planId: 'p1', baseVersion: 3, plan: edited, savedAt: '2026-12-04T04:00:00.000Z' })).toBe(true);
    expect([...s.map.keys()]).toEqual([draftKey('p1')]);
    expect(readDraft(s, 'p1')).toEqual({ planId: 'p1', baseVersion: 3, plan: edited, savedAt: '2026-12-04T04:00:00.000Z' });
    expect(readDraft(s, 'p2')).toBeNull();
    clearDraft(s, 'p1');
    expect(readDraft(s, 'p1')).toBeNull();
  });

  it('drops a damaged entry instead of restoring it; a full storage reports false', () => {
    const s = memoryStorage();
    s.map.set(draftKey('p1'), '{"planId":"p1","baseVersion":"x"');
    expect(readDraft(s, 'p1')).toBeNull();
    expect(s.map.has(draftKey('p1'))).toBe(false);
    s.map.set(draftKey('p1'), JSON.stringify({ planId: 'other', baseVersion: 1, plan: edited }));
    expect(readDraft(s, 'p1')).toBeNull();
    expect(writeDraft(memoryStorage({ full: true }), { planId: 'p1', baseVersion: 1, plan: edited, savedAt: '' })).toBe(false);
  });

  it('a draft on the opened version is applied; on an older version it is stale; equal to the saved plan it is nothing', () => {
    const d = { planId: 'p1', baseVersion: 3, plan: edited, savedAt: '' };
    expect(draftAction(d, 3, saved)).toBe('apply');
    expect(draftAction(d, 5, saved)).toBe('stale');
    expect(draftAction({ ...d, plan: saved }, 3, saved)).toBe('none');
    expect(draftAction(null, 3, saved)).toBe('none');
  });

  it('remembers the plan open last', () => {
    const s = memoryStorage();
    expect(lastOpenPlan(s)).toBeNull();
    rememberOpenPlan(s, 'community-150');
    expect(lastOpenPlan(s)).toBe('community-150');
  });
});
