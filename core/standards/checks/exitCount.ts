/**
 * exit-count: occupant load (area ÷ factor per zone kind) → exits required (IBC 1006.2.1 / GB 50016 5.5.8),
 * and, when two or more are required, their separation: ≥ a fraction of the outline's diagonal between exit
 * centres (IBC 1007.1.1: ½, ⅓ sprinklered) or ≥ a fixed distance between nearest edges (GB 50016 5.5.2: 5 m).
 */
import { exitDoors, occupantLoad } from '../occupants';
import { pointSegmentDistance } from '../../floorplan/geometry';
import { countNoun, finding, fmtM, type CheckModule } from './types';
import type { PlanPoint } from '../../floorplan/model';

export const exitCount: CheckModule<'exit-count'> = {
  kind: 'exit-count',
  scope: 'plan',
  run(rule, p) {
    const { loadFactorsM2PerPerson, defaultLoadFactorM2PerPerson, exitsByOccupants, separation } = rule.params;
    const load = occupantLoad(p, loadFactorsM2PerPerson, defaultLoadFactorM2PerPerson);
    const required = exitsByOccupants.filter((r) => load >= r.minOccupants).reduce((m, r) => Math.max(m, r.exits), 1);
    const exits = exitDoors(p);
    const outlineAt = { type: 'polygon' as const, rings: [p.outline] };
    const out = [];
    if (exits.length < required) {
      out.push(finding(rule, {
        at: outlineAt, elementIds: exits.map((d) => d.id), measured: exits.length, required, unit: 'count',
        key: 'exits', vars: { load, required, have: exits.length },
        message: `Occupant load ${countNoun(load, 'person')} needs ${countNoun(required, 'exit')}; the plan has ${exits.length}.`,
      }));
    }
    if (separation && required >= 2 && exits.length >= 2) {
      const mid = (d: { a: PlanPoint; b: PlanPoint }): PlanPoint => [(d.a[0] + d.b[0]) / 2, (d.a[1] + d.b[1]) / 2];
      let best = { d: -1, i: 0, j: 1 };
      for (let i = 0; i < exits.length; i++) for (let j = i + 1; j < exits.length; j++) {
        const A = exits[i], B = exits[j];
        const d = separation.mode === 'min-distance'
          ? Math.min(pointSegmentDistance(A.a, B.a, B.b).distanceM, pointSegmentDistance(A.b, B.a, B.b).distanceM, pointSegmentDistance(B.a, A.a, A.b).distanceM, pointSegmentDistance(B.b, A.a, A.b).distanceM)
          : Math.hypot(mid(A)[0] - mid(B)[0], mid(A)[1] - mid(B)[1]);
        if (d > best.d) best = { d, i, j };
      }
      let need: number;
      if (separation.mode === 'min-distance') need = separation.minM;
      else {
        let diag = 0;
        for (const a of p.outline) for (const b of p.outline) diag = Math.max(diag, Math.hypot(a[0] - b[0], a[1] - b[1]));
        need = diag * (p.sprinklered && separation.fractionSprinklered ? separation.fractionSprinklered : separation.fraction);
      }
      if (best.d < need - 5e-4) {
        const A = exits[best.i], B = exits[best.j];
        out.push(finding(rule, {
          elementIds: [A.id, B.id], at: { type: 'segment', a: mid(A), b: mid(B) }, measured: best.d, required: need, unit: 'm',
          key: 'exitSeparation', vars: { a: A.name || A.id, b: B.name || B.id, measured: fmtM(best.d), required: fmtM(need) },
          message: `Exits "${A.name || A.id}" and "${B.name || B.id}" are ${fmtM(best.d)} apart; need ≥ ${fmtM(need)}.`,
        }));
      }
    }
    return out;
  },
};
