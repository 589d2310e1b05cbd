/*
 * Numbers as the page prints them: short enough for a 260-px panel and a chart's axis whatever
 * their size. A loss of 6.505213034913038e+289 (a diverging run) reads "6.5e+289" (issue 15,
 * defect 5); the full-precision value stays in the element's data-value attribute.
 */

/** Two significant digits in exponent form, trailing zeros dropped: 6.5e+289, 1e-7. */
function exp2(v: number): string {
  return v.toExponential(1).replace(/\.0e/, 'e');
}

/** A loss or any unbounded value: 4 decimals between 0.001 and 10⁴, exponent form outside, '—' when not finite. */
export function compact(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e4 || a < 1e-3) return exp2(v);
  return v.toFixed(4);
}

/** An axis label: at most ~6 characters (0.01, 1.5, 6.5e+289). */
export function axisNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e3 || a < 0.01) return exp2(v);
  return a >= 1 ? v.toFixed(1) : v.toFixed(2);
}

/** A count with thousands grouped by thin spaces: 1 000 000. */
export function count(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/** A duration in words: 40 s, 12 min, 3.5 h, 2.1 days. */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}
