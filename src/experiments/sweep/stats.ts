/*
 * Small-sample statistics for sweep summaries: mean, sample standard deviation, Student-t confidence
 * intervals. The t quantile comes from the regularized incomplete beta function,
 *   P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2),
 * evaluated with its continued fraction (modified Lentz) and inverted by bisection, which is accurate
 * to a few ulps of the quantile for any ν > 0 (exact closed forms for ν = 1 and ν = 2).
 */

// Lanczos approximation (g = 7, n = 9): |relative error| < 2e-15 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (Numerical Recipes' betacf, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b), given x and y = 1 − x separately (so a caller
 * that knows 1 − x more accurately than 1 − x computed in floating point can pass it).
 */
export function incompleteBeta(a: number, b: number, x: number, y = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = a * Math.log(x) + b * Math.log(y) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, y)) / b;
}

/** P(T > t) for Student's t with ν degrees of freedom, t ≥ 0. */
export function studentTUpperTail(t: number, df: number): number {
  if (t === 0) return 0.5;
  const t2 = t * t;
  return 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

/** The p-quantile of Student's t with `df` > 0 degrees of freedom, 0 < p < 1. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const q = 1 - p; // upper tail
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * q);
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Number.POSITIVE_INFINITY;
  }
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (studentTUpperTail(mid, df) > q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Summary statistics of one metric over a group of runs (only finite values count). */
export interface Stats {
  /** Number of finite values summarized. */
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1 in the denominator); null for n < 2. */
  std: number | null;
  /** 95% confidence interval of the mean, mean ± t(0.975, n − 1)·std/√n; null for n < 2. */
  ci95: [number, number] | null;
  min: number | null;
  max: number | null;
}

/** Mean, sample std, Student-t 95% CI, min and max of the finite values. */
export function describe(values: readonly number[]): Stats {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return { n: 0, mean: null, std: null, ci95: null, min: null, max: null };
  // Shifted by the first value: exact for a constant sample (mean x, std 0) and well conditioned
  // when the spread is small next to the values.
  const shift = xs[0]!;
  let sum = 0;
  for (const x of xs) sum += x - shift;
  const meanShifted = sum / n;
  const mean = shift + meanShifted;
  const min = xs.reduce((a, b) => (b < a ? b : a));
  const max = xs.reduce((a, b) => (b > a ? b : a));
  if (n < 2) return { n, mean, std: null, ci95: null, min, max };
  let ss = 0;
  for (const x of xs) ss += (x - shift - meanShifted) ** 2;
  const std = Math.sqrt(ss / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * std) / Math.sqrt(n);
  return { n, mean, std, ci95: [mean - half, mean + half], min, max };
}
