import { makeDataset, type DataBundle } from '../../data/makeDataset.js';
import type { RunRecord } from '../../core/runConfig.js';
import type { Parameters } from '../../kernels/types.js';
import { DenseNetwork } from '../../nn/network.js';
import { forwardLogits } from '../../nn/anyNetwork.js';
import type { LayerNetwork } from '../../nn/layers/network.js';
import type { FloatArray } from '../../core/dtype.js';
import { Evaluator } from '../../train/evaluate.js';
import { TrainingSession } from '../../train/session.js';
import { existsSync, readFileSync } from 'node:fs';
import { canonicalJson } from '../../experiments/runId.js';
import { paramsPath } from '../../experiments/sweep/runFiles.js';
import { decodeParams, networkFromParams } from '../../train/paramsFile.js';
import { UsageError } from '../../util/errors.js';

/*
 * A RunRecord keeps metrics, not weights, so a decision boundary needs the run trained again. This
 * replays a record's run on the main thread with the trainer itself (a TrainingSession advanced
 * exactly `record.final.iteration` updates), then checks that the replayed network's training loss
 * equals the record's final one. A mismatch (the trainer changed, or the record came from another
 * version) is reported, never hidden.
 */

export interface ReplayedRun {
  /** The network with its final parameters (a LayerNetwork for a network.layers config). */
  net: DenseNetwork | LayerNetwork;
  data: DataBundle;
  /** Training loss of the replayed parameters (to compare with record.final.trainLoss). */
  trainLoss: number;
  /** The replay reproduced the record's final training loss (relative difference ≤ 1e-9). */
  matches: boolean;
}

/** Trains the record's config again, up to the record's final logged iteration. */
export function replayRun(record: RunRecord, data: DataBundle = makeDataset(record.config.data)): ReplayedRun {
  const config = structuredClone(record.config);
  // The boundary needs weights only: statistics would cost a pass per record for nothing.
  delete config.training.statsEvery;
  const session = new TrainingSession(config, data);
  session.advance(record.final.iteration);
  const net = session.model;
  const trainLoss = trainLossOf(net, data);
  return { net, data, trainLoss, matches: lossMatches(trainLoss, record.final.trainLoss) };
}

/** Where a boundary's network came from: the run's stored parameters, or training it again. */
export interface BoundaryRun extends ReplayedRun {
  source: 'stored' | 'retrained';
  /** Why stored parameters were not used (a damaged or foreign file); absent when they were, or when there were none. */
  storedProblem?: string;
}

/**
 * The network of a record's final parameters: loaded from the sweep's DIR/params/<id>.safetensors
 * (issue 13 item 4) when that file holds this run's config at the record's final iteration — no
 * training at all — else trained again (replayRun). Either way its training loss is checked
 * against the record's (`matches`).
 */
export function boundaryRun(dir: string, record: RunRecord, data: DataBundle = makeDataset(record.config.data)): BoundaryRun {
  const path = paramsPath(dir, record.id);
  let storedProblem: string | undefined;
  if (existsSync(path)) {
    try {
      const stored = decodeParams(readFileSync(path), path);
      if (stored.config === undefined || canonicalJson(stored.config) !== canonicalJson(record.config)) storedProblem = `${path} holds another run's parameters`;
      else if (stored.iteration !== record.final.iteration) storedProblem = `${path} holds the parameters after ${stored.iteration} updates, the record ends at ${record.final.iteration}`;
      else {
        const net = networkFromParams(stored, path);
        const trainLoss = trainLossOf(net, data);
        return { net, data, trainLoss, matches: lossMatches(trainLoss, record.final.trainLoss), source: 'stored' };
      }
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      storedProblem = err.message;
    }
  }
  return { ...replayRun(record, data), source: 'retrained', ...(storedProblem !== undefined ? { storedProblem } : {}) };
}

function trainLossOf(net: DenseNetwork | LayerNetwork, data: DataBundle): number {
  const kind = data.task === 'regression' ? 'r2' : 'accuracy';
  const evaluator = net instanceof DenseNetwork ? new Evaluator(net, data.train, kind) : new Evaluator(net, data.train, kind);
  evaluator.run();
  return evaluator.loss;
}

function lossMatches(trainLoss: number, expected: number): boolean {
  return Object.is(trainLoss, expected) || Math.abs(trainLoss - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

/** The final parameters of a replayed run. */
export function replayedParameters(run: ReplayedRun): Parameters {
  return run.net.getParameters();
}

/**
 * The predicted class at each of m points (feature-major, nFeatures × m): P > 0.5 for a sigmoid or
 * linear head, the arg-max logit for softmax. Also returns P(class 1) for binary heads.
 */
export function predictClasses(net: DenseNetwork | LayerNetwork, x: Float64Array, m: number): { classes: Uint8Array; p1: Float64Array | null } {
  const z: FloatArray = forwardLogits(net, x, m);
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
