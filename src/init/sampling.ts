/**
 * Samplers and special functions shared by the framework initializers (`src/init/frameworks/*`).
 *
 * Everything is float64. The special functions are written from their defining series and continued
 * fractions (no borrowed coefficient tables except Acklam's starting guess for Φ⁻¹, which is then
 * polished to full precision), so their accuracy can be argued from first principles:
 *
 * - `erf(x)` for |x| < 1.25: the all-positive series erf(x) = 2/√π · e^{−x²} · Σ (2x²)ⁿ x / (1·3·…·(2n+1))
 *   (Abramowitz & Stegun 7.1.6) — no cancellation, a few ulps.
 * - `erfc(x)` for x ≥ 1.25: Laplace's continued fraction (A&S 7.1.14) evaluated backward from a fixed
 *   depth, with e^{−x²} computed without the rounding of x²: relative error a few ulps even far in the tail.
 * - `normalQuantile(p)` (Φ⁻¹): Acklam's rational approximation (relative error 1.15e-9) followed by one
 *   Halley step on Φ(x) − p, which brings it to float64 precision (quadratic → cubic convergence).
 * - `erfinv(y)` = Φ⁻¹((1 + y)/2)/√2, refined by a Newton step on erf (or erfc for |y| ≥ ½, where 1 − |y|
 *   is exact), so tiny and near-±1 arguments keep their relative precision.
 *
 * Truncated normals come in the two flavours the frameworks use (see
 * docs/reference/initializers.md §1.3, §2.2, §3.2, §4):
 * - PyTorch `trunc_normal_` (and `jax.random.truncated_normal`): inverse-CDF sampling between ABSOLUTE
 *   bounds [a, b] (JAX: bounds in units of σ), then clamped to the bounds.
 * - Keras / TF.js "truncated normal with stddev σ": redraw the N(μ, σ²) sample while it falls outside
 *   μ ± 2σ (rejection, as TF's `stateless_truncated_normal` and TF.js' `truncatedNormal` do; the accepted
 *   values have exactly the distribution of the inverse-CDF sampler, only the draw count differs).
 */
import { fdlibmExp } from '../kernels/exp.js';
import { fdlibmLog } from '../math/fdlibm.js';
import type { RandomStream } from '../random/types.js';
import { randomIntervalOf } from '../random/discrete.js';

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / SQRT_PI;
const EPS = Number.EPSILON;

/** erf(x) by the all-positive series (A&S 7.1.6); used for |x| < 1.25 where it converges in ≤ 40 terms. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 0.5 * EPS * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * fdlibmExp(-x2) * sum;
}

/**
 * e^{−x²} without the rounding error of x²: x = h + l with h = ⌊16x⌋/16 (h² exact), e^{−h²}·e^{−(x−h)(x+h)}
 * (the splitting of W. J. Cody's CALERF).
 */
function expMinusSquare(x: number): number {
  const h = Math.floor(x * 16) / 16;
  return fdlibmExp(-h * h) * fdlibmExp(-(x - h) * (x + h));
}

/**
 * erfc(x) for x ≥ 1.25 by Laplace's continued fraction
 * erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))) (A&S 7.1.14), evaluated backward
 * from a depth that reaches float64 precision (≥ 200 terms at x = 1.25, fewer further out); backward
 * evaluation of this fraction is stable, so the result is within a few ulps.
 */
function erfcContinuedFraction(x: number): number {
  const depth = Math.ceil(12 + 320 / (x * x));
  let t = x;
  for (let k = depth; k >= 1; k--) t = x + k / 2 / t;
  return expMinusSquare(x) / SQRT_PI / t;
}

/** The error function erf(x) = 2/√π ∫₀ˣ e^{−t²} dt, to a few ulps. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 1.25) return erfSeries(x);
  if (ax > 6) return x > 0 ? 1 : -1;
  const e = 1 - erfcContinuedFraction(ax);
  return x > 0 ? e : -e;
}

/** The complementary error function erfc(x) = 1 − erf(x), with full relative precision for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 1.25) {
    if (x > -1.25) return 1 - erfSeries(x);
    if (x < -6) return 2;
    return 2 - erfcContinuedFraction(-x);
  }
  if (x > 27.3) return 0; // erfc(27.3) < 1e-325 underflows
  return erfcContinuedFraction(x);
}

/** The standard normal density φ(x). */
export function normalPdf(x: number): number {
  return fdlibmExp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Φ(−z) for z ≥ 1.75 as φ(z)·R(z), with Mills' ratio R(z) = 1/(z + 1/(z + 2/(z + 3/(z + …)))) evaluated
 * backward (the same fraction as erfc's, in z itself, so no rounding of z/√2 enters).
 */
function normalLowerTail(z: number): number {
  const depth = Math.ceil(12 + 640 / (z * z));
  let t = z;
  for (let k = depth; k >= 1; k--) t = z + k / t;
  // φ(z) = e^{−z²/2}/√(2π) = e^{−(z/√2)²}/√(2π), with z²/2 split as in expMinusSquare.
  const h = Math.floor(z * 16) / 16;
  const density = (fdlibmExp(-0.5 * h * h) * fdlibmExp(-0.5 * (z - h) * (z + h))) / SQRT_2PI;
  return density / t;
}

/** The standard normal CDF Φ(x) = erfc(−x/√2)/2, with full relative precision in the lower tail. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  if (x <= -1.75) return x < -38.5 ? 0 : normalLowerTail(-x);
  if (x >= 1.75) return x > 8.3 ? 1 : 1 - normalLowerTail(x);
  return 0.5 * erfc(-x / SQRT2);
}

// Acklam's rational approximation of Φ⁻¹ (P. J. Acklam, "An algorithm for computing the inverse normal
// cumulative distribution function", 2003); relative error < 1.15e-9 before refinement.
const ACK_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACK_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACK_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACK_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklam(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = ACK_A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = ACK_B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = ACK_C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = ACK_D as [number, number, number, number];
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * fdlibmLog(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  }
  const q = Math.sqrt(-2 * fdlibmLog(1 - p));
  return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
}

/**
 * The standard normal quantile Φ⁻¹(p) (scipy's `ndtri`): Acklam's approximation polished by one
 * Halley step, accurate to float64 precision. p ≤ 0 → −∞, p ≥ 1 → +∞.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let x = acklam(p);
  // Halley step: e = Φ(x) − p, computed on the side where it keeps relative precision.
  const e = p < 0.5 ? normalCdf(x) - p : (1 - p) - normalCdf(-x);
  const u = e * SQRT_2PI * fdlibmExp(0.5 * x * x);
  x = x - u / (1 + 0.5 * x * u);
  return x;
}

/** The inverse error function: erf(erfinv(y)) = y for y in (−1, 1); ±1 → ±∞. */
export function erfinv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  if (y === 0) return 0;
  const ay = Math.abs(y);
  let x: number;
  if (ay < 1e-8) {
    // erfinv(y) = √π/2·(y + π y³/12 + …); the cubic term is below an ulp here.
    x = (SQRT_PI / 2) * ay;
  } else {
    x = -normalQuantile((1 - ay) / 2) / SQRT2;
    // One Newton step on erf (or on erfc where 1 − |y| is exact and small).
    const r = ay < 0.5 ? erf(x) - ay : (1 - ay) - erfc(x);
    const slope = TWO_OVER_SQRT_PI * fdlibmExp(-x * x);
    x = ay < 0.5 ? x - r / slope : x + r / slope;
  }
  return y < 0 ? -x : x;
}

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
