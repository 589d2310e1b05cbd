import type { Dtype, FloatArray } from '../core/dtype.js';
import type { Activation } from '../core/runConfig.js';
import { unitsIdentical } from '../nn/symmetry.js';
import type { Parameters } from '../kernels/types.js';
import {
  ACTIVATION_TABLE, activateBackward, activateForward, activationDerivative, boundedRange, DEFAULT_LEAKY_SLOPE, SATURATION_LEVEL,
} from '../nn/activations.js';
import { denseBackwardInput, denseForward, floatArray } from './denseSteps.js';
import { populationStd } from '../math/populationStd.js';
import { DefaultRandom } from '../random/index.js';
import { UsageError } from '../util/errors.js';

/*
 * Per-layer statistics of a freshly initialized stack of hidden dense layers, the numbers behind
 * "does the signal survive the depth?": Z_l = W_l·A_{l−1} + b_l, A_l = f(Z_l), l = 1…L, every layer
 * with the same activation f, on a feature-major batch x (x[f·m + s], layerSizes[0] × m). There is
 * no output head: the backward pass injects a fixed random error at the last hidden layer,
 * ∂L/∂A_L = G/m with G ~ N(0, 1) (n_L × m) from a DefaultRandom seeded with `errorSeed`, and
 * propagates it down: ∂L/∂Z_l = ∂L/∂A_l ⊙ f′(Z_l), ∂L/∂W_l = ∂L/∂Z_l·A_{l−1}ᵀ,
 * ∂L/∂A_{l−1} = W_lᵀ·∂L/∂Z_l. All in float64, plain TypeScript.
 *
 * Every "std" is the population standard deviation over all (unit, sample) entries of the layer
 * (or all entries of W_l / ∂L/∂W_l), computed in two passes (deviations scaled by the largest, so no overflow below ~1e308).
 */

/** mean, population std, min and max of a set of values (NaN for all four if any value is NaN). */
export interface Moments {
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** A histogram with fixed, equal-width bins over [edges[0], edges[bins]]. */
export interface Histogram {
  /** bins + 1 edges; bin i covers [edges[i], edges[i+1]) (the last bin is closed). */
  edges: number[];
  counts: number[];
  /** Finite values below edges[0] / above edges[bins] (not in any bin). */
  below: number;
  above: number;
  /** NaN and ±∞ entries. counts + below + above + nonFinite = units × m. */
  nonFinite: number;
}

/** The statistics of one hidden layer on a batch: moments of Z_l, A_l and ∂L/∂Z_l, dead and saturated fractions, histograms. */
export interface LayerStatistics {
  /** 1-based index of the hidden layer. */
  layer: number;
  units: number;
  fanIn: number;
  /** Of Z_l (units × m). */
  pre: Moments;
  /** Of A_l = f(Z_l). */
  post: Moments;
  /** Of A_l, with the bins of `histogramRange`. */
  histogram: Histogram;
  /** Units whose derivative f′(z) is 0 on every sample of the batch (for relu: z ≤ 0 on the whole batch). */
  deadUnits: number;
  deadFraction: number;
  /**
   * Fraction of the units × m entries in a saturated region (the activation table's: |tanh(z)| > 0.99,
   * sigmoid(z) < 0.01 or > 0.99); null for activations without saturation.
   */
  saturatedFraction: number | null;
  /** mean and population std of W_l's entries. */
  weightMean: number;
  weightStd: number;
  /** Every unit of the layer has the same incoming weights and bias (unitsIdentical; false for one unit). */
  identicalUnits: boolean;
  /** Population std of ∂L/∂Z_l and of ∂L/∂W_l under the injected error. */
  gradZStd: number;
  gradWStd: number;
}

/** layerStatistics' result: the network analysed and one LayerStatistics per hidden layer. */
export interface NetworkStatistics {
  activation: Activation;
  /** [nInputs, hidden…] as analysed. */
  layerSizes: number[];
  m: number;
  errorSeed: number;
  layers: LayerStatistics[];
}

/** Options of layerStatistics: histogram bins and ranges. */
export interface LayerStatisticsOptions {
  /** Histogram bins (default 20). */
  bins?: number;
  /** Histogram range [lo, hi]; default the output's bounds when bounded ([−1, 1] for tanh, [0, 1] for sigmoid), [−4, 4] otherwise. */
  histogramRange?: readonly [number, number];
  /** Seed of the injected error G (default 0). */
  errorSeed?: number;
  /** leaky_relu's negative slope (default 0.01). */
  slope?: number;
  /**
   * The format of the pass (default float64): float32 rounds the inputs and parameters once, then
   * every product and sum (denseSteps.ts) and every activation, as the float32 engine does.
   */
  dtype?: Dtype;
}

// The thresholds live in the activation table (nn/activations.ts); re-exported for existing imports.
export { SATURATION_LEVEL };

// The population std lives in math/ so that the course kernel's statistics (src/kernels) use the same code; re-exported.
export { deviationExponent, plainSumOk, populationStd, scaledPopulationStd } from '../math/populationStd.js';

/** The activation's output bounds when it is bounded on both sides, else [−4, 4]. */
export function defaultHistogramRange(activation: Activation): [number, number] {
  return boundedRange(activation) ?? [-4, 4];
}

/**
 * mean = Σv/n, std = √(Σ(v − mean)²/n) (the population std, numpy's `np.std` with ddof = 0, but summed in index order,
 * not pairwise), min and max. Two passes — the mean first, then the squared deviations — which is far more accurate
 * than the one-pass √(E[v²] − mean²) (Chan, Golub & LeVeque 1983). NaN everywhere if any value is NaN; std is NaN when
 * the mean is not finite (an overflow or a ±∞ value).
 */
export function moments(v: FloatArray): Moments {
  const n = v.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let nan = false;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (x !== x) nan = true;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (nan) return { mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mean = sum / n;
  if (!Number.isFinite(mean)) return { mean, std: Number.NaN, min, max };
  return { mean, std: populationStd(v, n, mean), min, max };
}

/**
 * Counts of `v` in `bins` equal bins of width w = (hi − lo)/bins over [lo, hi]: x goes to bin
 * min(bins − 1, ⌊(x − lo)/w⌋), so each bin is half-open and the last one closed, as in numpy's `np.histogram`;
 * finite values below lo or above hi (which numpy drops) are counted in `below` / `above`, NaN and ±∞ in `nonFinite`.
 * edges[i] = lo + i·w, edges[bins] = hi.
 */
export function histogram(v: FloatArray, lo: number, hi: number, bins: number): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram bins must be a positive integer, got ${bins}`);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new RangeError(`histogram range must be finite with lo < hi, got [${lo}, ${hi}]`);
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  let nonFinite = 0;
  const width = (hi - lo) / bins;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x)) nonFinite++;
    else if (x < lo) below++;
    else if (x > hi) above++;
    else counts[Math.min(bins - 1, Math.floor((x - lo) / width))]!++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  return { edges, counts, below, above, nonFinite };
}

/** Fraction of the outputs `a` in the activation's saturated region (its table entry); null if it does not saturate. */
export function saturatedFraction(activation: Activation, a: FloatArray): number | null {
  const saturation = ACTIVATION_TABLE[activation].saturation;
  if (saturation === null) return null;
  const { below, above } = saturation;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i]!;
    if (s < below || s > above) count++;
  }
  return count / a.length;
}

/**
 * Forward and backward statistics of the hidden layers `layerSizes` = [nInputs, n_1, …, n_L] with
 * `params.weights[l]` (n_{l+1} × n_l, row-major) and `params.biases[l]`; extra parameter layers
 * (an output layer) are ignored: Z_l = W_l·A_{l−1} + b_l, A_l = f(Z_l), and back-propagated from an injected error
 * ∂L/∂A_L = G/m, G ∼ N(0, 1): ∂L/∂Z_l = ∂L/∂A_l ⊙ f′(Z_l), ∂L/∂W_l = ∂L/∂Z_l·A_{l−1}ᵀ, ∂L/∂A_{l−1} = W_lᵀ·∂L/∂Z_l.
 * Each layer's moments (population std = √(Σ(v − mean)²/n)), dead and saturated fractions and histogram: the
 * per-layer activation and gradient spreads of Glorot & Bengio 2010.
 * @throws UsageError on mismatched shapes or batch.
 */
export function layerStatistics(
  params: Parameters,
  layerSizes: readonly number[],
  activation: Activation,
  x: Float64Array,
  m: number,
  options: LayerStatisticsOptions = {},
): NetworkStatistics {
  const sizes = [...layerSizes];
  if (sizes.length < 2) throw new UsageError(`layer statistics need an input and at least one hidden layer, got [${sizes.join(', ')}]`);
  for (const n of sizes) if (!Number.isInteger(n) || n < 1) throw new UsageError(`layer sizes must be positive integers, got [${sizes.join(', ')}]`);
  if (!Number.isInteger(m) || m < 1) throw new UsageError(`batch size must be a positive integer, got ${m}`);
  if (x.length !== sizes[0]! * m) throw new UsageError(`x must hold ${sizes[0]}×${m} = ${sizes[0]! * m} values (feature-major), got ${x.length}`);
  const L = sizes.length - 1;
  if (params.weights.length < L || params.biases.length < L) {
    throw new UsageError(`${L} hidden layers need ${L} weight and bias tensors, got ${params.weights.length} and ${params.biases.length}`);
  }
  for (let l = 0; l < L; l++) {
    if (params.weights[l]!.length !== sizes[l + 1]! * sizes[l]! || params.biases[l]!.length !== sizes[l + 1]!) {
      throw new UsageError(`layer ${l + 1}: expected W ${sizes[l + 1]}×${sizes[l]} and b ${sizes[l + 1]}`);
    }
  }
  const slope = options.slope ?? DEFAULT_LEAKY_SLOPE;
  const bins = options.bins ?? 20;
  const [lo, hi] = options.histogramRange ?? defaultHistogramRange(activation);
  const errorSeed = options.errorSeed ?? 0;

  const dtype = options.dtype ?? 'float64';
  const inFormat = (v: Float64Array): FloatArray => (dtype === 'float32' ? Float32Array.from(v) : v);
  const weights = params.weights.map(inFormat);
  const biases = params.biases.map(inFormat);

  // Forward.
  const zs: FloatArray[] = [];
  const as: FloatArray[] = [];
  let input: FloatArray = inFormat(x);
  const x0 = input;
  for (let l = 0; l < L; l++) {
    const n = sizes[l + 1]!;
    const k = sizes[l]!;
    const z = denseForward(weights[l]!, biases[l]!, input, n, k, m, dtype);
    const a = floatArray(n * m, dtype);
    activateForward(activation, z, a, 0, n * m, slope);
    zs.push(z);
    as.push(a);
    input = a;
  }

  // Backward from ∂L/∂A_L = G/m.
  const rng = new DefaultRandom(errorSeed);
  const nL = sizes[L]!;
  let da: FloatArray = floatArray(nL * m, dtype);
  for (let i = 0; i < da.length; i++) da[i] = rng.standardNormal() / m;
  const gradZStd = new Array<number>(L).fill(Number.NaN);
  const gradWStd = new Array<number>(L).fill(Number.NaN);
  for (let l = L - 1; l >= 0; l--) {
    const n = sizes[l + 1]!;
    const k = sizes[l]!;
    const w = weights[l]!;
    const dz = floatArray(n * m, dtype);
    activateBackward(activation, zs[l]!, as[l]!, da, dz, 0, n * m, slope);
    gradZStd[l] = moments(dz).std;
    const prev = l === 0 ? x0 : as[l - 1]!;
    const dw = floatArray(n * k, dtype);
    const f32 = dtype === 'float32';
    for (let i = 0; i < n; i++) {
      const row = i * m;
      for (let p = 0; p < k; p++) {
        const col = p * m;
        let s = 0;
        if (f32) for (let j = 0; j < m; j++) s = Math.fround(s + Math.fround(dz[row + j]! * prev[col + j]!));
        else for (let j = 0; j < m; j++) s += dz[row + j]! * prev[col + j]!;
        dw[i * k + p] = s;
      }
    }
    gradWStd[l] = moments(dw).std;
    if (l > 0) da = denseBackwardInput(w, dz, n, k, m, dtype);
  }

  const layers: LayerStatistics[] = [];
  for (let l = 0; l < L; l++) {
    const n = sizes[l + 1]!;
    const k = sizes[l]!;
    const z = zs[l]!;
    const a = as[l]!;
    let deadUnits = 0;
    for (let i = 0; i < n; i++) {
      let dead = true;
      for (let j = 0; j < m && dead; j++) if (activationDerivative(activation, z[i * m + j]!, slope) !== 0) dead = false;
      if (dead) deadUnits++;
    }
    const wm = moments(params.weights[l]!);
    layers.push({
      layer: l + 1,
      units: n,
      fanIn: k,
      pre: moments(z),
      post: moments(a),
      histogram: histogram(a, lo, hi, bins),
      deadUnits,
      deadFraction: deadUnits / n,
      saturatedFraction: saturatedFraction(activation, a),
      weightMean: wm.mean,
      weightStd: wm.std,
      identicalUnits: n > 1 && unitsIdentical(params.weights[l]!, params.biases[l]!, n, k),
      gradZStd: gradZStd[l]!,
      gradWStd: gradWStd[l]!,
    });
  }
  return { activation, layerSizes: sizes, m, errorSeed, layers };
}
