import type { Activation } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import { ACTIVATIONS, activateForward, DEFAULT_LEAKY_SLOPE } from '../nn/activations.js';
import type { RandomStream } from '../random/types.js';
import { UsageError } from '../util/errors.js';
import { orthogonalMatrix } from './lsuvOrthogonal.js';
import { registerInitializer } from './registry.js';
import { MISHKIN_2015, SAXE_2013 } from './citations.js';
import type { InitDescription, InitializerDefinition, ResolvedParams } from './types.js';

/*
 * LSUV, "layer-sequential unit-variance" initialization: Mishkin & Matas 2015, "All you need is a
 * good init" (ICLR 2016, arXiv:1511.06422), Algorithm 1:
 *
 *   pre-initialize the network with orthonormal matrices (Saxe et al. 2014)
 *   for each layer L do
 *     while |Var(B_L) − 1.0| ≥ Tol_var and T_i < T_max do
 *       forward a mini-batch; compute Var(B_L); W_L ← W_L / √Var(B_L)
 *
 * where L runs over every convolution and fully-connected layer and B_L is its output blob. For a
 * LINEAR→f→…→LINEAR→f→LINEAR→SIGMOID dense network that is every W_l, the output layer included:
 * Algorithm 1 makes no exception for the last (classifier) layer, and neither does the authors'
 * reference code (ducha-aiki/LSUVinit), which walks all conv/inner-product layers. We follow it.
 *
 * B_L is measured before the activation by default (the Caffe reference's var_before_relu_if_inplace,
 * and what docs/reference/initializers.md §8 recommends): with zero biases B_L = W_L·a_{L−1} is linear
 * in W_L and a_{L−1} is fixed once the earlier layers are, so one rescale is exact on a fixed batch
 * whatever the activation, and every layer converges in at most one iteration. Measured after the
 * activation (`measure: 'post'`), the output layer's sigmoid can never reach variance 1
 * (Var(σ) ≤ 1/4): LSUV then runs into maxIterations, inflating W_L, and reports converged = false
 * rather than throwing.
 *
 * The "forward a mini-batch" step runs the network itself, so layer L+1 is calibrated on f(B_L) with
 * the network's own hidden activation f (tanh, SELU, GELU, leaky ReLU with its slope, …, any of
 * src/nn/activations.ts), computed by the engine's activateForward. Calibrating on relu(B_L) for a
 * tanh net (as this file once did) leaves Var(B_L) at 0.5–0.8 instead of 1. For a zero-mean f on a
 * wide net the gain of layer L+1 is 1/√E[f(z)²], z ~ N(0, 1): ≈ 1.5925 for tanh, 1 for SELU
 * (test/fixtures/lsuv-fixed-point.json); for ReLU √2 on average.
 */

/** The activation between hidden layers (the output layer is a sigmoid). Any of the engine's ACTIVATIONS. */
export type LsuvHiddenActivation = Activation;

export interface LsuvOptions {
  /** Tol_var: stop when |Var − target| < tolerance. Default 0.1 (the Keras and PyTorch ports). */
  tolerance?: number;
  /** T_max: the most rescales per layer. Default 10. 0 leaves the orthonormal start as it is. */
  maxIterations?: number;
  /** The variance aimed at. Default 1 (the paper). */
  target?: number;
  /**
   * Activation of the hidden layers, applied between layers as the network does. Default 'relu' (the
   * course's network, and compare's); `initializeDenseNetwork` always passes the network's own.
   */
  hiddenActivation?: LsuvHiddenActivation;
  /** leaky_relu's negative slope (ignored by the other activations). Default DEFAULT_LEAKY_SLOPE (0.01, PyTorch's). */
  slope?: number;
  /** Measure each layer's output before ('pre', default) or after ('post') its activation. */
  measure?: 'pre' | 'post';
}

/** What LSUV did to one layer. */
export interface LsuvLayerReport {
  /** 1-based, as W1 … WL (the last one is the output layer). */
  layer: number;
  /** Rescales applied (0 when the orthonormal start was already within tolerance). */
  iterations: number;
  /** Var(B_L) of the orthonormal start (the earlier layers already rescaled). */
  varianceBefore: number;
  /** Var(B_L) after the last rescale. */
  varianceAfter: number;
  /** |varianceAfter − target| < tolerance. */
  converged: boolean;
  /** The factor W_L was multiplied by in all (W_L = scale · orthonormal start). */
  scale: number;
}

export interface LsuvResult {
  parameters: Parameters;
  layers: LsuvLayerReport[];
}

/** Z = W·A + b for W (out × in) and A (in × m), both row-major; Z is (out × m). */
function affine(w: Float64Array, b: Float64Array, a: Float64Array, out: number, inp: number, m: number): Float64Array {
  const z = new Float64Array(out * m);
  for (let o = 0; o < out; o++) {
    const zo = o * m;
    const bo = b[o]!;
    if (bo !== 0) for (let s = 0; s < m; s++) z[zo + s] = bo;
    for (let i = 0; i < inp; i++) {
      const wi = w[o * inp + i]!;
      if (wi === 0) continue;
      const ai = i * m;
      for (let s = 0; s < m; s++) z[zo + s] = z[zo + s]! + wi * a[ai + s]!;
    }
  }
  return z;
}

/** f(z) as a new array, with the engine's own activation code (src/nn/activations.ts). */
function activated(kind: Activation, z: Float64Array, slope: number): Float64Array {
  const a = new Float64Array(z.length);
  activateForward(kind, z, a, 0, z.length, slope);
  return a;
}

/** The (biased, population) variance over all entries: mean of (v − mean)², two-pass. */
export function varianceOfAll(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
  }
  return ss / n;
}

function checkOptions(options: LsuvOptions): Required<LsuvOptions> {
  const tolerance = options.tolerance ?? 0.1;
  const maxIterations = options.maxIterations ?? 10;
  const target = options.target ?? 1;
  const hiddenActivation = options.hiddenActivation ?? 'relu';
  const slope = options.slope ?? DEFAULT_LEAKY_SLOPE;
  const measure = options.measure ?? 'pre';
  if (!(Number.isFinite(tolerance) && tolerance > 0)) throw new RangeError(`LSUV tolerance must be a finite number > 0, got ${tolerance}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 0)) throw new RangeError(`LSUV maxIterations must be an integer ≥ 0, got ${maxIterations}`);
  if (!(Number.isFinite(target) && target > 0)) throw new RangeError(`LSUV target must be a finite number > 0, got ${target}`);
  if (!ACTIVATIONS.includes(hiddenActivation)) {
    throw new RangeError(`LSUV hiddenActivation must be one of ${ACTIVATIONS.join(', ')}, got ${String(hiddenActivation)}`);
  }
  if (!Number.isFinite(slope)) throw new RangeError(`LSUV slope (leaky_relu's negative slope) must be a finite number, got ${slope}`);
  if (measure !== 'pre' && measure !== 'post') throw new RangeError(`LSUV measure must be 'pre' or 'post', got ${String(measure)}`);
  return { tolerance, maxIterations, target, hiddenActivation, slope, measure };
}

/**
 * LSUV-initializes the dense network `layerSizes` (LINEAR→f→…→LINEAR→SIGMOID, f = `hiddenActivation`,
 * default ReLU) on the batch `x`
 * (feature-major: x[f·m + s], layerSizes[0] × m): reseeds `rng` with `seed`, draws an orthonormal
 * W1, W2, …, WL in that order (see `orthogonalMatrix`), zero biases, then for each layer in order
 * rescales W_l by √(target / Var) until |Var − target| < tolerance or maxIterations rescales, where Var
 * is the variance over all (unit, sample) entries of the layer's output on the batch — before its
 * activation unless `measure: 'post'`. A layer that does not converge (or whose output has zero or
 * non-finite variance, which no rescale can fix) is reported with converged = false; nothing throws.
 * All arithmetic is float64.
 */
export function lsuvInitialize(
  layerSizes: readonly number[],
  x: Float64Array,
  m: number,
  rng: RandomStream,
  seed: number,
  options: LsuvOptions = {},
): LsuvResult {
  const opts = checkOptions(options);
  if (layerSizes.length < 2 || !layerSizes.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`LSUV needs at least two positive integer layer sizes, got [${layerSizes.join(', ')}]`);
  }
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`LSUV needs a batch of m ≥ 1 samples, got m = ${m}`);
  if (x.length !== layerSizes[0]! * m) {
    throw new RangeError(`LSUV batch has ${x.length} values, expected ${layerSizes[0]} features × ${m} samples = ${layerSizes[0]! * m}`);
  }

  rng.seed(seed);
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 1; l < layerSizes.length; l++) {
    weights.push(orthogonalMatrix(layerSizes[l]!, layerSizes[l - 1]!, rng));
    biases.push(new Float64Array(layerSizes[l]!));
  }

  const nLayers = weights.length;
  const layers: LsuvLayerReport[] = [];
  let input = x;
  for (let l = 0; l < nLayers; l++) {
    const out = layerSizes[l + 1]!;
    const inp = layerSizes[l]!;
    const w = weights[l]!;
    const b = biases[l]!;
    const isOutput = l === nLayers - 1;
    const activation: Activation = isOutput ? 'sigmoid' : opts.hiddenActivation;
    const measureOf = (z: Float64Array): number => varianceOfAll(opts.measure === 'pre' ? z : activated(activation, z, opts.slope));

    let z = affine(w, b, input, out, inp, m);
    let variance = measureOf(z);
    const varianceBefore = variance;
    let iterations = 0;
    let scale = 1;
    while (Math.abs(variance - opts.target) >= opts.tolerance && iterations < opts.maxIterations) {
      // A dead or constant layer (Var = 0) or an overflow cannot be fixed by a rescale: stop and report it.
      if (!(variance > 0 && Number.isFinite(variance))) break;
      const factor = Math.sqrt(opts.target / variance);
      for (let i = 0; i < w.length; i++) w[i] = w[i]! * factor;
      scale *= factor;
      iterations++;
      z = affine(w, b, input, out, inp, m);
      variance = measureOf(z);
    }
    layers.push({
      layer: l + 1,
      iterations,
      varianceBefore,
      varianceAfter: variance,
      converged: Math.abs(variance - opts.target) < opts.tolerance,
      scale,
    });
    // The next layer is calibrated on what the network feeds it: f(Z_l) with the network's f.
    if (!isOutput) input = activated(opts.hiddenActivation, z, opts.slope);
  }
  return { parameters: { weights, biases }, layers };
}

const LSUV_REFERENCE = `${MISHKIN_2015} (Algorithm 1); orthonormal start after ${SAXE_2013}`;

/**
 * The registry entry. LSUV needs the network and a batch of data, so it cannot fill a tensor from a
 * shape: `initialize()` refuses it (dataDependent), `fill` throws, and `initializeDenseNetwork` runs
 * `lsuvInitialize` on the data it is given (compare passes its training set).
 */
export const lsuv: InitializerDefinition = {
  name: 'lsuv',
  framework: 'initlab',
  summary: 'Mishkin & Matas 2015 (LSUV): orthonormal weights, each layer rescaled in turn to unit output variance on the training data.',
  distribution: 'orthogonal, rescaled per layer on data',
  formula: 'W_l = Q_l / √Var(W_l·a_{l−1}) (pre-activation, on the batch), repeated until |Var − 1| < tolerance; Q_l orthonormal',
  reference: LSUV_REFERENCE,
  parameters: [
    { name: 'tolerance', type: 'number', default: 0.1, min: 0, minOpen: true, doc: 'Tol_var: stop rescaling a layer when |Var − 1| < tolerance' },
    { name: 'maxIterations', type: 'integer', default: 10, min: 1, doc: 'T_max: the most rescales per layer (non-convergence is reported, not an error)' },
  ],
  label: (p: ResolvedParams) => `lsuv (orthogonal, unit var ±${String(p['tolerance'])})`,
  expectedStd: () => Number.NaN,
  fill: () => {
    throw new UsageError(
      "'lsuv' is data-dependent: it rescales each layer on a batch of data, so it cannot fill a tensor from its shape alone (use it in compare, which passes the training set).",
    );
  },
  describe: (): InitDescription => ({
    distribution: 'orthogonal, rescaled per layer on data',
    targetStd: Number.NaN,
    actualStd: Number.NaN,
    notes: [
      'data-dependent: the weight std is whatever makes Var(W_l·a_{l−1}) = 1 on the batch',
      'every layer, the output layer included, is rescaled (Algorithm 1 of arXiv:1511.06422)',
    ],
  }),
  family: 'lsuv',
  dataDependent: true,
};

/** The resolved parameters of `lsuv` and the network's hidden activation as `lsuvInitialize` options. */
export function lsuvOptionsFrom(params: ResolvedParams, network: { activation: Activation; slope?: number }): LsuvOptions {
  return {
    tolerance: params['tolerance'] as number,
    maxIterations: params['maxIterations'] as number,
    hiddenActivation: network.activation,
    ...(network.slope !== undefined ? { slope: network.slope } : {}),
  };
}

let registered = false;
/** Registers `lsuv` once (idempotent; `registerCourseInitializers()` calls it). */
export function registerLsuvInitializer(): void {
  if (registered) return;
  registered = true;
  registerInitializer(lsuv);
}
