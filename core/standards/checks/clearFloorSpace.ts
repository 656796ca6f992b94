/**
 * clear-floor-space: RECT(w × d @ element) — an obstacle-free rectangle directly in front of each counter /
 * ATM / kiosk, inside customer space and on the route from the entrance (ADA 305.3 30 × 48 in = 760 × 1220 mm).
 * Measured: the clear depth in front of the element across the rectangle's width (exact rays on the vector
 * geometry, 2 cm apart), against the required depth.
 */
import type { PlanPoint } from '../../floorplan/model';
import { components, cellAt } from '../geom/raster';
import { castRay } from '../geom/rayWidth';
import { finding, fmtM, type CheckModule } from './types';
import type { FreeSpace } from '../prepare';

export const clearFloorSpace: CheckModule<'clear-floor-space'> = {
  kind: 'clear-floor-space',
  windowed: true,
  scope: 'plan',
  run(rule, p, _ctx, _only, fsIn?: FreeSpace) {
    const fs = fsIn ?? p.freeSpace();
    const { grid, segmentIndex } = fs;
    const cell = grid.cellM;
    const { widthM, depthM, fixtureKinds } = rule.params;
    // a real boundary has blocked cells just beyond it (walls are one-cell lines); a seam between two free zones does not
    const isBoundary = (hit: PlanPoint, dir: PlanPoint) => [0.3, 0.8, 1.5].some((f) => {
      const k = cellAt(grid, [hit[0] + dir[0] * cell * f, hit[1] + dir[1] * cell * f]);
      return k < 0 || !grid.free[k];
    });
    const entrance = p.plan.doors.find((d) => d.mainEntrance) ?? p.plan.doors.find((d) => d.connects.includes('outside'));
    let comp: { labels: Int32Array } | null = null;
    const out = [];
    for (const f of p.fixtures) {
      if (!fixtureKinds.includes(f.fixture.kind)) continue;
      if (fs.window && !(f.fixture.at[0] >= fs.window.minX + 2 && f.fixture.at[0] <= fs.window.maxX - 2 && f.fixture.at[1] >= fs.window.minY + 2 && f.fixture.at[1] <= fs.window.maxY - 2)) continue;
      const n = f.frontNormal;
      const u: PlanPoint = [-n[1], n[0]];
      const fc: PlanPoint = [f.fixture.at[0] + n[0] * f.fixture.depthM / 2, f.fixture.at[1] + n[1] * f.fixture.depthM / 2];
      const steps = Math.max(2, Math.ceil(widthM / 0.02));
      let clear = Infinity;
      for (let s = 0; s <= steps; s++) {
        const off = -widthM / 2 + (widthM * s) / steps;
        const o: PlanPoint = [fc[0] + u[0] * off + n[0] * 1e-6, fc[1] + u[1] * off + n[1] * 1e-6];
        // facing blocked space (beyond a one-cell wall line at its front): no clear floor space at all
        const probe = Math.max(0.05, 1.5 * cell);
        const k = cellAt(grid, [o[0] + n[0] * probe, o[1] + n[1] * probe]);
        if (k < 0 || !grid.free[k]) { clear = 0; break; }
        const hit = castRay(o, n, segmentIndex, isBoundary, depthM + 0.01);
        clear = Math.min(clear, hit ? hit.t + 1e-6 : Infinity); // + the 1 µm start offset
      }
      const rect: PlanPoint[] = [
        [fc[0] - u[0] * widthM / 2, fc[1] - u[1] * widthM / 2], [fc[0] + u[0] * widthM / 2, fc[1] + u[1] * widthM / 2],
        [fc[0] + u[0] * widthM / 2 + n[0] * depthM, fc[1] + u[1] * widthM / 2 + n[1] * depthM],
        [fc[0] - u[0] * widthM / 2 + n[0] * depthM, fc[1] - u[1] * widthM / 2 + n[1] * depthM],
      ];
      const name = f.fixture.name || f.fixture.id;
      if (clear < depthM - 5e-4) {
        out.push(finding(rule, {
          zoneIds: f.zoneId ? [f.zoneId] : [], elementIds: [f.fixture.id], at: { type: 'polygon', rings: [rect] },
          measured: Math.min(clear, depthM), required: depthM, unit: 'm',
          message: `${f.fixture.kind} "${name}": only ${fmtM(clear)} clear in front; a ${fmtM(widthM)} × ${fmtM(depthM)} clear floor space is required.`,
          key: 'clearFloor', vars: { element: name, measured: fmtM(clear), width: fmtM(widthM), depth: fmtM(depthM) },
        }));
        continue;
      }
      // on the route: the clear floor space lies in the free-space component of the entrance
      if (entrance && !fs.window) {
        comp ??= components(grid, grid.free);
        const ek = cellAt(grid, [(entrance.a[0] + entrance.b[0]) / 2, (entrance.a[1] + entrance.b[1]) / 2]);
        const mid: PlanPoint = [fc[0] + n[0] * depthM / 2, fc[1] + n[1] * depthM / 2];
        const mk = cellAt(grid, mid);
        if (ek >= 0 && mk >= 0 && comp.labels[ek] >= 0 && comp.labels[mk] !== comp.labels[ek]) {
          out.push(finding(rule, {
            zoneIds: f.zoneId ? [f.zoneId] : [], elementIds: [f.fixture.id], at: { type: 'polygon', rings: [rect] },
            measured: 0, required: 1, unit: 'count',
            message: `${f.fixture.kind} "${name}": its clear floor space does not touch the customer route from the entrance.`,
            key: 'offRoute', vars: { element: name },
          }));
        }
      }
    }
    return out;
  },
};
