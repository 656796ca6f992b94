/**
 * Maximal covering location (MCLP) on an explicit cover structure. Source: R. Church & C. ReVelle (1974),
 * "The maximal covering location problem", Papers of the Regional Science Association 32, 101–118.
 *
 * A {@link CoverProblem} lists, for every candidate facility j, the demand points it covers (within R) as a CSR
 * structure, plus each demand point's weight (residents). Demand already covered by fixed facilities (the own
 * outlets) is simply left out (weight irrelevant) by the builder, so the objective here is the population
 * NEWLY covered by the chosen sites. Pure: no I/O; the exact solver (HiGHS) is passed in by the caller.
 */

/** Candidates × demand cover sets in CSR form: candidate j covers `coverIdx[coverStart[j] .. coverStart[j+1])`. */
export interface CoverProblem {
  nCandidates: number;
  nDemand: number;
  /** Weight (residents) per demand point. */
  weight: Float64Array;
  /** Length nCandidates + 1. */
  coverStart: Int32Array;
  /** Demand positions, grouped by candidate. */
  coverIdx: Int32Array;
}

/** A solution: chosen candidate positions (in the order chosen) and the covered weight. */
export interface CoverSolution {
  selected: number[];
  /** Marginal covered weight of each selected candidate when it was added (greedy order). */
  marginal: number[];
  /** Covered weight Σ w_i over demand covered by at least one selected candidate. */
  value: number;
}

/** Build a {@link CoverProblem} from per-candidate lists of demand positions. Throws on an out-of-range position. */
export function coverProblemFromLists(weight: ArrayLike<number>, lists: readonly (readonly number[])[]): CoverProblem {
  const nDemand = weight.length;
  const coverStart = new Int32Array(lists.length + 1);
  let nnz = 0;
  lists.forEach((l, j) => { nnz += l.length; coverStart[j + 1] = nnz; });
  const coverIdx = new Int32Array(nnz);
  let k = 0;
  lists.forEach((l, j) => {
    for (const i of l) {
      if (!(i >= 0 && i < nDemand && Number.isInteger(i))) throw new Error(`coverProblemFromLists: candidate ${j} lists demand ${i}, outside 0..${nDemand - 1}`);
      coverIdx[k++] = i;
    }
  });
  return { nCandidates: lists.length, nDemand, weight: Float64Array.from(weight), coverStart, coverIdx };
}

/** Covered weight of a set of candidates (each demand point counted once). */
export function coveredValue(problem: CoverProblem, selected: readonly number[]): number {
  const seen = new Uint8Array(problem.nDemand);
  let v = 0;
  for (const j of selected) {
    for (let t = problem.coverStart[j]; t < problem.coverStart[j + 1]; t++) {
      const i = problem.coverIdx[t];
      if (!seen[i]) { seen[i] = 1; v += problem.weight[i]; }
    }
  }
  return v;
}

/** A binary max-heap of (key, id) for lazy greedy; equal keys pop the LOWER id first (deterministic ties). */
class MaxHeap {
  keys: number[] = [];
  ids: number[] = [];
  get size() { return this.ids.length; }
  private static above(k1: number, i1: number, k2: number, i2: number) { return k1 > k2 || (k1 === k2 && i1 < i2); }
  push(key: number, id: number) {
    const { keys, ids } = this;
    let i = ids.length; keys.push(key); ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!MaxHeap.above(key, id, keys[p], ids[p])) break;
      keys[i] = keys[p]; ids[i] = ids[p]; i = p;
    }
    keys[i] = key; ids[i] = id;
  }
  pop(): [number, number] {
    const { keys, ids } = this;
    const topK = keys[0], topI = ids[0];
    const k = keys.pop()!, id = ids.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i, mk = k, mi = id;
        if (l < n && MaxHeap.above(keys[l], ids[l], mk, mi)) { m = l; mk = keys[l]; mi = ids[l]; }
        if (r < n && MaxHeap.above(keys[r], ids[r], mk, mi)) { m = r; mk = keys[r]; mi = ids[r]; }
        if (m === i) break;
        keys[i] = keys[m]; ids[i] = ids[m]; i = m;
      }
      keys[i] = k; ids[i] = id;
    }
    return [topK, topI];
  }
  peekKey() { return this.keys[0]; }
  peekId() { return this.ids[0]; }
}

/**
 * Greedy MCLP with lazy evaluation (Minoux 1978, "Accelerated greedy algorithms"): keep candidates in a
 * max-heap keyed by their last computed marginal gain; coverage is submodular, so a stale key is an upper bound
 * and the popped candidate is taken once its recomputed gain still tops the heap. Ties go to the lower position.
 * Guarantees ≥ (1 − 1/e) of the optimum (Nemhauser, Wolsey & Fisher 1978). Stops early when no candidate adds
 * anything. `shouldStop()` is polled once per pick (cancellation); `onPick(k)` reports progress.
 */
export function greedyMaxCover(problem: CoverProblem, p: number,
  hooks: { shouldStop?: () => boolean; onPick?: (picked: number) => void; forced?: readonly number[] } = {}): CoverSolution {
  const { coverStart, coverIdx, weight } = problem;
  const covered = new Uint8Array(problem.nDemand);
  const heap = new MaxHeap();
  const selected: number[] = [];
  const marginal: number[] = [];
  let value = 0;
  const isForced = new Uint8Array(problem.nCandidates);
  for (const j of hooks.forced ?? []) {
    if (selected.length >= p || isForced[j]) continue;
    isForced[j] = 1;
    let g = 0;
    for (let t = coverStart[j]; t < coverStart[j + 1]; t++) { const i = coverIdx[t]; if (!covered[i]) { covered[i] = 1; g += weight[i]; } }
    selected.push(j); marginal.push(g); value += g;
  }
  for (let j = 0; j < problem.nCandidates; j++) {
    if (isForced[j]) continue;
    let g = 0;
    for (let t = coverStart[j]; t < coverStart[j + 1]; t++) g += weight[coverIdx[t]];
    heap.push(g, j);
  }
  const gainOf = (j: number) => {
    let g = 0;
    for (let t = coverStart[j]; t < coverStart[j + 1]; t++) { const i = coverIdx[t]; if (!covered[i]) g += weight[i]; }
    return g;
  };
  while (selected.length < p && heap.size > 0) {
    if (hooks.shouldStop?.()) break;
    const [, j] = heap.pop();
    const g = gainOf(j);
    if (heap.size > 0 && (g < heap.peekKey() || (g === heap.peekKey() && heap.peekId() < j))) { heap.push(g, j); continue; }
    if (g <= 0) break;
    selected.push(j); marginal.push(g); value += g;
    for (let t = coverStart[j]; t < coverStart[j + 1]; t++) covered[coverIdx[t]] = 1;
    hooks.onPick?.(selected.length);
  }
  return { selected, marginal, value };
}

/**
 * Swap (interchange) improvement of Teitz & Bart (1968) for max-cover: repeatedly apply the best single swap
 * (drop one selected site, add one unselected candidate) while it raises the covered weight by more than `eps`.
 * One pass costs O(total cover-list length): for each candidate c it computes the weight it would newly cover
 * plus, per selected site s, the weight covered ONLY by s that c also covers (the part s's removal would not lose).
 * Returns a local optimum no worse than the start. `maxPasses` bounds the work.
 */
export function swapImprove(problem: CoverProblem, start: readonly number[], opts: { maxPasses?: number; eps?: number;
  shouldStop?: () => boolean; onPass?: (pass: number, value: number) => void } = {}): CoverSolution & { swaps: number } {
  const { coverStart, coverIdx, weight, nCandidates, nDemand } = problem;
  const maxPasses = opts.maxPasses ?? 1000;
  const eps = opts.eps ?? 1e-9;
  const selected = [...start];
  const isSel = new Uint8Array(nCandidates);
  for (const s of selected) isSel[s] = 1;
  const count = new Int32Array(nDemand);
  const ownerSum = new Float64Array(nDemand); // Σ of selected ids covering i: equals the owner when count = 1
  for (const s of selected) for (let t = coverStart[s]; t < coverStart[s + 1]; t++) { count[coverIdx[t]]++; ownerSum[coverIdx[t]] += s; }
  const bonus = new Float64Array(nCandidates);
  const touched: number[] = [];
  let swaps = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    if (opts.shouldStop?.()) break;
    // loss[s] = weight covered only by s.
    const loss = new Map<number, number>();
    for (const s of selected) loss.set(s, 0);
    for (let i = 0; i < nDemand; i++) if (count[i] === 1) loss.set(ownerSum[i], loss.get(ownerSum[i])! + weight[i]);
    let minLossS = -1, minLoss = Infinity;
    for (const s of selected) { const l = loss.get(s)!; if (l < minLoss) { minLoss = l; minLossS = s; } }
    let bestDelta = eps, bestC = -1, bestS = -1;
    for (let c = 0; c < nCandidates; c++) {
      if (isSel[c]) continue;
      let gain0 = 0;
      for (let t = coverStart[c]; t < coverStart[c + 1]; t++) {
        const i = coverIdx[t];
        if (count[i] === 0) gain0 += weight[i];
        else if (count[i] === 1) { const s = ownerSum[i]; if (bonus[s] === 0) touched.push(s); bonus[s] += weight[i]; }
      }
      if (gain0 - minLoss > bestDelta) { bestDelta = gain0 - minLoss; bestC = c; bestS = minLossS; }
      for (const s of touched) {
        const d = gain0 + bonus[s] - loss.get(s)!;
        if (d > bestDelta) { bestDelta = d; bestC = c; bestS = s; }
        bonus[s] = 0;
      }
      touched.length = 0;
    }
    if (bestC < 0) break;
    // Apply the swap.
    for (let t = coverStart[bestS]; t < coverStart[bestS + 1]; t++) { count[coverIdx[t]]--; ownerSum[coverIdx[t]] -= bestS; }
    for (let t = coverStart[bestC]; t < coverStart[bestC + 1]; t++) { count[coverIdx[t]]++; ownerSum[coverIdx[t]] += bestC; }
    isSel[bestS] = 0; isSel[bestC] = 1;
    selected[selected.indexOf(bestS)] = bestC;
    swaps++;
    opts.onPass?.(pass + 1, coveredValue(problem, selected));
  }
  const value = coveredValue(problem, selected);
  return { selected, marginal: marginalsInOrder(problem, selected), value, swaps };
}

/** Marginal weight of each selected site when added in the given order. */
export function marginalsInOrder(problem: CoverProblem, selected: readonly number[]): number[] {
  const seen = new Uint8Array(problem.nDemand);
  return selected.map((j) => {
    let g = 0;
    for (let t = problem.coverStart[j]; t < problem.coverStart[j + 1]; t++) {
      const i = problem.coverIdx[t];
      if (!seen[i]) { seen[i] = 1; g += problem.weight[i]; }
    }
    return g;
  });
}

/**
 * An upper bound on the optimum with p sites, from any set S (submodularity, Nemhauser–Wolsey–Fisher 1978):
 * `OPT ≤ f(S) + Σ of the p largest marginal gains Δ(j | S)` over candidates j ∉ S. Cheap (one pass over the
 * cover lists); used to report a gap when the exact MIP is too large to run.
 */
export function submodularUpperBound(problem: CoverProblem, selected: readonly number[], p: number): number {
  const covered = new Uint8Array(problem.nDemand);
  const isSel = new Uint8Array(problem.nCandidates);
  for (const s of selected) { isSel[s] = 1; for (let t = problem.coverStart[s]; t < problem.coverStart[s + 1]; t++) covered[problem.coverIdx[t]] = 1; }
  let f = 0;
  for (let i = 0; i < problem.nDemand; i++) if (covered[i]) f += problem.weight[i];
  const gains: number[] = [];
  for (let j = 0; j < problem.nCandidates; j++) {
    if (isSel[j]) continue;
    let g = 0;
    for (let t = problem.coverStart[j]; t < problem.coverStart[j + 1]; t++) { const i = problem.coverIdx[t]; if (!covered[i]) g += problem.weight[i]; }
    gains.push(g);
  }
  gains.sort((a, b) => b - a);
  let ub = f;
  for (let k = 0; k < Math.min(p, gains.length); k++) ub += gains[k];
  return ub;
}

/**
 * Greedy DROP for closure mode: starting from all candidates open, close `k` one at a time, each time the one
 * whose closure loses the least weight (weight covered by it alone), with lazy evaluation on a min-heap (losses only
 * grow as others close). Returns the sites KEPT (`selected`) and, in `closed`, the closed ones in order with
 * the loss each caused (`closedLoss`).
 */
export function greedyDrop(problem: CoverProblem, k: number, hooks: { shouldStop?: () => boolean } = {}):
  CoverSolution & { closed: number[]; closedLoss: number[] } {
  const { coverStart, coverIdx, weight, nCandidates } = problem;
  const count = new Int32Array(problem.nDemand);
  for (let j = 0; j < nCandidates; j++) for (let t = coverStart[j]; t < coverStart[j + 1]; t++) count[coverIdx[t]]++;
  const lossOf = (j: number) => {
    let l = 0;
    for (let t = coverStart[j]; t < coverStart[j + 1]; t++) { const i = coverIdx[t]; if (count[i] === 1) l += weight[i]; }
    return l;
  };
  const heap = new MaxHeap(); // keyed by −loss
  for (let j = 0; j < nCandidates; j++) heap.push(-lossOf(j), j);
  const closed: number[] = [];
  const closedLoss: number[] = [];
  while (closed.length < k && heap.size > 0) {
    if (hooks.shouldStop?.()) break;
    const [, j] = heap.pop();
    const l = lossOf(j);
    if (heap.size > 0 && (-l < heap.peekKey() || (-l === heap.peekKey() && heap.peekId() < j))) { heap.push(-l, j); continue; }
    closed.push(j); closedLoss.push(l);
    for (let t = coverStart[j]; t < coverStart[j + 1]; t++) count[coverIdx[t]]--;
  }
  const isClosed = new Uint8Array(nCandidates);
  for (const j of closed) isClosed[j] = 1;
  const selected: number[] = [];
  for (let j = 0; j < nCandidates; j++) if (!isClosed[j]) selected.push(j);
  return { selected, marginal: marginalsInOrder(problem, selected), value: coveredValue(problem, selected), closed, closedLoss };
}

/** Every p-subset of candidates, the best covered weight (ties → lexicographically first). For tests (small n only). */
export function bruteForceMaxCover(problem: CoverProblem, p: number): CoverSolution {
  let best: number[] = [], bestV = -1;
  const cur: number[] = [];
  const rec = (start: number) => {
    if (cur.length === p) {
      const v = coveredValue(problem, cur);
      if (v > bestV + 1e-9) { bestV = v; best = [...cur]; }
      return;
    }
    for (let j = start; j <= problem.nCandidates - (p - cur.length); j++) { cur.push(j); rec(j + 1); cur.pop(); }
  };
  rec(0);
  return { selected: best, marginal: marginalsInOrder(problem, best), value: Math.max(bestV, 0) };
}

/**
 * Greedy + swap from several starts: the plain greedy, then greedy runs forced to open with each of the
 * `starts − 1` next-best single candidates (by stand-alone weight), each followed by {@link swapImprove}; the best
 * result wins. One 1-swap local search can stall in a local optimum (the tests show one); a handful of diverse
 * starts is the usual cheap remedy (a GRASP-like multi-start, Resende & Ribeiro). `starts = 1` = plain greedy+swap.
 */
export function greedySwapMultiStart(problem: CoverProblem, p: number, starts = 8,
  hooks: { shouldStop?: () => boolean } = {}): CoverSolution & { swaps: number; startsRun: number; greedy: CoverSolution } {
  const greedy = greedyMaxCover(problem, p, hooks);
  let best = swapImprove(problem, greedy.selected, hooks);
  let startsRun = 1;
  if (starts > 1 && p > 1) {
    const solo: { j: number; w: number }[] = [];
    for (let j = 0; j < problem.nCandidates; j++) {
      let w = 0;
      for (let t = problem.coverStart[j]; t < problem.coverStart[j + 1]; t++) w += problem.weight[problem.coverIdx[t]];
      solo.push({ j, w });
    }
    solo.sort((a, b) => b.w - a.w || a.j - b.j);
    const first = greedy.selected[0];
    for (const { j } of solo.filter((x) => x.j !== first).slice(0, starts - 1)) {
      if (hooks.shouldStop?.()) break;
      const g = greedyMaxCover(problem, p, { forced: [j] });
      const s = swapImprove(problem, g.selected, hooks);
      startsRun++;
      if (s.value > best.value + 1e-9) best = s;
    }
  }
  return { ...best, startsRun, greedy };
}

/**
 * Upper bound from the greedy guarantee (Nemhauser, Wolsey & Fisher 1978): greedy with p picks on a monotone
 * submodular function reaches at least `1 − (1 − 1/p)^p` (≥ 1 − 1/e) of the optimum, so
 * `OPT ≤ greedyValue / (1 − (1 − 1/p)^p)`. Pass the PLAIN greedy value (not after swaps). Often tighter than
 * {@link submodularUpperBound} when coverage is spread out; take the smaller of the two.
 */
export function greedyGuaranteeBound(greedyValue: number, p: number): number {
  if (p <= 0) return greedyValue;
  return greedyValue / (1 - Math.pow(1 - 1 / p, p));
}
