import type { Activation } from '../experiments/runTypes.js';
import { initializeDenseNetwork } from '../init/network.js';
import { formatInitSpec, resolveInit } from '../init/spec.js';
import type { InitSpec } from '../init/types.js';
import { DefaultRandom } from '../random/xoshiro.js';
import { THEORY_ACTIVATIONS, type TheoryActivationName } from '../theory/activations.js';
import { predictVarianceSequence } from '../theory/meanField.js';
import { detectProblems, type Problem } from './problems.js';
import { layerStatistics } from './statistics.js';

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
}

export interface Diagnosis {
  init: InitSpec;
  layers: DiagnosedLayer[];
  verdicts: Problem[];
}

export interface DiagnoseOptions {
  /** Hidden widths, e.g. [512 × 10]. */
  hidden: number[];
  inputDim: number;
  activation: Activation;
  /** Batch of standard-normal inputs. */
  batch: number;
  seed: number;
}

/**
 * Initializes a stack of hidden layers with `init`, pushes a batch of N(0, 1) inputs through it and
 * compares what each layer's signal looks like with what mean-field theory predicts
 * (q¹ = σ_w²·E[x²], q^{l+1} = σ_w² E[φ(√q^l z)²], σ_w² = fan_in·Var[W], biases zero).
 * Inputs, weights and the injected error all come from DefaultRandom streams seeded with `seed`.
 */
export function diagnose(spec: InitSpec | string, options: DiagnoseOptions): Diagnosis {
  const init = resolveInit(spec, 'diagnose');
  const sizes = [options.inputDim, ...options.hidden];
  const m = options.batch;
  const inputs = new DefaultRandom(options.seed);
  const x = new Float64Array(options.inputDim * m);
  for (let i = 0; i < x.length; i++) x[i] = inputs.standardNormal();
  const params = initializeDenseNetwork(init, sizes, new DefaultRandom(options.seed + 1), options.seed + 1, { x, m });
  const stats = layerStatistics(params, sizes, options.activation, x, m, { errorSeed: options.seed + 2 });
  const verdicts = detectProblems(stats, { init: formatInitSpec(init.spec) });

  // Theory: only when every layer has the same σ_w² (a fan-in rule or a fixed scale gives that per layer)
  // and the activation is one the theory module integrates.
  const theoryAct = (THEORY_ACTIVATIONS as readonly string[]).includes(options.activation) ? (options.activation as TheoryActivationName) : null;
  const predicted: (number | null)[] = options.hidden.map(() => null);
  if (theoryAct && !init.definition.dataDependent) {
    let meanX2 = 0;
    for (const v of x) meanX2 += v * v;
    meanX2 /= x.length;
    let q = Number.NaN;
    for (let l = 0; l < options.hidden.length; l++) {
      const fanIn = sizes[l]!;
      const std = init.definition.expectedStd({ shape: [sizes[l + 1]!, fanIn], fanIn, fanOut: sizes[l + 1]! }, init.params);
      const sigmaW2 = std * std * fanIn;
      if (!Number.isFinite(sigmaW2)) break;
      // σ_w² = 0 (zeros): every pre-activation is exactly 0, which the variance map need not be asked.
      q = sigmaW2 === 0 ? 0 : l === 0 ? sigmaW2 * meanX2 : predictVarianceSequence(theoryAct, sigmaW2, 0, q, 1)[1]!;
      predicted[l] = q;
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
    })),
    verdicts,
  };
}
