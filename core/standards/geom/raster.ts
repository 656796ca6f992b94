/**
 * A cell grid over plan metres for free-space analysis (clear width, walking distance). Pure.
 * Cells are square (cellM); cell (i, j) has its centre at (x0 + (i + ½)·cellM, y0 + (j + ½)·cellM).
 * Polygons are burnt in by their cell centres (scanline, even-odd). Distances come from an exact Euclidean
 * distance transform (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions", 2012).
 */
import type { PlanPoint } from '../../floorplan/model';
import { openRing } from '../../floorplan/geometry';

export interface Grid {
  x0: number; y0: number; cellM: number; nx: number; ny: number;
  /** 1 = free, 0 = blocked */
  free: Uint8Array;
}

/**
 * Most cells one grid may have (16 M cells ≈ 16 MB free mask + ~130 MB for the distance transform). Plans within
 * core/floorplan/limits.ts (≤ 200 m a side) need at most ~0.65 M cells at the finest 0.25 m walking grid.
 */
export const MAX_GRID_CELLS = 16_000_000;

/**
 * A blocked grid covering [minX,maxX]×[minY,maxY] plus a one-cell blocked margin.
 * @throws RangeError naming the extent when the grid would exceed MAX_GRID_CELLS or the bounds are not finite
 *   (instead of "Invalid typed array length" or exhausting memory).
 */
export function createGrid(bounds: { minX: number; minY: number; maxX: number; maxY: number }, cellM: number): Grid {
  // cells sit on a fixed lattice (multiples of cellM from the plan origin), so a grid over a window and a grid
  // over the whole plan share their cells and measure the same places the same way
  const x0 = Math.floor(bounds.minX / cellM) * cellM - cellM, y0 = Math.floor(bounds.minY / cellM) * cellM - cellM;
  const nx = Math.max(1, Math.ceil((bounds.maxX - x0) / cellM) + 1);
  const ny = Math.max(1, Math.ceil((bounds.maxY - y0) / cellM) + 1);
  if (!(nx * ny <= MAX_GRID_CELLS)) {
    throw new RangeError(`grid over ${bounds.maxX - bounds.minX} m × ${bounds.maxY - bounds.minY} m at ${cellM} m cells needs ${nx * ny} cells; at most ${MAX_GRID_CELLS}`);
  }
  return { x0, y0, cellM, nx, ny, free: new Uint8Array(nx * ny) };
}

/** Centre of cell index k. */
export function cellCentre(g: Grid, k: number): PlanPoint {
  const i = k % g.nx, j = (k - i) / g.nx;
  return [g.x0 + (i + 0.5) * g.cellM, g.y0 + (j + 0.5) * g.cellM];
}

/** Index of the cell containing p, or −1 outside the grid. */
export function cellAt(g: Grid, p: PlanPoint): number {
  const i = Math.floor((p[0] - g.x0) / g.cellM), j = Math.floor((p[1] - g.y0) / g.cellM);
  if (i < 0 || j < 0 || i >= g.nx || j >= g.ny) return -1;
  return j * g.nx + i;
}

/**
 * Call visit(k) for every cell whose centre lies inside the ring (even-odd scanline; a centre exactly on an
 * edge counts once from one side).
 */
export function forEachCellInRing(g: Grid, ring: readonly PlanPoint[], visit: (k: number) => void): void {
  const r = openRing(ring);
  if (r.length < 3) return;
  let minY = Infinity, maxY = -Infinity;
  for (const p of r) { if (p[1] < minY) minY = p[1]; if (p[1] > maxY) maxY = p[1]; }
  const j0 = Math.max(0, Math.ceil((minY - g.y0) / g.cellM - 0.5));
  const j1 = Math.min(g.ny - 1, Math.floor((maxY - g.y0) / g.cellM - 0.5));
  const xs: number[] = [];
  for (let j = j0; j <= j1; j++) {
    const y = g.y0 + (j + 0.5) * g.cellM;
    xs.length = 0;
    for (let a = 0, b = r.length - 1; a < r.length; b = a++) {
      const [xa, ya] = r[a], [xb, yb] = r[b];
      if ((ya > y) !== (yb > y)) xs.push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
    }
    xs.sort((p, q) => p - q);
    for (let t = 0; t + 1 < xs.length; t += 2) {
      const i0 = Math.max(0, Math.ceil((xs[t] - g.x0) / g.cellM - 0.5));
      const i1 = Math.min(g.nx - 1, Math.floor((xs[t + 1] - g.x0) / g.cellM - 0.5 - 1e-12));
      for (let i = i0; i <= i1; i++) visit(j * g.nx + i);
    }
  }
}

/** Set the cells inside a ring to value (1 free, 0 blocked). */
export function burnRing(g: Grid, ring: readonly PlanPoint[], value: 0 | 1): void {
  forEachCellInRing(g, ring, (k) => { g.free[k] = value; });
}

/**
 * Exact Euclidean distance transform: for every free cell, the distance (metres) from its centre to the
 * nearest blocked cell's centre, minus half a cell (≈ the distance to the free-space boundary); blocked cells 0.
 * Also returns, per cell, the index of that nearest blocked cell.
 */
export function distanceTransform(g: Grid): { distM: Float32Array; nearest: Int32Array } {
  const { nx, ny } = g;
  const INF = 1e20;
  const f = new Float64Array(Math.max(nx, ny));
  const d = new Float64Array(Math.max(nx, ny));
  const arg = new Int32Array(Math.max(nx, ny));
  const v = new Int32Array(Math.max(nx, ny));
  const z = new Float64Array(Math.max(nx, ny) + 1);
  // pass 1: columns → squared vertical distance and the row of the nearest blocked cell
  const colD = new Float64Array(nx * ny);
  const colArg = new Int32Array(nx * ny);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) f[j] = g.free[j * nx + i] ? INF : 0;
    edt1d(f, ny, d, arg, v, z);
    for (let j = 0; j < ny; j++) { colD[j * nx + i] = d[j]; colArg[j * nx + i] = arg[j]; }
  }
  // pass 2: rows
  const distM = new Float32Array(nx * ny);
  const nearest = new Int32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) f[i] = colD[j * nx + i];
    edt1d(f, nx, d, arg, v, z);
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const ai = arg[i];
      const aj = colArg[j * nx + ai];
      nearest[k] = aj * nx + ai;
      distM[k] = g.free[k] ? Math.max(0, Math.sqrt(d[i]) * g.cellM - g.cellM / 2) : 0;
    }
  }
  return { distM, nearest };
}

function edt1d(f: Float64Array, n: number, d: Float64Array, arg: Int32Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  // find first finite sample
  let first = -1;
  for (let q = 0; q < n; q++) if (f[q] < 1e19) { first = q; break; }
  if (first < 0) { for (let q = 0; q < n; q++) { d[q] = 1e20; arg[q] = 0; } return; }
  v[0] = first; z[0] = -Infinity; z[1] = Infinity;
  for (let q = first + 1; q < n; q++) {
    if (f[q] >= 1e19) continue;
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) { k--; s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]); }
    k++; v[k] = q; z[k] = s; z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const dq = q - v[k];
    d[q] = dq * dq + f[v[k]];
    arg[q] = v[k];
  }
}

/** 4-connected components of the cells where mask[k] is non-zero; labels −1 elsewhere. */
export function components(g: Grid, mask: Uint8Array): { labels: Int32Array; count: number } {
  const n = g.nx * g.ny, nx = g.nx;
  const labels = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1 || !mask[s]) continue;
    let top = 0;
    labels[s] = count; stack[top++] = s;
    while (top) {
      const k = stack[--top];
      const i = k % nx;
      if (i > 0 && labels[k - 1] === -1 && mask[k - 1]) { labels[k - 1] = count; stack[top++] = k - 1; }
      if (i < nx - 1 && labels[k + 1] === -1 && mask[k + 1]) { labels[k + 1] = count; stack[top++] = k + 1; }
      if (k >= nx && labels[k - nx] === -1 && mask[k - nx]) { labels[k - nx] = count; stack[top++] = k - nx; }
      if (k + nx < n && labels[k + nx] === -1 && mask[k + nx]) { labels[k + nx] = count; stack[top++] = k + nx; }
    }
    count++;
  }
  return { labels, count };
}
