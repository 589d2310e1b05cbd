import { erf } from '../init/sampling.js';
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
}

export const THEORY_ACTIVATIONS = ['tanh', 'relu', 'linear', 'sigmoid', 'erf'] as const;
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
  },
  relu: {
    name: 'relu',
    phi: (x) => (x > 0 ? x : 0),
    dphi: (x) => (x > 0 ? 1 : 0),
    d2phi: () => 0,
    breakpoints: [0],
    supSquare: null,
    homogeneous: true,
  },
  linear: { name: 'linear', phi: (x) => x, dphi: () => 1, d2phi: () => 0, breakpoints: [0], supSquare: null, homogeneous: true },
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
  },
  erf: {
    name: 'erf',
    phi: erf,
    dphi: (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x),
    d2phi: (x) => -2 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x),
    breakpoints: [0],
    supSquare: 1,
    homogeneous: false,
  },
};

/** The activation named `name` (case-insensitive); an unknown name is a UsageError naming the closest. */
export function theoryActivation(name: string): TheoryActivation {
  const key = name.trim().toLowerCase();
  if ((THEORY_ACTIVATIONS as readonly string[]).includes(key)) return DEFS[key as TheoryActivationName];
  throw new UsageError(`--activation '${name}' is not known (known: ${THEORY_ACTIVATIONS.join(', ')}).${didYouMean(key, THEORY_ACTIVATIONS)}`);
}
