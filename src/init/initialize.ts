import type { RandomStream } from '../random/types.js';
import { UsageError } from '../util/errors.js';
import { checkShapeFor, fansFor } from './fans.js';
import { resolveInit } from './spec.js';
import type { InitDescription, InitSpec, ResolvedInit } from './types.js';

/** A drawn tensor with what the initializer's framework says about it. */
export interface InitializedTensor {
  /** Row-major values over `shape` (in the initializer's framework layout). */
  values: Float64Array;
  shape: number[];
  fanIn: number;
  fanOut: number;
  /** The std the samples really have by the closed form (0 for constants). */
  expectedStd: number;
  description: InitDescription;
  init: ResolvedInit;
}

/** The description of an initializer on a shape, without drawing (for `explain`). */
export function describeInit(init: ResolvedInit, shape: readonly number[]): { fanIn: number; fanOut: number; description: InitDescription } {
  const def = init.definition;
  checkShapeFor(def, shape, init.params);
  const { fanIn, fanOut } = fansFor(def, shape, init.params);
  const ctx = { shape, fanIn, fanOut };
  const std = def.expectedStd(ctx, init.params);
  const description = def.describe?.(ctx, init.params) ?? { distribution: def.distribution, targetStd: std, actualStd: std, notes: [] };
  return { fanIn, fanOut, description };
}

/**
 * Draws one tensor: `initialize('torch:kaiming_normal:mode=fan_out', [256, 512], rng)`. The shape is
 * in the initializer's framework layout (PyTorch (out, in, kh, kw); Keras/JAX (in, out), (kh, kw, in, out)).
 * Its values, row-major over `shape`, follow the initializer's own formula and reference (`initlab inits`), with
 * fan_in, fan_out from its framework's fan rule (fansFor), e.g. PyTorch kaiming_normal_: W ∼ N(0, std²),
 * std = gain/√fan (He et al. 2015); xavier_uniform_: W ∼ U(−a, a), a = gain·√(6/(fan_in + fan_out))
 * (Glorot & Bengio 2010). `expectedStd` is that distribution's standard deviation.
 */
export function initialize(spec: InitSpec | string | ResolvedInit, shape: readonly number[], rng: RandomStream): InitializedTensor {
  const init = typeof spec === 'object' && 'definition' in spec ? (spec as ResolvedInit) : resolveInit(spec as InitSpec | string);
  const def = init.definition;
  if (def.dataDependent) {
    throw new UsageError(`'${def.name}' is data-dependent: it needs a network and a batch of data, not just a shape (use it in compare or sweep).`);
  }
  const { fanIn, fanOut, description } = describeInit(init, shape);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float64Array(size);
  const ctx = { shape, fanIn, fanOut };
  def.fill(values, ctx, init.params, rng);
  return { values, shape: [...shape], fanIn, fanOut, expectedStd: def.expectedStd(ctx, init.params), description, init };
}
