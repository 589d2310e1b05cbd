/**
 * Mean-field signal propagation through deep random networks at initialization
 * (Poole et al. 2016, "Exponential expressivity…"; Schoenholz et al. 2017, "Deep information propagation").
 *
 * Weights W ∼ N(0, σ_w²/N), biases b ∼ N(0, σ_b²). Pre-activation variance q and correlation c evolve as
 *   q^{l+1} = σ_w² E_z[φ(√q^l z)²] + σ_b²                       (variance map)
 *   c^{l+1} = (σ_w² E[φ(u1)φ(u2)] + σ_b²) / q*,  u1, u2 ∼ N(0, q*) with correlation c  (correlation map)
 *   χ₁ = σ_w² E[φ'(√q* z)²],  χ_c = σ_w² E[φ'(u1)φ'(u2)] at c* (the map's slope there),
 *   ξ_q = −1/ln(χ₁ + σ_w² E[φ''(√q* z) φ(√q* z)])  (the variance map's slope at q*; Schoenholz eq. 7),
 *   ξ_c = −1/ln χ_c  (Schoenholz eq. 9).
 * A slope ≥ 1 means no exponential approach: the depth scale is reported as Infinity.
 */
import { gaussianExpectation, gaussianExpectation2d } from './quadrature.js';
import { theoryActivation, type TheoryActivation, type TheoryActivationName } from './activations.js';

/** An activation for the theory functions: a TheoryActivation (φ, φ', their Gaussian moments) or its name, e.g. 'tanh'. */
export type ActivationArg = TheoryActivation | TheoryActivationName | string;

const act = (a: ActivationArg): TheoryActivation => (typeof a === 'string' ? theoryActivation(a) : a);

function checkSigmas(sigmaW2: number, sigmaB2: number): void {
  if (!(Number.isFinite(sigmaW2) && sigmaW2 > 0)) throw new RangeError(`σ_w² must be a finite number > 0, got ${sigmaW2}`);
  if (!(Number.isFinite(sigmaB2) && sigmaB2 >= 0)) throw new RangeError(`σ_b² must be a finite number ≥ 0, got ${sigmaB2}`);
}

/** E_z[φ(√q z)²], z ∼ N(0, 1): the second moment of a layer's output at pre-activation variance q (Poole et al. 2016; Schoenholz et al. 2017). */
export function meanSquare(activation: ActivationArg, q: number): number {
  const a = act(activation);
  return gaussianExpectation((x) => a.phi(x) ** 2, q, { breakpoints: a.breakpoints });
}

/** The variance map q ↦ σ_w² E_z[φ(√q z)²] + σ_b², z ∼ N(0, 1) (Poole et al. 2016, the length map; Schoenholz et al. 2017). */
export function varianceMap(activation: ActivationArg, sigmaW2: number, sigmaB2: number, q: number): number {
  return sigmaW2 * meanSquare(activation, q) + sigmaB2;
}

/**
 * q^0 … q^depth: the variance map iterated `depth` times from q^0 = q0, q^{l+1} = σ_w² E_z[φ(√q^l z)²] + σ_b²
 * (length depth + 1; Poole et al. 2016; Schoenholz et al. 2017). An infinite q^l stays infinite.
 */
export function predictVarianceSequence(activation: ActivationArg, sigmaW2: number, sigmaB2: number, q0: number, depth: number): number[] {
  const a = act(activation);
  checkSigmas(sigmaW2, sigmaB2);
  if (!(Number.isFinite(q0) && q0 >= 0)) throw new RangeError(`q0 must be a finite number ≥ 0, got ${q0}`);
  if (!Number.isSafeInteger(depth) || depth < 0) throw new RangeError(`depth must be a whole number ≥ 0, got ${depth}`);
  const out = [q0];
  let q = q0;
  for (let l = 0; l < depth; l++) {
    q = Number.isFinite(q) ? varianceMap(a, sigmaW2, sigmaB2, q) : q;
    out.push(q);
  }
  return out;
}

/** Bisection for a sign change of h on [lo, hi] (h(lo) > 0 ≥ h(hi)), to relative width ~1e-15. */
function bisect(h: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * lo + 0.5 * hi; // not 0.5·(lo + hi): that overflows for σ_w² ≳ 9e307
    if (mid <= lo || mid >= hi || hi - lo <= 1e-15 * Math.abs(mid)) return mid;
    if (h(mid) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * lo + 0.5 * hi;
}

/**
 * The stable fixed point q* = σ_w² E_z[φ(√q* z)²] + σ_b² of the variance map (Poole et al. 2016; Schoenholz et al. 2017).
 * Bounded φ (tanh, sigmoid, erf): q* ∈ [0, σ_w²·sup φ² + σ_b²], found by bisection; 0 when σ_b² = 0, φ(0) = 0 and
 * σ_w² φ'(0)² ≤ 1 (the signal dies). Homogeneous φ (relu, linear): the map is σ_w² a q + σ_b² with a = E[φ(z)²]
 * (computed by quadrature), so q* = σ_b²/(1 − σ_w² a) when σ_w² a < 1; Infinity when σ_w² a > 1 (or = 1 with
 * σ_b² > 0); NaN when σ_w² a = 1 and σ_b² = 0 (every q is fixed, e.g. He-initialized relu).
 */
export function fixedPointQ(activation: ActivationArg, sigmaW2: number, sigmaB2: number): number {
  const a = act(activation);
  checkSigmas(sigmaW2, sigmaB2);
  if (a.homogeneous) {
    const slope = sigmaW2 * meanSquare(a, 1);
    if (Math.abs(slope - 1) <= 1e-12) return sigmaB2 === 0 ? Number.NaN : Number.POSITIVE_INFINITY;
    // q = 0 is also fixed when σ_b² = 0, but unstable: every q > 0 grows geometrically, so the answer is ∞, not 0.
    if (slope > 1) return Number.POSITIVE_INFINITY;
    return sigmaB2 / (1 - slope);
  }
  if (a.supSquare === null) throw new RangeError(`fixedPointQ: no solver for unbounded, non-homogeneous activation ${a.name}`);
  const h = (q: number): number => varianceMap(a, sigmaW2, sigmaB2, q) - q;
  const hi = sigmaW2 * a.supSquare + sigmaB2;
  if (h(0) > 0) return bisect(h, 0, hi);
  // h(0) = 0: φ(0) = 0 and σ_b² = 0; a non-zero fixed point exists only when 0 is unstable.
  if (sigmaW2 * a.dphi(0) ** 2 <= 1) return 0;
  let lo = hi;
  while (h(lo) <= 0) {
    lo /= 4;
    if (lo < 1e-300) return 0;
  }
  return bisect(h, lo, hi);
}

/** χ₁ = σ_w² E_z[φ'(√q z)²] at q (q-independent for homogeneous φ): the correlation map's slope at c = 1 (Poole et al. 2016; Schoenholz et al. 2017). */
export function chi1At(activation: ActivationArg, sigmaW2: number, q: number): number {
  const a = act(activation);
  const qq = a.homogeneous || !Number.isFinite(q) ? 1 : q;
  return sigmaW2 * gaussianExpectation((x) => a.dphi(x) ** 2, qq, { breakpoints: a.breakpoints });
}

/**
 * The variance map's slope at q, σ_w² d/dq E[φ(√q z)²] (at q* it gives ξ_q: Schoenholz et al. 2017, eq. 7).
 * For q < 1: χ₁ + σ_w² E[φ''(√q z) φ(√q z)] (the heat-equation identity d/dq E[f(√q z)] = ½ E[f''(√q z)]).
 * At large q that is a difference of two terms ≈ σ_w²/√q that cancel to ≈ σ_w²/q^{3/2}: it loses all
 * digits by q ≈ 1e6 for tanh (issue 12). So for q ≥ 1 and bounded φ it is
 *   σ_w²/(2q) · E[(φ² − A)(√q z) (z² − 1)]      (d/dq E[f(√q z)] = E[f(√q z)(z² − 1)]/(2q)),
 * A being φ's squared asymptote on each side (TheoryActivation.squareMinusAsymptote): E[A(√q z)(z² − 1)] = 0
 * for every q, and φ² − A decays within |x| ≲ 40, where z² ≪ 1 once q is large, so no cancellation is left.
 */
export function varianceSlopeAt(activation: ActivationArg, sigmaW2: number, q: number): number {
  const a = act(activation);
  const qq = a.homogeneous || !Number.isFinite(q) ? 1 : q;
  const d = a.squareMinusAsymptote;
  if (d !== null && qq >= 1) {
    const e = gaussianExpectation((x) => d(x) * ((x / qq) * x - 1), qq, { breakpoints: a.breakpoints });
    return (sigmaW2 / qq) * 0.5 * e;
  }
  return chi1At(a, sigmaW2, qq) + sigmaW2 * gaussianExpectation((x) => a.d2phi(x) * a.phi(x), qq, { breakpoints: a.breakpoints });
}

/**
 * Where the correlation map is evaluated: at q* with denominator q* when 0 < q* < ∞. For homogeneous φ with
 * q* ∉ (0, ∞) the map is scale-free once σ_b² is negligible (or zero), so it is taken at q = 1 with σ_b² = 0,
 * normalized by the next layer's variance. Otherwise (q* = 0 for tanh/erf/sigmoid-like φ) it is undefined.
 */
interface CorrelationSetting {
  q: number;
  sigmaB2: number;
  denominator: number;
}

function correlationSetting(a: TheoryActivation, sigmaW2: number, sigmaB2: number, qStar: number): CorrelationSetting | null {
  if (qStar > 0 && Number.isFinite(qStar)) return { q: qStar, sigmaB2, denominator: qStar };
  if (a.homogeneous) return { q: 1, sigmaB2: 0, denominator: varianceMap(a, sigmaW2, 0, 1) };
  return null;
}

/** Below this correlation the map is computed from its slope (Price's theorem), see mapAt. */
const PRICE_BELOW = 1e-3;
// 4-point Gauss–Legendre on [0, 1]: nodes and weights.
const GL4_T = [0.0694318442029737124, 0.330009478207571868, 0.669990521792428132, 0.930568155797026288];
const GL4_W = [0.173927422568726929, 0.326072577431273071, 0.326072577431273071, 0.173927422568726929];

/** The map at c = 0: (σ_w² E[φ(u)]² + σ_b²)/denominator, exactly σ_b²/denominator for odd φ. */
function mapAtZero(a: TheoryActivation, sigmaW2: number, s: CorrelationSetting): number {
  const m = a.odd ? 0 : gaussianExpectation(a.phi, s.q, { breakpoints: a.breakpoints });
  return (sigmaW2 / s.denominator) * m * m + s.sigmaB2 / s.denominator;
}

/**
 * The correlation map at c. For 0 < c < PRICE_BELOW it is map(0) + ∫₀^c slope (Price's theorem:
 * d/dc E[φ(u1)φ(u2)] = q E[φ'(u1)φ'(u2)]), by 4-point Gauss–Legendre: E[φ(u1)φ(u2)] ≈ c·q·E[φ']² there is
 * far below the quadrature's tolerance (relative to E|φ(u1)φ(u2)| ≈ 1), whereas φ'φ' > 0 has no cancellation.
 * The slope is a power series Σ b_k² c^k (Mehler), so the rule's error is O(c⁸) relative.
 * This is what makes the tiny c* ≈ σ_b²/(q*(1 − χ_c)) of small σ_b² at huge σ_w² come out to full precision.
 */
function mapAt(a: TheoryActivation, sigmaW2: number, s: CorrelationSetting, c: number): number {
  if (c === 0) return mapAtZero(a, sigmaW2, s);
  if (c > 0 && c < PRICE_BELOW) {
    let integral = 0;
    for (let i = 0; i < 4; i++) integral += GL4_W[i]! * slopeAt(a, sigmaW2, s, c * GL4_T[i]!);
    return mapAtZero(a, sigmaW2, s) + c * integral;
  }
  const e = gaussianExpectation2d((u1, u2) => a.phi(u1) * a.phi(u2), s.q, c, { breakpoints: a.breakpoints, breakpoints2: a.breakpoints });
  return (sigmaW2 / s.denominator) * e + s.sigmaB2 / s.denominator;
}

/** σ_w² (q/denominator) E[φ'(u1)φ'(u2)]; q/denominator first, as σ_w²·q overflows from σ_w² ≈ 1e155 on. */
function slopeAt(a: TheoryActivation, sigmaW2: number, s: CorrelationSetting, c: number): number {
  const e = gaussianExpectation2d((u1, u2) => a.dphi(u1) * a.dphi(u2), s.q, c, { breakpoints: a.breakpoints, breakpoints2: a.breakpoints });
  return sigmaW2 * (s.q / s.denominator) * e;
}

/**
 * The correlation map c ↦ (σ_w² E[φ(u1)φ(u2)] + σ_b²)/q*, u1 = √q* z1, u2 = √q* (c z1 + √(1 − c²) z2), at
 * q* = fixedPointQ unless given (Poole et al. 2016; Schoenholz et al. 2017). NaN where undefined (q* ∉ (0, ∞)
 * for a non-homogeneous φ); for homogeneous φ with q* ∉ (0, ∞) it is taken at q = 1 with σ_b² = 0.
 */
export function correlationMap(activation: ActivationArg, sigmaW2: number, sigmaB2: number, c: number, qStar?: number): number {
  const a = act(activation);
  const s = correlationSetting(a, sigmaW2, sigmaB2, qStar ?? fixedPointQ(a, sigmaW2, sigmaB2));
  return s === null ? Number.NaN : mapAt(a, sigmaW2, s, c);
}

/**
 * The correlation map's slope dc^{l+1}/dc^l = σ_w² E[φ'(u1)φ'(u2)] at c, u1, u2 as in correlationMap (Poole et al. 2016;
 * at c* it is χ_c of Schoenholz et al. 2017, eq. 9). NaN where the map is undefined.
 */
export function correlationSlope(activation: ActivationArg, sigmaW2: number, sigmaB2: number, c: number, qStar?: number): number {
  const a = act(activation);
  const s = correlationSetting(a, sigmaW2, sigmaB2, qStar ?? fixedPointQ(a, sigmaW2, sigmaB2));
  return s === null ? Number.NaN : slopeAt(a, sigmaW2, s, c);
}

/**
 * The stable fixed point c* of the correlation map and χ_c, its slope there (Poole et al. 2016; Schoenholz et al. 2017):
 * c* = (σ_w² E[φ(u1)φ(u2)] + σ_b²)/q* at correlation c*, χ_c = σ_w² E[φ'(u1)φ'(u2)] there. c = 1 is always fixed; it is the
 * stable one when the slope at 1 (χ₁) is ≤ 1 (ordered phase). Otherwise (chaotic phase) c* < 1 is found by
 * Newton's method from c = 0, where the map is ≥ c: the map is increasing and convex on [0, 1] (its Hermite series
 * has non-negative coefficients), so the iterates rise monotonically to c*.
 */
export function fixedPointC(activation: ActivationArg, sigmaW2: number, sigmaB2: number, qStar?: number): { cStar: number; chiC: number } {
  const a = act(activation);
  const s = correlationSetting(a, sigmaW2, sigmaB2, qStar ?? fixedPointQ(a, sigmaW2, sigmaB2));
  if (s === null) return { cStar: Number.NaN, chiC: Number.NaN };
  const slope1 = slopeAt(a, sigmaW2, s, 1);
  if (slope1 <= 1 + 1e-12) return { cStar: 1, chiC: slope1 };
  let c = 0;
  let g = mapAt(a, sigmaW2, s, c) - c;
  // Exactly 0 for odd φ with σ_b² = 0 (mapAtZero); a tiny g > 0 (small σ_b², huge q*) is a tiny c* > 0, not 0.
  if (g === 0) return { cStar: 0, chiC: slopeAt(a, sigmaW2, s, 0) };
  for (let i = 0; i < 200; i++) {
    const d = slopeAt(a, sigmaW2, s, c) - 1;
    if (!(d < 0)) break; // numerically at the double root near c = 1
    const next = Math.min(1, c - g / d);
    const done = Math.abs(next - c) <= 1e-13 * next; // relative: c* may be 1e-300
    c = next;
    if (done || c >= 1) break;
    g = mapAt(a, sigmaW2, s, c) - c;
    if (g <= 0) break;
  }
  return { cStar: c, chiC: slopeAt(a, sigmaW2, s, c) };
}

/**
 * ξ = −1/ln(slope): the depth over which a perturbation decays by e (Schoenholz et al. 2017, eqs. 7 and 9: ξ_q, ξ_c);
 * Infinity when slope ≥ 1 (within 1e-12, the quadrature's noise), 0 when slope ≤ 0, NaN when undefined.
 */
export function depthScale(slope: number): number {
  if (Number.isNaN(slope)) return Number.NaN;
  if (slope >= 1 - 1e-12) return Number.POSITIVE_INFINITY;
  if (slope <= 0) return 0;
  return -1 / Math.log(slope);
}

/**
 * The mean-field description of a deep random network with weights N(0, σ_w²/fan_in) and biases
 * N(0, σ_b²) (Poole et al. 2016, "Exponential expressivity in deep neural networks through transient
 * chaos"; Schoenholz et al. 2017, "Deep Information Propagation"):
 * - `qStar`: fixed point q* of the variance map q ↦ σ_w² E[φ(√q z)²] + σ_b², z ~ N(0, 1);
 * - `chi1`: χ₁ = σ_w² E[φ'(√q* z)²], the slope of the correlation map at c = 1 (χ₁ < 1 ordered, > 1 chaotic);
 * - `cStar`: stable fixed point c* of the correlation map, `chiC`: its slope χ_c there;
 * - `xiQ`: ξ_q = −1/ln(slope of the variance map at q*), `xiC`: ξ_c = −1/ln χ_c, the depth scales
 *   over which variances and correlations approach their fixed points (∞ at criticality).
 */
export interface MeanFieldSummary {
  qStar: number;
  chi1: number;
  cStar: number;
  chiC: number;
  xiQ: number;
  xiC: number;
}

/**
 * q*, χ₁, c*, χ_c, ξ_q, ξ_c for one activation and (σ_w², σ_b²) (Poole et al. 2016; Schoenholz et al. 2017):
 * q* = σ_w² E[φ(√q* z)²] + σ_b², χ₁ = σ_w² E[φ'(√q* z)²], χ_c = σ_w² E[φ'(u1)φ'(u2)] at c*,
 * ξ_q = −1/ln(variance map's slope at q*), ξ_c = −1/ln χ_c (see MeanFieldSummary).
 */
export function meanField(activation: ActivationArg, sigmaW2: number, sigmaB2: number): MeanFieldSummary {
  const a = act(activation);
  checkSigmas(sigmaW2, sigmaB2);
  const qStar = fixedPointQ(a, sigmaW2, sigmaB2);
  const qEval = Number.isFinite(qStar) ? qStar : 1;
  const chi1 = chi1At(a, sigmaW2, qEval);
  const { cStar, chiC } = fixedPointC(a, sigmaW2, sigmaB2, qStar);
  return { qStar, chi1, cStar, chiC, xiQ: depthScale(varianceSlopeAt(a, sigmaW2, qEval)), xiC: depthScale(chiC) };
}

/**
 * The order-to-chaos critical line: the σ_w² with χ₁(σ_w², σ_b²) = 1, by bisection (χ₁ grows with σ_w²).
 * For relu and linear it is 1/E[φ'(z)²] whatever σ_b² (2 and 1). Arguments in the order of every
 * theory function: the activation first, then the variances (Poole et al. 2016, eq. 5; Schoenholz
 * et al. 2017, section 3).
 */
export function criticalSigmaW2(activation: ActivationArg, sigmaB2: number): number {
  const a = act(activation);
  if (!(Number.isFinite(sigmaB2) && sigmaB2 >= 0)) throw new RangeError(`σ_b² must be a finite number ≥ 0, got ${sigmaB2}`);
  const h = (w: number): number => 1 - chi1At(a, w, fixedPointQ(a, w, sigmaB2));
  if (a.homogeneous) return 1 / chi1At(a, 1, 1);
  // χ₁ ≤ σ_w² sup φ'², and sup φ'² = φ'(0)² for tanh, erf and sigmoid, so χ₁ ≤ 1 at σ_w² = 1/φ'(0)².
  let lo = 1 / a.dphi(0) ** 2;
  let hi = 2 * lo;
  while (h(hi) > 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e12) return Number.NaN;
  }
  while (h(lo) <= 0 && lo > 1e-12) lo /= 2;
  return bisect(h, lo, hi);
}
