/**
 * fixture-attribute: heights, depths and flags of fixtures, e.g. GA 38 cash counters (base ≥ 0.80 m high,
 * ≥ 0.50 m deep) or ADA §904.6 (a glazed teller window has voice communication).
 */
import { finding, fmtM, type CheckModule } from './types';
import type { Finding } from '../findings';

export const fixtureAttribute: CheckModule<'fixture-attribute'> = {
  kind: 'fixture-attribute',
  scope: 'plan',
  run(rule, p) {
    const { fixtureKinds, when, minHeightM, maxHeightM, minDepthM, requireTrue } = rule.params;
    const out: Finding[] = [];
    for (const f of p.fixtures) {
      const x = f.fixture;
      if (!fixtureKinds.includes(x.kind) || (when && x.attributes[when] !== true)) continue;
      const base = { zoneIds: f.zoneId ? [f.zoneId] : [], elementIds: [x.id], at: { type: 'polygon' as const, rings: [f.footprint] } };
      const name = `${x.kind} "${x.name || x.id}"`;
      if (minHeightM !== undefined && x.heightM < minHeightM - 5e-4) out.push(finding(rule, { ...base, measured: x.heightM, required: minHeightM, unit: 'm', key: 'fixtureHeightMin', vars: { kind: x.kind, element: x.name || x.id, measured: fmtM(x.heightM), required: fmtM(minHeightM) }, message: `${name} is ${fmtM(x.heightM)} high; needs ≥ ${fmtM(minHeightM)}.` }));
      if (maxHeightM !== undefined && x.heightM > maxHeightM + 5e-4) out.push(finding(rule, { ...base, measured: x.heightM, required: maxHeightM, unit: 'm', key: 'fixtureHeightMax', vars: { kind: x.kind, element: x.name || x.id, measured: fmtM(x.heightM), required: fmtM(maxHeightM) }, message: `${name} is ${fmtM(x.heightM)} high; needs ≤ ${fmtM(maxHeightM)}.` }));
      if (minDepthM !== undefined && x.depthM < minDepthM - 5e-4) out.push(finding(rule, { ...base, measured: x.depthM, required: minDepthM, unit: 'm', key: 'fixtureDepthMin', vars: { kind: x.kind, element: x.name || x.id, measured: fmtM(x.depthM), required: fmtM(minDepthM) }, message: `${name} is ${fmtM(x.depthM)} deep; needs ≥ ${fmtM(minDepthM)}.` }));
      for (const a of requireTrue) {
        if (x.attributes[a] === true) continue;
        out.push(finding(rule, { ...base, measured: 0, required: 1, unit: 'count', key: when ? 'fixtureLacksWhen' : 'fixtureLacks', vars: { kind: x.kind, element: x.name || x.id, attribute: a, ...(when ? { when } : {}) }, message: `${name}${when ? ` (${when})` : ''} lacks "${a}".` }));
      }
    }
    return out;
  },
};
