/**
 * Test-side statistics, written independently of src/init/sampling.ts: erf by its Maclaurin series,
 * CDFs of the normal / uniform / truncated normal built on it, sample moments with standard errors
 * and the Kolmogorov–Smirnov statistic.
 */
import assert from 'node:assert/strict';

/** erf by the alternating Maclaurin series 2/√π Σ (−1)ⁿ x^{2n+1}/(n!(2n+1)); |x| ≥ 5.5 → ±1 (error < 1e-14). */
export function erfSeries(x: number): number {
  if (x >= 5.5) return 1;
  if (x <= -5.5) return -1;
  let term = x; // (−1)ⁿ x^{2n+1}/n!
  let sum = x;
  for (let n = 1; n < 400; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.max(1, Math.abs(sum))) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

export const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
export const Phi = (x: number): number => (x === Infinity ? 1 : x === -Infinity ? 0 : 0.5 * (1 + erfSeries(x / Math.SQRT2)));

export type Dist =
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'truncnorm'; mean: number; std: number; low: number; high: number }; // low/high absolute

export function cdf(d: Dist): (x: number) => number {
  if (d.kind === 'normal') return (x) => Phi((x - d.mean) / d.std);
  if (d.kind === 'uniform') return (x) => (x <= d.low ? 0 : x >= d.high ? 1 : (x - d.low) / (d.high - d.low));
  const a = Phi((d.low - d.mean) / d.std);
  const b = Phi((d.high - d.mean) / d.std);
  return (x) => (x <= d.low ? 0 : x >= d.high ? 1 : (Phi((x - d.mean) / d.std) - a) / (b - a));
}

/** Mean and std of a distribution in closed form. */
export function closedForm(d: Dist): { mean: number; std: number } {
  if (d.kind === 'normal') return { mean: d.mean, std: d.std };
  if (d.kind === 'uniform') return { mean: (d.low + d.high) / 2, std: (d.high - d.low) / Math.sqrt(12) };
  const al = (d.low - d.mean) / d.std;
  const be = (d.high - d.mean) / d.std;
  const Z = Phi(be) - Phi(al);
  const pa = Number.isFinite(al) ? phi(al) : 0;
  const pb = Number.isFinite(be) ? phi(be) : 0;
  const m = (pa - pb) / Z;
  const v = 1 + ((Number.isFinite(al) ? al * pa : 0) - (Number.isFinite(be) ? be * pb : 0)) / Z - m * m;
  return { mean: d.mean + d.std * m, std: d.std * Math.sqrt(v) };
}

export interface Moments {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Standard error of the mean: s/√n. */
  seMean: number;
  /** Standard error of the std: √((m4 − s⁴)/n) / (2s) (delta method on the variance's SE). */
  seStd: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= n;
  m4 /= n;
  const std = Math.sqrt(m2);
  return { n, mean, std, min, max, seMean: std / Math.sqrt(n), seStd: Math.sqrt(Math.max(0, m4 - m2 * m2) / n) / (2 * std) };
}

/** Kolmogorov–Smirnov statistic D = sup |F_n − F|. */
export function ksStatistic(values: ArrayLike<number>, F: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = F(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** Asymptotic one-sample KS critical value at level α: √(−ln(α/2)/2)/√n (1.9495/√n at α = 0.001). */
export function ksCritical(n: number, alpha = 0.001): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** Asserts mean, std (6 standard errors), support and KS (α = 0.001) of `values` against `d`. */
export function assertDistribution(values: ArrayLike<number>, d: Dist, label: string): Moments {
  const m = moments(values);
  const want = closedForm(d);
  assert.ok(Math.abs(m.mean - want.mean) < 6 * m.seMean, `${label}: mean ${m.mean} vs ${want.mean} (6 SE = ${6 * m.seMean})`);
  assert.ok(Math.abs(m.std - want.std) < 6 * m.seStd, `${label}: std ${m.std} vs ${want.std} (6 SE = ${6 * m.seStd})`);
  if (d.kind !== 'normal') {
    assert.ok(m.min >= d.low, `${label}: min ${m.min} below the bound ${d.low}`);
    assert.ok(d.kind === 'uniform' ? m.max < d.high : m.max <= d.high, `${label}: max ${m.max} above the bound ${d.high}`);
  }
  const D = ksStatistic(values, cdf(d));
  assert.ok(D < ksCritical(m.n), `${label}: KS D = ${D} ≥ critical ${ksCritical(m.n)}`);
  return m;
}

/** max |M Mᵀ − g²I| for an r×c row-major matrix (rows), or max |MᵀM − g²I| (columns). */
export function orthogonalityError(w: ArrayLike<number>, rows: number, cols: number, of: 'rows' | 'cols', gain = 1): number {
  const g2 = gain * gain;
  let err = 0;
  if (of === 'rows') {
    for (let i = 0; i < rows; i++) {
      for (let j = i; j < rows; j++) {
        let s = 0;
        for (let k = 0; k < cols; k++) s += w[i * cols + k]! * w[j * cols + k]!;
        err = Math.max(err, Math.abs(s - (i === j ? g2 : 0)));
      }
    }
  } else {
    const t = new Float64Array(rows * cols); // transpose for contiguous columns
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = w[i * cols + j]!;
    return orthogonalityError(t, cols, rows, 'rows', gain);
  }
  return err;
}
