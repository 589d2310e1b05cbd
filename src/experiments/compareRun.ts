import type { InitSpec } from '../core/initSpec.js';
import type { RunConfig } from '../core/runConfig.js';
import { resolveInit } from '../init/spec.js';
import type { CostPoint } from '../train/courseCost.js';
import type { TrainingData } from '../train/trainer.js';
import { compareData, type CompareRunResult, type CompareTask } from './compareTypes.js';
import { findingFor } from './findings.js';
import { TrainingSession } from './training.js';

export type { CompareRunResult, CompareTask } from './compareTypes.js';
export { compareData, layerSizesFor } from './compareTypes.js';

/*
 * One initializer of `compare`, trained by the one training API (TrainingSession) like every other
 * run. In float64 its run config is the course preset (`exact: 'course'`): the notebook's kernel,
 * cost formula and accuracy, bit for bit. In float32 it is the same experiment on the general engine
 * in float32; its logged cost is the engine's stable binary cross-entropy from the logits, which
 * equals the course's −y·log a − (1−y)·log(1−a) wherever that is finite (the course's formula gives
 * ∞ for a saturated output; this one gives the true loss).
 */

/** The run config that `compare` trains for one of its inits (`init`: its canonical spec). */
export function compareRunConfig(task: CompareTask, init: InitSpec): RunConfig {
  const { config } = task;
  const t = config.training;
  const float32 = config.dtype === 'float32';
  return {
    data: { name: 'circles', seed: config.data.trainSeed, samples: config.data.trainSamples, testSamples: config.data.testSamples, noise: config.data.noise, testSeed: config.data.testSeed },
    ...(float32 ? { dtype: 'float32' as const } : { exact: 'course' as const }),
    network: { hidden: [...config.network.hidden], activation: 'relu', output: 'sigmoid' },
    init,
    initSeed: config.initSeed,
    training: {
      optimizer: { name: 'sgd' }, learningRate: t.learningRate, batchSize: 0, iterations: t.iterations, logEvery: t.logEvery,
      ...(t.statsEvery !== undefined ? { statsEvery: t.statsEvery } : {}),
    },
  };
}

/**
 * Runs one initializer of a comparison. Its numbers depend only on the task (config, init, backend):
 * the data and the weights come from numpy-compatible streams seeded from the config, so a run
 * gives the same result in any worker, in any order.
 */
export function runCompareTask(task: CompareTask, onProgress?: (done: number, total: number) => void): CompareRunResult {
  const { config } = task;
  const init = resolveInit(config.inits[task.initIndex]!, `inits[${task.initIndex}]`);
  const { train, test } = compareData(config);
  const data: TrainingData = { train, test, nClasses: 2, task: 'binary' };
  const session = new TrainingSession(compareRunConfig(task, init.spec), data, { backend: task.backend, ...(onProgress ? { onProgress } : {}) });
  // The outputs at iteration 0 (for the saturation finding), before any update.
  const initialOutputs = session.outputs();
  while (!session.finished) session.advance(Number.MAX_SAFE_INTEGER);
  const result = session.result();
  const costs: CostPoint[] = result.metrics.map((p) => ({ iteration: p.iteration, cost: p.trainLoss }));
  const parameters = session.network.getParameters();
  const { status, final } = result;
  const finding = findingFor({
    layerSizes: [...session.layerSizes],
    costs,
    status,
    ...(result.divergedAt !== undefined ? { divergedAt: result.divergedAt } : {}),
    iterations: config.training.iterations,
    initialOutputs,
    finalParameters: parameters,
    trainAccuracy: final.trainAccuracy,
    testAccuracy: final.testAccuracy,
  });
  return {
    init: init.spec,
    label: init.definition.label(init.params),
    costs,
    finalCost: status === 'ok' ? final.trainLoss : Number.NaN,
    trainAccuracy: final.trainAccuracy,
    testAccuracy: final.testAccuracy,
    status,
    ...(result.divergedAt !== undefined ? { divergedAt: result.divergedAt } : {}),
    seconds: result.seconds,
    finding,
    parameters,
    ...(result.stats ? { stats: result.stats } : {}),
  };
}
