/**
 * travel-distance: from the most remote point of the plan's zones to the nearest exit door.
 * - method "straight": straight line (GB 50016 5.5.17(4): hall to nearest exit ≤ 30 m, the Chinese rule);
 * - method "path": walking distance along the natural unobstructed path (IBC 1017.3), by Dijkstra on a
 *   gridM grid (8-connected; diagonal steps √2·gridM, so paths may read up to ~8 % long) through zones,
 *   around fixtures and walls, crossing walls only at doors.
 * Sprinklered plans (any zone attribute sprinklered) use maxSprinkleredM when given.
 */
import type { PlanPoint } from '../../floorplan/model';
import { pointSegmentDistance } from '../../floorplan/geometry';
import { burnRing, cellCentre, createGrid, forEachCellInRing } from '../geom/raster';
import { exitDoors } from '../occupants';
import { NON_OBSTACLE_FIXTURES, wallRectangle } from '../prepare';
import { finding, fmtM, type CheckModule } from './types';

export const travelDistance: CheckModule<'travel-distance'> = {
  kind: 'travel-distance',
  /** global walking distances: kept from the last full check during a drag (deferred), recomputed by checkPlan */
  deferOnDrag: true,
  scope: 'plan',
  run(rule, p) {
    const exits = exitDoors(p);
    const zones = p.zones.filter((z) => z.valid && (!rule.appliesTo.zoneKinds || rule.appliesTo.zoneKinds.includes(z.zone.kind)) && (!rule.appliesTo.customerZones || z.customerAccess));
    if (!exits.length || !zones.length) return [];
    const maxM = p.sprinklered && rule.params.maxSprinkleredM ? rule.params.maxSprinkleredM : rule.params.maxM;
    const all = p.zones.filter((z) => z.valid);
    const bounds = all.reduce((b, z) => ({ minX: Math.min(b.minX, z.bounds.minX), minY: Math.min(b.minY, z.bounds.minY), maxX: Math.max(b.maxX, z.bounds.maxX), maxY: Math.max(b.maxY, z.bounds.maxY) }), { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
    const grid = createGrid(bounds, rule.params.gridM);
    const n = grid.nx * grid.ny;
    const target = new Uint8Array(n);
    for (const z of all) forEachCellInRing(grid, z.ring, (k) => { grid.free[k] = 1; });
    for (const z of zones) forEachCellInRing(grid, z.ring, (k) => { target[k] = 1; });
    let worst = { d: -1, at: [0, 0] as PlanPoint };
    if (rule.params.method === 'straight') {
      for (let k = 0; k < n; k++) {
        if (!target[k]) continue;
        const c = cellCentre(grid, k);
        const d = Math.min(...exits.map((e) => pointSegmentDistance(c, e.a, e.b).distanceM));
        if (d > worst.d) worst = { d, at: c };
      }
      // zone vertices are candidates for the farthest point too
      for (const z of zones) for (const v of z.ring) {
        const d = Math.min(...exits.map((e) => pointSegmentDistance(v, e.a, e.b).distanceM));
        if (d > worst.d) worst = { d, at: v };
      }
    } else {
      for (const w of p.plan.outline.walls) burnRing(grid, wallRectangle(w.a, w.b, w.thicknessM), 0);
      for (const f of p.fixtures) if (!NON_OBSTACLE_FIXTURES.has(f.fixture.kind)) burnRing(grid, f.footprint, 0);
      const dist = new Float64Array(n).fill(Infinity);
      const heap = new MinHeap();
      for (const d of p.plan.doors) {
        const r = wallRectangle(d.a, d.b, 0.4 + 2 * grid.cellM);
        forEachCellInRing(grid, r, (k) => { grid.free[k] = 1; });
      }
      for (const e of exits) {
        forEachCellInRing(grid, wallRectangle(e.a, e.b, 0.4 + 2 * grid.cellM), (k) => {
          const c = cellCentre(grid, k);
          const d0 = pointSegmentDistance(c, e.a, e.b).distanceM;
          if (d0 < dist[k]) { dist[k] = d0; heap.push(k, d0); }
        });
      }
      const g = grid.cellM, diag = g * Math.SQRT2;
      const NDI = [-1, 1, 0, 0, -1, 1, -1, 1], NDJ = [0, 0, -1, 1, -1, -1, 1, 1], NC = [g, g, g, g, diag, diag, diag, diag];
      while (heap.size) {
        const k = heap.pop();
        const d = heap.lastD;
        if (d > dist[k]) continue;
        const i = k % grid.nx, j = (k - i) / grid.nx;
        for (let q = 0; q < 8; q++) {
          const di = NDI[q], dj = NDJ[q], c = NC[q];
          const ii = i + di, jj = j + dj;
          if (ii < 0 || jj < 0 || ii >= grid.nx || jj >= grid.ny) continue;
          const m = jj * grid.nx + ii;
          if (!grid.free[m]) continue;
          if (di && dj && (!grid.free[j * grid.nx + ii] || !grid.free[jj * grid.nx + i])) continue; // no corner cutting
          const nd = d + c;
          if (nd < dist[m]) { dist[m] = nd; heap.push(m, nd); }
        }
      }
      for (let k = 0; k < n; k++) if (target[k] && grid.free[k] && Number.isFinite(dist[k]) && dist[k] > worst.d) worst = { d: dist[k], at: cellCentre(grid, k) };
    }
    if (worst.d <= maxM + 5e-4) return [];
    return [finding(rule, {
      elementIds: exits.map((e) => e.id), at: { type: 'point', point: worst.at }, measured: worst.d, required: maxM, unit: 'm',
      key: rule.params.method === 'path' ? 'travelPath' : 'travelStraight', vars: { measured: fmtM(worst.d), required: fmtM(maxM) },
      message: `The farthest point is ${fmtM(worst.d)} from the nearest exit (${rule.params.method === 'path' ? 'walking path' : 'straight line'}); limit ${fmtM(maxM)}.`,
    })];
  },
};

/** Binary min-heap of (cell, distance) on typed arrays (grows by doubling). */
class MinHeap {
  private k = new Int32Array(1024);
  private d = new Float64Array(1024);
  size = 0;
  push(k: number, d: number) {
    if (this.size === this.k.length) {
      const k2 = new Int32Array(this.size * 2); k2.set(this.k); this.k = k2;
      const d2 = new Float64Array(this.size * 2); d2.set(this.d); this.d = d2;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.d[p] <= d) break;
      this.k[i] = this.k[p]; this.d[i] = this.d[p];
      i = p;
    }
    this.k[i] = k; this.d[i] = d;
  }
  /** Pop the smallest; its cell is returned and its distance left in `lastD`. */
  lastD = 0;
  pop(): number {
    const top = this.k[0];
    this.lastD = this.d[0];
    const n = --this.size;
    if (n > 0) {
      const lk = this.k[n], ld = this.d[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && this.d[r] < this.d[l] ? r : l;
        if (this.d[m] >= ld) break;
        this.k[i] = this.k[m]; this.d[i] = this.d[m];
        i = m;
      }
      this.k[i] = lk; this.d[i] = ld;
    }
    return top;
  }
}
