import { makeDataset } from '../data/makeDataset.js';
import { diagnoseLayerNetwork, type LayerDiagnosis } from '../diagnostics/diagnoseLayers.js';
import { formatInitSpec, resolveInit } from '../init/spec.js';
import type { InitSpec } from '../init/types.js';
import { inputShapeFor } from '../nn/layers/plan.js';
import { outputHeadFor } from '../train/trainer.js';
import { stringifyResults } from '../experiments/resultsDocument.js';
import type { Dtype } from '../core/dtype.js';
import { outputWidth, renderTable, wrapText } from '../util/textTable.js';
import { VERSION } from '../version.js';
import type { DiagnoseTarget } from './diagnoseConfig.js';

/*
 * `diagnose --config FILE` when the config's network is `network.layers` (issue 14, item 3): a row
 * per top-level layer (residual block = one row) on the data's first --batch training points; see
 * src/diagnostics/diagnoseLayers.ts for what is measured and residualVariance.ts for the prediction.
 */

export interface LayerDiagnoseRun {
  target: DiagnoseTarget & { layers: NonNullable<DiagnoseTarget['layers']> };
  inits: InitSpec[];
  batch: number;
  seed: number;
  dtype: Dtype;
  json: boolean;
  wide: boolean | undefined;
}

const g = (x: number | null): string => {
  if (x === null) return '—';
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(4));
  return r !== 0 && (Math.abs(r) < 1e-3 || Math.abs(r) >= 1e6) ? x.toExponential(3) : r.toString();
};

function formatRun(d: LayerDiagnosis, width: number): string {
  const head = ['layer', 'kind', 'shape', 'std', 'rms', 'predicted rms', 'grad std'];
  const rows = d.layers.map((l) => [l.path.replace(/^network\./, ''), l.kind, l.shape, g(l.std), g(l.rms), g(l.predictedRms), g(l.gradStd)]);
  return [formatInitSpec(d.init), renderTable(head, rows, width)].join('\n');
}

export function diagnoseLayersCommand(run: LayerDiagnoseRun): void {
  const { target } = run;
  run.inits.forEach((spec) => resolveInit(spec, '--inits'));
  const bundle = makeDataset(target.data);
  const train = bundle.train;
  const input = inputShapeFor(train.nFeatures, target.layers.inputShape);
  const batch = Math.min(run.batch, train.nSamples);
  const inputs = new Float64Array(train.nFeatures * batch);
  for (let f = 0; f < train.nFeatures; f++) inputs.set(train.x.subarray(f * train.nSamples, f * train.nSamples + batch), f * batch);
  // The output layer as a run adds it: the classes under softmax, one unit otherwise (its size does not change the rows above it).
  const nOutputs = outputHeadFor(target.layers.config, bundle) === 'softmax' ? bundle.nClasses : 1;
  const runs = run.inits.map((spec) => diagnoseLayerNetwork(spec, {
    layers: target.layers.layers, input, nOutputs, activation: target.activation, inputs, batch, seed: run.seed, dtype: run.dtype,
    ...(target.layers.slope !== undefined ? { slope: target.layers.slope } : {}),
  }));
  if (run.json) {
    const doc = { initlab: { version: VERSION, node: process.version }, config: { data: target.data, batch, seed: run.seed, dtype: run.dtype, inits: runs.map((r) => r.init) }, runs };
    process.stdout.write(stringifyResults(doc) + '\n');
    return;
  }
  const width = outputWidth(run.wide);
  const heading = `${target.kind}: network.layers (${runs[0]!.layers.length - 1} layers and the output layer), ${batch} ${target.data.name} points (seed ${target.data.seed}), init seed ${run.seed}${run.dtype === 'float32' ? ', measured in float32' : ''}; `
    + 'rms = √mean(y²) of each layer\'s output (a residual block: after the sum), predicted by E[y²] = E[x²]·(1 + α²g) per block with g the branch\'s variance gain (— where the recursion does not reach: conv, pooling, batchnorm, a nonlinear activation after the sum); grad std: dL/dy under an injected N(0, 1)/batch error at the last layer below the output layer';
  process.stdout.write(wrapText(heading, width) + '\n\n');
  process.stdout.write(runs.map((r) => formatRun(r, width)).join('\n\n') + '\n');
}
