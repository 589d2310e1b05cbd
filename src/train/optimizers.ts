import type { FloatArray } from '../core/dtype.js';
import { OPTIMIZER_NAMES, type OptimizerSpec } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import type { AdamConstants } from '../kernels/updates.js';
import { UsageError, didYouMean } from '../util/errors.js';
import { num, resolveParams, type ParamSpec } from '../util/params.js';
import { arrayUpdates, engineUpdates, type OptimizerEngine, type TensorUpdates } from './optimizerState.js';

export type { OptimizerEngine } from './optimizerState.js';

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

/** The optimizers initlab trains with. */
export type OptimizerName = OptimizerSpec['name'];

// Every optimizer's name: the run vocabulary's one list (core/runConfig.ts).
export { OPTIMIZER_NAMES };

/** A coefficient in [0, 1) (a decay rate: 1 would never forget), PyTorch's defaults. */
function decay(name: string, value: number, doc: string): ParamSpec {
  return { name, type: 'number', default: value, min: 0, max: 1, maxOpen: true, doc };
}
const EPS: ParamSpec = { name: 'eps', type: 'number', default: 1e-8, min: 0, doc: 'added to the root of the second moment (stability)' };

/** Each optimizer's parameters in initlab's one parameter schema (util/params.ts). */
const PARAMS: Record<OptimizerName, readonly ParamSpec[]> = {
  sgd: [],
  momentum: [decay('momentum', 0.9, 'β: the velocity\'s decay')],
  // Nesterov with β = 0 is plain sgd; PyTorch refuses nesterov=True with momentum 0.
  nesterov: [{ ...decay('momentum', 0.9, 'β: the velocity\'s decay'), minOpen: true }],
  rmsprop: [decay('rho', 0.99, "ρ: the squared gradient's decay (PyTorch's alpha)"), EPS],
  adam: [decay('beta1', 0.9, "β1: the gradient's decay"), decay('beta2', 0.999, "β2: the squared gradient's decay"), EPS],
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
  const specs = PARAMS[name];
  const resolved = resolveParams(`optimizer '${name}'`, specs, spec, { where });
  const params: Record<string, number> = {};
  for (const p of specs) params[p.name] = num(resolved, p.name);
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
  /** State buffers per tensor: 0 (sgd), 1 (momentum, nesterov: v; rmsprop: s) or 2 (adam: m, v). */
  readonly stateBuffers: number;
  /**
   * Tensor t's state buffer j (tensors: weights 0…L−1, then biases) as a live view, valid until the
   * network's memory grows — for saving and restoring a run mid-way (TrainingSession.checkpoint).
   */
  stateBuffer(j: 0 | 1, t: number): FloatArray | undefined;
  /** Sets the number of steps taken (adam's bias correction depends on it), when resuming a run. */
  setSteps(steps: number): void;
}

/**
 * The common loop: every tensor, weights then biases, through `update` (one kernel call per
 * tensor, never a per-element choice: see src/kernels/updateJs.ts for why that matters).
 */
abstract class TensorwiseOptimizer implements Optimizer {
  abstract readonly name: OptimizerName;
  steps = 0;
  protected lr = 0;
  constructor(protected readonly u: TensorUpdates) {}

  get stateBuffers(): number {
    return this.u.buffer(1, 0) !== undefined ? 2 : this.u.buffer(0, 0) !== undefined ? 1 : 0;
  }

  stateBuffer(j: 0 | 1, t: number): FloatArray | undefined {
    return this.u.buffer(j, t);
  }

  setSteps(steps: number): void {
    if (!Number.isSafeInteger(steps) || steps < 0) throw new RangeError(`steps must be a whole number ≥ 0, got ${steps}`);
    this.steps = steps;
  }

  /** Per-step constants (called after `steps` and `lr` are set). */
  protected begin(): void {}
  protected abstract update(t: number, w: FloatArray, g: FloatArray): boolean;

  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    // Weights then the other tensors (biases; a layer network's batchnorm γ, β and SkipInit α too, so the two counts may differ).
    const L = params.weights.length;
    const B = params.biases.length;
    if (grads.weights.length !== L || grads.biases.length !== B || L + B !== this.u.tensors) {
      throw new RangeError(`the optimizer was made for ${this.u.tensors} tensors; got parameters of ${L} + ${B} and gradients of ${grads.weights.length} + ${grads.biases.length}`);
    }
    this.steps++;
    this.lr = lr;
    this.begin();
    let ok = true;
    // Every tensor is updated even after a non-finite one (the caller stops the run).
    for (let t = 0; t < L; t++) ok = this.update(t, params.weights[t]!, grads.weights[t]!) && ok;
    for (let t = 0; t < B; t++) ok = this.update(L + t, params.biases[t]!, grads.biases[t]!) && ok;
    return ok;
  }
}

class Sgd extends TensorwiseOptimizer {
  readonly name = 'sgd';
  protected update(t: number, w: FloatArray, g: FloatArray): boolean {
    return this.u.sgd(t, w, g, this.lr);
  }
}

class Momentum extends TensorwiseOptimizer {
  constructor(readonly name: 'momentum' | 'nesterov', private readonly beta: number, u: TensorUpdates) {
    super(u);
  }
  protected update(t: number, w: FloatArray, g: FloatArray): boolean {
    return this.u.momentum(t, w, g, this.lr, this.beta, this.name === 'nesterov');
  }
}

class RmsProp extends TensorwiseOptimizer {
  readonly name = 'rmsprop';
  constructor(private readonly rho: number, private readonly eps: number, u: TensorUpdates) {
    super(u);
  }
  protected update(t: number, w: FloatArray, g: FloatArray): boolean {
    return this.u.rmsprop(t, w, g, this.lr, this.rho, 1 - this.rho, this.eps);
  }
}

class Adam extends TensorwiseOptimizer {
  readonly name = 'adam';
  private readonly k: AdamConstants;
  constructor(beta1: number, beta2: number, eps: number, u: TensorUpdates) {
    super(u);
    this.k = { stepSize: 0, beta1, c1: 1 - beta1, beta2, c2: 1 - beta2, bc2Sqrt: 0, eps };
  }
  /** The bias corrections once per step, in JavaScript, as PyTorch computes them once per tensor. */
  protected override begin(): void {
    const k = this.k;
    k.stepSize = this.lr / (1 - k.beta1 ** this.steps);
    k.bc2Sqrt = Math.sqrt(1 - k.beta2 ** this.steps);
  }
  protected update(t: number, w: FloatArray, g: FloatArray): boolean {
    return this.u.adam(t, w, g, this.k);
  }
}

/** State buffers per tensor of each optimizer. */
const STATE_BUFFERS: Record<OptimizerName, number> = { sgd: 0, momentum: 1, nesterov: 1, rmsprop: 1, adam: 2 };

/**
 * An optimizer for parameters shaped like `shapes`, state zeroed. With `engine` (a DenseNetwork,
 * or any {kernels, dtype}) the state lives in that engine's memory and each step runs there — in
 * WebAssembly SIMD on the wasm backend — on the `params` and `grads` views of that network;
 * without it, on any typed arrays, in TypeScript. The same bits either way.
 */
export function createOptimizer(spec: OptimizerSpec, shapes: Parameters<FloatArray>, engine?: OptimizerEngine): Optimizer {
  return createResolvedOptimizer(resolveOptimizer(spec), shapes, engine);
}

/** `createOptimizer` for an already resolved spec. */
export function createResolvedOptimizer(r: ResolvedOptimizer, shapes: Parameters<FloatArray>, engine?: OptimizerEngine): Optimizer {
  const p = r.params;
  const buffers = STATE_BUFFERS[r.name];
  const u = engine ? engineUpdates(engine, shapes, buffers) : arrayUpdates(shapes, buffers);
  switch (r.name) {
    case 'sgd':
      return new Sgd(u);
    case 'momentum':
    case 'nesterov':
      return new Momentum(r.name, p['momentum']!, u);
    case 'rmsprop':
      return new RmsProp(p['rho']!, p['eps']!, u);
    case 'adam':
      return new Adam(p['beta1']!, p['beta2']!, p['eps']!, u);
  }
}
