/**
 * secure-access: cash and staff zones reachable from customer space only through access-controlled (or
 * interlocked) doors, never across an open edge or an ordinary door (GA 38 cash-area entry; BR-11; SEC-05).
 * The finding sits on the uncontrolled door or open edge through which the zone is reached.
 */
import { reachableFromEntrance } from '../graph';
import { finding, type CheckModule } from './types';

export const secureAccess: CheckModule<'secure-access'> = {
  kind: 'secure-access',
  scope: 'plan',
  run(rule, p) {
    const target = (kind: string, secure: boolean) =>
      (rule.params.zoneKinds?.includes(kind) ?? false) || (rule.params.secureOnly && secure && !rule.params.zoneKinds);
    // walk from the entrance through every link that is not access controlled, into any zone
    const { reached, parent } = reachableFromEntrance(p, (l) => !l.accessControlled && l.widthM >= rule.params.minOpeningM);
    const out = [];
    for (const z of p.zones) {
      if (!z.valid || !target(z.zone.kind, z.secure) || !reached.has(z.zone.id)) continue;
      // the last uncontrolled link into the secure part of the path
      let link = parent.get(z.zone.id)!;
      let cur = z.zone.id;
      while (true) {
        const prev = link.from;
        const pz = p.zoneById.get(prev);
        if (!pz || !target(pz.zone.kind, pz.secure)) break;
        cur = prev; link = parent.get(cur)!;
      }
      const what = link.via === 'door' ? `door "${link.door!.name || link.door!.id}" (not access-controlled)` : `an open edge ${link.widthM.toFixed(2)} m wide`;
      out.push(finding(rule, {
        zoneIds: [z.zone.id, ...(link.from !== 'outside' ? [link.from] : [])], elementIds: link.door ? [link.door.id] : [],
        key: link.via === 'door' ? 'secureDoor' : 'secureOpen', vars: { zone: z.zone.name || z.zone.id, door: link.door ? link.door.name || link.door.id : '', width: link.widthM.toFixed(2) },
        at: { type: 'segment', a: link.a, b: link.b }, measured: 1, required: 0, unit: 'count', // uncontrolled entries into the secure zone
        message: `Secure zone "${z.zone.name || z.zone.id}" can be reached from the entrance without an access-controlled door, through ${what}.`,
      }));
    }
    return out;
  },
};
