import { it } from 'vitest';
import { generatePlan, moveZone } from './testing/generatePlan';
import { checkPlan, recheckZones, CHECKS } from './checkPlan';
import { preparePlan } from './prepare';
import { RULE_SETS } from './ruleSets';
it('prof', () => {
  const plan = generatePlan();
  const rs = RULE_SETS['us-ada-ibc'];
  for (let k = 0; k < 3; k++) {
    const p = preparePlan(plan);
    const times: string[] = [];
    let t = performance.now();
    for (const rule of rs.rules) {
      const t0 = performance.now();
      const f = (CHECKS[rule.kind] as any).run(rule, p, {});
      times.push(`${rule.id}:${(performance.now() - t0).toFixed(1)}(${f.length})`);
    }
    console.log('total', (performance.now() - t).toFixed(0), times.join(' '));
  }
  const full = checkPlan(plan, rs);
  const moved = moveZone(plan, 'z-5-4', 0.1, 0);
  for (let k = 0; k < 3; k++) { const t = performance.now(); const r = recheckZones(full, plan, moved, rs, ['z-5-4']); console.log('recheck', (performance.now() - t).toFixed(1), r.findings.length, plan.zones.find(z => z.id === 'z-5-4')!.kind); }
  console.log(full.summary, full.findings.slice(0, 5).map((f) => f.message));
});
