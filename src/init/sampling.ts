/**
 * Samplers and special functions shared by the framework initializers (`src/init/frameworks/*`).
 *
 * Everything is float64. The special functions they need (erf, erfc, Φ, φ, Φ⁻¹, erfinv) are in
 * src/math/normal.ts, below nn/ (GELU uses Φ) and init/; they are re-exported here for existing imports.
 *
 * Truncated normals come in the two flavours the frameworks use (see
 * docs/reference/initializers.md §1.3, §2.2, §3.2, §4):
 * - PyTorch `trunc_normal_` (and `jax.random.truncated_normal`): inverse-CDF sampling between ABSOLUTE
 *   bounds [a, b] (JAX: bounds in units of σ), then clamped to the bounds.
 * - Keras / TF.js "truncated normal with stddev σ": redraw the N(μ, σ²) sample while it falls outside
 *   μ ± 2σ (rejection, as TF's `stateless_truncated_normal` and TF.js' `truncatedNormal` do; the accepted
 *   values have exactly the distribution of the inverse-CDF sampler, only the draw count differs).
 */
import { erf, erfc, erfinv, normalCdf, normalPdf, normalQuantile } from '../math/normal.js';
import type { RandomStream } from '../random/types.js';
import { randomIntervalOf } from '../random/discrete.js';

export { erf, erfc, erfinv, normalCdf, normalPdf, normalQuantile };

/**
 * The std of N(0, 1) truncated to (−2, 2): c = √(1 − 4φ(2)/(Φ(2) − Φ(−2))) = 0.87962566103423978
 * (pytorch-init-values.json `constants.trunc_normal_2sigma_std_factor_computed`). Keras 3 and JAX write this
 * constant as a literal (`.87962566103423978`) and divide the parent std by it; TF.js does not.
 */
export const TRUNC2_STD_FACTOR = 0.87962566103423978;

/** Moments of N(0, 1) truncated to [α, β] (either may be infinite). */
export function truncatedStandardMoments(alpha: number, beta: number): { mean: number; std: number; mass: number } {
  // Work in the lower tail where Φ keeps relative precision.
  if (alpha >= 0) {
    const m = truncatedStandardMoments(-beta, -alpha);
    return { mean: -m.mean, std: m.std, mass: m.mass };
  }
  const mass = normalCdf(beta) - normalCdf(alpha);
  const pa = Number.isFinite(alpha) ? normalPdf(alpha) : 0;
  const pb = Number.isFinite(beta) ? normalPdf(beta) : 0;
  const apa = Number.isFinite(alpha) ? alpha * pa : 0;
  const bpb = Number.isFinite(beta) ? beta * pb : 0;
  const mean = (pa - pb) / mass;
  const variance = 1 + (apa - bpb) / mass - mean * mean;
  return { mean, std: Math.sqrt(Math.max(0, variance)), mass };
}

/** out[i] ~ U[low, high) (low + (high − low)·u, u = uniform01()). */
export function fillUniform(out: Float64Array, low: number, high: number, rng: RandomStream): void {
  const range = high - low;
  for (let i = 0; i < out.length; i++) out[i] = low + range * rng.uniform01();
}

/** out[i] ~ N(mean, std²), drawn as mean + std·z (so equal seeds give std × the N(0, 1) draws). */
export function fillNormal(out: Float64Array, mean: number, std: number, rng: RandomStream): void {
  if (mean === 0) for (let i = 0; i < out.length; i++) out[i] = rng.standardNormal() * std;
  else for (let i = 0; i < out.length; i++) out[i] = mean + std * rng.standardNormal();
}

/** out[i] = value. */
export function fillConstant(out: Float64Array, value: number): void {
  out.fill(value);
}

/**
 * One draw of N(0, 1) truncated to [α, β] by inverse CDF: p ~ U(Φ(α), Φ(β)), z = Φ⁻¹(p), clamped to
 * [α, β]. Equal in law to PyTorch's `erfinv(U(2Φ(α)−1, 2Φ(β)−1))·√2`; computed on the lower tail (by
 * symmetry) so that bounds far out keep their precision.
 */
function makeTruncatedStandardSampler(alpha: number, beta: number): (u: number) => number {
  const flip = alpha >= 0;
  const lo = flip ? -beta : alpha;
  const hi = flip ? -alpha : beta;
  const pLo = normalCdf(lo);
  const pHi = normalCdf(hi);
  const width = pHi - pLo;
  return (u: number) => {
    let z = normalQuantile(pLo + width * u);
    if (z < lo) z = lo;
    else if (z > hi) z = hi;
    return flip ? -z : z;
  };
}

/**
 * PyTorch `trunc_normal_(t, mean, std, a, b)`: N(mean, std²) restricted to the ABSOLUTE interval [a, b]
 * by inverse-CDF sampling, then clamped to [a, b]. `std` is the parent std.
 */
export function fillTruncatedNormalAbsolute(out: Float64Array, mean: number, std: number, a: number, b: number, rng: RandomStream): void {
  const sample = makeTruncatedStandardSampler((a - mean) / std, (b - mean) / std);
  for (let i = 0; i < out.length; i++) {
    let x = mean + std * sample(rng.uniform01());
    if (x < a) x = a;
    else if (x > b) x = b;
    out[i] = x;
  }
}

/**
 * `jax.random.truncated_normal(key, lower, upper) · stddev`: a standard normal truncated to the open
 * interval (lower, upper) (bounds in units of σ) by inverse CDF, times `stddev`.
 */
export function fillTruncatedNormalSigmaInverseCdf(out: Float64Array, stddev: number, lower: number, upper: number, rng: RandomStream): void {
  const sample = makeTruncatedStandardSampler(lower, upper);
  for (let i = 0; i < out.length; i++) out[i] = stddev * sample(rng.uniform01());
}

/**
 * Keras / TF / TF.js "truncated normal": N(mean, σ²) with every value outside mean ± 2σ redrawn
 * (rejection from `standardNormal()`, acceptance 95.45%); σ is the PARENT std, the values' std is
 * 0.8796·σ. Accepted: |z| < 2 (TF's stateless_truncated_normal and TF.js exclude the bound).
 */
export function fillTruncatedNormal2Sigma(out: Float64Array, mean: number, stddev: number, rng: RandomStream): void {
  for (let i = 0; i < out.length; i++) {
    let z: number;
    do z = rng.standardNormal();
    while (z >= 2 || z <= -2);
    out[i] = mean + stddev * z;
  }
}

/**
 * Orthonormalises the columns of the m×n (m ≥ n) row-major matrix `a` by Householder QR and returns
 * Q·diag(sign(diag R)) (m×n, row-major): the unique QR factor with a positive diagonal of R, which makes
 * Q Haar-distributed when `a` is Gaussian (Mezzadri 2007, math-ph/0609050). A zero diagonal entry of R
 * (probability 0) keeps its column's sign (torch/numpy would zero the column).
 */
export function orthonormalColumns(a: Float64Array, m: number, n: number): Float64Array {
  if (m < n) throw new RangeError(`orthonormalColumns needs rows ≥ cols, got ${m}×${n}`);
  // Column-major working copy: A[j·m + i].
  const A = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) A[j * m + i] = a[i * n + j]!;
  const V = new Float64Array(m * n); // Householder vectors, column k holds v_k in rows k..m−1
  const betas = new Float64Array(n);
  const signs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const col = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += A[col + i]! * A[col + i]!;
    const norm = Math.sqrt(norm2);
    const x0 = A[col + k]!;
    const alpha = x0 >= 0 ? -norm : norm; // R_kk after the reflection
    signs[k] = alpha < 0 ? -1 : 1;
    const v0 = x0 - alpha;
    const vtv = norm2 - x0 * x0 + v0 * v0;
    if (vtv === 0) {
      betas[k] = 0;
      signs[k] = x0 < 0 ? -1 : 1;
      continue;
    }
    V[col + k] = v0;
    for (let i = k + 1; i < m; i++) V[col + i] = A[col + i]!;
    const beta = 2 / vtv;
    betas[k] = beta;
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      let s = 0;
      for (let i = k; i < m; i++) s += V[col + i]! * A[cj + i]!;
      s *= beta;
      for (let i = k; i < m; i++) A[cj + i] = A[cj + i]! - s * V[col + i]!;
    }
  }
  // Q = H_0 H_1 … H_{n−1} · I[:, :n], applied from the last reflector; column j < k is untouched by H_k.
  const Q = new Float64Array(m * n); // column-major
  for (let j = 0; j < n; j++) Q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const beta = betas[k]!;
    if (beta === 0) continue;
    const col = k * m;
    for (let j = k; j < n; j++) {
      const cj = j * m;
      let s = 0;
      for (let i = k; i < m; i++) s += V[col + i]! * Q[cj + i]!;
      s *= beta;
      if (s === 0) continue;
      for (let i = k; i < m; i++) Q[cj + i] = Q[cj + i]! - s * V[col + i]!;
    }
  }
  const out = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    const sgn = signs[j]!;
    for (let i = 0; i < m; i++) out[i * n + j] = Q[j * m + i]! * sgn;
  }
  return out;
}

/**
 * PyTorch `orthogonal_(t, gain)`: rows = shape[0], cols = numel/rows; a rows×cols N(0, 1) matrix is drawn
 * (row-major), transposed when rows < cols, orthonormalised by QR with the sign fix, transposed back, and
 * multiplied by `gain`. Rows are orthonormal when rows ≤ cols, columns otherwise.
 */
export function fillOrthogonalTorch(out: Float64Array, rows: number, cols: number, gain: number, rng: RandomStream): void {
  const draws = new Float64Array(rows * cols);
  for (let i = 0; i < draws.length; i++) draws[i] = rng.standardNormal();
  if (rows >= cols) {
    const q = orthonormalColumns(draws, rows, cols);
    for (let i = 0; i < q.length; i++) out[i] = gain * q[i]!;
    return;
  }
  // Transpose (rows×cols → cols×rows), QR, transpose back.
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = draws[r * cols + c]!;
  const q = orthonormalColumns(t, cols, rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = gain * q[c * rows + r]!;
}

/**
 * Keras 3 / TF.js (≥ 4.3) / JAX orthogonal: n_cols = shape[columnAxis], n_rows = numel/n_cols; an
 * N(0, 1) matrix of shape (max, min) is drawn, orthonormalised by QR with the sign fix, transposed when
 * n_rows < n_cols, laid out with the column axis at `columnAxis` (JAX's moveaxis; the last axis for
 * Keras/TF.js), and multiplied by `gain`.
 */
export function fillOrthogonalKeras(out: Float64Array, shape: readonly number[], gain: number, rng: RandomStream, columnAxis = -1): void {
  const rank = shape.length;
  const axis = columnAxis < 0 ? rank + columnAxis : columnAxis;
  const total = shape.reduce((p, d) => p * d, 1);
  const nCols = shape[axis]!;
  const nRows = total / nCols;
  const big = Math.max(nRows, nCols);
  const small = Math.min(nRows, nCols);
  const draws = new Float64Array(big * small);
  for (let i = 0; i < draws.length; i++) draws[i] = rng.standardNormal();
  const q = orthonormalColumns(draws, big, small);
  // M(r, c), r < nRows, c < nCols: q[r][c], or q[c][r] when transposed.
  const at = nRows >= nCols ? (r: number, c: number) => q[r * nCols + c]! : (r: number, c: number) => q[c * nRows + r]!;
  if (axis === rank - 1) {
    for (let r = 0; r < nRows; r++) for (let c = 0; c < nCols; c++) out[r * nCols + c] = gain * at(r, c);
    return;
  }
  // General column axis: walk the tensor in row-major order; r = the other indices flattened in order.
  const strides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  for (let flat = 0; flat < total; flat++) {
    let rem = flat;
    let r = 0;
    let c = 0;
    for (let d = 0; d < rank; d++) {
      const idx = Math.floor(rem / strides[d]!);
      rem -= idx * strides[d]!;
      if (d === axis) c = idx;
      else r = r * shape[d]! + idx;
    }
    out[flat] = gain * at(r, c);
  }
}

/**
 * PyTorch `sparse_(t, sparsity, std)` on a rows×cols tensor: N(0, std²) everywhere, then in each column
 * ceil(sparsity·rows) distinct rows (a random permutation's prefix) set to 0.
 */
export function fillSparse(out: Float64Array, rows: number, cols: number, sparsity: number, std: number, rng: RandomStream): void {
  fillNormal(out, 0, std, rng);
  const numZeros = Math.ceil(sparsity * rows);
  const idx = new Uint32Array(rows);
  for (let c = 0; c < cols; c++) {
    for (let i = 0; i < rows; i++) idx[i] = i;
    for (let i = 0; i < numZeros; i++) {
      const j = i + randomIntervalOf(rng, rows - 1 - i);
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
      out[idx[i]! * cols + c] = 0;
    }
  }
}

/** std of U[low, high): (high − low)/√12. */
export function uniformStd(low: number, high: number): number {
  return Math.abs(high - low) / Math.sqrt(12);
}
