import { z } from 'zod';

/**
 * Bounds for free-form JSON fields that the API stores as opaque snapshots (a saved site's `parameters` and `score`,
 * a scenario's `params`). `JSON.parse` accepts arrays nested thousands deep, but `JSON.stringify` (and any other
 * recursive walk) overflows the stack on them, so such values are refused at validation time with a 400 naming
 * the field instead of failing later with a 500.
 */

/** Deepest nesting of objects/arrays accepted in a free-form field (the scoring `params` echo is ≤ 4 deep). */
export const MAX_FREEFORM_DEPTH = 32;
/** Most values (objects, arrays, scalars) accepted in one free-form field (a scored-site snapshot holds a few hundred). */
export const MAX_FREEFORM_VALUES = 100_000;

/**
 * Find the first place where `value` breaks the bounds, walking it without recursion (so it cannot itself overflow).
 * @param value any JSON-decoded value
 * @returns `null` when within bounds, else `{ path, message }` where `path` is the key path (relative to `value`)
 *   of the first container nested deeper than `maxDepth`, or `[]` when there are more than `maxValues` values.
 */
export function findJsonBoundViolation(value: unknown, maxDepth = MAX_FREEFORM_DEPTH, maxValues = MAX_FREEFORM_VALUES):
  { path: (string | number)[]; message: string } | null {
  const stack: { v: unknown; depth: number; path: (string | number)[] }[] = [{ v: value, depth: 0, path: [] }];
  let count = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (++count > maxValues) return { path: [], message: `holds more than ${maxValues} values` };
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > maxDepth) return { path, message: `is nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, depth: depth + 1, path: [...path, i] }));
    else for (const [k, x] of Object.entries(v)) stack.push({ v: x, depth: depth + 1, path: [...path, k] });
  }
  return null;
}

/**
 * A free-form JSON object field (`z.record(z.string(), z.unknown())`) refused when nested deeper than
 * {@link MAX_FREEFORM_DEPTH} or holding more than {@link MAX_FREEFORM_VALUES} values; the issue is on the field itself.
 */
export function boundedJsonRecord() {
  return z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
    const bad = findJsonBoundViolation(v);
    if (bad) ctx.addIssue({ code: 'custom', message: `free-form JSON ${bad.message}` });
  });
}
