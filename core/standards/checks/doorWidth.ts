/** door-width: ATTR(door.clearWidthM) ≥ minimum (ADA 404.2.3 815 mm; GB 50763 3.5.3 800 mm, automatic 1.00 m). */
import { finding, fmtM, type CheckModule } from './types';

export const doorWidth: CheckModule<'door-width'> = {
  kind: 'door-width',
  scope: 'plan',
  run(rule, p) {
    const { minClearWidthM, automaticMinClearWidthM, exitsOnly } = rule.params;
    return p.plan.doors.filter((d) => !exitsOnly || d.exit).flatMap((d) => {
      const req = d.swing.type === 'automatic' && automaticMinClearWidthM ? automaticMinClearWidthM : minClearWidthM;
      if (d.clearWidthM >= req - 5e-4) return [];
      return [finding(rule, {
        zoneIds: d.connects.filter((c) => c !== 'outside'), elementIds: [d.id], at: { type: 'segment', a: d.a, b: d.b },
        measured: d.clearWidthM, required: req, unit: 'm',
        key: 'doorWidth', vars: { door: d.name || d.id, measured: fmtM(d.clearWidthM), required: fmtM(req) },
        message: `Door "${d.name || d.id}" has ${fmtM(d.clearWidthM)} clear width; needs ≥ ${fmtM(req)}.`,
      })];
    });
  },
};
