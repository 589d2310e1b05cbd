import type { Activation, OutputHead } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import { activateBackward, activateForward, DEFAULT_LEAKY_SLOPE } from '../nn/activations.js';
import { headGradient } from '../nn/losses.js';
import { affineForward, inputGradients } from '../nn/matmul.js';

/*
 * The one forward and backward pass behind a training-stats record: Z_l, A_l and ∂L/∂Z_l of every
 * layer and ∂L/∂W_l of the HIDDEN layers, for given parameters over the whole training set, bit for
 * bit what src/nn's DenseNetwork.lossAndGradients computes (test/diagnostics/trainingStatistics.test.ts
 * compares every buffer). It is that pass with the work a record does not use left out (issue 10:
 * recording at statsEvery 100 must cost ≤ 3% of the course run):
 *   - the loss value (the sigmoid head's log1p and exp of every sample): only ∂L/∂Z is needed
 *     (losses.ts headGradient, the same formula headLoss uses);
 *   - the output layer's ∂L/∂W and every ∂L/∂b (no statistic reads them);
 *   - the parameter copy: the caller's arrays are read in place, never written;
 *   - the transpose of A_{l−1} before ∂L/∂W_l = ∂L/∂Z_l·A_{l−1}ᵀ: matmul.ts's gemmRows over Aᵀ
 *     sums each entry from +0 over the samples in increasing order, s = 0…m−1; `weightGradients`
 *     below sums the same products in the same order straight from the rows of ∂L/∂Z_l and A_{l−1}
 *     (both contiguous), four entries at a time, so the sums are identical while the inner loop
 *     runs over m samples instead of n_{l−1} ≤ 10 columns.
 * The forward products, ∂L/∂A (Wᵀ·∂L/∂Z) and the activations run matmul.ts's and activations.ts's
 * own functions.
 */

export interface StatsProbeShape {
  layerSizes: readonly number[];
  activation: Activation;
  output: OutputHead;
  slope?: number;
}

/**
 * dW[i,k] = Σ_s dz[i,s]·a[k,s] (out × inn) from +0 over s = 0…m−1 in order: gemmRows' sums for
 * ∂L/∂W (see the top of this file).
 */
function weightGradients(dz: Float64Array, a: Float64Array, dw: Float64Array, out: number, inn: number, m: number): void {
  for (let i = 0; i < out; i++) {
    const d = i * m;
    const row = i * inn;
    let k = 0;
    for (; k + 4 <= inn; k += 4) {
      const a0 = k * m;
      const a1 = a0 + m;
      const a2 = a1 + m;
      const a3 = a2 + m;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let s = 0; s < m; s++) {
        const g = dz[d + s]!;
        s0 += g * a[a0 + s]!;
        s1 += g * a[a1 + s]!;
        s2 += g * a[a2 + s]!;
        s3 += g * a[a3 + s]!;
      }
      dw[row + k] = s0;
      dw[row + k + 1] = s1;
      dw[row + k + 2] = s2;
      dw[row + k + 3] = s3;
    }
    for (; k + 2 <= inn; k += 2) {
      const a0 = k * m;
      const a1 = a0 + m;
      let s0 = 0, s1 = 0;
      for (let s = 0; s < m; s++) {
        const g = dz[d + s]!;
        s0 += g * a[a0 + s]!;
        s1 += g * a[a1 + s]!;
      }
      dw[row + k] = s0;
      dw[row + k + 1] = s1;
    }
    for (; k < inn; k++) {
      const a0 = k * m;
      let s0 = 0;
      for (let s = 0; s < m; s++) s0 += dz[d + s]! * a[a0 + s]!;
      dw[row + k] = s0;
    }
  }
}

/** The buffers of one network shape and sample count, made once; `run` allocates nothing. */
export class StatsProbe {
  readonly layerSizes: readonly number[];
  readonly activation: Activation;
  readonly output: OutputHead;
  readonly slope: number;
  /** Number of weight layers L. */
  readonly depth: number;
  readonly m: number;
  /** z[l−1] = Z_l (n_l × m), l = 1…L. */
  readonly z: Float64Array[];
  /** a[l−1] = A_l (n_l × m), hidden layers. */
  readonly a: Float64Array[];
  /** g[l−1] = ∂L/∂Z_l (n_l × m), l = 1…L. */
  readonly g: Float64Array[];
  /** dw[l−1] = ∂L/∂W_l (+ λ·W_l), hidden layers. */
  readonly dw: Float64Array[];
  private readonly wT: Float64Array;
  private readonly scratch: Float64Array;

  constructor(shape: StatsProbeShape, m: number) {
    const sizes = [...shape.layerSizes];
    if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new RangeError(`a network needs at least an input and an output layer of whole sizes, got [${sizes.join(', ')}]`);
    }
    this.layerSizes = sizes;
    this.activation = shape.activation;
    this.output = shape.output;
    this.slope = shape.slope ?? DEFAULT_LEAKY_SLOPE;
    this.depth = sizes.length - 1;
    this.m = m;
    const outs = sizes.slice(1);
    this.z = outs.map((n) => new Float64Array(n * m));
    this.a = outs.slice(0, -1).map((n) => new Float64Array(n * m));
    this.g = outs.map((n) => new Float64Array(n * m));
    this.dw = outs.slice(0, -1).map((n, l) => new Float64Array(n * sizes[l]!));
    this.wT = new Float64Array(Math.max(...outs.map((n, l) => n * sizes[l]!)));
    this.scratch = new Float64Array(2 * m);
  }

  /**
   * Forward and backward over (x, y) at `params` (read, not written) for the objective mean head
   * loss + λ/2·Σ‖W_l‖²: fills z, a, g and dw.
   * @throws RangeError when the parameters' shapes do not match the network's.
   */
  run(params: Parameters, x: Float64Array, y: Float64Array, l2: number): void {
    const { layerSizes: sizes, depth: L, m } = this;
    const { weights, biases } = params;
    if (weights.length !== L || biases.length !== L) throw new RangeError(`expected ${L} weight and bias tensors, got ${weights.length} and ${biases.length}`);
    for (let l = 0; l < L; l++) {
      if (weights[l]!.length !== sizes[l + 1]! * sizes[l]! || biases[l]!.length !== sizes[l + 1]!) {
        throw new RangeError(`layer ${l + 1}: expected W ${sizes[l + 1]}×${sizes[l]} and b ${sizes[l + 1]}`);
      }
    }
    let input = x;
    for (let l = 0; l < L; l++) {
      const out = sizes[l + 1]!;
      affineForward(weights[l]!, biases[l]!, input, this.z[l]!, out, sizes[l]!, m);
      if (l < L - 1) {
        activateForward(this.activation, this.z[l]!, this.a[l]!, 0, out * m, this.slope);
        input = this.a[l]!;
      }
    }
    headGradient(this.output, this.z[L - 1]!, y, sizes[L]!, m, this.scratch, this.g[L - 1]!);
    for (let l = L - 1; l >= 0; l--) {
      const out = sizes[l + 1]!;
      const inn = sizes[l]!;
      const g = this.g[l]!;
      if (l < L - 1) {
        const dw = this.dw[l]!;
        weightGradients(g, l === 0 ? x : this.a[l - 1]!, dw, out, inn, m);
        if (l2 !== 0) {
          const w = weights[l]!;
          for (let i = 0; i < dw.length; i++) dw[i] = dw[i]! + l2 * w[i]!;
        }
      }
      if (l > 0) {
        const gPrev = this.g[l - 1]!;
        inputGradients(weights[l]!, g, gPrev, out, inn, m, this.wT);
        activateBackward(this.activation, this.z[l - 1]!, this.a[l - 1]!, gPrev, gPrev, 0, inn * m, this.slope);
      }
    }
  }
}
