/**
 * enclosure-walls: a cash area or vault is enclosed by full-height walls of at least the required thickness on
 * every boundary edge; door openings are excepted (their control is secure-access's job). GA 38-2021 §6.2.1.2.1
 * (slab to slab) and §6.2.1.2.2 (≥ 160 mm reinforced concrete). The finding sits on the open or thin stretch.
 */
import { polygonEdges } from '../../floorplan/geometry';
import { finding, fmtM, zonesFor, type CheckModule } from './types';
import type { Finding } from '../findings';

export const enclosureWalls: CheckModule<'enclosure-walls'> = {
  kind: 'enclosure-walls',
  scope: 'zone',
  run(rule, p, _ctx, only) {
    const { zoneKinds, minThicknessM, allowGlazed, minGapM } = rule.params;
    const walls = p.plan.outline.walls;
    const out: Finding[] = [];
    for (const z of zonesFor({ ...rule, appliesTo: { zoneKinds } } as never, p)) {
      if (only && !only.has(z.zone.id)) continue;
      const name = z.zone.name || z.zone.id;
      for (const [a, b] of polygonEdges(z.ring)) {
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (len < 1e-9) continue;
        const ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len;
        const along = (q: [number, number]) => (q[0] - a[0]) * ux + (q[1] - a[1]) * uy;
        const off = (q: [number, number]) => Math.abs((q[0] - a[0]) * uy - (q[1] - a[1]) * ux);
        const covers: { t0: number; t1: number; ok: boolean; w: typeof walls[number] | null }[] = [];
        for (const w of walls) {
          const tol = w.thicknessM / 2 + 0.02;
          if (off(w.a) > tol || off(w.b) > tol) continue;
          const t0 = Math.max(0, Math.min(along(w.a), along(w.b))), t1 = Math.min(len, Math.max(along(w.a), along(w.b)));
          if (t1 - t0 <= 1e-9) continue;
          covers.push({ t0, t1, ok: w.fullHeight && w.thicknessM >= minThicknessM - 5e-4 && (allowGlazed || !w.glazed), w });
        }
        for (const d of p.plan.doors) {
          if (!d.connects.includes(z.zone.id) || off(d.a) > 0.05 || off(d.b) > 0.05) continue;
          covers.push({ t0: Math.max(0, Math.min(along(d.a), along(d.b))), t1: Math.min(len, Math.max(along(d.a), along(d.b))), ok: true, w: null });
        }
        // open stretches: parts of the edge no wall or door covers
        covers.sort((x, y) => x.t0 - y.t0);
        let t = 0;
        const gaps: [number, number][] = [];
        for (const c of covers) { if (c.t0 > t + minGapM) gaps.push([t, c.t0]); t = Math.max(t, c.t1); }
        if (len > t + minGapM) gaps.push([t, len]);
        for (const [g0, g1] of gaps) {
          out.push(finding(rule, {
            zoneIds: [z.zone.id], at: { type: 'segment', a: [a[0] + ux * g0, a[1] + uy * g0], b: [a[0] + ux * g1, a[1] + uy * g1] },
            measured: g1 - g0, required: 0, unit: 'm',
            key: 'enclosureGap', vars: { length: fmtM(g1 - g0), zone: name },
            message: `${fmtM(g1 - g0)} of the boundary of "${name}" has no wall: it must be enclosed by full-height walls.`,
          }));
        }
        for (const c of covers) {
          if (c.ok || !c.w) continue;
          const w = c.w;
          out.push(finding(rule, {
            zoneIds: [z.zone.id], elementIds: [w.id], at: { type: 'segment', a: [a[0] + ux * c.t0, a[1] + uy * c.t0], b: [a[0] + ux * c.t1, a[1] + uy * c.t1] },
            measured: w.thicknessM, required: minThicknessM, unit: 'm',
            key: !w.fullHeight ? 'enclosureWall.notFullHeight' : w.glazed && !allowGlazed ? 'enclosureWall.glazed' : 'enclosureWall.thin',
            vars: { wall: w.id, zone: name, thickness: fmtM(w.thicknessM), min: fmtM(minThicknessM) },
            message: `Wall "${w.id}" of "${name}" is ${!w.fullHeight ? 'not full height' : w.glazed && !allowGlazed ? 'glazed' : `${fmtM(w.thicknessM)} thick`}; needs full height, ≥ ${fmtM(minThicknessM)}.`,
          }));
        }
      }
    }
    return out;
  },
};
