/** Generated many-zone branch plans for the standards benchmark. */
import type { Door, Fixture, FloorPlan, Zone } from '../../floorplan/model';
import { door, fixture, rect } from './planBuilder';

/**
 * A generated branch plan of many zones for benchmarks: `cols × rows` blocks of 4 × 3 m, each block a zone;
 * customer zones (circulation, waiting, reception, teller-counter, self-service) form a connected hall with
 * staff and cash rooms along the top row behind access-controlled doors. Seats, ATMs and counters are placed
 * in their zones. Deterministic.
 */
export function generatePlan(cols = 20, rows = 10): FloorPlan {
  const W = 4, H = 3;
  const zones: Zone[] = [];
  const doors: Door[] = [];
  const fixtures: Fixture[] = [];
  const hallKinds = ['circulation', 'waiting', 'reception', 'teller-counter', 'self-service', 'circulation'];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const id = `z-${i}-${j}`;
      const x0 = i * W, y0 = j * H;
      const staff = j === 0;
      const kind = staff ? (i % 4 === 1 ? 'cash-area' : i % 4 === 3 ? 'security-room' : 'back-office') : hallKinds[(i + j * 3) % hallKinds.length];
      zones.push({ id, kind, name: id, polygon: rect(x0, y0, x0 + W, y0 + H), attributes: {} });
      if (staff) {
        doors.push(door(`d-${i}`, [x0 + 1.5, y0 + H], [x0 + 2.5, y0 + H], [id, `z-${i}-1`], { accessControlled: true, clearWidthM: 0.95 }));
      } else if (kind === 'waiting') {
        for (let s = 0; s < 4; s++) fixtures.push(fixture(`f-seat-${i}-${j}-${s}`, 'seat', [x0 + 0.7 + s * 0.6, y0 + 0.5], 0.5, 0.5, 180));
      } else if (kind === 'self-service') {
        fixtures.push(fixture(`f-atm-${i}-${j}`, 'atm', [x0 + 2, y0 + 0.375], 0.8, 0.75, 0));
      } else if (kind === 'teller-counter') {
        fixtures.push(fixture(`f-counter-${i}-${j}`, j === 1 && i < 4 ? 'low-counter' : 'counter', [x0 + 2, y0 + 0.35], 1.6, 0.7, 0, { heightM: j === 1 && i < 4 ? 0.8 : 1.05 }));
      }
    }
  }
  const Wt = cols * W, Ht = rows * H;
  doors.push(door('d-main', [Wt / 2 - 0.75, Ht], [Wt / 2 + 0.75, Ht], [`z-${Math.floor(cols / 2)}-${rows - 1}`, 'outside'], { mainEntrance: true, exit: true, clearWidthM: 1.4 }));
  doors.push(door('d-east', [Wt, Ht / 2 - 0.5], [Wt, Ht / 2 + 0.5], [`z-${cols - 1}-${Math.floor(rows / 2)}`, 'outside'], { exit: true, clearWidthM: 0.95 }));
  doors.push(door('d-west', [0, Ht / 2 - 0.5], [0, Ht / 2 + 0.5], [`z-0-${Math.floor(rows / 2)}`, 'outside'], { exit: true, clearWidthM: 0.95 }));
  return {
    type: 'outlet-planner/floorplan', version: 2, units: 'm', name: `generated ${cols * rows} zones`, branchType: 'flagship',
    outline: { polygon: rect(0, 0, Wt, Ht), walls: [] }, zones, doors, fixtures,
  } as FloorPlan;
}

/** The plan with one zone moved by (dx, dy) metres (a drag frame). */
export function moveZone(plan: FloorPlan, zoneId: string, dx: number, dy: number): FloorPlan {
  return { ...plan, zones: plan.zones.map((z) => (z.id === zoneId ? { ...z, polygon: z.polygon.map(([x, y]) => [x + dx, y + dy] as [number, number]) } : z)) };
}
