import type { Activation } from '../core/runConfig.js';
// fdlibm's exp/expm1/tanh/log1p rather than Math's: engines differ (Chromium 156's Math.exp is 1 ulp off Node 20's
// on ~10% of inputs, tanh on ~0.7% of [−6, 6], expm1/log1p on ~0.05%: scripts/check-math-chromium.mjs), and a chaotic run (random×10) amplifies that; plain-arithmetic
// ports give the same trajectory in Node and the page (and Node 20's own Math bits: V8 uses fdlibm too).
import { fdlibmExp } from '../kernels/exp.js';
import { fdlibmExpm1, fdlibmLog1p, fdlibmTanh } from '../math/fdlibm.js';
import { normalCdf, normalPdf } from '../init/sampling.js';

/*
 * Hidden-layer activations, forward and derivative, over whole Float64Array slices without
 * allocating. Derivatives at kinks follow PyTorch's autograd: relu'(0) = 0, leaky_relu'(0) = slope,
 * elu'(0) = α·e⁰ = α (continuous for α = 1).
 */

/** SELU's α and λ (Klambauer, Unterthiner, Mayr & Hochreiter 2017, "Self-Normalizing Neural Networks"). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;
/** ELU's α (Clevert et al. 2015; PyTorch's default). */
export const ELU_ALPHA = 1;
/** leaky_relu's default negative slope (PyTorch's). */
export const DEFAULT_LEAKY_SLOPE = 0.01;

export const ACTIVATIONS: readonly Activation[] = ['relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'tanh', 'sigmoid', 'softplus', 'linear'];

/** The logistic function, stable for any x (never exp of a large positive number). */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + fdlibmExp(-x));
  const e = fdlibmExp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1 + eˣ) = log1p(e^{−|x|}) + max(x, 0): no overflow for large x, full precision for very negative x. */
export function softplus(x: number): number {
  return fdlibmLog1p(fdlibmExp(-Math.abs(x))) + (x > 0 ? x : 0);
}

/** f(x) for one value. */
export function activationValue(kind: Activation, x: number, slope = DEFAULT_LEAKY_SLOPE): number {
  switch (kind) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky_relu':
      return x > 0 ? x : slope * x;
    case 'elu':
      return x > 0 ? x : ELU_ALPHA * fdlibmExpm1(x);
    case 'selu':
      return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * fdlibmExpm1(x);
    case 'gelu':
      return x * normalCdf(x);
    case 'tanh':
      return fdlibmTanh(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'softplus':
      return softplus(x);
    case 'linear':
      return x;
  }
}

/** f′(x) for one value. */
export function activationDerivative(kind: Activation, x: number, slope = DEFAULT_LEAKY_SLOPE): number {
  switch (kind) {
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'leaky_relu':
      return x > 0 ? 1 : slope;
    case 'elu':
      return x > 0 ? 1 : ELU_ALPHA * fdlibmExp(x);
    case 'selu':
      return x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * fdlibmExp(x);
    case 'gelu':
      // d/dx [x·Φ(x)] = Φ(x) + x·φ(x)
      return normalCdf(x) + x * normalPdf(x);
    case 'tanh': {
      const t = fdlibmTanh(x);
      return 1 - t * t;
    }
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    case 'softplus':
      return sigmoid(x);
    case 'linear':
      return 1;
  }
}

/** a[i] = f(z[i]) for i in [start, end). `a` may be `z` itself (in place). */
export function activateForward(kind: Activation, z: Float64Array, a: Float64Array, start: number, end: number, slope = DEFAULT_LEAKY_SLOPE): void {
  switch (kind) {
    case 'relu':
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? x : 0;
      }
      return;
    case 'leaky_relu':
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? x : slope * x;
      }
      return;
    case 'elu':
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? x : ELU_ALPHA * fdlibmExpm1(x);
      }
      return;
    case 'selu':
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * fdlibmExpm1(x);
      }
      return;
    case 'gelu':
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        a[i] = x * normalCdf(x);
      }
      return;
    case 'tanh':
      for (let i = start; i < end; i++) a[i] = fdlibmTanh(z[i]!);
      return;
    case 'sigmoid':
      for (let i = start; i < end; i++) a[i] = sigmoid(z[i]!);
      return;
    case 'softplus':
      for (let i = start; i < end; i++) a[i] = softplus(z[i]!);
      return;
    case 'linear':
      if (a !== z) for (let i = start; i < end; i++) a[i] = z[i]!;
      return;
  }
}

/**
 * dz[i] = da[i] · f′(z[i]) for i in [start, end), using the pre-activation z and, where it is
 * cheaper, the post-activation a = f(z) (tanh, sigmoid). `dz` may be `da` (in place).
 */
export function activateBackward(
  kind: Activation, z: Float64Array, a: Float64Array, da: Float64Array, dz: Float64Array, start: number, end: number,
  slope = DEFAULT_LEAKY_SLOPE,
): void {
  switch (kind) {
    case 'relu':
      for (let i = start; i < end; i++) dz[i] = z[i]! > 0 ? da[i]! : 0;
      return;
    case 'leaky_relu':
      for (let i = start; i < end; i++) dz[i] = z[i]! > 0 ? da[i]! : slope * da[i]!;
      return;
    case 'elu':
      for (let i = start; i < end; i++) dz[i] = z[i]! > 0 ? da[i]! : da[i]! * ELU_ALPHA * fdlibmExp(z[i]!);
      return;
    case 'selu':
      for (let i = start; i < end; i++) dz[i] = z[i]! > 0 ? SELU_SCALE * da[i]! : da[i]! * SELU_SCALE * SELU_ALPHA * fdlibmExp(z[i]!);
      return;
    case 'gelu':
      for (let i = start; i < end; i++) {
        const x = z[i]!;
        dz[i] = da[i]! * (normalCdf(x) + x * normalPdf(x));
      }
      return;
    case 'tanh':
      for (let i = start; i < end; i++) {
        const t = a[i]!;
        dz[i] = da[i]! * (1 - t * t);
      }
      return;
    case 'sigmoid':
      for (let i = start; i < end; i++) {
        const s = a[i]!;
        dz[i] = da[i]! * s * (1 - s);
      }
      return;
    case 'softplus':
      for (let i = start; i < end; i++) dz[i] = da[i]! * sigmoid(z[i]!);
      return;
    case 'linear':
      if (dz !== da) for (let i = start; i < end; i++) dz[i] = da[i]!;
      return;
  }
}
