import type { Dtype } from '../core/dtype.js';
import type { Activation } from '../core/runConfig.js';
import { initializeLayerNetwork, needsSkipInit } from '../init/layerNetwork.js';
import { resolveInit } from '../init/spec.js';
import type { InitSpec } from '../init/types.js';
import { DEFAULT_LEAKY_SLOPE } from '../nn/activations.js';
import { LayerNetwork } from '../nn/layers/network.js';
import { planLayers, shapeSize, shapeText, type PlannedLayer, type Shape } from '../nn/layers/plan.js';
import { DefaultRandom } from '../random/xoshiro.js';
import { NumpyRandomState } from '../random/index.js';
import { UsageError } from '../util/errors.js';
import { predictLayerMeanSquares } from './residualVariance.js';

/*
 * `diagnose --config` on a `network.layers` network (issue 14, item 3): one row per top-level layer
 * (a residual block is one row: its output after the sum), with the measured std and root mean
 * square of the layer's output over the batch, the predicted root mean square where the variance
 * recursion of ./residualVariance.ts covers the layer, and the std of dL/dy under an injected
 * error dL/dy = G/m (G standard normal, stream seed + 2) at the last layer below the output layer,
 * as the dense diagnose injects its error at the last hidden layer (so Fixup's zeroed output layer
 * does not hide the blocks' backward signal).
 * The parameters are drawn as a run draws them (initializeLayerNetwork, NumpyRandomState seeded
 * with `seed`), so the diagnosis of init seed s is the network a run with initSeed s starts from.
 */

export interface DiagnosedLayerRow {
  /** 'layers[3]' or 'output layer'. */
  path: string;
  kind: PlannedLayer['kind'];
  /** The layer's output shape, (C, H, W) as text. */
  shape: string;
  std: number;
  /** √(mean of y²): what the recursion predicts. */
  rms: number;
  /** √ of the predicted E[y²]; null where the recursion does not reach. */
  predictedRms: number | null;
  /** Std of dL/dy under the injected error; null for the output layer (the error is injected below it). */
  gradStd: number | null;
}

export interface LayerDiagnosis {
  init: InitSpec;
  /** Mean square of the inputs, the recursion's start. */
  inputMeanSquare: number;
  layers: DiagnosedLayerRow[];
}

export interface LayerDiagnoseOptions {
  layers: unknown;
  input: Shape;
  nOutputs: number;
  activation: Activation;
  slope?: number;
  /** Feature-major inputs, (C·H·W) × batch. */
  inputs: Float64Array;
  batch: number;
  /** The init seed (a run's initSeed); the injected error uses seed + 2, as the dense diagnose does. */
  seed: number;
  dtype?: Dtype;
}

/** Std and root mean square of a tensor (two passes, float64 sums). */
function spread(v: ArrayLike<number>): { std: number; rms: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i]!;
    s2 += v[i]! * v[i]!;
  }
  const n = v.length;
  const mean = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += (v[i]! - mean) ** 2;
  return { std: Math.sqrt(c / n), rms: Math.sqrt(s2 / n) };
}

/** One init's diagnosis of a layer network; see the module comment. */
export function diagnoseLayerNetwork(spec: InitSpec | string, options: LayerDiagnoseOptions): LayerDiagnosis {
  const init = resolveInit(spec, 'diagnose');
  const m = options.batch;
  const nIn = options.input.c * options.input.h * options.input.w;
  if (options.inputs.length !== nIn * m) throw new UsageError(`diagnose: inputs must hold ${nIn} × ${m} values, got ${options.inputs.length}.`);
  const slope = options.slope ?? DEFAULT_LEAKY_SLOPE;
  const skipInit = needsSkipInit(init, planLayers(options.layers, options.input, options.activation));
  const net = new LayerNetwork({
    layers: options.layers, input: options.input, nOutputs: options.nOutputs, output: options.nOutputs === 1 ? 'sigmoid' : 'softmax',
    activation: options.activation, slope, skipInit, ...(options.dtype !== undefined ? { dtype: options.dtype } : {}),
  });
  net.setParameters(initializeLayerNetwork(init, net.plan, new NumpyRandomState(), options.seed));
  if (m > net.maxTrainingBatch) throw new UsageError(`diagnose: a batch of ${m} does not fit the kernels' memory for this network; use --batch ${net.maxTrainingBatch} or less.`);
  const ws = net.createWorkspace(m, true);
  net.forward(options.inputs, ws);
  const errors = new DefaultRandom(options.seed + 2);
  const lastHidden = net.plan[net.plan.length - 2]!;
  const g = new Float64Array(shapeSize(lastHidden.out) * m);
  for (let i = 0; i < g.length; i++) g[i] = errors.standardNormal() / m;
  net.backwardFromLastHidden(net.dtype === 'float32' ? Float32Array.from(g) : g, ws);

  let meanSquare = 0;
  for (const v of options.inputs) meanSquare += v * v;
  meanSquare /= options.inputs.length;
  const predicted = predictLayerMeanSquares(net.plan, init, meanSquare, slope);
  const values = net.layerValues(ws);
  const layers = net.plan.map((p, i): DiagnosedLayerRow => {
    const y = spread(values[i]!.y);
    const q = predicted[i] ?? null;
    return {
      path: p.path, kind: p.kind, shape: shapeText(p.out), std: y.std, rms: y.rms,
      predictedRms: q === null ? null : Math.sqrt(q), gradStd: i === net.plan.length - 1 ? null : spread(values[i]!.dy!).std,
    };
  });
  return { init: init.spec, inputMeanSquare: meanSquare, layers };
}
