/**
 * The exports open in other software: the DXF is read back by ezdxf (Debian `python3-ezdxf`, an independent
 * DXF implementation) with its auditor, and the zone polylines it sees have the model's areas. Skipped where
 * python3-ezdxf is not installed (`apt-get install -y python3-ezdxf`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../core/floorplan/load';
import { planToDxf } from '../../core/floorplan/export/dxf';
import { polygonAreaM2 } from '../../core/floorplan/geometry';
import { readSamplePlans } from './planStore';

const PY = '/usr/bin/python3';
const hasEzdxf = fs.existsSync(PY) && spawnSync(PY, ['-c', 'import ezdxf'], { encoding: 'utf8' }).status === 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const READ = `
import sys, json
from ezdxf import recover
doc, aud = recover.readfile(sys.argv[1])
def area(p):
    s = 0
    for i in range(len(p)):
        x1, y1 = p[i][:2]; x2, y2 = p[(i + 1) % len(p)][:2]; s += x1 * y2 - x2 * y1
    return abs(s) / 2
zones = [dict(layer=e.dxf.layer, closed=e.closed, area=area(list(e.get_points('xy'))))
         for e in doc.modelspace().query('LWPOLYLINE') if e.dxf.layer.startswith('ZONE-')]
print(json.dumps(dict(errors=len(aud.errors), units=doc.header.get('$INSUNITS'), zones=zones)))
`;

describe.skipIf(!hasEzdxf)('DXF opens in ezdxf', () => {
  for (const { id, plan } of readSamplePlans()) {
    it(`${id}: no audit errors, metres, one closed polyline per zone with the model's area`, () => {
      const file = path.join(dir, `${id}.dxf`);
      fs.writeFileSync(file, planToDxf(loadPlan(plan)));
      const r = spawnSync(PY, ['-c', READ, file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { errors: number; units: number; zones: { layer: string; closed: boolean; area: number }[] };
      expect(out.errors).toBe(0);
      expect(out.units).toBe(6);
      expect(out.zones).toHaveLength(plan.zones.length);
      out.zones.forEach((z, i) => {
        expect(z.closed).toBe(true);
        expect(z.area).toBeCloseTo(polygonAreaM2(plan.zones[i].polygon), 6);
      });
    });
  }
});
