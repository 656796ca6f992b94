/** low-counter: ≥ minCount counters with a top between minHeightM and maxHeightM (ADA 904.4 ≤ 915 mm; GB 50763 0.70–0.85 m). */
import { finding, type CheckModule } from './types';

export const lowCounter: CheckModule<'low-counter'> = {
  kind: 'low-counter',
  scope: 'plan',
  run(rule, p) {
    const { fixtureKinds, minHeightM, maxHeightM, minCount } = rule.params;
    const counters = p.fixtures.filter((f) => fixtureKinds.includes(f.fixture.kind));
    if (!counters.length) return [];
    const low = counters.filter((f) => f.fixture.heightM >= minHeightM - 5e-4 && f.fixture.heightM <= maxHeightM + 5e-4);
    if (low.length >= minCount) return [];
    const lowest = counters.reduce((m, f) => Math.min(m, f.fixture.heightM), Infinity);
    const f0 = counters.find((f) => f.fixture.heightM === lowest)!;
    return [finding(rule, {
      zoneIds: f0.zoneId ? [f0.zoneId] : [], elementIds: counters.map((f) => f.fixture.id), at: { type: 'polygon', rings: [f0.footprint] },
      measured: lowest, required: maxHeightM, unit: 'm',
      key: 'lowCounter', vars: { range: `${minHeightM > 0 ? `${minHeightM}–` : '≤ '}${maxHeightM} m`, lowest: lowest.toFixed(3) },
      message: `No counter with a top at ${minHeightM > 0 ? `${minHeightM}–` : '≤ '}${maxHeightM} m (lowest is ${lowest.toFixed(3)} m); at least ${minCount} needed.`,
    })];
  },
};
