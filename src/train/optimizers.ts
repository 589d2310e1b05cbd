import type { FloatArray } from '../core/dtype.js';
import type { OptimizerSpec } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import { UsageError, didYouMean } from '../util/errors.js';

/*
 * First-order optimizers, each step written exactly as PyTorch's torch.optim (single-tensor, non-
 * foreach) does it, with PyTorch's defaults. g is the gradient the network computed, which already
 * includes L2 weight decay λ·W for weights (the gradient of λ/2·‖W‖²; biases get none) — the same
 * as PyTorch's coupled `weight_decay` on the weights only. With t = 1, 2, … the step number:
 *
 *   sgd       w ← w − lr·g
 *   momentum  v ← β·v + g (v₀ = 0, so v₁ = g: PyTorch's buffer = clone(g), dampening 0);  w ← w − lr·v
 *             (PyTorch's form, not v ← β·v + lr·g; the two agree for a constant lr)
 *   nesterov  v ← β·v + g;  w ← w − lr·(g + β·v)                       (PyTorch's nesterov=True)
 *   rmsprop   s ← ρ·s + (1 − ρ)·g²;  w ← w − lr·g/(√s + ε)             (PyTorch's alpha is ρ)
 *   adam      m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;
 *             w ← w − (lr/(1 − β1ᵗ))·m/(√v/√(1 − β2ᵗ) + ε)             (= lr·m̂/(√v̂ + ε))
 *             (PyTorch updates m with lerp, m + (1 − β1)(g − m): equal up to rounding.)
 *
 * Parameters in OptimizerSpec and defaults: momentum/nesterov `momentum` (β, 0.9 — PyTorch's SGD
 * defaults to 0, which would make these plain sgd), rmsprop `rho` (0.99) and `eps` (1e-8),
 * adam `beta1` (0.9), `beta2` (0.999), `eps` (1e-8).
 */

export type OptimizerName = OptimizerSpec['name'];

export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'];

interface ParamRule {
  name: string;
  default: number;
  /** Allowed interval [min, max) or [min, max]. */
  min: number;
  max: number;
  maxExclusive: boolean;
  minExclusive: boolean;
}

const RULES: Record<OptimizerName, readonly ParamRule[]> = {
  sgd: [],
  momentum: [{ name: 'momentum', default: 0.9, min: 0, max: 1, minExclusive: false, maxExclusive: true }],
  nesterov: [{ name: 'momentum', default: 0.9, min: 0, max: 1, minExclusive: true, maxExclusive: true }],
  rmsprop: [
    { name: 'rho', default: 0.99, min: 0, max: 1, minExclusive: false, maxExclusive: true },
    { name: 'eps', default: 1e-8, min: 0, max: Infinity, minExclusive: false, maxExclusive: true },
  ],
  adam: [
    { name: 'beta1', default: 0.9, min: 0, max: 1, minExclusive: false, maxExclusive: true },
    { name: 'beta2', default: 0.999, min: 0, max: 1, minExclusive: false, maxExclusive: true },
    { name: 'eps', default: 1e-8, min: 0, max: Infinity, minExclusive: false, maxExclusive: true },
  ],
};

/** An optimizer's name and every parameter, defaults filled in. */
export interface ResolvedOptimizer {
  name: OptimizerName;
  params: Record<string, number>;
}

/**
 * Validates an OptimizerSpec and fills in the defaults.
 * @throws UsageError for an unknown optimizer, an unknown parameter or a value out of range.
 */
export function resolveOptimizer(spec: OptimizerSpec, where = 'training.optimizer'): ResolvedOptimizer {
  const name = spec.name;
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`${where}: unknown optimizer '${String(name)}'.${didYouMean(String(name), OPTIMIZER_NAMES)} Known: ${OPTIMIZER_NAMES.join(', ')}.`);
  }
  const rules = RULES[name];
  const params: Record<string, number> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'name') continue;
    const rule = rules.find((r) => r.name === key);
    if (!rule) {
      const known = rules.map((r) => r.name);
      throw new UsageError(
        `${where}: unknown parameter '${key}' for optimizer '${name}';${didYouMean(key, known)} ${known.length > 0 ? `it accepts: ${known.join(', ')}.` : 'it takes no parameters.'}`,
      );
    }
    const bad =
      typeof value !== 'number' || !Number.isFinite(value) ||
      (rule.minExclusive ? value <= rule.min : value < rule.min) ||
      (rule.maxExclusive ? value >= rule.max : value > rule.max);
    if (bad) {
      throw new UsageError(
        `${where}: '${key}' of '${name}' must be a number in ${rule.minExclusive ? '(' : '['}${rule.min}, ${rule.max}${rule.maxExclusive ? ')' : ']'} (got ${JSON.stringify(value)}).`,
      );
    }
    params[key] = value;
  }
  for (const rule of rules) params[rule.name] ??= rule.default;
  return { name, params };
}

/** An optimizer bound to a network's parameter shapes, with its state preallocated. */
export interface Optimizer {
  readonly name: OptimizerName;
  /** Number of steps taken. */
  readonly steps: number;
  /**
   * One update of every tensor of `params` in place from `grads` with learning rate `lr`.
   * Returns false when any gradient or any updated parameter is non-finite (the update is still
   * applied: the caller stops the run). Allocates nothing.
   */
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean;
}

function tensors(p: Parameters<FloatArray>): FloatArray[] {
  return [...p.weights, ...p.biases];
}

/** Optimizer state in the parameters' own format (float32 state for a float32 network, as PyTorch keeps it). */
function zerosLike(p: Parameters<FloatArray>): FloatArray[] {
  return tensors(p).map((t) => (t instanceof Float32Array ? new Float32Array(t.length) : new Float64Array(t.length)));
}

class Sgd implements Optimizer {
  readonly name = 'sgd';
  steps = 0;
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    this.steps++;
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t]! : params.biases[t - L]!;
      const g = t < L ? grads.weights[t]! : grads.biases[t - L]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const wi = w[i]! - lr * gi;
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}

class Momentum implements Optimizer {
  steps = 0;
  private readonly v: FloatArray[];
  constructor(readonly name: 'momentum' | 'nesterov', private readonly beta: number, shapes: Parameters<FloatArray>) {
    this.v = zerosLike(shapes);
  }
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    this.steps++;
    const beta = this.beta;
    const nesterov = this.name === 'nesterov';
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t]! : params.biases[t - L]!;
      const g = t < L ? grads.weights[t]! : grads.biases[t - L]!;
      const v = this.v[t]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const vi = beta * v[i]! + gi;
        v[i] = vi;
        const wi = w[i]! - lr * (nesterov ? gi + beta * vi : vi);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}

class RmsProp implements Optimizer {
  readonly name = 'rmsprop';
  steps = 0;
  private readonly s: FloatArray[];
  constructor(private readonly rho: number, private readonly eps: number, shapes: Parameters<FloatArray>) {
    this.s = zerosLike(shapes);
  }
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    this.steps++;
    const { rho, eps } = this;
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t]! : params.biases[t - L]!;
      const g = t < L ? grads.weights[t]! : grads.biases[t - L]!;
      const s = this.s[t]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const si = rho * s[i]! + (1 - rho) * gi * gi;
        s[i] = si;
        const wi = w[i]! - (lr * gi) / (Math.sqrt(si) + eps);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}

class Adam implements Optimizer {
  readonly name = 'adam';
  steps = 0;
  private readonly m: FloatArray[];
  private readonly v: FloatArray[];
  constructor(private readonly beta1: number, private readonly beta2: number, private readonly eps: number, shapes: Parameters<FloatArray>) {
    this.m = zerosLike(shapes);
    this.v = zerosLike(shapes);
  }
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    this.steps++;
    const { beta1, beta2, eps } = this;
    const stepSize = lr / (1 - beta1 ** this.steps);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.steps);
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t]! : params.biases[t - L]!;
      const g = t < L ? grads.weights[t]! : grads.biases[t - L]!;
      const m = this.m[t]!;
      const v = this.v[t]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const mi = beta1 * m[i]! + (1 - beta1) * gi;
        const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        const wi = w[i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}

/** An optimizer for parameters shaped like `shapes`, state zeroed. */
export function createOptimizer(spec: OptimizerSpec, shapes: Parameters<FloatArray>): Optimizer {
  return createResolvedOptimizer(resolveOptimizer(spec), shapes);
}

/** `createOptimizer` for an already resolved spec. */
export function createResolvedOptimizer(r: ResolvedOptimizer, shapes: Parameters<FloatArray>): Optimizer {
  const p = r.params;
  switch (r.name) {
    case 'sgd':
      return new Sgd();
    case 'momentum':
    case 'nesterov':
      return new Momentum(r.name, p['momentum']!, shapes);
    case 'rmsprop':
      return new RmsProp(p['rho']!, p['eps']!, shapes);
    case 'adam':
      return new Adam(p['beta1']!, p['beta2']!, p['eps']!, shapes);
  }
}
