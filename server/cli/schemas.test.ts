import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { SCHEMA_FILES, schemaText } from './schemas';

describe('generated JSON Schemas', () => {
  for (const [rel, build] of Object.entries(SCHEMA_FILES)) {
    it(`${rel} is current (regenerate with: npx tsx server/cli/schemas.ts)`, () => {
      const committed = fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
      expect(committed).toBe(schemaText(build));
    });
  }

  it('the floor-plan schema requires units, type, version, branchType and outline', () => {
    const s = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'layouts/floorplan.schema.json'), 'utf8'));
    expect(s.required).toEqual(expect.arrayContaining(['type', 'version', 'units', 'name', 'branchType', 'outline']));
    expect(s.properties.units.enum).toEqual(['m', 'cm', 'mm']);
    expect(s.properties.zones.items.required).toEqual(expect.arrayContaining(['id', 'kind', 'polygon']));
    expect(s.properties.zones.items.properties.polygon.minItems).toBe(3);
  });
});
