import type { MetricPoint, OutputHead, RunConfig, RunRecord } from '../core/runConfig.js';
import type { TrainingStatsPoint } from '../core/trainingStats.js';
import type { FloatArray } from '../core/dtype.js';
import { initializeDenseNetwork, resolveInit } from '../init/index.js';
import { initializeLayerNetwork, needsSkipInit } from '../init/layerNetwork.js';
import { LayerNetwork, layerUnitsSymmetric } from '../nn/layers/network.js';
import { inputShapeFor, planLayers } from '../nn/layers/plan.js';
import { DenseNetwork } from '../nn/network.js';
import { UsageError } from '../util/errors.js';
import { NumpyRandomState } from '../random/index.js';
import { BatchSampler } from './batches.js';
import { Evaluator, type AccuracyKind } from './evaluate.js';
import { createResolvedOptimizer, resolveOptimizer, type Optimizer } from './optimizers.js';
import { createSchedule, type Schedule } from './schedules.js';
import { copyWeights, statsDue } from './statsSchedule.js';
import {
  allFinite, checkData, checkTraining, hiddenLayersSymmetric, layerSizesFor, outputHeadFor,
  type LayerStatsRecorder, type TrainingData, type TrainingHooks, type TrainingResult,
} from './trainer.js';

/**
 * One training run that can be advanced a few updates at a time (the web playground steps it per
 * frame; `trainNetwork` runs it to the end). The semantics — init, batches, logging, divergence,
 * targetLoss, symmetry — are the ones documented at the top of trainer.ts; stepping changes none
 * of the numbers: advancing 1 + 1 + … updates gives bit for bit what one long advance gives.
 * With training.statsEvery set it needs hooks.layerStats; src/experiments/training.ts's
 * TrainingSession (the one the library exports) plugs diagnostics' recorder in.
 */
/** One update's forward and backward on the full-size or the last (smaller) batch of an epoch, over workspaces made once. */
interface BatchStep {
  lossAndGradients(x: Float64Array, y: Float64Array, size: number, l2: number): number;
}

function batchStep<W>(
  net: { createWorkspace(m: number): W; lossAndGradients(x: FloatArray, y: Float64Array, ws: W, l2?: number): number },
  full: number, last: number,
): BatchStep {
  const wsFull = net.createWorkspace(full);
  const wsLast = last === full ? wsFull : net.createWorkspace(last);
  return { lossAndGradients: (x, y, size, l2) => net.lossAndGradients(x, y, size === full ? wsFull : wsLast, l2) };
}

export class TrainingSession {
  readonly config: RunConfig;
  /** [nFeatures, hidden…, nOut]; for a `network.layers` network [nFeatures, nOut]. */
  readonly layerSizes: readonly number[];
  /** The network being trained: a DenseNetwork for `network.hidden`, a LayerNetwork for `network.layers`. */
  readonly model: DenseNetwork | LayerNetwork;
  /** config.training.iterations. */
  readonly total: number;

  private readonly data: TrainingData;
  private readonly hooks: TrainingHooks;
  private readonly optimizer: Optimizer;
  private readonly schedule: Schedule;
  private readonly sampler: BatchSampler;
  private readonly step: BatchStep;
  private readonly trainEval: { run(): void; loss: number; accuracy: number };
  private readonly testEval: { run(): void; loss: number; accuracy: number };
  private readonly l2: number;
  private readonly logEvery: number;
  private readonly target: number | undefined;

  private k = 0;
  private done = false;
  private status: RunRecord['status'] = 'ok';
  private divergedAt: number | undefined;
  private iterationsToTarget: number | null = null;
  private firstPoint: MetricPoint | undefined;
  private readonly points: MetricPoint[] = [];
  private elapsedMs = 0;
  /** Layer statistics (config.training.statsEvery): the recorder, its records, and the weights one update back. */
  private readonly recorder: LayerStatsRecorder | undefined;
  private readonly statsEvery: number;
  private readonly stats: TrainingStatsPoint[] = [];
  private previousWeights: FloatArray[] | undefined;

  /**
   * Validates, draws the initial weights and logs iteration 0. @throws UsageError on a bad config or
   * data; Error when training.statsEvery is set and hooks.layerStats is not.
   */
  constructor(config: RunConfig, data: TrainingData, hooks: TrainingHooks = {}) {
    checkTraining(config);
    const head = outputHeadFor(config, data);
    checkData(data, head);
    const t = config.training;
    this.config = structuredClone(config);
    this.data = data;
    this.hooks = hooks;
    const init = resolveInit(config.init, 'init');
    const optimizerSpec = resolveOptimizer(t.optimizer);
    this.schedule = createSchedule(t.schedule, t.learningRate, t.iterations);
    const kind: AccuracyKind = data.task === 'regression' ? 'r2' : 'accuracy';
    if (config.network.layers !== undefined) {
      const net = layerNetworkFor(config, data, head, init, hooks);
      this.model = net;
      this.layerSizes = [data.train.nFeatures, net.nOutputs];
    } else {
      this.layerSizes = layerSizesFor(config, data);
      // Data-dependent inits (lsuv) forward the training set through this network's own activation.
      const params = initializeDenseNetwork(init, [...this.layerSizes], new NumpyRandomState(), config.initSeed, {
        x: data.train.x, m: data.train.nSamples, activation: config.network.activation,
        ...(config.network.slope !== undefined ? { slope: config.network.slope } : {}),
      });
      const net = new DenseNetwork(
        {
          layerSizes: [...this.layerSizes], activation: config.network.activation, output: head,
          ...(config.network.slope !== undefined ? { slope: config.network.slope } : {}),
          ...(config.dtype !== undefined ? { dtype: config.dtype } : {}),
          ...(hooks.backend !== undefined ? { backend: hooks.backend } : {}),
        },
        params,
      );
      this.model = net;
    }
    // The optimizer state lives in the network's memory and every update runs there.
    this.optimizer = createResolvedOptimizer(optimizerSpec, this.model.params, this.model);
    this.sampler = new BatchSampler(data.train, t.batchSize ?? 0, new NumpyRandomState(t.shuffleSeed ?? config.initSeed + 1));
    // Training workspaces, then evaluation ones: the order (and so the memory layout) a dense network always had.
    if (this.model instanceof LayerNetwork) {
      const most = this.model.maxTrainingBatch;
      if (this.sampler.batchSize > most) {
        throw new UsageError(`training.batchSize: a batch of ${this.sampler.batchSize} samples${this.sampler.fullBatch ? ' (the full training set)' : ''} needs more than 1 GiB of buffers for this network; use batchSize ≤ ${most}.`);
      }
      this.step = batchStep(this.model, this.sampler.batchSize, this.sampler.lastBatchSize);
      this.trainEval = new Evaluator(this.model, data.train, kind);
      this.testEval = new Evaluator(this.model, data.test, kind);
    } else {
      this.step = batchStep(this.model, this.sampler.batchSize, this.sampler.lastBatchSize);
      this.trainEval = new Evaluator(this.model, data.train, kind);
      this.testEval = new Evaluator(this.model, data.test, kind);
    }
    this.l2 = t.l2 ?? 0;
    this.logEvery = t.logEvery;
    this.target = t.targetLoss;
    this.total = t.iterations;
    this.statsEvery = t.statsEvery ?? 0;
    if (this.statsEvery > 0 && this.model instanceof LayerNetwork) {
      throw new UsageError('training.statsEvery records per-layer statistics of network.hidden networks; a network.layers network has none yet: remove statsEvery.');
    }
    if (this.statsEvery > 0 && !hooks.layerStats) {
      throw new Error('training.statsEvery needs a layer-statistics recorder (hooks.layerStats); the TrainingSession and trainNetwork of src/experiments/training.ts plug one in');
    }
    this.recorder =
      this.statsEvery > 0
        ? hooks.layerStats!({
            layerSizes: this.layerSizes, activation: this.model.activation, output: head, slope: this.model.slope,
            x: data.train.x, y: data.train.y, m: data.train.nSamples, l2: this.l2,
          })
        : undefined;
    const start = performance.now();
    this.log();
    if (!this.done && this.k === this.total) this.done = true;
    // The initial parameters' statistics even when their first evaluation diverged: they show why.
    this.recordStats();
    this.elapsedMs += performance.now() - start;
  }

  /** The dense network of a `network.hidden` config. @throws Error for a `network.layers` config (use `model`). */
  get network(): DenseNetwork {
    if (!(this.model instanceof DenseNetwork)) throw new Error('this session trains a network.layers network: use session.model');
    return this.model;
  }

  /** Updates done so far. */
  get iteration(): number {
    return this.k;
  }

  /** True once `total` updates are done, the run diverged, or the training loss reached targetLoss. */
  get finished(): boolean {
    return this.done;
  }

  /** The logged points so far (finite ones only). */
  get metrics(): readonly MetricPoint[] {
    return this.points;
  }

  /** Does up to `maxUpdates` more updates, logging at every logEvery-th and the last; a no-op once finished. */
  advance(maxUpdates: number): void {
    const start = performance.now();
    for (let n = 0; n < maxUpdates && !this.done; n++) {
      const k = this.k;
      this.sampler.next();
      const loss = this.step.lossAndGradients(this.sampler.x, this.sampler.y, this.sampler.size, this.l2);
      if (!Number.isFinite(loss)) {
        this.diverge(k);
        break;
      }
      // The update ratio at k + 1 needs the weights before this update; copied only when k + 1 may be recorded.
      if (this.recorder && (statsDue(k + 1, this.statsEvery, this.total) || (k + 1) % this.logEvery === 0)) {
        this.previousWeights = copyWeights(this.model.params);
      }
      if (!this.optimizer.step(this.model.params, this.model.grads, this.schedule.learningRate(k))) {
        // A non-finite gradient belongs to the parameters after k updates; a non-finite weight to k + 1.
        this.diverge(allFinite(this.model.grads) ? k + 1 : k);
        break;
      }
      this.k = k + 1;
      if (this.k % this.logEvery === 0 || this.k === this.total) this.log();
      else if (this.k % 1000 === 0) this.hooks.onProgress?.(this.k, this.total);
      if (this.k === this.total) this.done = true;
      if (this.recorder && this.status === 'ok' && (this.done || statsDue(this.k, this.statsEvery, this.total))) this.recordStats();
    }
    this.elapsedMs += performance.now() - start;
  }

  /** The layer-statistics records so far (empty unless config.training.statsEvery is set). */
  get layerStats(): readonly TrainingStatsPoint[] {
    return this.stats;
  }

  private recordStats(): void {
    if (!this.recorder) return;
    const point = this.recorder.record(this.k, this.model.params, this.k > 0 ? this.previousWeights : undefined);
    this.previousWeights = undefined;
    this.stats.push(point);
    this.hooks.onStats?.(point);
  }

  /** The run's record so far (trainNetwork's result once finished). */
  result(): TrainingResult {
    const final = this.points[this.points.length - 1] ?? this.firstPoint!;
    return {
      config: structuredClone(this.config),
      status: this.status,
      ...(this.divergedAt !== undefined ? { divergedAt: this.divergedAt } : {}),
      symmetric: this.model instanceof LayerNetwork ? layerUnitsSymmetric(this.model) : hiddenLayersSymmetric(this.model.params, this.layerSizes),
      metrics: [...this.points],
      final,
      iterationsToTarget: this.iterationsToTarget,
      seconds: this.elapsedMs / 1000,
      ...(this.recorder ? { stats: [...this.stats] } : {}),
    };
  }

  private diverge(at: number): void {
    this.status = 'diverged';
    this.divergedAt = at;
    this.done = true;
  }

  /** Evaluates train and test sets at the current parameters and logs the point (or stops the run). */
  private log(): void {
    this.trainEval.run();
    this.testEval.run();
    const point: MetricPoint = {
      iteration: this.k,
      trainLoss: this.trainEval.loss,
      trainAccuracy: this.trainEval.accuracy,
      testLoss: this.testEval.loss,
      testAccuracy: this.testEval.accuracy,
    };
    this.firstPoint ??= point;
    const testFinite = this.data.test.nSamples === 0 || Number.isFinite(point.testLoss);
    if (!Number.isFinite(point.trainLoss) || !testFinite) {
      this.diverge(this.k);
      return;
    }
    this.points.push(point);
    this.hooks.onLog?.(point);
    this.hooks.onProgress?.(this.k, this.total);
    if (this.target !== undefined && point.trainLoss <= this.target) {
      this.iterationsToTarget = this.k;
      this.done = true;
    }
  }
}

/** The LayerNetwork of a `network.layers` config on this data, with its initial parameters. */
function layerNetworkFor(config: RunConfig, data: TrainingData, head: OutputHead, init: ReturnType<typeof resolveInit>, hooks: TrainingHooks): LayerNetwork {
  const n = config.network;
  if (n.hidden.length > 0) throw new UsageError(`network: give either hidden [${n.hidden.join(', ')}] or layers, not both (the output layer follows layers as it follows hidden).`);
  const input = inputShapeFor(data.train.nFeatures, n.inputShape);
  // SkipInit's α is a parameter of the network, so the init decides its shape (and refuses a net with no residual blocks).
  const skipInit = needsSkipInit(init, planLayers(n.layers, input, n.activation));
  const net = new LayerNetwork({
    layers: n.layers, input, nOutputs: head === 'softmax' ? data.nClasses : 1,
    output: head, activation: n.activation, skipInit,
    ...(n.slope !== undefined ? { slope: n.slope } : {}),
    ...(config.dtype !== undefined ? { dtype: config.dtype } : {}),
    ...(hooks.backend !== undefined ? { backend: hooks.backend } : {}),
  });
  net.setParameters(initializeLayerNetwork(init, net.plan, new NumpyRandomState(), config.initSeed));
  return net;
}

/** Trains one configuration on `data` and returns its record (without id and version). */
export function trainNetwork(config: RunConfig, data: TrainingData, hooks: TrainingHooks = {}): TrainingResult {
  const session = new TrainingSession(config, data, hooks);
  while (!session.finished) session.advance(Number.MAX_SAFE_INTEGER);
  return session.result();
}
