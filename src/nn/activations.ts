import type { FloatArray } from '../core/dtype.js';
import type { Activation } from '../core/runConfig.js';
// fdlibm's exp/expm1/tanh/log1p rather than Math's: engines differ (Chromium 156's Math.exp is 1 ulp off Node 20's
// on ~10% of inputs, tanh on ~0.7% of [−6, 6], expm1/log1p on ~0.05%: scripts/check-math-chromium.mjs), and a chaotic run (random×10) amplifies that; plain-arithmetic
// ports give the same trajectory in Node and the page (and Node 20's own Math bits: V8 uses fdlibm too).
import { fdlibmExp } from '../math/exp.js';
import { fdlibmExpm1, fdlibmLog1p, fdlibmTanh } from '../math/fdlibm.js';
import { normalCdf, normalPdf } from '../math/normal.js';

/*
 * Hidden-layer activations: ONE table (issue 10, item 5), one entry per activation with its
 * function and derivative (for one value and over Float64Array slices without allocating), its
 * output bounds, whether and where it saturates, and its family. Everything else — the network,
 * layer statistics, problem verdicts, histogram ranges, the playground — reads the table, so a new
 * activation is its name in src/core/runConfig.ts plus its entry here.
 *
 * Derivatives at kinks follow PyTorch's autograd: relu'(0) = 0, leaky_relu'(0) = slope,
 * elu'(0) = α·e⁰ = α (continuous for α = 1).
 */

/** SELU's α and λ (Klambauer, Unterthiner, Mayr & Hochreiter 2017, "Self-Normalizing Neural Networks"). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** SELU's λ (scale) in λ·(x if x > 0 else α(eˣ − 1)) (Klambauer et al. 2017). */
export const SELU_SCALE = 1.0507009873554804934193349852946;
/** ELU's α (Clevert et al. 2015; PyTorch's default). */
export const ELU_ALPHA = 1;
/** leaky_relu's default negative slope (PyTorch's). */
export const DEFAULT_LEAKY_SLOPE = 0.01;
/** Saturation thresholds: |tanh| > 0.99, sigmoid < 0.01 or > 0.99. */
export const SATURATION_LEVEL = 0.99;
/**
 * GELU's minimum x·Φ(x) = −0.16997120747990366… at x = −0.75179…, from mpmath at 40 digits
 * (findroot of the derivative), rounded toward −∞ so that it stays a lower bound.
 */
const GELU_MIN = -0.1699712074799037;

/**
 * What the critical (signal-preserving) initialization depends on: rectifiers keep half the
 * variance (He et al. 2015: gain √2), SELU self-normalizes with unit-variance weights (LeCun's
 * fan-in scaling), sigmoidal and linear units want Glorot's/LeCun's gain 1.
 */
export type ActivationFamily = 'rectifier' | 'self-normalizing' | 'sigmoidal' | 'linear';

/** Where a saturating activation is flat: an output a is saturated when a < below or a > above. */
export interface Saturation {
  below: number;
  above: number;
  /** The same condition in words, for messages. */
  text: string;
}

export interface ActivationDefinition {
  name: Activation;
  /** f(x) for one value; `slope` is leaky_relu's negative slope (the others ignore it). */
  value(x: number, slope: number): number;
  /** f′(x) for one value. */
  derivative(x: number, slope: number): number;
  /** a[i] = f(z[i]) for i in [start, end). `a` may be `z` itself (in place). */
  forward(z: FloatArray, a: FloatArray, start: number, end: number, slope: number): void;
  /**
   * dz[i] = da[i] · f′(z[i]) for i in [start, end), using the pre-activation z and, where it is
   * cheaper, the post-activation a = f(z) (tanh, sigmoid). `dz` may be `da` (in place).
   */
  backward(z: FloatArray, a: FloatArray, da: FloatArray, dz: FloatArray, start: number, end: number, slope: number): void;
  /** [inf f, sup f] over the reals (±∞ when unbounded; leaky_relu taken with a positive slope). */
  bounds: readonly [number, number];
  /** Where the output is saturated (f′ ≈ 0), or null for an activation that does not saturate. */
  saturation: Saturation | null;
  family: ActivationFamily;
}

/**
 * The logistic function σ(x) = 1/(1 + e^{−x}), stable for any x (never exp of a large positive number): 1/(1 + e^{−x})
 * for x ≥ 0, eˣ/(1 + eˣ) below, with fdlibm's exp (the one V8 carries behind Math.exp), so the same bits on every engine.
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + fdlibmExp(-x));
  const e = fdlibmExp(x);
  return e / (1 + e);
}

/**
 * softplus(x) = log(1 + eˣ) = log1p(e^{−|x|}) + max(x, 0): no overflow for large x, full precision for very negative x
 * (PyTorch's `Softplus` with β = 1, without its linear cut-over above x = 20; fdlibm's exp and log1p).
 */
export function softplus(x: number): number {
  return fdlibmLog1p(fdlibmExp(-Math.abs(x))) + (x > 0 ? x : 0);
}

// The slice loops are written out per activation (not built from `value`) so that each stays one
// monomorphic loop the JIT can inline: the network spends most of its time in them.
export const ACTIVATION_TABLE: Readonly<Record<Activation, ActivationDefinition>> = {
  relu: {
    name: 'relu',
    value: (x) => (x > 0 ? x : 0),
    derivative: (x) => (x > 0 ? 1 : 0),
    forward(z, a, start, end) {
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? x : 0;
      }
    },
    backward(z, _a, da, dz, start, end) {
      for (let i = start; i < end; i++) dz[i] = z[i]! > 0 ? da[i]! : 0;
    },
    bounds: [0, Infinity],
    saturation: null,
    family: 'rectifier',
  },
  leaky_relu: {
    name: 'leaky_relu',
    value: (x, slope) => (x > 0 ? x : slope * x),
    derivative: (x, slope) => (x > 0 ? 1 : slope),
    forward(z, a, start, end, slope) {
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? x : slope * x;
      }
    },
    backward(z, _a, da, dz, start, end, slope) {
      for (let i = start; i < end; i++) dz[i] = z[i]! > 0 ? da[i]! : slope * da[i]!;
    },
    bounds: [-Infinity, Infinity],
    saturation: null,
    family: 'rectifier',
  },
  elu: {
    name: 'elu',
    value: (x) => (x > 0 ? x : ELU_ALPHA * fdlibmExpm1(x)),
    derivative: (x) => (x > 0 ? 1 : ELU_ALPHA * fdlibmExp(x)),
    forward(z, a, start, end) {
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? x : ELU_ALPHA * fdlibmExpm1(x);
      }
    },
    backward(z, _a, da, dz, start, end) {
      for (let i = start; i < end; i++) dz[i] = z[i]! > 0 ? da[i]! : da[i]! * ELU_ALPHA * fdlibmExp(z[i]!);
    },
    bounds: [-ELU_ALPHA, Infinity],
    saturation: null,
    family: 'rectifier',
  },
  selu: {
    name: 'selu',
    value: (x) => (x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * fdlibmExpm1(x)),
    derivative: (x) => (x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * fdlibmExp(x)),
    forward(z, a, start, end) {
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * fdlibmExpm1(x);
      }
    },
    backward(z, _a, da, dz, start, end) {
      for (let i = start; i < end; i++) dz[i] = z[i]! > 0 ? SELU_SCALE * da[i]! : da[i]! * SELU_SCALE * SELU_ALPHA * fdlibmExp(z[i]!);
    },
    bounds: [-SELU_SCALE * SELU_ALPHA, Infinity],
    saturation: null,
    family: 'self-normalizing',
  },
  gelu: {
    name: 'gelu',
    value: (x) => x * normalCdf(x),
    // d/dx [x·Φ(x)] = Φ(x) + x·φ(x)
    derivative: (x) => normalCdf(x) + x * normalPdf(x),
    forward(z, a, start, end) {
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x * normalCdf(x);
      }
    },
    backward(z, _a, da, dz, start, end) {
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        dz[i] = da[i]! * (normalCdf(x) + x * normalPdf(x));
      }
    },
    bounds: [GELU_MIN, Infinity],
    saturation: null,
    family: 'rectifier',
  },
  tanh: {
    name: 'tanh',
    value: (x) => fdlibmTanh(x),
    derivative: (x) => {
      const t = fdlibmTanh(x);
      return 1 - t * t;
    },
    forward(z, a, start, end) {
      for (let i = start; i < end; i++) a[i] = fdlibmTanh(z[i]!);
    },
    backward(_z, a, da, dz, start, end) {
      for (let i = start; i < end; i++) {
        const t = a[i]!;
        dz[i] = da[i]! * (1 - t * t);
      }
    },
    bounds: [-1, 1],
    saturation: { below: -SATURATION_LEVEL, above: SATURATION_LEVEL, text: '|a| > 0.99' },
    family: 'sigmoidal',
  },
  sigmoid: {
    name: 'sigmoid',
    value: (x) => sigmoid(x),
    derivative: (x) => {
      const s = sigmoid(x);
      return s * (1 - s);
    },
    forward(z, a, start, end) {
      for (let i = start; i < end; i++) a[i] = sigmoid(z[i]!);
    },
    backward(_z, a, da, dz, start, end) {
      for (let i = start; i < end; i++) {
        const s = a[i]!;
        dz[i] = da[i]! * s * (1 - s);
      }
    },
    bounds: [0, 1],
    saturation: { below: 1 - SATURATION_LEVEL, above: SATURATION_LEVEL, text: 'a < 0.01 or a > 0.99' },
    family: 'sigmoidal',
  },
  softplus: {
    name: 'softplus',
    value: (x) => softplus(x),
    derivative: (x) => sigmoid(x),
    forward(z, a, start, end) {
      for (let i = start; i < end; i++) a[i] = softplus(z[i]!);
    },
    backward(z, _a, da, dz, start, end) {
      for (let i = start; i < end; i++) dz[i] = da[i]! * sigmoid(z[i]!);
    },
    bounds: [0, Infinity],
    saturation: null,
    family: 'rectifier',
  },
  linear: {
    name: 'linear',
    value: (x) => x,
    derivative: () => 1,
    forward(z, a, start, end) {
      if (a !== z) for (let i = start; i < end; i++) a[i] = z[i]!;
    },
    backward(_z, _a, da, dz, start, end) {
      if (dz !== da) for (let i = start; i < end; i++) dz[i] = da[i]!;
    },
    bounds: [-Infinity, Infinity],
    saturation: null,
    family: 'linear',
  },
};

/** Every activation, in the table's order. */
export const ACTIVATIONS: readonly Activation[] = Object.keys(ACTIVATION_TABLE) as Activation[];

/**
 * f(x) for one value, f one of
 * relu max(x, 0); leaky_relu x if x > 0 else slope·x (PyTorch's default slope 0.01); elu x if x > 0 else eˣ − 1
 * (Clevert et al. 2015); selu λ·(x if x > 0 else α(eˣ − 1)) (Klambauer et al. 2017); gelu x·Φ(x) by erf, PyTorch's
 * approximate='none' (Hendrycks & Gimpel 2016); tanh; sigmoid σ(x) = 1/(1 + e^{−x}); softplus log(1 + eˣ); linear x.
 * Derivatives at kinks follow PyTorch's autograd (see activationDerivative).
 */
export function activationValue(kind: Activation, x: number, slope = DEFAULT_LEAKY_SLOPE): number {
  return ACTIVATION_TABLE[kind].value(x, slope);
}

/**
 * f′(x) for one value: relu 1 if x > 0 else 0; leaky_relu 1 or slope; elu 1 or eˣ; selu λ or λα·eˣ;
 * gelu Φ(x) + x·φ(x); tanh 1 − tanh²x; sigmoid σ(x)(1 − σ(x)); softplus σ(x); linear 1. At kinks as PyTorch's
 * autograd: relu'(0) = 0, leaky_relu'(0) = slope, elu'(0) = 1.
 */
export function activationDerivative(kind: Activation, x: number, slope = DEFAULT_LEAKY_SLOPE): number {
  return ACTIVATION_TABLE[kind].derivative(x, slope);
}

/**
 * a[i] = f(z[i]) for i in [start, end), f as in activationValue:
 * relu max(x, 0); leaky_relu x if x > 0 else slope·x (PyTorch's default slope 0.01); elu x if x > 0 else eˣ − 1
 * (Clevert et al. 2015); selu λ·(x if x > 0 else α(eˣ − 1)) (Klambauer et al. 2017); gelu x·Φ(x) by erf, PyTorch's
 * approximate='none' (Hendrycks & Gimpel 2016); tanh; sigmoid σ(x) = 1/(1 + e^{−x}); softplus log(1 + eˣ); linear x.
 * `a` may be `z` itself (in place).
 */
export function activateForward(kind: Activation, z: FloatArray, a: FloatArray, start: number, end: number, slope = DEFAULT_LEAKY_SLOPE): void {
  ACTIVATION_TABLE[kind].forward(z, a, start, end, slope);
}

/**
 * dz[i] = da[i] · f′(z[i]) for i in [start, end) (the chain rule of back-propagation, Rumelhart, Hinton & Williams 1986),
 * using the pre-activation z and, where it is cheaper, the post-activation a = f(z): tanh′ = 1 − a², sigmoid′ = a(1 − a).
 * f′ at kinks as PyTorch's autograd (activationDerivative). `dz` may be `da` (in place).
 */
export function activateBackward(
  kind: Activation, z: FloatArray, a: FloatArray, da: FloatArray, dz: FloatArray, start: number, end: number,
  slope = DEFAULT_LEAKY_SLOPE,
): void {
  ACTIVATION_TABLE[kind].backward(z, a, da, dz, start, end, slope);
}

/** The bounds [lo, hi] when f is bounded on both sides (tanh, sigmoid), else null. */
export function boundedRange(kind: Activation): [number, number] | null {
  const [lo, hi] = ACTIVATION_TABLE[kind].bounds;
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}
