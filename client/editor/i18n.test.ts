import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BranchType, FixtureKind } from '../../core/floorplan/model';
import { editor } from '../i18n/editor';

/** Every editor string the code can ask for exists in English and Chinese (and Chinese is really translated). */
describe('editor i18n', () => {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  // every editor source file (the view is split into hooks and components along its concepts)
  const sources = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  const files = sources.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const literal = new Set(files.flatMap((src) => [...src.matchAll(/t\('(editor\.[A-Za-z0-9_.-]+)'/g)].map((m) => m[1])));
  const families: Record<string, readonly string[]> = {
    'editor.attr.': ['open24h', 'lockable', 'sprinklered'],
    'editor.branchType.': BranchType.options,
    'editor.compass.': ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'],
    'editor.dim.': ['rect', 'polygon', 'edge', 'fixture', 'calibrate'],
    'editor.door.': ['exit', 'mainEntrance', 'accessControlled', 'interlocked', 'lockable'],
    'editor.door.type.': ['single', 'double', 'sliding', 'automatic', 'revolving', 'opening'],
    'editor.fixture.': FixtureKind.options,
    'editor.fixtureAttr.': ['accessible', 'cash', 'glazed', 'voiceComm', 'throughWall'],
    'editor.hint.': ['select', 'rect', 'polygon', 'outline', 'outlineRect', 'door', 'fixture', 'calibrate'],
    'editor.wall.': ['fullHeight', 'glazed', 'exterior'],
    'editor.abbr.': [...FixtureKind.options, 'exit', 'entrance'],
  };
  const keys = [...literal, ...Object.entries(families).flatMap(([pre, xs]) => xs.map((x) => pre + x))];

  it('finds the keys the code uses', () => {
    expect(literal.size).toBeGreaterThan(60);
  });
  it.each(['en', 'zh'] as const)('has every key in %s', (lang) => {
    const dict = editor[lang] as Record<string, string>;
    expect(keys.filter((k) => !(k in dict))).toEqual([]);
  });
  it('Chinese strings are Chinese, with the same {placeholders}', () => {
    for (const k of Object.keys(editor.en)) {
      const en = (editor.en as Record<string, string>)[k];
      const zh = (editor.zh as Record<string, string>)[k];
      if (en) expect(zh, k).toBeTruthy();
      if (/[A-Za-z]{4,}/.test(en) && !/^(ATM|PNG|JPEG|DESK|EXIT)$/.test(en)) expect(zh, k).toMatch(/[\u4e00-\u9fff]/);
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(zh), k).toEqual(ph(en));
    }
  });
});
