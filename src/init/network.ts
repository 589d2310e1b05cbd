import type { Activation } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import type { RandomStream } from '../random/types.js';
import { UsageError } from '../util/errors.js';
import { lsuv, lsuvInitialize, lsuvOptionsFrom, type LsuvLayerReport } from './lsuv.js';
import { checkShapeFor, fansFor } from './fans.js';
import type { InitializerDefinition, ResolvedInit } from './types.js';

/** A dense layer's kernel shape in the initializer's framework layout. */
function denseShape(def: InitializerDefinition, fanIn: number, fanOut: number): number[] {
  return def.layout === 'in-out' ? [fanIn, fanOut] : [fanOut, fanIn];
}

/** (rows × cols) row-major → (cols × rows) row-major. */
function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j]!;
  return t;
}

/**
 * What data-dependent initializers (LSUV) need besides the sizes: a batch, x feature-major
 * (x[f·m + s], layerSizes[0] × m), and the network's hidden activation, since LSUV forwards the batch
 * through the network as it is (layer l+1 is calibrated on f(Z_l)). Required, so that every caller
 * says which network it initializes: a default here once made tanh nets get ReLU-calibrated weights.
 */
export interface NetworkInitData {
  x: Float64Array;
  m: number;
  /** The hidden layers' activation (RunConfig's network.activation; 'relu' for compare's course net). */
  activation: Activation;
  /** leaky_relu's negative slope (RunConfig's network.slope); default DEFAULT_LEAKY_SLOPE (0.01). */
  slope?: number;
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
 * init's tolerance and maxIterations and the network's activation `data.activation` (see `lsuvInitialize`). Other initializers need no data and get
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
  const result = lsuvInitialize(layerSizes, data.x, data.m, rng, seed, lsuvOptionsFrom(init.params, data));
  return { parameters: result.parameters, lsuv: result.layers };
}

/**
 * Initializes a dense network the way the course does: reseed the stream with `seed`, then draw
 * W1, W2, …, WL in order from that one stream, each (fan_out, fan_in) row-major, W_l from the initializer's
 * formula with fan_in = n_{l−1}, fan_out = n_l (e.g. `he`: W_l = randn(n_l, n_{l−1})·√(2/n_{l−1}), He et al. 2015);
 * biases b_l = 0 (an initializer with `fillBias` draws each layer's bias right after its kernel, e.g. the
 * mean-field b_l ∼ N(0, σ_b²) of Poole et al. 2016).
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
  const def = init.definition;
  // Refuse initializers that cannot fill a 2-D dense kernel (dirac, delta_orthogonal) before drawing.
  for (let l = 1; l < layerSizes.length; l++) checkShapeFor(def, denseShape(def, layerSizes[l - 1]!, layerSizes[l]!), init.params);
  rng.seed(seed);
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 1; l < layerSizes.length; l++) {
    const fanIn = layerSizes[l - 1]!;
    const fanOut = layerSizes[l]!;
    const shape = denseShape(def, fanIn, fanOut);
    const drawn = new Float64Array(fanIn * fanOut);
    const ctx = { shape, ...fansFor(def, shape, init.params) };
    def.fill(drawn, ctx, init.params, rng);
    // Keras/TF.js/JAX draw the kernel as (in, out); the network stores (out, in), so transpose.
    weights.push(def.layout === 'in-out' ? transpose(drawn, fanIn, fanOut) : drawn);
    const bias = new Float64Array(fanOut);
    // Only initializers with a bias rule draw here (W1, b1, W2, b2, … as PyTorch's nn.Linear); the rest keep zeros and their streams.
    def.fillBias?.(bias, ctx, init.params, rng);
    biases.push(bias);
  }
  return { weights, biases };
}
