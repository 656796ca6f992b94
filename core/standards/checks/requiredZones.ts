/** required-zones: at least minCount zones of each group (zone kinds or functional groups) — BR-01. */
import { finding, type CheckModule } from './types';

export const requiredZones: CheckModule<'required-zones'> = {
  kind: 'required-zones',
  scope: 'plan',
  run(rule, p) {
    const c = p.outline.length >= 3 ? p.outline : p.zones[0]?.ring ?? [[0, 0], [0, 0], [0, 0]];
    return rule.params.groups.flatMap((g) => {
      const n = p.zones.filter((z) => z.valid
        && ((g.zoneKinds?.includes(z.zone.kind) ?? false) || (g.functionalGroups?.includes(z.kind?.functionalGroup ?? '') ?? false))).length;
      if (n >= g.minCount) return [];
      return [finding(rule, {
        at: { type: 'polygon', rings: [c] }, measured: n, required: g.minCount, unit: 'count',
        key: 'missingZone', vars: { label: g.label, groups: [...(g.functionalGroups ?? []), ...(g.zoneKinds ?? [])].join('/'), found: n, need: g.minCount },
        message: `Missing zone: ${g.label} (found ${n}, need ${g.minCount}).`,
      })];
    });
  },
};
