import type { Dtype } from '../core/dtype.js';
import type { Activation } from '../core/runConfig.js';
import { initializeDenseNetwork } from '../init/network.js';
import { formatInitSpec, resolveInit } from '../init/spec.js';
import type { InitSpec } from '../init/types.js';
import { boundedRange } from '../nn/activations.js';
import { UsageError } from '../util/errors.js';
import { DefaultRandom } from '../random/xoshiro.js';
import { THEORY_ACTIVATIONS, type TheoryActivationName } from '../theory/activations.js';
import { chi1At, predictVarianceSequence } from '../theory/meanField.js';
import { detectProblems, type Problem } from './problems.js';
import { signalSample } from './signalSample.js';
import { histogram, layerStatistics, moments, type Histogram, type Moments } from './statistics.js';

/** Histograms of one layer's pre-activations Z_l, activations A_l and gradients ∂L/∂Z_l. */
export interface LayerHistograms {
  pre: Histogram;
  post: Histogram;
  grad: Histogram;
}

/** One layer of a diagnosis: what was measured, and the theory's predicted pre-activation variance q^l. */
export interface DiagnosedLayer {
  layer: number;
  preStd: number;
  postStd: number;
  gradStd: number;
  deadFraction: number;
  saturatedFraction: number | null;
  /** Mean-field q^l (a variance, beside the measured preStd); null where the theory has no such activation or init. */
  predictedPreVar: number | null;
  /** Mean-field variance of ∂L/∂Z_l under the injected error (beside the measured gradStd); null as predictedPreVar. */
  predictedGradVar: number | null;
  /**
   * Over the first `histogramSamples` inputs of the batch, all units. The bins are shared by all layers of a run
   * (so a narrowing distribution shows as such): [−1, 1] for tanh and [0, 1] for sigmoid activations, otherwise
   * the span of mean ± 4 std over the layers (clipped to the values seen), symmetric about 0 for Z and ∂L/∂Z.
   */
  histograms: LayerHistograms;
  /** Entries of the histogram samples that are exactly 0 (relu's inactive units; everything under zeros init), counted in the bin holding 0. */
  exactZeros: { pre: number; post: number; grad: number };
}

/** diagnose's result for one initializer: per-layer measured and predicted statistics, histograms and verdicts. */
export interface Diagnosis {
  init: InitSpec;
  layers: DiagnosedLayer[];
  verdicts: Problem[];
  /** How many inputs of the batch the histograms are over. */
  histogramSamples: number;
}

/** What diagnose measures: the network (hidden widths, input width, activation), the batch, the seed, the histograms and the float format. */
export interface DiagnoseOptions {
  /** Hidden widths, e.g. [512 × 10]. */
  hidden: number[];
  inputDim: number;
  activation: Activation;
  /** Batch size: standard-normal inputs, or the number of columns of `inputs`. */
  batch: number;
  /**
   * The inputs instead of standard normals: feature-major (inputDim × batch, x[f·batch + j]), e.g. a
   * data set's points. The theory's q¹ uses their mean square, as it does for the normals.
   */
  inputs?: Float64Array;
  seed: number;
  /** Inputs the histograms are over (default 256, at most the batch). */
  histogramSamples?: number;
  /** Histogram bins (default 40). */
  bins?: number;
  /** The format of the measured pass: float64 (default) or float32, as the engine trains in it. */
  dtype?: Dtype;
}

/** Inputs the per-layer histograms of diagnose are drawn over, by default (at most the batch). */
export const DEFAULT_HISTOGRAM_SAMPLES = 256;
/** Bins of the per-layer histograms of diagnose, by default. */
export const DEFAULT_HISTOGRAM_BINS = 40;

/** The bins' span for one kind of value over all layers of a run (see LayerHistograms). */
export function histogramSpan(kind: keyof LayerHistograms, activation: Activation, layers: readonly Moments[]): [number, number] {
  const bounded = kind === 'post' ? boundedRange(activation) : null;
  if (bounded) return bounded;
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of layers) {
    if (![m.mean, m.std, m.min, m.max].every(Number.isFinite)) continue;
    lo = Math.min(lo, Math.max(m.min, m.mean - 4 * m.std));
    hi = Math.max(hi, Math.min(m.max, m.mean + 4 * m.std));
  }
  if (kind !== 'post') {
    const r = Math.max(Math.abs(lo), Math.abs(hi));
    [lo, hi] = [-r, r];
  }
  if (!(hi > lo) || !Number.isFinite(hi - lo)) return Number.isFinite(lo) && lo !== 0 ? [lo - Math.abs(lo), lo + Math.abs(lo)] : [-1, 1];
  return [lo, hi];
}

/**
 * Initializes a stack of hidden layers with `init`, pushes a batch of N(0, 1) inputs through it and
 * compares what each layer's signal looks like with what mean-field theory predicts
 * (q¹ = σ_w²·E[x²] + σ_b², q^{l+1} = σ_w² E[φ(√q^l z)²] + σ_b², σ_w² = fan_in·Var[W]; σ_b² = 0 unless the init draws biases, as meanfield does).
 * That is the variance map of Poole et al. 2016 and Schoenholz et al. 2017 (predictVarianceSequence); the measured side
 * is layerStatistics (Z_l = W_l·A_{l−1} + b_l, A_l = f(Z_l), the per-layer spreads Glorot & Bengio 2010 watched).
 * Inputs, weights and the injected error all come from DefaultRandom streams seeded with `seed`.
 */
export function diagnose(spec: InitSpec | string, options: DiagnoseOptions): Diagnosis {
  const init = resolveInit(spec, 'diagnose');
  const sizes = [options.inputDim, ...options.hidden];
  const m = options.batch;
  let x: Float64Array;
  if (options.inputs) {
    if (options.inputs.length !== options.inputDim * m) {
      throw new UsageError(`diagnose: inputs must hold inputDim × batch = ${options.inputDim} × ${m} values, got ${options.inputs.length}.`);
    }
    x = options.inputs;
  } else {
    const inputs = new DefaultRandom(options.seed);
    x = new Float64Array(options.inputDim * m);
    for (let i = 0; i < x.length; i++) x[i] = inputs.standardNormal();
  }
  // lsuv calibrates on this batch through the diagnosed activation (leaky_relu at the default slope, as measured below).
  const params = initializeDenseNetwork(init, sizes, new DefaultRandom(options.seed + 1), options.seed + 1, { x, m, activation: options.activation });
  const dtype = options.dtype ?? 'float64';
  const stats = layerStatistics(params, sizes, options.activation, x, m, { errorSeed: options.seed + 2, dtype });
  const verdicts = detectProblems(stats, { init: formatInitSpec(init.spec) });

  const samples = Math.min(m, options.histogramSamples ?? DEFAULT_HISTOGRAM_SAMPLES);
  const bins = options.bins ?? DEFAULT_HISTOGRAM_BINS;
  const signal = signalSample(params, sizes, options.activation, x, m, samples, options.seed + 2, undefined, dtype);
  const histogramsOf = (kind: keyof LayerHistograms): Histogram[] => {
    const [lo, hi] = histogramSpan(kind, options.activation, signal.map((v) => moments(v[kind])));
    return signal.map((v) => histogram(v[kind], lo, hi, bins));
  };
  const hist = { pre: histogramsOf('pre'), post: histogramsOf('post'), grad: histogramsOf('grad') };
  const zerosIn = (v: Float64Array): number => {
    let n = 0;
    for (let i = 0; i < v.length; i++) if (v[i] === 0) n++;
    return n;
  };

  // Theory: only when every layer has the same σ_w² (a fan-in rule or a fixed scale gives that per layer)
  // and the activation is one the theory module integrates.
  const theoryAct = (THEORY_ACTIVATIONS as readonly string[]).includes(options.activation) ? (options.activation as TheoryActivationName) : null;
  const predicted: (number | null)[] = options.hidden.map(() => null);
  const sigmaW2s: number[] = [];
  // σ_b²: what the init says its biases have; an init that draws biases without saying so gets no prediction.
  const sigmaB2 = init.definition.biasVariance?.(init.params) ?? (init.definition.fillBias ? Number.NaN : 0);
  if (theoryAct && !init.definition.dataDependent && Number.isFinite(sigmaB2)) {
    let meanX2 = 0;
    for (const v of x) meanX2 += v * v;
    meanX2 /= x.length;
    let q = Number.NaN;
    for (let l = 0; l < options.hidden.length; l++) {
      const fanIn = sizes[l]!;
      const std = init.definition.expectedStd({ shape: [sizes[l + 1]!, fanIn], fanIn, fanOut: sizes[l + 1]! }, init.params);
      const sigmaW2 = std * std * fanIn;
      if (!Number.isFinite(sigmaW2)) break;
      sigmaW2s.push(sigmaW2);
      // σ_w² = 0 (zeros): every pre-activation is exactly 0, which the variance map need not be asked.
      q = sigmaW2 === 0 && sigmaB2 === 0 ? 0 : l === 0 ? sigmaW2 * meanX2 + sigmaB2 : predictVarianceSequence(theoryAct, sigmaW2, sigmaB2, q, 1)[1]!;
      // A variance past the largest double (random:scale=1e150 squares to 1e300 per layer) has no
      // prediction from here on; the measured statistics overflow too and get the 'nonfinite' verdict.
      if (!Number.isFinite(q)) break;
      predicted[l] = q;
    }
  }
  // Backward, under mean-field theory's gradient-independence assumption (the backward weights taken independent of
  // the forward ones, as Schoenholz et al. 2017 do for gradients): ∂L/∂Z_L = G/m ⊙ φ'(Z_L) has variance E[φ'(√q^L z)²]/m², and
  // Var ∂L/∂Z_l = Var ∂L/∂Z_{l+1} · n_{l+1}·(σ_w²/n_l) · E[φ'(√q^l z)²], σ_w² that of layer l + 1.
  const predictedGrad: (number | null)[] = options.hidden.map(() => null);
  const L = options.hidden.length;
  if (theoryAct && predicted.every((q) => q !== null && Number.isFinite(q))) {
    const slope2 = (l: number): number => chi1At(theoryAct, 1, predicted[l]!);
    let v = slope2(L - 1) / (m * m);
    predictedGrad[L - 1] = v;
    for (let l = L - 2; l >= 0; l--) {
      v *= (sizes[l + 2]! / sizes[l + 1]!) * sigmaW2s[l + 1]! * slope2(l);
      predictedGrad[l] = v;
    }
  }
  return {
    init: init.spec,
    layers: stats.layers.map((s, i) => ({
      layer: s.layer,
      preStd: s.pre.std,
      postStd: s.post.std,
      gradStd: s.gradZStd,
      deadFraction: s.deadFraction,
      saturatedFraction: s.saturatedFraction,
      predictedPreVar: predicted[i] ?? null,
      predictedGradVar: predictedGrad[i] ?? null,
      histograms: { pre: hist.pre[i]!, post: hist.post[i]!, grad: hist.grad[i]! },
      exactZeros: { pre: zerosIn(signal[i]!.pre), post: zerosIn(signal[i]!.post), grad: zerosIn(signal[i]!.grad) },
    })),
    verdicts,
    histogramSamples: samples,
  };
}
