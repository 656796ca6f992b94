/**
 * privacy-band: the one-metre line (一米线) — a band bandDepthM deep in front of each counter / device:
 * no seats (or other forbidden fixtures) inside it, and no overlap with another device's band
 * (BR-05, SEC-08: GA 745-2017, clause to verify).
 */
import { fixtureFrontRectangle } from '../../floorplan/geometry';
import { clipConvex } from '../geom/convexClip';
import { polygonAreaM2 } from '../../floorplan/geometry';
import type { PlanPoint } from '../../floorplan/model';

function boxesMeet(a: PlanPoint[], b: PlanPoint[]): boolean {
  let aminX = Infinity, amaxX = -Infinity, aminY = Infinity, amaxY = -Infinity;
  for (const p of a) { if (p[0] < aminX) aminX = p[0]; if (p[0] > amaxX) amaxX = p[0]; if (p[1] < aminY) aminY = p[1]; if (p[1] > amaxY) amaxY = p[1]; }
  let bminX = Infinity, bmaxX = -Infinity, bminY = Infinity, bmaxY = -Infinity;
  for (const p of b) { if (p[0] < bminX) bminX = p[0]; if (p[0] > bmaxX) bmaxX = p[0]; if (p[1] < bminY) bminY = p[1]; if (p[1] > bmaxY) bmaxY = p[1]; }
  return aminX < bmaxX && bminX < amaxX && aminY < bmaxY && bminY < amaxY;
}
/** Intersection of two rectangles (convex): ring and area. */
function meet(a: PlanPoint[], b: PlanPoint[]): { rings: PlanPoint[][]; area: number } {
  if (!boxesMeet(a, b)) return { rings: [], area: 0 };
  const c = clipConvex(a, b);
  return c.length ? { rings: [c], area: polygonAreaM2(c) } : { rings: [], area: 0 };
}

import { finding, type CheckModule } from './types';

export const privacyBand: CheckModule<'privacy-band'> = {
  kind: 'privacy-band',
  scope: 'plan',
  run(rule, p) {
    const { fixtureKinds, bandDepthM, forbiddenFixtureKinds, toleranceM2 } = rule.params;
    const devices = p.fixtures.filter((f) => fixtureKinds.includes(f.fixture.kind));
    const bands = devices.map((f) => ({ f, band: fixtureFrontRectangle(f.fixture, f.fixture.widthM, bandDepthM) }));
    const out = [];
    for (const { f, band } of bands) {
      for (const o of p.fixtures) {
        if (!forbiddenFixtureKinds.includes(o.fixture.kind) || o === f) continue;
        const { rings: inter, area } = meet(band, o.footprint);
        if (area <= toleranceM2) continue;
        // distance of the intruder from the device front
        const fc = [f.fixture.at[0] + f.frontNormal[0] * f.fixture.depthM / 2, f.fixture.at[1] + f.frontNormal[1] * f.fixture.depthM / 2];
        const dist = Math.max(0, Math.min(...o.footprint.map(([x, y]) => (x - fc[0]) * f.frontNormal[0] + (y - fc[1]) * f.frontNormal[1])));
        out.push(finding(rule, {
          zoneIds: [f.zoneId, o.zoneId].filter((z): z is string => !!z), elementIds: [f.fixture.id, o.fixture.id],
          key: 'privacySeat', vars: { intruder: o.fixture.name || o.fixture.id, device: f.fixture.name || f.fixture.id, dist: dist.toFixed(2), band: bandDepthM },
          at: { type: 'polygon', rings: inter }, measured: dist, required: bandDepthM, unit: 'm',
          message: `${o.fixture.kind} "${o.fixture.name || o.fixture.id}" stands ${dist.toFixed(2)} m in front of ${f.fixture.kind} "${f.fixture.name || f.fixture.id}", inside its ${bandDepthM} m privacy band.`,
        }));
      }
    }
    for (let i = 0; i < bands.length; i++) {
      for (let j = i + 1; j < bands.length; j++) {
        const { rings: inter, area } = meet(bands[i].band, bands[j].band);
        if (area <= toleranceM2) continue;
        const A = bands[i].f.fixture, B = bands[j].f.fixture;
        out.push(finding(rule, {
          zoneIds: [bands[i].f.zoneId, bands[j].f.zoneId].filter((z): z is string => !!z), elementIds: [A.id, B.id],
          at: { type: 'polygon', rings: inter }, measured: area, required: toleranceM2, unit: 'm2',
          key: 'privacyOverlap', vars: { band: bandDepthM, a: A.name || A.id, b: B.name || B.id, area: area.toFixed(2) },
          message: `The ${bandDepthM} m privacy bands of "${A.name || A.id}" and "${B.name || B.id}" overlap by ${area.toFixed(2)} m².`,
        }));
      }
    }
    return out;
  },
};
