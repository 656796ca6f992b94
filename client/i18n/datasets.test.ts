import { describe, expect, it } from 'vitest';
import { datasets } from './datasets';

describe('datasets dictionary', () => {
  it('has a Chinese string for every English key, with the same {placeholders} and CJK text', () => {
    expect(Object.keys(datasets.zh).sort()).toEqual(Object.keys(datasets.en).sort());
    const vars = (s: string) => [...new Set(s.match(/\{\w+/g) ?? [])].sort();
    for (const [k, en] of Object.entries(datasets.en)) expect(vars((datasets.zh as Record<string, string>)[k]), k).toEqual(vars(en));
    expect(Object.entries(datasets.zh).filter(([, v]) => !/[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });
});
