/**
 * The normal distribution's special functions, float64: erf, erfc, φ, Φ, Φ⁻¹ and erfinv (moved from
 * src/init/sampling.ts, which re-exports them, so that nn/'s GELU can use them without depending on
 * init/). They are written from their defining series and continued fractions (no borrowed
 * coefficient tables except Acklam's starting guess for Φ⁻¹, which is then polished to full
 * precision), so their accuracy can be argued from first principles:
 *
 * - `erf(x)` for |x| < 1.25: the all-positive series erf(x) = 2/√π · e^{−x²} · Σ (2x²)ⁿ x / (1·3·…·(2n+1))
 *   (Abramowitz & Stegun 7.1.6) — no cancellation, a few ulps.
 * - `erfc(x)` for x ≥ 1.25: Laplace's continued fraction (A&S 7.1.14) evaluated backward from a fixed
 *   depth, with e^{−x²} computed without the rounding of x²: relative error a few ulps even far in the tail.
 * - `normalQuantile(p)` (Φ⁻¹): Acklam's rational approximation (relative error 1.15e-9) followed by one
 *   Halley step on Φ(x) − p, which brings it to float64 precision (quadratic → cubic convergence).
 * - `erfinv(y)` = Φ⁻¹((1 + y)/2)/√2, refined by a Newton step on erf (or erfc for |y| ≥ ½, where 1 − |y|
 *   is exact), so tiny and near-±1 arguments keep their relative precision.
 */
import { fdlibmExp } from './exp.js';
import { fdlibmLog } from './fdlibm.js';

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
