import type { Parameters } from '../kernels/types.js';
import type { RandomStream } from '../random/types.js';
import type { ResolvedInit } from './types.js';

/**
 * Initializes a dense network the way the course does: reseed the stream with `seed`, then draw
 * W1, W2, …, WL in order from that one stream, each (fan_out, fan_in) row-major; biases zero.
 * (The course calls np.random.seed(3) inside each initialize_parameters_* function.)
 */
export function initializeDenseNetwork(
  init: ResolvedInit,
  layerSizes: readonly number[],
  rng: RandomStream,
  seed: number,
): Parameters {
  rng.seed(seed);
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 1; l < layerSizes.length; l++) {
    const fanIn = layerSizes[l - 1]!;
    const fanOut = layerSizes[l]!;
    const w = new Float64Array(fanOut * fanIn);
    init.definition.fill(w, { shape: [fanOut, fanIn], fanIn, fanOut }, init.params, rng);
    weights.push(w);
    biases.push(new Float64Array(fanOut));
  }
  return { weights, biases };
}
