import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverage } from '../i18n/coverage';

const dir = path.resolve('client/coverage');
const sources = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

describe('coverage dictionary', () => {
  it('has a real Chinese string for every English key', () => {
    expect(Object.keys(coverage.zh).sort()).toEqual(Object.keys(coverage.en).sort());
    for (const [k, v] of Object.entries(coverage.zh)) {
      if (k === 'cov.brief.subtitle') continue; // placeholders only: '{bank} — {area} — {date}'
      expect(v, k).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps placeholders identical across languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(coverage.en)) expect(vars(coverage.zh[k as keyof typeof coverage.zh]), k).toEqual(vars(coverage.en[k as keyof typeof coverage.en]));
  });

  it('defines every literal key the coverage view asks for', () => {
    const used = new Set(sources.flatMap((s) => [...s.matchAll(/['`](cov\.[\w.]+)['`]/g)].map((m) => m[1])));
    expect(used.size).toBeGreaterThan(60);
    const missing = [...used].filter((k) => !(k in coverage.en));
    expect(missing).toEqual([]);
  });
});
