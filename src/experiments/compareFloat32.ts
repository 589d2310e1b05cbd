import type { InitSpec } from '../core/initSpec.js';
import type { RunConfig } from '../core/runConfig.js';
import { resolveInit } from '../init/spec.js';
import { sigmoid } from '../nn/activations.js';
import type { CostPoint } from '../train/courseTraining.js';
import type { TrainingData } from '../train/trainer.js';
import { compareData, type CompareRunResult, type CompareTask } from './compareTypes.js';
import { findingFor } from './findings.js';
import { TrainingSession } from './training.js';

/*
 * `compare --dtype float32`: the same experiment — data, network, init, full-batch gradient descent,
 * logging — as a general run config trained by the one engine in float32. The course's float64
 * engine stays the exact reproduction; in float32 the logged cost is the engine's stable binary
 * cross-entropy from the logits, which equals the course's −y·log a − (1−y)·log(1−a) wherever that
 * is finite (the course's formula gives ∞ for a saturated output; this one gives the true loss).
 */

/** The run config that `compare` trains in float32 for one of its inits (`init`: its canonical spec). */
export function compareRunConfig(task: CompareTask, init: InitSpec): RunConfig {
  const { config } = task;
  const t = config.training;
  return {
    data: { name: 'circles', seed: config.data.trainSeed, trainSamples: config.data.trainSamples, testSamples: config.data.testSamples, noise: config.data.noise, testSeed: config.data.testSeed },
    dtype: 'float32',
    network: { hidden: [...config.network.hidden], activation: 'relu', output: 'sigmoid' },
    init,
    initSeed: config.initSeed,
    training: {
      optimizer: { name: 'sgd' }, learningRate: t.learningRate, batchSize: 0, iterations: t.iterations, logEvery: t.logEvery,
      ...(t.statsEvery !== undefined ? { statsEvery: t.statsEvery } : {}),
    },
  };
}

/** One initializer of a float32 comparison, on the general engine. */
export function runCompareTaskFloat32(task: CompareTask, onProgress?: (done: number, total: number) => void): CompareRunResult {
  const { config } = task;
  const init = resolveInit(config.inits[task.initIndex]!, `inits[${task.initIndex}]`);
  const { train, test } = compareData(config);
  const data: TrainingData = { train, test, nClasses: 2, task: 'binary' };
  const session = new TrainingSession(compareRunConfig(task, init.spec), data, { backend: task.backend, ...(onProgress ? { onProgress } : {}) });
  // The outputs at iteration 0 (for the saturation finding), before any update.
  const net = session.network;
  const z0 = net.forward(train.x, net.createWorkspace(train.nSamples, false));
  const initialOutputs = Float64Array.from(z0, (z) => sigmoid(z));
  while (!session.finished) session.advance(Number.MAX_SAFE_INTEGER);
  const result = session.result();
  const costs: CostPoint[] = result.metrics.map((p) => ({ iteration: p.iteration, cost: p.trainLoss }));
  const parameters = net.getParameters();
  const status = result.status;
  const finding = findingFor({
    layerSizes: [...session.layerSizes],
    costs,
    status,
    ...(result.divergedAt !== undefined ? { divergedAt: result.divergedAt } : {}),
    iterations: config.training.iterations,
    initialOutputs,
    finalParameters: parameters,
    trainAccuracy: result.final.trainAccuracy,
    testAccuracy: result.final.testAccuracy,
  });
  return {
    init: init.spec,
    label: init.definition.label(init.params),
    costs,
    finalCost: status === 'ok' ? result.final.trainLoss : Number.NaN,
    trainAccuracy: result.final.trainAccuracy,
    testAccuracy: result.final.testAccuracy,
    status,
    ...(result.divergedAt !== undefined ? { divergedAt: result.divergedAt } : {}),
    seconds: result.seconds,
    finding,
    parameters,
    ...(result.stats ? { stats: result.stats } : {}),
  };
}
