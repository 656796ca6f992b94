/**
 * Spearman's rank correlation ρ (C. Spearman 1904, "The proof and measurement of association between two things",
 * Am. J. Psychol. 15(1)): the Pearson correlation of the ranks, ties given their average rank.
 * @returns ρ in [−1, 1]; NaN when fewer than 2 pairs or a variable is constant. @throws on unequal lengths.
 */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`spearmanRho: ${x.length} vs ${y.length} values`);
  if (x.length < 2) return NaN;
  return pearson(averageRanks(x), averageRanks(y));
}

/** 1-based ranks ascending, ties sharing their average rank. */
export function averageRanks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => v[a] - v[b]);
  const r = new Float64Array(n);
  for (let s = 0; s < n;) {
    let e = s;
    while (e + 1 < n && v[order[e + 1]] === v[order[s]]) e++;
    const avg = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) r[order[k]] = avg;
    s = e + 1;
  }
  return r;
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let k = 0; k < n; k++) { ma += a[k]; mb += b[k]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let k = 0; k < n; k++) { const da = a[k] - ma, db = b[k] - mb; sab += da * db; saa += da * da; sbb += db * db; }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** Row positions 0..n−1 sorted by `v` ascending (for {@link weightedSpearmanRho}; compute once per variable). */
export function sortOrder(v: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: v.length }, (_, k) => k).sort((a, b) => v[a] - v[b]);
}

/**
 * Spearman's ρ of a weighted sample — row k counted w_k times (w_k ≥ 0, e.g. a bootstrap multiplicity) — in O(n)
 * given each variable's {@link sortOrder}: average ranks over the weighted sample (ties, duplicates included, share
 * their average rank), then the w-weighted Pearson correlation of the ranks. Equals {@link spearmanRho} of the sample
 * with each row repeated w_k times. NaN when fewer than 2 rows carry weight or a variable is constant.
 */
export function weightedSpearmanRho(x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>,
  orderX: ArrayLike<number> = sortOrder(x), orderY: ArrayLike<number> = sortOrder(y)): number {
  const n = x.length;
  const rx = weightedRanks(x, w, orderX), ry = weightedRanks(y, w, orderY);
  let W = 0, mx = 0, my = 0, used = 0;
  for (let k = 0; k < n; k++) { if (w[k] > 0) { W += w[k]; mx += w[k] * rx[k]; my += w[k] * ry[k]; used++; } }
  if (used < 2) return NaN;
  mx /= W; my /= W;
  let sxy = 0, sxx = 0, syy = 0;
  for (let k = 0; k < n; k++) {
    if (!(w[k] > 0)) continue;
    const dx = rx[k] - mx, dy = ry[k] - my;
    sxy += w[k] * dx * dy; sxx += w[k] * dx * dx; syy += w[k] * dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

function weightedRanks(v: ArrayLike<number>, w: ArrayLike<number>, order: ArrayLike<number>): Float64Array {
  const n = v.length;
  const r = new Float64Array(n);
  let cum = 0;
  for (let s = 0; s < n;) {
    let e = s, g = w[order[s]];
    while (e + 1 < n && v[order[e + 1]] === v[order[s]]) { e++; g += w[order[e]]; }
    const avg = cum + (g + 1) / 2;
    for (let k = s; k <= e; k++) r[order[k]] = avg;
    cum += g;
    s = e + 1;
  }
  return r;
}
