/** waiting-area-per-seat: AREA(waiting zone) / COUNT(seats in it) ≥ minM2PerSeat (BR-09: IBC Table 1004.5 waiting 15 ft² ≈ 1.4 m²). */
import { countNoun, finding, zoneAt, type CheckModule } from './types';

export const waitingAreaPerSeat: CheckModule<'waiting-area-per-seat'> = {
  kind: 'waiting-area-per-seat',
  scope: 'zone',
  run(rule, p, _ctx, only) {
    return p.zones.filter((z) => z.valid && rule.params.zoneKinds.includes(z.zone.kind) && (!only || only.has(z.zone.id))).flatMap((z) => {
      const seats = p.fixtures.filter((f) => f.fixture.kind === 'seat' && f.zoneId === z.zone.id).length;
      if (seats === 0) return [];
      const per = z.areaM2 / seats;
      if (per >= rule.params.minM2PerSeat - 1e-9) return [];
      return [finding(rule, {
        key: 'areaPerSeat', vars: { zone: z.zone.name || z.zone.id, area: z.areaM2.toFixed(2), seats, per: per.toFixed(2), required: rule.params.minM2PerSeat, total: (seats * rule.params.minM2PerSeat).toFixed(1) },
        zoneIds: [z.zone.id], at: zoneAt(z), measured: per, required: rule.params.minM2PerSeat, unit: 'm2',
        message: `Waiting zone "${z.zone.name || z.zone.id}" has ${z.areaM2.toFixed(2)} m² for ${countNoun(seats, 'seat')} = ${per.toFixed(2)} m² per seat; needs ≥ ${rule.params.minM2PerSeat} m² (≥ ${(seats * rule.params.minM2PerSeat).toFixed(1)} m²).`,
      })];
    });
  },
};
