import { TrainingStatsRecorder, type TrainingStatsPoint } from '../diagnostics/trainingStatistics.js';
import { initializeDenseNetwork } from '../init/network.js';
import { resolveInit } from '../init/spec.js';
import { createEngine } from '../kernels/index.js';
import type { Parameters } from '../kernels/types.js';
import type { KernelModule } from '../kernels/webassembly.js';
import { NumpyRandomState } from '../random/numpyRandomState.js';
import { accuracy } from '../train/courseCost.js';
import { trainWithLogging } from '../train/courseTraining.js';
import { findingFor } from './findings.js';
import { runCompareTaskFloat32 } from './compareFloat32.js';
import { compareData, layerSizesFor, type CompareRunResult, type CompareTask } from './compareTypes.js';

export type { CompareRunResult, CompareTask } from './compareTypes.js';
export { compareData, layerSizesFor } from './compareTypes.js';

/**
 * Runs one initializer of a comparison. Its numbers depend only on the task (config, init, backend):
 * the data and the weights come from numpy-compatible streams seeded from the config, so a run
 * gives the same result in any worker, in any order.
 */
export function runCompareTask(
  task: CompareTask,
  onProgress?: (done: number, total: number) => void,
  module?: KernelModule,
): CompareRunResult {
  if (task.config.dtype === 'float32') return runCompareTaskFloat32(task, onProgress);
  const { config } = task;
  const init = resolveInit(config.inits[task.initIndex]!, `inits[${task.initIndex}]`);
  const { train, test } = compareData(config);
  const layers = layerSizesFor(config, train);
  // Data-dependent inits (lsuv) measure layer outputs on the training set, through the engine's ReLU hidden layers.
  const params = initializeDenseNetwork(init, layers, new NumpyRandomState(), config.initSeed, { x: train.x, m: train.nSamples, activation: 'relu' });

  const engine = createEngine(task.backend, layers, train.x, train.y, train.nSamples, module);
  try {
    engine.setParameters(params);
    const initialOutputs = engine.forward();
    // Layer statistics come from src/nn's float64 network on copies of the engine's parameters (the
    // course net: ReLU hidden layers, sigmoid + cross-entropy head, whose gradient the engine follows).
    const stats: TrainingStatsPoint[] = [];
    const every = config.training.statsEvery;
    const recorder =
      every !== undefined ? new TrainingStatsRecorder({ layerSizes: layers, activation: 'relu', output: 'sigmoid', x: train.x, y: train.y, m: train.nSamples }) : undefined;
    const schedule = {
      ...config.training,
      ...(onProgress ? { onProgress } : {}),
      ...(recorder ? { onStats: (k: number, p: Parameters, prev: Float64Array[] | undefined) => void stats.push(recorder.record(k, p, prev)) } : {}),
    };
    const outcome = trainWithLogging(engine, train.y, schedule);
    const trainAccuracy = accuracy(engine.forward(), train.y);
    const testAccuracy = accuracy(engine.predict(test.x, test.nSamples), test.y);
    const parameters = engine.getParameters();
    const finalCost = outcome.costs[outcome.costs.length - 1]!.cost;
    const finding = findingFor({
      layerSizes: layers,
      costs: outcome.costs,
      status: outcome.status,
      ...(outcome.divergedAt !== undefined ? { divergedAt: outcome.divergedAt } : {}),
      iterations: config.training.iterations,
      initialOutputs,
      finalParameters: parameters,
      trainAccuracy,
      testAccuracy,
    });
    return {
      init: init.spec,
      label: init.definition.label(init.params),
      costs: outcome.costs,
      finalCost: outcome.status === 'ok' ? finalCost : Number.NaN,
      trainAccuracy,
      testAccuracy,
      status: outcome.status,
      ...(outcome.divergedAt !== undefined ? { divergedAt: outcome.divergedAt } : {}),
      seconds: outcome.seconds,
      finding,
      parameters,
      ...(recorder ? { stats } : {}),
    };
  } finally {
    engine.dispose();
  }
}
