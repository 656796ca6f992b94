import type { Highs } from 'highs';
import type { CoverProblem } from './maxCover';
import { coveredValue, marginalsInOrder } from './maxCover';

/** Outcome of the exact MCLP MIP. */
export interface ExactResult {
  /** Chosen candidate positions (best integer solution found). */
  selected: number[];
  marginal: number[];
  /** Covered weight of `selected` (recomputed from the cover lists, not trusted from the solver). */
  value: number;
  /** Best proven upper bound (HiGHS `mip_dual_bound`; equals `value` when optimal; Infinity when stopped before HiGHS had one). */
  upperBound: number;
  /** Relative gap (upperBound − value) / upperBound; 0 when optimality is proved; 1 when no bound is known. */
  gap: number;
  /** 'optimal', or why it stopped early ('time_limit', 'interrupted', …). */
  status: string;
  /** Model size actually passed to HiGHS. */
  model: { columns: number; rows: number; nonzeros: number };
  seconds: number;
}

/**
 * Exact MCLP as a MIP (Church & ReVelle 1974, formulation "MCLP"): maximise Σ_i w_i·y_i subject to
 * y_i ≤ Σ_{j covers i} x_j for every demand point i, Σ_j x_j = p, x_j ∈ {0,1}, 0 ≤ y_i ≤ 1, solved with HiGHS
 * (branch-and-cut; `highs` npm package, WebAssembly, single-threaded, synchronous). Only demand points with
 * positive weight and at least one covering candidate enter the model. `warmStart` (e.g. the greedy+swap
 * solution) seeds the incumbent. Stops at `timeLimitS` and then reports the incumbent with HiGHS's dual bound
 * and relative gap; `shouldInterrupt()` is polled from HiGHS's MIP interrupt callback.
 * @throws when HiGHS reports a load or solve error, or p exceeds the number of candidates.
 */
export function exactMaxCover(highs: Highs, problem: CoverProblem, p: number, opts: { timeLimitS?: number;
  warmStart?: readonly number[]; shouldInterrupt?: () => boolean; onProgress?: (gap: number, bound: number) => void;
  /** Solve the LP relaxation only (x_j ∈ [0,1]): its optimum is an upper bound on the MIP's. */
  relaxation?: boolean } = {}): ExactResult {
  const t0 = Date.now();
  const { nCandidates, coverStart, coverIdx, weight } = problem;
  if (p > nCandidates) throw new Error(`exactMaxCover: p = ${p} exceeds the ${nCandidates} candidates`);
  // Rows: one per demand point that matters, then the cardinality row.
  const rowOf = new Int32Array(problem.nDemand).fill(-1);
  const rowDemand: number[] = [];
  for (let t = 0; t < coverIdx.length; t++) {
    const i = coverIdx[t];
    if (rowOf[i] < 0 && weight[i] > 0) { rowOf[i] = rowDemand.length; rowDemand.push(i); }
  }
  const nY = rowDemand.length;
  const numRows = nY + 1;
  const numCols = nCandidates + nY;
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < nCandidates; j++) {
    const rows: number[] = [];
    for (let t = coverStart[j]; t < coverStart[j + 1]; t++) { const r = rowOf[coverIdx[t]]; if (r >= 0) rows.push(r); }
    rows.sort((a, b) => a - b);
    let last = -1;
    for (const r of rows) { if (r === last) continue; last = r; indices.push(r); values.push(-1); }
    indices.push(nY); values.push(1);
    starts.push(indices.length);
  }
  for (let r = 0; r < nY; r++) { indices.push(r); values.push(1); starts.push(indices.length); }
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  for (let r = 0; r < nY; r++) colCost[nCandidates + r] = weight[rowDemand[r]];
  const integrality = new Int32Array(numCols);
  if (!opts.relaxation) for (let j = 0; j < nCandidates; j++) integrality[j] = 1;
  const rowLower = new Float64Array(numRows).fill(-highs.infinity);
  const rowUpper = new Float64Array(numRows);
  rowLower[nY] = p; rowUpper[nY] = p;
  const model = highs.createModel({
    numCols, numRows, sense: highs.constants.objectiveSense.maximize, colCost, colLower, colUpper, rowLower, rowUpper,
    integrality,
    matrix: { format: 'csc', numRows, numCols, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-6, time_limit: opts.timeLimitS ?? 60 });
    if (opts.warmStart && opts.warmStart.length === p) {
      const x = new Float64Array(numCols);
      for (const j of opts.warmStart) x[j] = 1;
      for (const j of opts.warmStart) for (let t = coverStart[j]; t < coverStart[j + 1]; t++) { const r = rowOf[coverIdx[t]]; if (r >= 0) x[nCandidates + r] = 1; }
      try { model.setSolution({ colValue: x }); } catch { /* a rejected start only loses the head start */ }
    }
    if (opts.relaxation) {
      model.run();
      const ok = model.getModelStatus() === highs.constants.modelStatus.optimal;
      const bound = ok ? model.getObjectiveValue() : Infinity;
      const sel = opts.warmStart ? [...opts.warmStart] : [];
      const v = coveredValue(problem, sel);
      return { selected: sel, marginal: marginalsInOrder(problem, sel), value: v, upperBound: Math.max(v, bound),
        gap: Number.isFinite(bound) && bound > 0 ? Math.max(0, (bound - v) / bound) : 1, status: ok ? 'lp_optimal' : 'lp_stopped',
        model: { columns: numCols, rows: numRows, nonzeros: indices.length }, seconds: (Date.now() - t0) / 1000 };
    }
    const cb = highs.constants.callbackType;
    model.run({
      [cb.mipInterrupt]: (event) => { if (opts.shouldInterrupt?.()) event.interrupt(); return undefined; },
      [cb.simplexInterrupt]: (event) => { if (opts.shouldInterrupt?.()) event.interrupt(); return undefined; },
      [cb.ipmInterrupt]: (event) => { if (opts.shouldInterrupt?.()) event.interrupt(); return undefined; },
      [cb.mipLogging]: (event) => {
        const d = event.data as { mip_gap?: number; mip_dual_bound?: number };
        if (opts.onProgress && d.mip_gap != null) opts.onProgress(d.mip_gap, d.mip_dual_bound ?? NaN);
        return undefined;
      },
    });
    const code = model.getModelStatus();
    const names = Object.entries(highs.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
    const status = code === highs.constants.modelStatus.optimal ? 'optimal'
      : code === highs.constants.modelStatus.timeLimit ? 'time_limit'
      : code === highs.constants.modelStatus.interrupted ? 'interrupted' : names;
    let selected: number[] = [];
    try {
      const sol = model.getSolution();
      for (let j = 0; j < nCandidates; j++) if (sol.colValue[j] > 0.5) selected.push(j);
    } catch { selected = []; }
    if (selected.length !== p && opts.warmStart) selected = [...opts.warmStart];
    const value = coveredValue(problem, selected);
    // Stopped early: HiGHS's dual bound, or Infinity when it has none yet (e.g. still in presolve / the root LP).
    let upperBound = status === 'optimal' ? value : Infinity;
    if (status !== 'optimal') {
      try { const b = Number(model.info.get('mip_dual_bound')); if (Number.isFinite(b)) upperBound = Math.max(value, b); } catch { /* none */ }
    }
    const gap = status === 'optimal' ? 0 : Number.isFinite(upperBound) && upperBound > 0 ? (upperBound - value) / upperBound : 1;
    return { selected, marginal: marginalsInOrder(problem, selected), value, upperBound, gap,
      status, model: { columns: numCols, rows: numRows, nonzeros: indices.length }, seconds: (Date.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}
