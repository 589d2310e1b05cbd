import { plainSumOk, scaledPopulationStd } from './statistics.js';

/*
 * statistics.ts's `moments` (mean and population std, two passes) of three arrays of one length at
 * once, with the SAME operations in the same order per array, so every mean and std is bit for bit
 * what `moments` gives (test/diagnostics/statsProbe.test.ts checks it). Why fuse: each pass of
 * `moments` is one serial chain of additions (the sum, then the sum of squared deviations), so a
 * lone array runs at the latency of one add per element; three independent chains in one loop
 * overlap. The training-stats recorder measures Z, A and ∂L/∂Z of a hidden layer (all units ×
 * samples), which is most of its statistics work (issue 10: stats at statsEvery 100 must cost ≤ 3%
 * of the course run). No min or max is needed: a NaN anywhere makes the sum NaN, and the rare
 * arrays whose plain sum of squares over- or underflows take populationStd's scaled route.
 */

/**
 * Means and population stds of the first n entries of p, q and r (n ≥ 1): out = [mean_p, std_p,
 * mean_q, std_q, mean_r, std_r], each exactly `moments(v).mean` / `.std` (NaN when v holds a NaN,
 * std NaN when the mean is not finite).
 */
export function moments3(p: Float64Array, q: Float64Array, r: Float64Array, n: number, out: Float64Array): void {
  let s0 = 0, s1 = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    s0 += p[i]!;
    s1 += q[i]!;
    s2 += r[i]!;
  }
  const m0 = s0 / n, m1 = s1 / n, m2 = s2 / n;
  out[0] = m0;
  out[2] = m1;
  out[4] = m2;
  // A non-finite mean (a NaN, an infinity or an overflowing sum) has no std, as in `moments`.
  const f0 = Number.isFinite(m0), f1 = Number.isFinite(m1), f2 = Number.isFinite(m2);
  const c0 = f0 ? m0 : 0, c1 = f1 ? m1 : 0, c2 = f2 ? m2 : 0;
  let ss0 = 0, ss1 = 0, ss2 = 0;
  for (let i = 0; i < n; i++) {
    const d0 = p[i]! - c0;
    const d1 = q[i]! - c1;
    const d2 = r[i]! - c2;
    ss0 += d0 * d0;
    ss1 += d1 * d1;
    ss2 += d2 * d2;
  }
  out[1] = !f0 ? Number.NaN : plainSumOk(ss0) ? Math.sqrt(ss0 / n) : scaledPopulationStd(p, n, m0);
  out[3] = !f1 ? Number.NaN : plainSumOk(ss1) ? Math.sqrt(ss1 / n) : scaledPopulationStd(q, n, m1);
  out[5] = !f2 ? Number.NaN : plainSumOk(ss2) ? Math.sqrt(ss2 / n) : scaledPopulationStd(r, n, m2);
}
