import type { Dtype, FloatArray } from '../core/dtype.js';
import type { MetricPoint, OutputHead, RunConfig } from '../core/runConfig.js';
import type { TrainingStatsPoint } from '../core/trainingStats.js';
import { initializeDenseNetwork, resolveInit } from '../init/index.js';
import { forwardLogits } from '../nn/anyNetwork.js';
import { headOutputs } from '../nn/losses.js';
import { initializeLayerNetwork, needsSkipInit } from '../init/layerNetwork.js';
import { LayerNetwork, layerUnitsSymmetric } from '../nn/layers/network.js';
import { inputShapeFor, planLayers } from '../nn/layers/plan.js';
import { DenseNetwork } from '../nn/network.js';
import { UsageError } from '../util/errors.js';
import { NumpyRandomState } from '../random/index.js';
import type { NumpyRandomStateSnapshot } from '../random/numpyRandomState.js';
import { BatchSampler } from './batches.js';
import { checkCoursePreset, COURSE_CHUNK, CourseSteps } from './courseSteps.js';
import { Evaluator, type AccuracyKind, type BatchWorkspace, type EvaluatedNetwork } from './evaluate.js';
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
 * With `exact: 'course'` the same session steps the course's kernel instead (courseSteps.ts): one
 * training API for the notebook's experiment and every other run.
 */
/** One update's forward and backward on the full-size or the last (smaller) batch of an epoch, over workspaces made once. */
interface BatchStep {
  lossAndGradients(x: Float64Array, y: Float64Array, size: number, l2: number, l1: number): number;
}

function batchStep<W>(
  net: { createWorkspace(m: number): W; lossAndGradients(x: FloatArray, y: Float64Array, ws: W, l2?: number, l1?: number): number },
  full: number, last: number,
): BatchStep {
  const wsFull = net.createWorkspace(full);
  const wsLast = last === full ? wsFull : net.createWorkspace(last);
  return { lossAndGradients: (x, y, size, l2, l1) => net.lossAndGradients(x, y, size === full ? wsFull : wsLast, l2, l1) };
}

/** The per-update step and the train/test evaluators of a network, its workspaces made once (training ones first). */
function trainingParts<W extends BatchWorkspace>(
  net: EvaluatedNetwork<W> & { createWorkspace(m: number): W; lossAndGradients(x: FloatArray, y: Float64Array, ws: W, l2?: number, l1?: number): number },
  sampler: BatchSampler, data: TrainingData, kind: AccuracyKind,
): { step: BatchStep; trainEval: Evaluator<W>; testEval: Evaluator<W> } {
  const step = batchStep(net, sampler.batchSize, sampler.lastBatchSize);
  return { step, trainEval: new Evaluator(net, data.train, kind), testEval: new Evaluator(net, data.test, kind) };
}

export class TrainingSession {
  readonly config: RunConfig;
  /** [nFeatures, hidden…, nOut]; for a `network.layers` network [nFeatures, nOut]. */
  readonly layerSizes: readonly number[];
  /** config.training.iterations. */
  readonly total: number;

  private readonly net: DenseNetwork | LayerNetwork;
  /** The course kernel, when config.exact is 'course' (then `net` only mirrors its weights on demand). */
  private readonly course: CourseSteps | undefined;
  private readonly data: TrainingData;
  private readonly hooks: TrainingHooks;
  private readonly optimizer: Optimizer;
  private readonly schedule: Schedule;
  private readonly sampler: BatchSampler;
  private readonly shuffleRng: NumpyRandomState;
  private readonly step: BatchStep;
  private readonly trainEval: { run(): void; loss: number; accuracy: number };
  private readonly testEval: { run(): void; loss: number; accuracy: number };
  private readonly l2: number;
  private readonly l1: number;
  private readonly logEvery: number;
  private readonly target: number | undefined;

  private k = 0;
  private done = false;
  private status: TrainingResult['status'] = 'ok';
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
  /** The course path's weights one update before `previousAt + 1` (its statistics chunking, courseSteps.ts). */
  private previousAt = -1;

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
    // checkTraining has refused any exact but 'course'.
    if (config.exact !== undefined) checkCoursePreset(config, data, head);
    if (config.network.layers !== undefined) {
      if ((t.l1 ?? 0) !== 0) throw new UsageError('training.l1 is not yet available for network.layers networks; use training.l2, or network.hidden.');
      const net = layerNetworkFor(config, data, head, init, hooks);
      this.net = net;
      this.layerSizes = [data.train.nFeatures, net.nOutputs];
    } else {
      this.layerSizes = layerSizesFor(config, data);
      // Data-dependent inits (lsuv) forward the training set through this network's own activation.
      const params = initializeDenseNetwork(init, [...this.layerSizes], new NumpyRandomState(), config.initSeed, {
        x: data.train.x, m: data.train.nSamples, activation: config.network.activation,
        ...(config.network.slope !== undefined ? { slope: config.network.slope } : {}),
      });
      this.net = new DenseNetwork(
        {
          layerSizes: [...this.layerSizes], activation: config.network.activation, output: head,
          ...(config.network.slope !== undefined ? { slope: config.network.slope } : {}),
          ...(config.dtype !== undefined ? { dtype: config.dtype } : {}),
          ...(hooks.backend !== undefined ? { backend: hooks.backend } : {}),
        },
        params,
      );
      if (config.exact === 'course') this.course = new CourseSteps(this.layerSizes, data, params, hooks.backend);
    }
    // The optimizer state lives in the network's memory and every update runs there.
    this.optimizer = createResolvedOptimizer(optimizerSpec, this.net.params, this.net);
    this.shuffleRng = new NumpyRandomState(t.shuffleSeed ?? config.initSeed + 1);
    this.sampler = new BatchSampler(data.train, t.batchSize ?? 0, this.shuffleRng);
    // Training workspaces, then evaluation ones: the order (and so the memory layout) a dense network always had.
    if (this.net instanceof LayerNetwork && this.sampler.batchSize > this.net.maxTrainingBatch) {
      throw new UsageError(`training.batchSize: a batch of ${this.sampler.batchSize} samples${this.sampler.fullBatch ? ' (the full training set)' : ''} needs more than 1 GiB of buffers for this network; use batchSize ≤ ${this.net.maxTrainingBatch}.`);
    }
    // (The branch only picks each network's workspace type; both build the same parts.)
    const parts = this.net instanceof LayerNetwork ? trainingParts(this.net, this.sampler, data, kind) : trainingParts(this.net, this.sampler, data, kind);
    this.step = parts.step;
    this.trainEval = parts.trainEval;
    this.testEval = parts.testEval;
    this.l2 = t.l2 ?? 0;
    this.l1 = t.l1 ?? 0;
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
            layerSizes: this.layerSizes, activation: this.net.activation, output: head, slope: this.net.slope,
            x: data.train.x, y: data.train.y, m: data.train.nSamples, l2: this.l2, l1: this.l1,
            momentsFromKernel: this.course !== undefined,
          })
        : undefined;
    const start = performance.now();
    if (this.course) this.logCourse(this.course);
    else this.log();
    if (!this.done && this.k === this.total) this.done = true;
    // The initial parameters' statistics even when their first evaluation diverged: they show why.
    this.recordStats();
    this.elapsedMs += performance.now() - start;
  }

  /**
   * The network being trained, at the current weights: a DenseNetwork for `network.hidden`, a
   * LayerNetwork for `network.layers`. On the course path (`exact: course`) its weights are copied
   * in from the course kernel at every access (the kernel, not this object, is what trains).
   */
  get model(): DenseNetwork | LayerNetwork {
    if (this.course && this.net instanceof DenseNetwork) this.net.setParameters(this.course.parameters());
    return this.net;
  }

  /** The dense network of a `network.hidden` config (as `model`). @throws Error for a `network.layers` config (use `model`). */
  get network(): DenseNetwork {
    const net = this.model;
    if (!(net instanceof DenseNetwork)) throw new Error('this session trains a network.layers network: use session.model');
    return net;
  }

  /**
   * The output head's values (sigmoid, softmax or identity of the logits) on the training set at
   * the current weights, nOutputs × m, sample-minor. On the course path: the course kernel's sigmoid.
   */
  outputs(): Float64Array {
    if (this.course) return this.course.outputs();
    const { train } = this.data;
    const net = this.net;
    const z = forwardLogits(net, train.x, train.nSamples);
    const out = new Float64Array(z.length);
    headOutputs(net.output, z, out, net.nOutputs, train.nSamples);
    return out;
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
    if (this.course) {
      this.advanceCourse(this.course, maxUpdates);
      return;
    }
    const start = performance.now();
    for (let n = 0; n < maxUpdates && !this.done; n++) {
      const k = this.k;
      this.sampler.next();
      const loss = this.step.lossAndGradients(this.sampler.x, this.sampler.y, this.sampler.size, this.l2, this.l1);
      if (!Number.isFinite(loss)) {
        this.diverge(k);
        break;
      }
      // The update ratio at k + 1 needs the weights before this update; copied only when k + 1 may be recorded.
      if (this.recorder && (statsDue(k + 1, this.statsEvery, this.total) || (k + 1) % this.logEvery === 0)) {
        this.previousWeights = copyWeights(this.net.params);
      }
      if (!this.optimizer.step(this.net.params, this.net.grads, this.schedule.learningRate(k))) {
        // A non-finite gradient belongs to the parameters after k updates; a non-finite weight to k + 1.
        this.diverge(allFinite(this.net.grads) ? k + 1 : k);
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

  /**
   * Everything the run needs to go on from here (copies): parameters, optimizer state and step
   * count, the batch sampler's place and stream, the logged points and statistics. A session of the
   * same config and data given it by `restore` continues bit for bit as this one would
   * (test/train/checkpoint.test.ts); ./checkpoint.ts writes it as safetensors.
   * @throws Error once the run has finished (a finished run has a record instead).
   */
  checkpoint(): SessionCheckpoint {
    if (this.done) throw new Error('a finished run has no checkpoint: its result() is the record');
    if (this.net instanceof LayerNetwork) throw new UsageError('pausing a run (a sweep\'s earlyStop) is not yet available for network.layers networks; remove earlyStop, or use network.hidden.');
    const p = this.network.params;
    const L = p.weights.length;
    const buffers: FloatArray[][] = [];
    for (let j = 0; j < this.optimizer.stateBuffers; j++) {
      buffers.push(Array.from({ length: 2 * L }, (_, t) => this.optimizer.stateBuffer(j as 0 | 1, t)!.slice()));
    }
    return {
      iteration: this.k,
      dtype: this.network.dtype,
      weights: p.weights.map((w) => w.slice()),
      biases: p.biases.map((b) => b.slice()),
      optimizer: { name: this.optimizer.name, steps: this.optimizer.steps, buffers },
      sampler: { ...this.sampler.saveState(), rng: this.shuffleRng.getState() },
      points: structuredClone(this.points),
      stats: structuredClone(this.stats),
      seconds: this.elapsedMs / 1000,
    };
  }

  /**
   * Continues from `checkpoint` (taken from a session of the same config and data): call it on a
   * fresh session, before any `advance`.
   * @throws RangeError when the checkpoint does not fit this run's network, optimizer or data.
   */
  restore(checkpoint: SessionCheckpoint): void {
    if (this.k !== 0 || this.done) throw new Error('restore() needs a fresh session (no update done, not finished)');
    const c = checkpoint;
    const L = this.network.depth;
    const misfit = (what: string) => new RangeError(`checkpoint does not fit this run: ${what}`);
    if (c.dtype !== this.network.dtype) throw misfit(`dtype ${c.dtype}, the run trains in ${this.network.dtype}`);
    if (c.weights.length !== L || c.biases.length !== L) throw misfit(`${c.weights.length} layers, the network has ${L}`);
    if (c.optimizer.name !== this.optimizer.name || c.optimizer.buffers.length !== this.optimizer.stateBuffers) throw misfit(`optimizer ${c.optimizer.name}, the run uses ${this.optimizer.name}`);
    if (!Number.isSafeInteger(c.iteration) || c.iteration < 0 || c.iteration >= this.total) throw misfit(`iteration ${c.iteration} of ${this.total}`);
    this.net.setParameters({ weights: c.weights, biases: c.biases });
    this.course?.setParameters({ weights: c.weights as Float64Array[], biases: c.biases as Float64Array[] });
    c.optimizer.buffers.forEach((tensors, j) => {
      tensors.forEach((values, t) => {
        const view = this.optimizer.stateBuffer(j as 0 | 1, t)!;
        if (values.length !== view.length) throw misfit(`optimizer state ${j} of tensor ${t} has ${values.length} values, not ${view.length}`);
        view.set(values);
      });
    });
    this.optimizer.setSteps(c.optimizer.steps);
    this.sampler.restoreState(c.sampler);
    this.shuffleRng.setState(c.sampler.rng);
    this.k = c.iteration;
    this.points.splice(0, this.points.length, ...structuredClone(c.points));
    this.firstPoint = this.points[0];
    this.stats.splice(0, this.stats.length, ...structuredClone(c.stats));
    this.previousWeights = undefined;
    this.elapsedMs = c.seconds * 1000;
  }

  /** The layer-statistics records so far (empty unless config.training.statsEvery is set). */
  get layerStats(): readonly TrainingStatsPoint[] {
    return this.stats;
  }

  /**
   * The course path: the kernel runs in chunks that end at every log point, every COURSE_CHUNK
   * updates, one update before and at every statistics point, and at the end of this call; the
   * weights are checked for finiteness after each chunk (courseSteps.ts).
   */
  private advanceCourse(course: CourseSteps, maxUpdates: number): void {
    const start = performance.now();
    const end = Math.min(this.total, this.k + Math.min(maxUpdates, this.total));
    const every = this.recorder ? this.statsEvery : 0;
    while (!this.done && this.k < end) {
      const k = this.k;
      let stop = Math.min((Math.floor(k / this.logEvery) + 1) * this.logEvery, k + COURSE_CHUNK, end);
      if (every > 0) {
        // Stop one update before each recorded iteration too, to keep the weights the update ratio compares with.
        const nextStats = Math.min((Math.floor(k / every) + 1) * every, this.total);
        stop = Math.min(stop, nextStats - 1 > k ? nextStats - 1 : nextStats);
      }
      course.step(stop - k, this.schedule.learningRate(k));
      this.k = stop;
      if (!course.parametersFinite()) {
        this.diverge(stop);
        break;
      }
      if (this.k === this.total) this.done = true;
      if (this.k % this.logEvery === 0 || this.done) this.logCourse(course);
      else if (this.k % COURSE_CHUNK === 0) this.hooks.onProgress?.(this.k, this.total);
      this.recordCourseStats(course);
    }
    this.elapsedMs += performance.now() - start;
  }

  /**
   * The course path's statistics at k (and the weights kept for k + 1's update ratio). A recorder
   * with recordMoments gets the kernel's own statistics (its pass at these parameters, and the
   * weights kept inside the kernel): no parameter copies and no second pass; others get copies.
   */
  private recordCourseStats(course: CourseSteps): void {
    const recorder = this.recorder;
    if (!recorder || this.status !== 'ok') return;
    const k = this.k;
    const due = (i: number) => statsDue(i, this.statsEvery, this.total);
    const atEnd = this.done && !due(k);
    if (!due(k) && !due(k + 1) && !atEnd) return;
    const fromKernel = recorder.recordMoments !== undefined;
    const params = fromKernel ? undefined : course.parameters();
    if (due(k) || atEnd) {
      const hasPrevious = this.previousAt === k - 1;
      const point = params === undefined
        ? recorder.recordMoments!(k, course.layerMoments(hasPrevious))
        : recorder.record(k, params, hasPrevious ? this.previousWeights : undefined);
      this.stats.push(point);
      this.hooks.onStats?.(point);
    }
    if (due(k + 1)) {
      if (params === undefined) course.keepWeights();
      else this.previousWeights = params.weights;
      this.previousAt = k;
    }
  }

  /** Logs the course's cost and accuracy on both sets; a +∞ cost is logged as the notebook prints it. */
  private logCourse(course: CourseSteps): void {
    const point: MetricPoint = { iteration: this.k, ...course.evaluate() };
    this.firstPoint ??= point;
    this.keep(point);
  }

  /** Records a logged point, tells the hooks, and ends the run once the training loss reaches targetLoss. */
  private keep(point: MetricPoint): void {
    this.points.push(point);
    this.hooks.onLog?.(point);
    this.hooks.onProgress?.(this.k, this.total);
    if (this.target !== undefined && point.trainLoss <= this.target) {
      this.iterationsToTarget = this.k;
      this.done = true;
    }
  }

  private recordStats(): void {
    if (!this.recorder) return;
    if (this.course) {
      this.recordCourseStats(this.course);
      return;
    }
    const point = this.recorder.record(this.k, this.net.params, this.k > 0 ? this.previousWeights : undefined);
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
    this.keep(point);
  }
}

/** A run's state mid-way (TrainingSession.checkpoint / restore). */
export interface SessionCheckpoint {
  /** Updates done. */
  iteration: number;
  dtype: Dtype;
  weights: FloatArray[];
  biases: FloatArray[];
  /** The optimizer's steps and its state buffers, [buffer][tensor] (tensors: weights, then biases). */
  optimizer: { name: string; steps: number; buffers: FloatArray[][] };
  /** The batch sampler: place in the epoch, epoch count, the epoch's permutation and the shuffle stream. */
  sampler: { position: number; epoch: number; order: Uint32Array; rng: NumpyRandomStateSnapshot };
  points: MetricPoint[];
  stats: TrainingStatsPoint[];
  /** Training seconds so far. */
  seconds: number;
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
