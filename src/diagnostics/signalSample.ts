import type { Dtype, FloatArray } from '../core/dtype.js';
import type { Activation } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import { activateBackward, activateForward, DEFAULT_LEAKY_SLOPE } from '../nn/activations.js';
import { DefaultRandom } from '../random/index.js';
import { denseBackwardInput, denseForward, floatArray } from './denseSteps.js';

/*
 * The raw per-layer values behind the histograms of `initlab diagnose`: Z_l, A_l and ∂L/∂Z_l for the
 * first `samples` columns of a batch, exactly as layerStatistics computes them for the whole batch.
 * Every column of a dense stack is computed independently of the others — forward, Z = W·A + b acts
 * column by column; backward, the injected error ∂L/∂A_L = G/m (G ~ N(0, 1) from
 * DefaultRandom(errorSeed), drawn unit-major over the whole n_L × m batch) and W_lᵀ·∂L/∂Z_l do too —
 * so these values are entries of the full-batch pass, not an approximation of it. Taking a few
 * hundred columns keeps the histograms' cost a fraction of the statistics' (which also form ∂L/∂W).
 */

/** One hidden layer's values on a batch: pre-activations Z_l, activations A_l and the back-propagated ∂L/∂Z_l. */
export interface LayerSignal {
  /** Z_l, A_l = f(Z_l) and ∂L/∂Z_l, each units × samples, unit-major (v[i·samples + j]). */
  pre: Float64Array;
  post: Float64Array;
  grad: Float64Array;
}

/**
 * Z_l, A_l and ∂L/∂Z_l of the hidden layers `sizes` = [nInputs, n_1, …, n_L] for the first
 * `samples` of the m columns of the feature-major batch x (shapes are those layerStatistics has checked):
 * Z_l = W_l·A_{l−1} + b_l, A_l = f(Z_l), and back-propagation (Rumelhart, Hinton & Williams 1986) of the injected
 * error ∂L/∂A_L = G/m, G ∼ N(0, 1) from DefaultRandom(errorSeed): ∂L/∂Z_l = ∂L/∂A_l ⊙ f′(Z_l),
 * ∂L/∂A_{l−1} = W_lᵀ·∂L/∂Z_l — the same entries as layerStatistics' full-batch pass.
 */
export function signalSample(
  params: Parameters<FloatArray>,
  sizes: readonly number[],
  activation: Activation,
  x: Float64Array,
  m: number,
  samples: number,
  errorSeed: number,
  slope = DEFAULT_LEAKY_SLOPE,
  dtype: Dtype = 'float64',
): LayerSignal[] {
  const s = Math.max(1, Math.min(m, Math.floor(samples)));
  const L = sizes.length - 1;
  const input0 = floatArray(sizes[0]! * s, dtype);
  for (let p = 0; p < sizes[0]!; p++) input0.set(x.subarray(p * m, p * m + s), p * s);

  const zs: FloatArray[] = [];
  const as: FloatArray[] = [];
  let input: FloatArray = input0;
  for (let l = 0; l < L; l++) {
    const n = sizes[l + 1]!;
    const k = sizes[l]!;
    const z = denseForward(params.weights[l]!, params.biases[l]!, input, n, k, s, dtype);
    const a = floatArray(n * s, dtype);
    activateForward(activation, z, a, 0, n * s, slope);
    zs.push(z);
    as.push(a);
    input = a;
  }

  // The same draws as layerStatistics: all n_L × m of them, in order, keeping the first s of each unit.
  const rng = new DefaultRandom(errorSeed);
  const nL = sizes[L]!;
  let da: FloatArray = floatArray(nL * s, dtype);
  for (let i = 0; i < nL; i++) {
    for (let j = 0; j < m; j++) {
      const g = rng.standardNormal() / m;
      if (j < s) da[i * s + j] = g;
    }
  }
  const grads: FloatArray[] = new Array<FloatArray>(L);
  for (let l = L - 1; l >= 0; l--) {
    const n = sizes[l + 1]!;
    const k = sizes[l]!;
    const w = params.weights[l]!;
    const dz = floatArray(n * s, dtype);
    activateBackward(activation, zs[l]!, as[l]!, da, dz, 0, n * s, slope);
    grads[l] = dz;
    if (l > 0) da = denseBackwardInput(w, dz, n, k, s, dtype);
  }
  // float32 values are exact in float64: the histograms read them as they are.
  const f64 = (v: FloatArray): Float64Array => (v instanceof Float64Array ? v : Float64Array.from(v));
  return zs.map((z, l) => ({ pre: f64(z), post: f64(as[l]!), grad: f64(grads[l]!) }));
}
