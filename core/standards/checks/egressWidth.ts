/** egress-width: Σ exit clear width ≥ occupants × width per occupant (IBC 1005.3.2 0.2 in = 5.1 mm; GB 50016 5.5.21 0.65 m / 100 persons). */
import { exitDoors, occupantLoad } from '../occupants';
import { countNoun, finding, fmtM, type CheckModule } from './types';

export const egressWidth: CheckModule<'egress-width'> = {
  kind: 'egress-width',
  scope: 'plan',
  run(rule, p) {
    const { loadFactorsM2PerPerson, defaultLoadFactorM2PerPerson, widthPerOccupantM, minExitWidthM } = rule.params;
    const load = occupantLoad(p, loadFactorsM2PerPerson, defaultLoadFactorM2PerPerson);
    const exits = exitDoors(p);
    const total = exits.reduce((s, d) => s + d.clearWidthM, 0);
    const need = Math.max(load * widthPerOccupantM, minExitWidthM);
    if (total >= need - 5e-4) return [];
    return [finding(rule, {
      elementIds: exits.map((d) => d.id), at: { type: 'polygon', rings: [p.outline] }, measured: total, required: need, unit: 'm',
      key: 'egressWidth', vars: { total: fmtM(total), load, need: fmtM(need) },
      message: `Exit doors give ${fmtM(total)} of egress width for ${countNoun(load, 'occupant')}; need ≥ ${fmtM(need)}.`,
    })];
  },
};
