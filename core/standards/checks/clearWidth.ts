/**
 * clear-width: CLEARW — the customer free space (customer zones minus fixtures and walls; door openings are
 * measured by door-width instead) eroded by half the required width must stay connected
 * (FLOORPLAN-STANDARDS.md §3 primitives; ADA 403.5.1 36 in, GB 50763 3.5.1 1.20 m).
 *
 * Method: an exact distance transform of the free-space grid gives each cell's clearance; cells are merged in
 * decreasing clearance (a merge tree). Where two parts that are each wide enough first join through cells
 * narrower than required, that place is a neck: it is measured exactly on the vector geometry
 * (geom/rayWidth.ts) and reported AT the neck. A customer zone whose free space erodes away entirely is
 * reported as such. Never throws on odd geometry: an empty free space simply yields nothing to connect.
 */
import type { PlanPoint } from '../../floorplan/model';
import { cellAt, cellCentre } from '../geom/raster';
import { widthAcross, widthThrough } from '../geom/rayWidth';
import { pointSegmentDistance } from '../../floorplan/geometry';
import { finding, fmtM, zoneAt, type CheckModule } from './types';
import type { Finding } from '../findings';
import type { FreeSpace } from '../prepare';

export const clearWidth: CheckModule<'clear-width'> = {
  kind: 'clear-width',
  windowed: true,
  scope: 'plan',
  run(rule, p, _ctx, _only, fsIn?: FreeSpace) {
    const fs = fsIn ?? p.freeSpace();
    const { grid, distM, doorCell, zoneOfCell, segmentIndex } = fs;
    const r = rule.params.minWidthM / 2;
    const cell = grid.cellM;
    const sigLevel = r - 0.75 * cell;
    const nCells = grid.nx * grid.ny;
    // cells within r + 2 cells of a door opening are exempt: doorways have their own width rule (ADA 403.5.1
    // measures routes, 404.2.3 doors), so the approach to a door is never a neck and never a wide part by itself
    const exempt = new Uint8Array(nCells);
    for (const d of p.plan.doors) {
      const reach = r + 2 * cell;
      const minX = Math.min(d.a[0], d.b[0]) - reach, maxX = Math.max(d.a[0], d.b[0]) + reach;
      const minY = Math.min(d.a[1], d.b[1]) - reach, maxY = Math.max(d.a[1], d.b[1]) + reach;
      const i0 = Math.max(0, Math.floor((minX - grid.x0) / cell)), i1 = Math.min(grid.nx - 1, Math.ceil((maxX - grid.x0) / cell));
      const j0 = Math.max(0, Math.floor((minY - grid.y0) / cell)), j1 = Math.min(grid.ny - 1, Math.ceil((maxY - grid.y0) / cell));
      for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) {
        const k = j * grid.nx + i;
        if (grid.free[k] && pointSegmentDistance(cellCentre(grid, k), d.a, d.b).distanceM <= reach) exempt[k] = 1;
      }
    }
    // in a window, free cells on its edge stand for the space beyond: wide anchors, never necks
    if (fs.window) {
      for (let i = 1; i < grid.nx - 1; i++) for (const j of [1, grid.ny - 2]) { const k = j * grid.nx + i; if (grid.free[k]) exempt[k] = 2; }
      for (let j = 1; j < grid.ny - 1; j++) for (const i of [1, grid.nx - 2]) { const k = j * grid.nx + i; if (grid.free[k]) exempt[k] = 2; }
    }
    const value = (k: number) => (exempt[k] || doorCell[k] ? 1e9 : distM[k]);
    // a real boundary has blocked cells just beyond it (walls are one-cell lines); a seam between two free zones does not
    const isBoundary = (hit: PlanPoint, dir: PlanPoint) => [0.3, 0.8, 1.5].some((f) => {
      const k = cellAt(grid, [hit[0] + dir[0] * cell * f, hit[1] + dir[1] * cell * f]);
      return k < 0 || !grid.free[k];
    });
    const measure = (k: number): { widthM: number; a: PlanPoint; b: PlanPoint } | null => {
      return widthAcross(cellCentre(grid, k), segmentIndex, isBoundary, Math.max(3, 3 * rule.params.minWidthM), Math.max(1.5, 1.5 * rule.params.minWidthM));
    };

    // bucket cells by clearance, descending
    let nFree = 0;
    for (let k = 0; k < nCells; k++) if (grid.free[k]) nFree++;
    const free = new Int32Array(nFree);
    for (let k = 0, f = 0; k < nCells; k++) if (grid.free[k]) free[f++] = k;
    // counting sort by clearance (cell/4 buckets), descending; exempt cells first
    const step = cell / 4;
    const maxKey = Math.ceil((r + 4 * cell) / step) + 2;
    const key = (k: number) => Math.min(maxKey, Math.floor(value(k) / step));
    const counts = new Int32Array(maxKey + 2);
    for (const k of free) counts[maxKey - key(k)]++;
    for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    const sorted = new Int32Array(free.length);
    for (let i = free.length - 1; i >= 0; i--) { const k = free[i]; sorted[--counts[maxKey - key(k)]] = k; }

    const parent = new Int32Array(nCells).fill(-1);
    const peak = new Float32Array(nCells);
    const peakCell = new Int32Array(nCells);
    // a part counts as wide enough when its widest place is: clearly (grid clearance ≥ r + 1 cell), or by the
    // exact ray measure at its widest cell (so a 0.90 m pocket is not "wide" for a 0.915 m rule)
    const verdict = new Uint8Array(nCells); // per peak cell: 0 unknown, 1 wide, 2 narrow
    const wideCells = new Int32Array(nCells);
    const minWideCells = rule.params.minWideAreaM2 / (cell * cell);
    const isWide = (root: number): boolean => {
      if (peak[root] < sigLevel || wideCells[root] < minWideCells) return false;
      if (peak[root] >= r + cell) return true;
      const pc = peakCell[root];
      if (!verdict[pc]) { const m = measure(pc); verdict[pc] = !m || m.widthM >= rule.params.minWidthM - 5e-4 ? 1 : 2; }
      return verdict[pc] === 1;
    };
    const find = (x: number): number => { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; };
    const necks: { k: number; d: number }[] = [];
    let anchor = -1;
    for (const k of sorted) {
      const d = value(k);
      parent[k] = k; peak[k] = exempt[k] === 2 ? 1e9 : exempt[k] || doorCell[k] ? 0 : d; peakCell[k] = k; wideCells[k] = exempt[k] === 2 ? 1e9 : peak[k] >= sigLevel ? 1 : 0;
      // the window's edge cells are all one part: the space beyond the window connects them
      if (exempt[k] === 2) { if (anchor < 0) anchor = k; else parent[k] = find(anchor); }
      const i = k % grid.nx;
      for (let q = 0; q < 4; q++) {
        const m = q === 0 ? (i > 0 ? k - 1 : -1) : q === 1 ? (i < grid.nx - 1 ? k + 1 : -1) : q === 2 ? k - grid.nx : k + grid.nx;
        if (m < 0 || m >= nCells || parent[m] === -1) continue;
        const ra = find(k), rb = find(m);
        if (ra === rb) continue;
        if (d < r + cell && d < Math.min(peak[ra], peak[rb]) - cell / 2 && isWide(ra) && isWide(rb)) necks.push({ k, d });
        if (peak[rb] > peak[ra]) { parent[ra] = rb; wideCells[rb] += wideCells[ra]; } else { parent[rb] = ra; wideCells[ra] += wideCells[rb]; }
      }
    }

    // zones eroded away entirely
    const maxIn = new Float32Array(p.zones.length).fill(-1);
    const argIn = new Int32Array(p.zones.length).fill(-1);
    for (const k of free) {
      const zi = zoneOfCell[k];
      if (zi >= 0 && distM[k] > maxIn[zi]) { maxIn[zi] = distM[k]; argIn[zi] = k; }
    }
    // a zone that owns no grid cell at all (drawn over another zone or outside the outline) was not measured here:
    // the overlap / containment rules report it, this one must not claim its "widest 0.00 m"
    const onGrid = new Uint8Array(p.zones.length);
    for (let k = 0; k < nCells; k++) if (zoneOfCell[k] >= 0) onGrid[zoneOfCell[k]] = 1;
    const zonesNear = (k: number, radiusM: number): number[] => {
      const n = Math.ceil(radiusM / cell);
      const i = k % grid.nx, j = (k - i) / grid.nx;
      const found = new Set<number>();
      for (let jj = Math.max(0, j - n); jj <= Math.min(grid.ny - 1, j + n); jj++) {
        for (let ii = Math.max(0, i - n); ii <= Math.min(grid.nx - 1, i + n); ii++) {
          const zi = zoneOfCell[jj * grid.nx + ii];
          if (zi >= 0 && (ii - i) ** 2 + (jj - j) ** 2 <= n * n) found.add(zi);
        }
      }
      return [...found];
    };
    const out: Finding[] = [];
    const neckZones = new Set<number>();
    const reported: { at: PlanPoint; i: number; zi: number }[] = [];
    for (const { k, d } of necks) {
      // exact width across the neck when the ray measure agrees with the grid's clearance (±2 cells);
      // otherwise (a neck at a corridor mouth) the grid clearance, good to about one cell
      const approx = 2 * d + cell / 2;
      let w: { widthM: number; a: PlanPoint; b: PlanPoint } | null = null;
      // the merge cell and ridge cells around it (similar clearance): keep the narrowest consistent ray measure
      const ki = k % grid.nx, kj = (k - ki) / grid.nx;
      for (const [di, dj] of [[0, 0], [2, 0], [-2, 0], [0, 2], [0, -2], [4, 0], [-4, 0], [0, 4], [0, -4], [3, 3], [-3, -3], [3, -3], [-3, 3], [8, 0], [-8, 0], [0, 8], [0, -8], [16, 0], [-16, 0], [0, 16], [0, -16], [32, 0], [-32, 0], [0, 32], [0, -32]]) {
        const ii = ki + di, jj = kj + dj;
        if (ii < 0 || jj < 0 || ii >= grid.nx || jj >= grid.ny) continue;
        const kk = jj * grid.nx + ii;
        if (!grid.free[kk] || Math.abs(distM[kk] - d) > cell) continue;
        const m = measure(kk);
        const ap = 2 * distM[kk] + cell / 2;
        if (m && Math.abs(m.widthM - ap) <= 3 * cell && (!w || m.widthM < w.widthM - 1e-4)) w = m;
      }
      if (w) {
        // re-measure square to the boundary segment first hit (exact between parallel walls)
        const mid: PlanPoint = [(w.a[0] + w.b[0]) / 2, (w.a[1] + w.b[1]) / 2];
        const sq = widthThrough(mid, [w.b[0] - w.a[0], w.b[1] - w.a[1]], segmentIndex, isBoundary, Math.max(3, 3 * rule.params.minWidthM));
        if (sq && sq.widthM < w.widthM && sq.widthM > w.widthM - 2 * cell) w = sq;
      }
      const widthM = w ? w.widthM : approx;
      if (widthM >= rule.params.minWidthM - 5e-4) continue;
      // the neck belongs to the narrowest zone around it (a corridor rather than the hall at its mouth)
      zonesNear(k, rule.params.minWidthM).forEach((i) => neckZones.add(i));
      const wk = w ? cellAt(grid, [(w.a[0] + w.b[0]) / 2, (w.a[1] + w.b[1]) / 2]) : -1;
      const zi = wk >= 0 && zoneOfCell[wk] >= 0 ? zoneOfCell[wk] : zoneOfCell[k];
      const z = zi >= 0 ? p.zones[zi] : undefined;
      // one finding per neck: events within twice the required width of a reported one are the same neck
      const c = cellCentre(grid, k);
      const near = reported.find((r0) => r0.zi === zi && Math.hypot(r0.at[0] - c[0], r0.at[1] - c[1]) < 2 * rule.params.minWidthM);
      if (near) {
        if ((out[near.i].measured ?? Infinity) > widthM) out.splice(near.i, 1, finding(rule, {
          zoneIds: z ? [z.zone.id] : [], at: w ? { type: 'segment', a: w.a, b: w.b } : { type: 'point', point: c },
          measured: widthM, required: rule.params.minWidthM, unit: 'm',
          message: `Customer route narrows to ${fmtM(widthM)}${z ? ` in "${z.zone.name || z.zone.id}"` : ''}; needs ≥ ${fmtM(rule.params.minWidthM)} clear.`,
          key: 'neck', vars: { zone: z ? z.zone.name || z.zone.id : '—', measured: fmtM(widthM), required: fmtM(rule.params.minWidthM) },
        }));
        continue;
      }
      reported.push({ at: c, i: out.length, zi });
      out.push(finding(rule, {
        zoneIds: z ? [z.zone.id] : [],
        at: w ? { type: 'segment', a: w.a, b: w.b } : { type: 'point', point: cellCentre(grid, k) },
        measured: widthM, required: rule.params.minWidthM, unit: 'm',
        message: `Customer route narrows to ${fmtM(widthM)}${z ? ` in "${z.zone.name || z.zone.id}"` : ''}; needs ≥ ${fmtM(rule.params.minWidthM)} clear.`,
        key: 'neck', vars: { zone: z ? z.zone.name || z.zone.id : '—', measured: fmtM(widthM), required: fmtM(rule.params.minWidthM) },
      }));
    }
    p.zones.forEach((z, zi) => {
      if (!z.valid || !z.customerAccess || neckZones.has(zi) || z.areaM2 < rule.params.minZoneAreaM2 || !onGrid[zi]) return;
      const w0 = fs.window;
      if (w0 && (z.bounds.minX < w0.minX || z.bounds.maxX > w0.maxX || z.bounds.minY < w0.minY || z.bounds.maxY > w0.maxY)) return;
      if (rule.appliesTo.zoneKinds && !rule.appliesTo.zoneKinds.includes(z.zone.kind)) return;
      if (maxIn[zi] >= sigLevel) return;
      const w = argIn[zi] >= 0 ? measure(argIn[zi]) : null;
      const approx = 2 * maxIn[zi] + cell;
      const widthM = argIn[zi] < 0 ? 0 : w && Math.abs(w.widthM - approx) <= 3 * cell ? w.widthM : approx;
      if (widthM >= rule.params.minWidthM - 5e-4) return;
      out.push(finding(rule, {
        zoneIds: [z.zone.id], at: zoneAt(z), measured: widthM, required: rule.params.minWidthM, unit: 'm',
        message: `Zone "${z.zone.name || z.zone.id}" has no clear passage of ${fmtM(rule.params.minWidthM)} anywhere (widest ${fmtM(widthM)}): the eroded free space vanishes.`,
        key: 'erodedAway', vars: { zone: z.zone.name || z.zone.id, measured: fmtM(widthM), required: fmtM(rule.params.minWidthM) },
      }));
    });
    return out;
  },
};
