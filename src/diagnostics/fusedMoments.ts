/*
 * statistics.ts's `moments` (mean and population std, two passes) of three arrays of one length at
 * once, with the SAME operations in the same order per array, so every mean and std is bit for bit
 * what `moments` gives (test/diagnostics/trainingStatistics.test.ts checks it). Why fuse: each
 * pass of `moments` is one serial chain of additions (the sum, then the sum of squared scaled
 * deviations), so a lone array runs at the latency of one add per element; three independent
 * chains in one loop overlap. The training-stats recorder measures Z, A and ∂L/∂Z of a hidden
 * layer (all units × samples), which is most of its statistics work (issue 10: stats at
 * statsEvery 100 must cost ≤ 3% of the course run).
 */

/** The end of `moments`' first pass: NaN mean/std, or a finite mean and the deviation scale (0 or not finite: no second pass). */
function finish(out: Float64Array, at: number, sum: number, min: number, max: number, nan: boolean, n: number): boolean {
  if (nan) {
    out[at] = Number.NaN;
    out[at + 1] = Number.NaN;
    return false;
  }
  const mean = sum / n;
  out[at] = mean;
  if (!Number.isFinite(mean)) {
    out[at + 1] = Number.NaN;
    return false;
  }
  const scale = Math.max(max - mean, mean - min);
  if (!(scale > 0) || !Number.isFinite(scale)) {
    out[at + 1] = scale === 0 ? 0 : Number.NaN;
    return false;
  }
  out[at + 1] = scale; // the second pass turns it into the std
  return true;
}

/** Second pass of one array: scale·√(Σ((v − mean)/scale)²/n) into out[at + 1] (which holds the scale). */
function secondPass(v: Float64Array, n: number, out: Float64Array, at: number): void {
  const mean = out[at]!;
  const scale = out[at + 1]!;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (v[i]! - mean) / scale;
    ss += d * d;
  }
  out[at + 1] = scale * Math.sqrt(ss / n);
}

/**
 * Means and population stds of the first n entries of p, q and r (n ≥ 1): out = [mean_p, std_p,
 * mean_q, std_q, mean_r, std_r], each exactly `moments(v).mean` / `.std` (NaN when v holds a NaN,
 * std NaN when the mean or the deviation scale is not finite).
 */
export function moments3(p: Float64Array, q: Float64Array, r: Float64Array, n: number, out: Float64Array): void {
  let s0 = 0, s1 = 0, s2 = 0;
  let lo0 = Infinity, lo1 = Infinity, lo2 = Infinity;
  let hi0 = -Infinity, hi1 = -Infinity, hi2 = -Infinity;
  let nan0 = false, nan1 = false, nan2 = false;
  for (let i = 0; i < n; i++) {
    const u = p[i]!;
    const v = q[i]!;
    const w = r[i]!;
    if (u !== u) nan0 = true;
    if (v !== v) nan1 = true;
    if (w !== w) nan2 = true;
    s0 += u;
    s1 += v;
    s2 += w;
    if (u < lo0) lo0 = u;
    if (u > hi0) hi0 = u;
    if (v < lo1) lo1 = v;
    if (v > hi1) hi1 = v;
    if (w < lo2) lo2 = w;
    if (w > hi2) hi2 = w;
  }
  const more0 = finish(out, 0, s0, lo0, hi0, nan0, n);
  const more1 = finish(out, 2, s1, lo1, hi1, nan1, n);
  const more2 = finish(out, 4, s2, lo2, hi2, nan2, n);
  if (more0 && more1 && more2) {
    const m0 = out[0]!, c0 = out[1]!, m1 = out[2]!, c1 = out[3]!, m2 = out[4]!, c2 = out[5]!;
    let ss0 = 0, ss1 = 0, ss2 = 0;
    for (let i = 0; i < n; i++) {
      const d0 = (p[i]! - m0) / c0;
      const d1 = (q[i]! - m1) / c1;
      const d2 = (r[i]! - m2) / c2;
      ss0 += d0 * d0;
      ss1 += d1 * d1;
      ss2 += d2 * d2;
    }
    out[1] = c0 * Math.sqrt(ss0 / n);
    out[3] = c1 * Math.sqrt(ss1 / n);
    out[5] = c2 * Math.sqrt(ss2 / n);
    return;
  }
  // A constant, overflowing or NaN array among the three (rare): the others one at a time.
  if (more0) secondPass(p, n, out, 0);
  if (more1) secondPass(q, n, out, 2);
  if (more2) secondPass(r, n, out, 4);
}
