import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';

const db = await openDatabase(':memory:');
afterAll(() => db.close());

describe('Database.columns', () => {
  it('gives the rows of a multi-chunk result column by column, in order, with the values all() gives (strings, numbers, nulls, lists)', async () => {
    // 10,000 rows: five DuckDB chunks, converted with turns of the event loop between chunks and between columns
    const sql = `SELECT i::INTEGER AS i, 'geoid-' || i AS s, CASE WHEN i % 7 = 0 THEN NULL ELSE i / 4 END AS x, [i::INTEGER, i::INTEGER + 1] AS l
      FROM range(10000) t(i) ORDER BY i`;
    const cols = await db.columns<{ i: number[]; s: string[]; x: (number | null)[]; l: number[][] }>(sql);
    const rows = await db.all<{ i: number; s: string; x: number | null; l: number[] }>(sql);
    expect(cols.i.length).toBe(10_000);
    expect(cols.s[9_999]).toBe('geoid-9999');
    expect(cols.x[7]).toBeNull();
    expect(cols.x[9]).toBe(2.25);
    expect(cols.l[3]).toEqual([3, 4]);
    expect(rows.map((r) => r.i)).toEqual(cols.i);
    expect(rows.map((r) => r.s)).toEqual(cols.s);
    expect(rows.map((r) => r.x)).toEqual(cols.x);
    expect(rows.map((r) => r.l)).toEqual(cols.l);
  });
});
