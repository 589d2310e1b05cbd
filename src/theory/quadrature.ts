/**
 * Adaptive quadrature for the Gaussian expectations of mean-field theory.
 *
 * A fixed Gauss–Hermite rule cannot resolve E_z[f(√q z)] when f changes on a scale much smaller
 * than √q (tanh at q ≈ 500 goes from −1 to 1 within |z| ≲ 0.05). Here the integral over z is done by
 * globally adaptive Gauss–Kronrod (G7/K15, QUADPACK's QAG strategy) on [−Z, Z], Z = 40, with
 * breakpoints at the activation's kink/transition points and at the scales 1/√q around them.
 */

// Kronrod 15-point nodes (non-negative half) and weights, with the embedded Gauss 7-point weights.
const XK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.58608723546769113029414483825873, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
// Gauss weights for XK[1], XK[3], XK[5], XK[7].
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

interface Piece {
  a: number;
  b: number;
  value: number;
  error: number;
  /** K15 estimate of ∫|f|: the scale the relative tolerance is measured against. */
  magnitude: number;
}

/** |f(x)| by default; an integrand that is itself an integral reports ∫|·| of its integrand instead (see absOf). */
type AbsOf = ((fx: number) => number) | undefined;

function gk15(f: (x: number) => number, a: number, b: number, absOf: AbsOf): Piece {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let k = WK[7]! * fc;
  let g = WG[3]! * fc;
  let m = WK[7]! * (absOf ? absOf(fc) : Math.abs(fc));
  for (let i = 0; i < 7; i++) {
    const dx = h * XK[i]!;
    const f1 = f(c - dx);
    const m1 = absOf ? absOf(f1) : Math.abs(f1);
    const f2 = f(c + dx);
    const m2 = absOf ? absOf(f2) : Math.abs(f2);
    const s = f1 + f2;
    k += WK[i]! * s;
    m += WK[i]! * (m1 + m2);
    if (i % 2 === 1) g += WG[(i - 1) / 2]! * s;
  }
  return { a, b, value: k * h, error: Math.abs((k - g) * h), magnitude: m * h };
}

/** Tolerances and limits of the adaptive Gauss–Kronrod (7–15) quadrature in integrateAdaptive. */
export interface QuadratureOptions {
  /** Absolute tolerance on the total (default 0: the relative tolerance alone decides). */
  absTol?: number;
  /** Relative tolerance, on ∫|f| (default 1e-12). */
  relTol?: number;
  /** Most subintervals before giving up refining (default 2000). */
  maxIntervals?: number;
}

/**
 * ∫ f over [points[0], points[last]], the sorted points being initial breakpoints, by globally adaptive
 * Gauss–Kronrod quadrature: on each piece [a, b] the 15-point Kronrod rule K15 = h Σ w_i f(c + h x_i)
 * (c = (a + b)/2, h = (b − a)/2; Kronrod 1965) with error estimate |K15 − G7|, G7 its embedded 7-point Gauss
 * rule; the piece with the largest estimate is bisected until Σ|K15 − G7| ≤ max(absTol, relTol·∫|f|), or there are
 * maxIntervals pieces, or a piece is too narrow to split — the QAG strategy of QUADPACK (Piessens et al. 1983), with
 * the plain |K15 − G7| estimate, not QUADPACK's rescaled one.
 * The tolerance is relative to ∫|f|, not to |∫f| nor absolute: mean-field integrals at large variance are
 * as small as 1/√q ≈ 1e-150 (an absolute 1e-14 would accept any answer there), and integrals that
 * vanish by symmetry (E[tanh(√q z)] = 0) would never meet a tolerance relative to |∫f|.
 * The |K15 − G7| estimate is very pessimistic for smooth integrands, so the true error is far smaller.
 */
export function integrateAdaptive(f: (x: number) => number, points: readonly number[], options: QuadratureOptions = {}): number {
  return integrateWithMagnitude(f, points, options, undefined).value;
}

/**
 * integrateAdaptive, also returning the estimate of ∫|f|. `absOf`, called right after each f(x) with its
 * value, gives the magnitude to use at x instead of |f(x)|: for an iterated integral, the inner ∫|f|, so the
 * outer tolerance is relative to the 2-D ∫∫|f| (an inner result that is 0 by symmetry up to rounding noise
 * would otherwise be refined against its own noise).
 */
function integrateWithMagnitude(f: (x: number) => number, points: readonly number[], options: QuadratureOptions, absOf: AbsOf): { value: number; magnitude: number } {
  const absTol = options.absTol ?? 0;
  const relTol = options.relTol ?? 1e-12;
  const maxIntervals = options.maxIntervals ?? 2000;
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    if (points[i + 1]! > points[i]!) pieces.push(gk15(f, points[i]!, points[i + 1]!, absOf));
  }
  for (;;) {
    let total = 0;
    let err = 0;
    let magnitude = 0;
    let worst = 0;
    for (let i = 0; i < pieces.length; i++) {
      total += pieces[i]!.value;
      err += pieces[i]!.error;
      magnitude += pieces[i]!.magnitude;
      if (pieces[i]!.error > pieces[worst]!.error) worst = i;
    }
    if (pieces.length === 0) return { value: 0, magnitude: 0 };
    if (err <= Math.max(absTol, relTol * magnitude) || pieces.length >= maxIntervals || !Number.isFinite(err)) return { value: total, magnitude };
    const p = pieces[worst]!;
    const m = 0.5 * (p.a + p.b);
    if (!(m > p.a && m < p.b)) return { value: total, magnitude }; // cannot split further in double precision
    pieces[worst] = gk15(f, p.a, m, absOf);
    pieces.push(gk15(f, m, p.b, absOf));
  }
}

const Z_MAX = 40;
const INV_SQRT_2PI = 0.398942280401432677939946059934381868;
const Z_GRID = [1, 2, 4, 8, 16];
/**
 * Breakpoints at these distances (in x = √variance·z) from each activation feature. Beyond 64 every
 * activation here is at its asymptote to far below double precision (tanh' ≈ 4e^{-128}), so for huge
 * variances (√q = 1e150) one Gauss–Kronrod piece from 64/√q to z = 1 is exact and the features are resolved
 * without bisecting down ~500 levels from z = 1.
 */
const FEATURE_WIDTHS = [0.25, 1, 4, 16, 64];

/** Standard normal density φ(z) = exp(−z²/2)/√(2π) (scipy `stats.norm.pdf`, up to the last bit: 1/√(2π) is multiplied, not divided). */
export const normalPdf = (z: number): number => INV_SQRT_2PI * Math.exp(-0.5 * z * z);

/** Options of gaussianExpectation: the quadrature's, plus the points where the integrand is not smooth. */
export interface GaussianOptions extends QuadratureOptions {
  /** Points in x = √variance·z where f is not smooth or changes fast (e.g. 0 for relu and tanh). */
  breakpoints?: readonly number[];
}

/**
 * E_{z∼N(0,1)}[f(√variance · z)] = ∫ f(√variance·z) exp(−z²/2)/√(2π) dz over z ∈ [−40, 40] (the normal mass beyond is
 * below 1e-340), i.e. ∫ f(x) N(x; 0, variance) dx, by integrateAdaptive (Gauss–Kronrod G7/K15, Kronrod 1965; QUADPACK's
 * QAG, Piessens et al. 1983) with breakpoints at f's features scaled by 1/√variance. Variance 0 gives f(0).
 * Accurate to ~1e-12 of E|f| for the activations here, over variances 1e-8 … 1e300 (test/theory/largeSigma.test.ts).
 */
export function gaussianExpectation(f: (x: number) => number, variance: number, options: GaussianOptions = {}): number {
  return gaussianWithMagnitude(f, variance, options, undefined).value;
}

/** gaussianExpectation with its E|f| estimate (see integrateWithMagnitude for absOf). */
function gaussianWithMagnitude(f: (x: number) => number, variance: number, options: GaussianOptions, absOf: AbsOf): { value: number; magnitude: number } {
  if (!(variance >= 0) || !Number.isFinite(variance)) throw new RangeError(`gaussianExpectation: variance must be finite and ≥ 0, got ${variance}`);
  if (variance === 0) {
    const v = f(0);
    return { value: v, magnitude: absOf ? absOf(v) : Math.abs(v) };
  }
  const s = Math.sqrt(variance);
  const pts = new Set<number>([-Z_MAX, 0, Z_MAX]);
  for (const g of Z_GRID) {
    pts.add(g);
    pts.add(-g);
  }
  for (const b of options.breakpoints ?? [0]) {
    for (const w of [0, ...FEATURE_WIDTHS, ...FEATURE_WIDTHS.map((v) => -v)]) {
      const z = (b + w) / s;
      if (z > -Z_MAX && z < Z_MAX) pts.add(z);
    }
  }
  const sorted = [...pts].sort((p, q) => p - q);
  // The weight w ≥ 0 scales the integrand's magnitude as it scales its value.
  let weight = 0;
  return integrateWithMagnitude(
    (z) => {
      weight = normalPdf(z);
      return weight === 0 ? 0 : f(s * z) * weight;
    },
    sorted,
    options,
    absOf ? (fz) => (weight === 0 ? 0 : absOf(fz / weight) * weight) : undefined,
  );
}

/**
 * E[f(u1, u2)] for (u1, u2) jointly Gaussian, both of variance q, correlation c ∈ [−1, 1]:
 * u1 = √q z1, u2 = √q (c z1 + √(1−c²) z2), z1, z2 ∼ N(0, 1) independent, so
 * E[f(u1, u2)] = E_{z1}[E_{z2}[f(√q z1, c√q z1 + √(q(1−c²)) z2)]], done as iterated adaptive 1-D integrals (z2 inside)
 * with gaussianExpectation (Gauss–Kronrod G7/K15, Kronrod 1965; QUADPACK's QAG, Piessens et al. 1983).
 * `breakpoints1` are the kinks of f in u1; `breakpoints2` those in u2 (for the inner integral).
 */
export function gaussianExpectation2d(
  f: (u1: number, u2: number) => number,
  q: number,
  c: number,
  options: GaussianOptions & { breakpoints2?: readonly number[] } = {},
): number {
  if (!(c >= -1 && c <= 1)) throw new RangeError(`gaussianExpectation2d: correlation must be in [-1, 1], got ${c}`);
  const innerVar = q * (1 - c * c);
  const b2 = options.breakpoints2 ?? [0];
  const inner: GaussianOptions = {
    absTol: (options.absTol ?? 0) * 0.1,
    relTol: (options.relTol ?? 1e-12) * 0.1,
    maxIntervals: options.maxIntervals ?? 2000,
  };
  // The outer tolerance is relative to ∫∫|f|: the inner integral reports its ∫|f(u1, ·)| through innerMagnitude.
  let innerMagnitude = 0;
  return gaussianWithMagnitude(
    (u1) => {
      const mean2 = c * u1; // u2 = c·u1 + √(q(1−c²)) z2
      const r = gaussianWithMagnitude((x) => f(u1, mean2 + x), innerVar, { ...inner, breakpoints: b2.map((b) => b - mean2) }, undefined);
      innerMagnitude = r.magnitude;
      return r.value;
    },
    q,
    { ...options, breakpoints: options.breakpoints ?? [0] },
    () => innerMagnitude,
  ).value;
}
