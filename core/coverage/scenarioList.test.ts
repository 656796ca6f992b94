import { describe, expect, it } from 'vitest';
import { baseRunName, nextRunName, sortNewestCreatedFirst } from './scenarioList';

describe('scenario list order', () => {
  it('newest created first whatever was edited last; ties by id', () => {
    const list = [
      { id: 'a', createdAt: '2026-12-04T10:00:00.000Z', updatedAt: '2026-12-04T12:00:00.000Z' }, // oldest, edited last
      { id: 'c', createdAt: '2026-12-04T11:00:00.000Z', updatedAt: '2026-12-04T11:00:00.000Z' },
      { id: 'b', createdAt: '2026-12-04T11:00:00.000Z', updatedAt: '2026-12-04T11:30:00.000Z' },
      { id: 'd', createdAt: '2026-12-04T11:30:00.000Z', updatedAt: '2026-12-04T11:30:00.000Z' },
    ];
    expect(sortNewestCreatedFirst(list).map((s) => s.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(list.map((s) => s.id)).toEqual(['a', 'c', 'b', 'd']); // the input is not sorted in place
  });
});

describe('names of repeated optimiser runs', () => {
  const base = '+5 best sites (1 km)';
  it('the first run keeps the name; later runs are numbered from 2, one above the highest', () => {
    expect(nextRunName(base, [])).toBe(base);
    expect(nextRunName(base, ['Scenario 1', '+5 best sites (2 km)'])).toBe(base);
    expect(nextRunName(base, [base])).toBe(`${base} #2`);
    expect(nextRunName(base, [base, `${base} #2`])).toBe(`${base} #3`);
    // #2 was deleted: the next is still #4, not a second #3
    expect(nextRunName(base, [base, `${base} #3`])).toBe(`${base} #4`);
    // only the number survives: the run named "#2" alone still leads to #3
    expect(nextRunName(base, [`${base} #2`])).toBe(`${base} #3`);
  });
  it('a name typed with "#" in the middle is no run number', () => {
    expect(baseRunName('Branch #5 Midtown')).toBe('Branch #5 Midtown');
    expect(baseRunName(`${base} #12`)).toBe(base);
    expect(nextRunName('Plan #2', ['Plan'])).toBe('Plan #2');
    expect(nextRunName('Plan #2', ['Plan', 'Plan #2'])).toBe('Plan #3');
  });
});
