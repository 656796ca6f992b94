/** zone-containment: CONTAINS(outline, zone) — the area of the zone outside the outline stays under a tolerance. */
import { differenceRings, multiAreaM2 } from '../geom/clip';
import { finding, type CheckModule } from './types';

export const zoneContainment: CheckModule<'zone-containment'> = {
  kind: 'zone-containment',
  scope: 'zone',
  run(rule, p, _ctx, only) {
    if (!p.outlineValid) return [];
    const o = p.outline;
    let ob = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const [x, y] of o) ob = { minX: Math.min(ob.minX, x), minY: Math.min(ob.minY, y), maxX: Math.max(ob.maxX, x), maxY: Math.max(ob.maxY, y) };
    return p.zones.filter((z) => z.valid && (!only || only.has(z.zone.id))).flatMap((z) => {
      const b = z.bounds;
      // quick accept: the zone's bounds inside a rectangular outline's bounds needs no boolean
      const rectOutline = o.length === 4 && Math.abs(Math.abs((ob.maxX - ob.minX) * (ob.maxY - ob.minY)) - polyArea(o)) < 1e-9;
      if (rectOutline && b.minX >= ob.minX && b.maxX <= ob.maxX && b.minY >= ob.minY && b.maxY <= ob.maxY) return [];
      const outside = differenceRings(z.ring, [o]);
      const area = multiAreaM2(outside);
      if (area <= rule.params.toleranceM2) return [];
      return [finding(rule, {
        zoneIds: [z.zone.id], at: { type: 'polygon', rings: outside.map((poly) => poly[0].slice(0, -1)) },
        measured: area, required: rule.params.toleranceM2, unit: 'm2',
        key: 'outsideOutline', vars: { zone: z.zone.name || z.zone.id, area: area.toFixed(2) },
        message: `Zone "${z.zone.name || z.zone.id}" extends ${area.toFixed(2)} m² outside the outline.`,
      })];
    });
  },
};

function polyArea(r: [number, number][]): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) { const a = r[i], b = r[(i + 1) % r.length]; s += a[0] * b[1] - b[0] * a[1]; }
  return Math.abs(s / 2);
}
