import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { planLabel } from './planLabel';

describe('planLabel', () => {
  it('lists a shipped sample under its translation while it keeps the file\'s name', () => {
    const dir = path.resolve(__dirname, '../../../layouts/plans');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.plan.json'));
    expect(files.length).toBe(4);
    for (const f of files) {
      const id = f.replace(/\.plan\.json$/, '');
      const { name } = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { name: string };
      // every sample has a Chinese name, and the English label is the file's own name
      expect(planLabel({ id, name, sample: true }, 'en')).toBe(name);
      expect(planLabel({ id, name, sample: true }, 'zh')).not.toBe(name);
    }
    expect(planLabel({ id: 'flagship-400', name: 'Flagship branch (400 m²)', sample: true }, 'zh')).toBe('旗舰网点（400 m²）');
  });

  it('keeps a renamed sample and a user\'s plan as typed', () => {
    expect(planLabel({ id: 'flagship-400', name: 'Fifth Ave flagship', sample: true }, 'zh')).toBe('Fifth Ave flagship');
    expect(planLabel({ id: 'flagship-400', name: 'Flagship branch (400 m²)', sample: false }, 'zh')).toBe('Flagship branch (400 m²)');
    expect(planLabel({ id: 'x', name: '我的网点', sample: true }, 'en')).toBe('我的网点');
  });
});
