import { describe, expect, it } from 'vitest';
import { isEditorHash, planHash, planIdFromHash } from './planRoute';

describe('plan route', () => {
  it('reads the plan id from #/floorplans/<id>, decoded', () => {
    expect(planIdFromHash('#/floorplans/community-150')).toBe('community-150');
    expect(planIdFromHash('#floorplans/my%20plan')).toBe('my plan');
    expect(planIdFromHash('#/floorplans')).toBeNull();
    expect(planIdFromHash('#/sites/community-150')).toBeNull();
  });

  it('writes an encoded hash that reads back the same id', () => {
    expect(planHash('a b/c')).toBe('#/floorplans/a%20b%2Fc');
    expect(planIdFromHash(planHash('a b/c'))).toBe('a b/c');
    expect(isEditorHash(planHash('x'))).toBe(true);
    expect(isEditorHash('#/coverage')).toBe(false);
  });
});
