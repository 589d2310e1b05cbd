/*
 * The population standard deviation about a known mean, with an exact scaled route where the plain
 * sum of squared deviations over- or underflows. It sits in math/ because two layers compute it and
 * must agree bit for bit: diagnostics' statistics (statistics.ts, fusedMoments.ts) and the course
 * kernel's layer statistics (src/kernels/layerMoments.ts), which diagnostics' training-stats
 * recorder uses on the course preset.
 */

/** Below this, Σ(v − mean)² may have lost bits to underflow: populationStd then scales. */
const PLAIN_SUM_FLOOR = 2 ** -800;

/**
 * The population std of v[0…n) about its finite mean: √(Σ(v − mean)²/n), the sum taken in index
 * order. Where that sum overflows (values beyond ~1e154) or is small enough to have lost bits to
 * underflow, the deviations are first multiplied by 2^−E, E the exponent of the largest one, and the
 * root by 2^E. A power of two scales exactly, so both routes give the same bits wherever neither
 * leaves the range of normal doubles; the scaled one keeps full precision for values up to ~1e308.
 * Kept in one place because diagnostics' fusedMoments.ts and the course kernel's statistics
 * (src/kernels/layerMoments.ts) must give these bits exactly.
 */
export function populationStd(v: ArrayLike<number>, n: number, mean: number): number {
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = v[i]! - mean;
    ss += d * d;
  }
  if (plainSumOk(ss)) return Math.sqrt(ss / n);
  return scaledPopulationStd(v, n, mean);
}

/** plainSumOk: the fused loops' test of whether a plain Σ(v − mean)² is the std's sum (see populationStd). */
export function plainSumOk(ss: number): boolean {
  return ss >= PLAIN_SUM_FLOOR && ss < Infinity;
}

/** populationStd's scaled route (spread 0 → 0; a deviation that overflows → NaN). */
export function scaledPopulationStd(v: ArrayLike<number>, n: number, mean: number): number {
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(v[i]! - mean);
    if (d > spread || d !== d) spread = d;
  }
  if (!(spread > 0) || !Number.isFinite(spread)) return spread === 0 ? 0 : Number.NaN;
  const e = deviationExponent(spread);
  const down = 2 ** -e;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (v[i]! - mean) * down;
    ss += d * d;
  }
  return 2 ** e * Math.sqrt(ss / n);
}

/** E with 2^E within a factor of 2 of `spread` (> 0, finite), clamped so that 2^E and 2^−E are both representable. */
export function deviationExponent(spread: number): number {
  const e = Math.floor(Math.log2(spread));
  return e < -1022 ? -1022 : e > 1023 ? 1023 : e;
}
