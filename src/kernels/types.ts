/**
 * The numerical engine behind training: a dense network LINEAR→RELU→…→LINEAR→SIGMOID trained by
 * full-batch gradient descent on the course's cost. Two backends implement it: WebAssembly SIMD
 * (assembly/, the fast path) and plain TypeScript (the fallback); both give the same numbers to
 * rounding.
 */
import type { FloatArray } from '../core/dtype.js';

/** The numerical kernels: 'wasm' (WebAssembly SIMD, assembly/) or 'js' (their plain-TypeScript twins); both give the same bits. */
export type Backend = 'wasm' | 'js';

/**
 * Weights W_l shaped (fanOut, fanIn) row-major as in PyTorch and the course; biases b_l of length
 * fanOut. Float64 unless said otherwise: a float32 network's live parameters are Parameters<FloatArray>.
 */
export interface Parameters<T extends FloatArray = Float64Array> {
  weights: T[];
  biases: T[];
}

/** A network bound to its training set that computes the loss, gradients and full-batch updates on one backend (see createEngine). */
export interface FullBatchEngine {
  readonly backend: Backend;
  /** `[nInputs, hidden..., nOutputs]`: hidden layers use ReLU, the last layer sigmoid. */
  readonly layerSizes: readonly number[];
  /** Number of training samples m bound to the engine. */
  readonly samples: number;
  /** Copies parameters in. */
  setParameters(params: Parameters): void;
  /** Copies of the current parameters. */
  getParameters(): Parameters;
  /** Output activations (length m) of a forward pass over the training set with the current parameters. */
  forward(): Float64Array;
  /** Gradients of the course cost at the current parameters (does not update them). */
  gradients(): Parameters;
  /** Runs `iterations` steps of forward, backward, W -= lr·dW, b -= lr·db, in the course's order. */
  train(iterations: number, learningRate: number): void;
  /** Output activations for another input set x (feature-major, nInputs × m). */
  predict(x: Float64Array, m: number): Float64Array;
  /** Post-activation values of layer l (1-based; layer L is the output) on the training set, row-major (units × m). */
  activations(layer: number): Float64Array;
  /**
   * Statistics of every hidden layer at the current parameters from this engine's own forward and
   * backward pass (the one the next update makes; the parameters are not changed): LAYER_MOMENTS
   * numbers per hidden layer into `out` (layerMoments.ts). `withPrevious`: the update ratio against
   * the weights of the last keepWeights() (else NaN).
   */
  layerMoments(out: Float64Array, withPrevious: boolean): void;
  /** Keeps a copy of the current hidden-layer weights for the next layerMoments' update ratio. */
  keepWeights(): void;
  /**
   * One update W −= lr·dW, b −= lr·db from the gradients the last gradients() or layerMoments()
   * pass computed. While the parameters have not changed since, that is bit for bit the next
   * update train() would make, without its forward and backward pass.
   */
  applyGradients(learningRate: number): void;
  /** True when every weight and bias is finite (read in place, nothing copied). */
  parametersFinite(): boolean;
  /** Frees the engine's memory. */
  dispose(): void;
}
