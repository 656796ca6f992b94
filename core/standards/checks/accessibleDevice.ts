/** accessible-device: in every zone holding ATMs (or kiosks), at least one is accessible (ADA §220.1: one of each type per location). */
import { finding, type CheckModule } from './types';

export const accessibleDevice: CheckModule<'accessible-device'> = {
  kind: 'accessible-device',
  scope: 'plan',
  run(rule, p) {
    const { fixtureKinds, attribute, minCount } = rule.params;
    const byZone = new Map<string, typeof p.fixtures>();
    for (const f of p.fixtures) {
      if (!fixtureKinds.includes(f.fixture.kind)) continue;
      const key = f.zoneId ?? '(no zone)';
      (byZone.get(key) ?? byZone.set(key, []).get(key)!).push(f);
    }
    return [...byZone.entries()].flatMap(([zoneId, items]) => {
      const n = items.filter((f) => f.fixture.attributes[attribute] === true).length;
      if (n >= minCount) return [];
      const z = p.zoneById.get(zoneId);
      return [finding(rule, {
        zoneIds: z ? [zoneId] : [], elementIds: items.map((f) => f.fixture.id), at: { type: 'polygon', rings: items.map((f) => f.footprint) },
        measured: n, required: minCount, unit: 'count',
        key: 'accessibleDevice', vars: { count: items.length, fixtureKinds: fixtureKinds.join('/'), zone: z?.zone.name || zoneId, marked: n, attribute, min: minCount },
        message: `${items.length} ${fixtureKinds.join('/')} in "${z?.zone.name || zoneId}", ${n} marked ${attribute}; at least ${minCount} needed.`,
      })];
    });
  },
};
