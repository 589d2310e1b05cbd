import { erf, erfc } from '../init/sampling.js';
import { UsageError, didYouMean } from '../util/errors.js';

/** An activation as mean-field theory needs it: φ, φ', φ'' and what the solvers may assume. */
export interface TheoryActivation {
  name: TheoryActivationName;
  phi: (x: number) => number;
  dphi: (x: number) => number;
  /** φ'' where it exists (relu: 0; its delta at 0 meets φ(0) = 0 in E[φ''φ], so it contributes nothing). */
  d2phi: (x: number) => number;
  /** Points where φ is not smooth or changes fastest: quadrature breakpoints. */
  breakpoints: readonly number[];
  /** sup φ² when φ is bounded (the variance map is then bounded by σ_w²·sup φ² + σ_b²), else null. */
  supSquare: number | null;
  /** φ(a x) = a φ(x) for a > 0 (relu, linear): the variance map is linear and the correlation map scale-free. */
  homogeneous: boolean;
  /** φ(−x) = −φ(x): then E[φ(u)] = 0, and the correlation map at c = 0 is exactly σ_b²/q*. */
  odd: boolean;
  /**
   * For bounded φ: φ(x)² − A(x), where A(x) is φ(+∞)² for x > 0 and φ(−∞)² for x < 0, computed without
   * cancellation (tanh: −sech²x). It decays at both ends, which lets the variance map's slope at large q be
   * computed without the cancellation of χ₁ ≈ −σ_w² E[φ''φ] (see varianceSlopeAt). Null when φ is unbounded.
   */
  squareMinusAsymptote: ((x: number) => number) | null;
}

/** The activations mean-field theory covers here: tanh, relu, linear, sigmoid and erf. */
export const THEORY_ACTIVATIONS = ['tanh', 'relu', 'linear', 'sigmoid', 'erf'] as const;
/** One of THEORY_ACTIVATIONS. */
export type TheoryActivationName = (typeof THEORY_ACTIVATIONS)[number];

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const TWO_OVER_SQRT_PI = 1.1283791670955125738961589031215452;

const DEFS: Readonly<Record<TheoryActivationName, TheoryActivation>> = {
  tanh: {
    name: 'tanh',
    phi: Math.tanh,
    dphi: (x) => {
      const c = 1 / Math.cosh(x);
      return c * c;
    },
    d2phi: (x) => {
      const c = 1 / Math.cosh(x);
      return -2 * Math.tanh(x) * c * c;
    },
    breakpoints: [0],
    supSquare: 1,
    homogeneous: false,
    odd: true,
    squareMinusAsymptote: (x) => {
      const c = 1 / Math.cosh(x);
      return -c * c;
    },
  },
  relu: {
    name: 'relu',
    phi: (x) => (x > 0 ? x : 0),
    dphi: (x) => (x > 0 ? 1 : 0),
    d2phi: () => 0,
    breakpoints: [0],
    supSquare: null,
    homogeneous: true,
    odd: false,
    squareMinusAsymptote: null,
  },
  linear: { name: 'linear', phi: (x) => x, dphi: () => 1, d2phi: () => 0, breakpoints: [0], supSquare: null, homogeneous: true, odd: true, squareMinusAsymptote: null },
  sigmoid: {
    name: 'sigmoid',
    phi: sigmoid,
    dphi: (x) => {
      const s = sigmoid(x);
      return s * (1 - s);
    },
    d2phi: (x) => {
      const s = sigmoid(x);
      return s * (1 - s) * (1 - 2 * s);
    },
    breakpoints: [0],
    supSquare: 1,
    homogeneous: false,
    odd: false,
    // x ≥ 0: σ(x)² − 1 = −σ(−x)(1 + σ(x)) (1 − σ(x) = σ(−x) exactly); x < 0: σ(x)² − 0.
    squareMinusAsymptote: (x) => (x >= 0 ? -sigmoid(-x) * (1 + sigmoid(x)) : sigmoid(x) ** 2),
  },
  erf: {
    name: 'erf',
    phi: erf,
    dphi: (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x),
    d2phi: (x) => -2 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x),
    breakpoints: [0],
    supSquare: 1,
    homogeneous: false,
    odd: true,
    // erf² − 1 = −erfc|x| (1 + erf|x|) = −erfc|x| (2 − erfc|x|), erfc to full relative precision in the tail.
    squareMinusAsymptote: (x) => {
      const e = erfc(Math.abs(x));
      return -e * (2 - e);
    },
  },
};

/** The activation named `name` (case-insensitive); an unknown name is a UsageError naming the closest. */
export function theoryActivation(name: string): TheoryActivation {
  const key = name.trim().toLowerCase();
  if ((THEORY_ACTIVATIONS as readonly string[]).includes(key)) return DEFS[key as TheoryActivationName];
  throw new UsageError(`--activation '${name}' is not known (known: ${THEORY_ACTIVATIONS.join(', ')}).${didYouMean(key, THEORY_ACTIVATIONS)}`);
}
