import type { Parameters } from '../kernels/types.js';
import type { RandomStream } from '../random/types.js';
import { UsageError } from '../util/errors.js';
import { lsuv, lsuvInitialize, lsuvOptionsFrom, type LsuvLayerReport } from './lsuv.js';
import type { ResolvedInit } from './types.js';

/** A batch for data-dependent initializers (LSUV): x feature-major (x[f·m + s], layerSizes[0] × m). */
export interface NetworkInitData {
  x: Float64Array;
  m: number;
}

/** A network's initial parameters and, for LSUV, what it did to each layer. */
export interface DenseNetworkInitialization {
  parameters: Parameters;
  /** Per-layer iterations and variances when the initializer is `lsuv`; absent otherwise. */
  lsuv?: LsuvLayerReport[];
}

/**
 * `initializeDenseNetwork` with the report of a data-dependent initializer: for `lsuv`, reseeds `rng`
 * with `seed`, draws orthonormal W1 … WL from it and rescales them layer by layer on `data` with the
 * init's tolerance and maxIterations (see `lsuvInitialize`). Other initializers need no data and get
 * no report.
 * @throws UsageError when the initializer is data-dependent and no data is given.
 */
export function initializeDenseNetworkWithReport(
  init: ResolvedInit,
  layerSizes: readonly number[],
  rng: RandomStream,
  seed: number,
  data?: NetworkInitData,
): DenseNetworkInitialization {
  const def = init.definition;
  if (!def.dataDependent) return { parameters: initializeDenseNetwork(init, layerSizes, rng, seed) };
  if (!data) {
    throw new UsageError(
      `'${def.name}' is data-dependent: initializing a network with it needs a batch of data (x and m), and none was given.`,
    );
  }
  if (def.name !== lsuv.name) throw new Error(`no data-dependent initialization procedure is known for '${def.name}'`);
  const result = lsuvInitialize(layerSizes, data.x, data.m, rng, seed, lsuvOptionsFrom(init.params));
  return { parameters: result.parameters, lsuv: result.layers };
}

/**
 * Initializes a dense network the way the course does: reseed the stream with `seed`, then draw
 * W1, W2, …, WL in order from that one stream, each (fan_out, fan_in) row-major; biases zero.
 * (The course calls np.random.seed(3) inside each initialize_parameters_* function.)
 * Framework initializers draw in their own layout ((in, out) for Keras/TF.js/JAX) with their own
 * fan rule; the result is stored as (out, in).
 * Data-dependent initializers (`lsuv`) need `data`, a batch to measure layer outputs on (compare
 * passes its training set); their per-layer report is available from `initializeDenseNetworkWithReport`.
 * @throws UsageError for a data-dependent initializer without `data`.
 */
export function initializeDenseNetwork(
  init: ResolvedInit,
  layerSizes: readonly number[],
  rng: RandomStream,
  seed: number,
  data?: NetworkInitData,
): Parameters {
  if (init.definition.dataDependent) return initializeDenseNetworkWithReport(init, layerSizes, rng, seed, data).parameters;
  rng.seed(seed);
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 1; l < layerSizes.length; l++) {
    const fanIn = layerSizes[l - 1]!;
    const fanOut = layerSizes[l]!;
    const def = init.definition;
    if (def.layout === 'in-out') {
      // Keras/TF.js/JAX draw the kernel as (in, out); the network stores (out, in), so transpose.
      const kernel = new Float64Array(fanIn * fanOut);
      const shape = [fanIn, fanOut];
      const fans = def.fans ? def.fans(shape, init.params) : { fanIn, fanOut };
      def.fill(kernel, { shape, ...fans }, init.params, rng);
      const w = new Float64Array(fanOut * fanIn);
      for (let i = 0; i < fanIn; i++) for (let o = 0; o < fanOut; o++) w[o * fanIn + i] = kernel[i * fanOut + o]!;
      weights.push(w);
    } else {
      const w = new Float64Array(fanOut * fanIn);
      const shape = [fanOut, fanIn];
      const fans = def.fans ? def.fans(shape, init.params) : { fanIn, fanOut };
      def.fill(w, { shape, ...fans }, init.params, rng);
      weights.push(w);
    }
    biases.push(new Float64Array(fanOut));
  }
  return { weights, biases };
}
