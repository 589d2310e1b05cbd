import type { Activation, OutputHead } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import { activateBackward, activateForward, DEFAULT_LEAKY_SLOPE } from './activations.js';
import { headLoss } from './losses.js';
import { affineForward, inputGradients, weightGradients } from './matmul.js';

/*
 * A dense network of any depth and width in float64, on feature-major batches (units × batch,
 * row-major, x[f·m + s]) like the course's. Layer l (1-based) computes Z_l = W_l·A_{l−1} + b_l with
 * W_l (n_l × n_{l−1}) row-major, then A_l = f(Z_l) for hidden layers; the last layer's Z_L are the
 * logits of the output head (see losses.ts). Every buffer a batch needs lives in a `Workspace`
 * made once per batch size, so forward and backward allocate nothing.
 */

export interface DenseNetworkOptions {
  /** [nInputs, hidden…, nOutputs]. */
  layerSizes: readonly number[];
  /** Activation of every hidden layer. */
  activation: Activation;
  /** Negative slope of leaky_relu (default 0.01). */
  slope?: number;
  output: OutputHead;
}

/** The buffers of one batch size m: pre-activations, activations and their gradients per layer. */
export interface Workspace {
  readonly m: number;
  /** z[l−1]: Z_l (n_l × m), l = 1…L. */
  readonly z: Float64Array[];
  /** a[l−1]: A_l = f(Z_l) (n_l × m), hidden layers only (l = 1…L−1). */
  readonly a: Float64Array[];
  /** g[l−1]: dL/dZ_l (n_l × m); empty when the workspace is forward-only. */
  readonly g: Float64Array[];
  /** Loss scratch (2m). */
  readonly scratch: Float64Array;
  /** Transpose scratch of the backward pass: max_l n_{l−1}·m for Aᵀ and max_l n_l·n_{l−1} for Wᵀ (empty when forward-only). */
  readonly aT: Float64Array;
  readonly wT: Float64Array;
}

function checkSizes(sizes: readonly number[]): void {
  if (sizes.length < 2) throw new RangeError(`a network needs at least an input and an output layer, got layer sizes [${sizes.join(', ')}]`);
  for (const n of sizes) if (!Number.isInteger(n) || n < 1) throw new RangeError(`layer sizes must be positive integers, got [${sizes.join(', ')}]`);
}

export class DenseNetwork {
  readonly layerSizes: readonly number[];
  readonly activation: Activation;
  readonly slope: number;
  readonly output: OutputHead;
  /** Number of weight layers L. */
  readonly depth: number;
  /** The live parameters (updated in place by optimizers). */
  readonly params: Parameters;
  /** dL/dW_l and dL/db_l of the last `lossAndGradients` call (with the L2 term λ·W_l when λ > 0). */
  readonly grads: Parameters;

  /** `params` are copied in; without them every weight and bias starts at 0. */
  constructor(options: DenseNetworkOptions, params?: Parameters) {
    checkSizes(options.layerSizes);
    this.layerSizes = [...options.layerSizes];
    this.activation = options.activation;
    this.slope = options.slope ?? DEFAULT_LEAKY_SLOPE;
    this.output = options.output;
    this.depth = this.layerSizes.length - 1;
    const shapes = (): Parameters => ({
      weights: this.layerSizes.slice(1).map((n, l) => new Float64Array(n * this.layerSizes[l]!)),
      biases: this.layerSizes.slice(1).map((n) => new Float64Array(n)),
    });
    this.params = shapes();
    this.grads = shapes();
    if (params) this.setParameters(params);
  }

  /** Copies parameters in (shapes must match: W_l n_l × n_{l−1}, b_l n_l). */
  setParameters(p: Parameters): void {
    if (p.weights.length !== this.depth || p.biases.length !== this.depth) {
      throw new RangeError(`expected ${this.depth} weight and bias tensors, got ${p.weights.length} and ${p.biases.length}`);
    }
    for (let l = 0; l < this.depth; l++) {
      if (p.weights[l]!.length !== this.params.weights[l]!.length || p.biases[l]!.length !== this.params.biases[l]!.length) {
        throw new RangeError(`layer ${l + 1}: expected W ${this.layerSizes[l + 1]}×${this.layerSizes[l]} and b ${this.layerSizes[l + 1]}`);
      }
      this.params.weights[l]!.set(p.weights[l]!);
      this.params.biases[l]!.set(p.biases[l]!);
    }
  }

  /** Copies of the current parameters. */
  getParameters(): Parameters {
    return { weights: this.params.weights.map((w) => w.slice()), biases: this.params.biases.map((b) => b.slice()) };
  }

  /** Number of output units (the logits' rows). */
  get nOutputs(): number {
    return this.layerSizes[this.depth]!;
  }

  /** Buffers for batches of exactly m samples; `training` = false skips the gradient buffers. */
  createWorkspace(m: number, training = true): Workspace {
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`batch size must be a positive integer, got ${m}`);
    const sizes = this.layerSizes.slice(1);
    const inputs = this.layerSizes.slice(0, -1);
    return {
      m,
      z: sizes.map((n) => new Float64Array(n * m)),
      a: sizes.slice(0, -1).map((n) => new Float64Array(n * m)),
      g: training ? sizes.map((n) => new Float64Array(n * m)) : [],
      scratch: new Float64Array(2 * m),
      aT: new Float64Array(training ? Math.max(...inputs) * m : 0),
      wT: new Float64Array(training ? Math.max(...sizes.map((n, l) => n * inputs[l]!)) : 0),
    };
  }

  /** Forward pass of x (n_0 × ws.m, feature-major); returns the logits Z_L (a view into ws, n_L × m). */
  forward(x: Float64Array, ws: Workspace): Float64Array {
    const m = ws.m;
    const sizes = this.layerSizes;
    let input = x;
    for (let l = 0; l < this.depth; l++) {
      const out = sizes[l + 1]!;
      const z = ws.z[l]!;
      affineForward(this.params.weights[l]!, this.params.biases[l]!, input, z, out, sizes[l]!, m);
      if (l < this.depth - 1) {
        const a = ws.a[l]!;
        activateForward(this.activation, z, a, 0, out * m, this.slope);
        input = a;
      }
    }
    return ws.z[this.depth - 1]!;
  }

  /** Mean data loss of the batch (no L2 term). y: labels as the head takes them (see losses.ts). */
  loss(x: Float64Array, y: Float64Array, ws: Workspace): number {
    const z = this.forward(x, ws);
    return headLoss(this.output, z, y, this.nOutputs, ws.m, ws.scratch);
  }

  /** λ/2 · Σ_l ‖W_l‖² (biases excluded). */
  l2Penalty(l2: number): number {
    if (l2 === 0) return 0;
    let sum = 0;
    for (const w of this.params.weights) for (let i = 0; i < w.length; i++) sum += w[i]! * w[i]!;
    return 0.5 * l2 * sum;
  }

  /** The objective whose gradient `lossAndGradients` computes: data loss + λ/2·Σ‖W_l‖². */
  objective(x: Float64Array, y: Float64Array, ws: Workspace, l2 = 0): number {
    return this.loss(x, y, ws) + this.l2Penalty(l2);
  }

  /**
   * Forward and backward over one batch: fills `grads` with the gradient of
   * data loss + λ/2·Σ‖W_l‖² (so dW_l gets + λ·W_l; biases none) and returns the mean DATA loss
   * (without the penalty). Allocates nothing.
   */
  lossAndGradients(x: Float64Array, y: Float64Array, ws: Workspace, l2 = 0): number {
    if (ws.g.length === 0) throw new Error('lossAndGradients needs a training workspace (createWorkspace(m, true))');
    const m = ws.m;
    const sizes = this.layerSizes;
    const L = this.depth;
    const zL = this.forward(x, ws);
    const loss = headLoss(this.output, zL, y, this.nOutputs, m, ws.scratch, ws.g[L - 1]);
    for (let l = L - 1; l >= 0; l--) {
      const out = sizes[l + 1]!;
      const inn = sizes[l]!;
      const g = ws.g[l]!;
      const prev = l === 0 ? x : ws.a[l - 1]!;
      const dw = this.grads.weights[l]!;
      weightGradients(g, prev, dw, this.grads.biases[l]!, out, inn, m, ws.aT);
      if (l2 !== 0) {
        const w = this.params.weights[l]!;
        for (let i = 0; i < dw.length; i++) dw[i] = dw[i]! + l2 * w[i]!;
      }
      if (l > 0) {
        const gPrev = ws.g[l - 1]!;
        inputGradients(this.params.weights[l]!, g, gPrev, out, inn, m, ws.wT);
        activateBackward(this.activation, ws.z[l - 1]!, ws.a[l - 1]!, gPrev, gPrev, 0, inn * m, this.slope);
      }
    }
    return loss;
  }
}
