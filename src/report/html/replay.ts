import { makeDataset, type DataBundle } from '../../data/makeDataset.js';
import type { RunRecord } from '../../experiments/runTypes.js';
import { initializeDenseNetwork } from '../../init/network.js';
import { resolveInit } from '../../init/spec.js';
import type { Parameters } from '../../kernels/types.js';
import { DenseNetwork } from '../../nn/network.js';
import { NumpyRandomState } from '../../random/numpyRandomState.js';
import { BatchSampler } from '../../train/batches.js';
import { Evaluator } from '../../train/evaluate.js';
import { createResolvedOptimizer, resolveOptimizer } from '../../train/optimizers.js';
import { createSchedule } from '../../train/schedules.js';
import { layerSizesFor, outputHeadFor } from '../../train/trainer.js';

/*
 * A RunRecord keeps metrics, not weights, so a decision boundary needs the run trained again. This
 * replays a record's run on the main thread with the trainer's own parts (init, network, batch
 * sampler, optimizer, schedule — the same calls in the same order as trainNetwork in
 * src/train/trainer.ts) for exactly `record.final.iteration` updates, then checks that the replayed
 * network's training loss equals the record's final one. A mismatch (the trainer changed, or the
 * record came from another version) is reported, never hidden.
 */

export interface ReplayedRun {
  /** The network with its final parameters. */
  net: DenseNetwork;
  data: DataBundle;
  /** Training loss of the replayed parameters (to compare with record.final.trainLoss). */
  trainLoss: number;
  /** The replay reproduced the record's final training loss (relative difference ≤ 1e-9). */
  matches: boolean;
}

/** Trains the record's config again, up to the record's final logged iteration. */
export function replayRun(record: RunRecord, data: DataBundle = makeDataset(record.config.data)): ReplayedRun {
  const config = record.config;
  const t = config.training;
  const head = outputHeadFor(config, data);
  const layerSizes = layerSizesFor(config, data);
  const init = resolveInit(config.init, 'init');
  const schedule = createSchedule(t.schedule, t.learningRate, t.iterations);
  const params = initializeDenseNetwork(init, layerSizes, new NumpyRandomState(), config.initSeed, { x: data.train.x, m: data.train.nSamples });
  const net = new DenseNetwork(
    { layerSizes, activation: config.network.activation, output: head, ...(config.network.slope !== undefined ? { slope: config.network.slope } : {}) },
    params,
  );
  const optimizer = createResolvedOptimizer(resolveOptimizer(t.optimizer), net.params);
  const sampler = new BatchSampler(data.train, t.batchSize ?? 0, new NumpyRandomState(t.shuffleSeed ?? config.initSeed + 1));
  const wsFull = net.createWorkspace(sampler.batchSize);
  const wsLast = sampler.lastBatchSize === sampler.batchSize ? wsFull : net.createWorkspace(sampler.lastBatchSize);
  const l2 = t.l2 ?? 0;
  const updates = record.final.iteration;
  for (let k = 0; k < updates; k++) {
    sampler.next();
    const ws = sampler.size === wsFull.m ? wsFull : wsLast;
    net.lossAndGradients(sampler.x, sampler.y, ws, l2);
    if (!optimizer.step(net.params, net.grads, schedule.learningRate(k))) break;
  }
  const evaluator = new Evaluator(net, data.train, data.task === 'regression' ? 'r2' : 'accuracy');
  evaluator.run();
  const trainLoss = evaluator.loss;
  const expected = record.final.trainLoss;
  const matches = Object.is(trainLoss, expected) || Math.abs(trainLoss - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  return { net, data, trainLoss, matches };
}

/** The final parameters of a replayed run. */
export function replayedParameters(run: ReplayedRun): Parameters {
  return run.net.getParameters();
}

/**
 * The predicted class at each of m points (feature-major, nFeatures × m): P > 0.5 for a sigmoid or
 * linear head, the arg-max logit for softmax. Also returns P(class 1) for binary heads.
 */
export function predictClasses(net: DenseNetwork, x: Float64Array, m: number): { classes: Uint8Array; p1: Float64Array | null } {
  const ws = net.createWorkspace(m, false);
  const z = net.forward(x, ws);
  const classes = new Uint8Array(m);
  if (net.output === 'softmax') {
    const k = net.nOutputs;
    for (let s = 0; s < m; s++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (z[c * m + s]! > z[best * m + s]!) best = c;
      classes[s] = best;
    }
    return { classes, p1: null };
  }
  const p1 = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const v = z[s]!;
    // sigmoid head: logits; linear head: the 0/1 target's estimate.
    p1[s] = net.output === 'sigmoid' ? 1 / (1 + Math.exp(-v)) : v;
    classes[s] = p1[s]! > 0.5 ? 1 : 0;
  }
  return { classes, p1 };
}
