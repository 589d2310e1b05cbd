import type { FloatArray } from '../core/dtype.js';
import type { Activation, MetricPoint, OutputHead, RunConfig, RunRecord } from '../core/runConfig.js';
import type { TrainingStatsPoint } from '../core/trainingStats.js';
import type { Dataset } from '../data/types.js';
import { unitsIdentical } from '../nn/symmetry.js';
import { isScalarRule, ruleProblem } from '../settings/check.js';
import { getPath, RUN_SETTINGS } from '../settings/table.js';
import type { Backend, Parameters } from '../kernels/types.js';
import { UsageError } from '../util/errors.js';

/*
 * Training one RunConfig (issue: "Train real networks and run honest experiments").
 *
 * - Network: [nFeatures, ...hidden, nOut], hidden activation `network.activation`, head
 *   `network.output` (default: sigmoid for 2 classes, softmax for more, linear for regression);
 *   nOut = 1 for sigmoid and linear, nClasses for softmax. Float64 throughout (src/nn).
 * - Init: `initializeDenseNetwork(resolveInit(config.init), layers, new NumpyRandomState(),
 *   config.initSeed, {x: train.x, m, activation: network.activation, slope: network.slope})` — numpy's
 *   legacy stream reseeded with initSeed, as in the course; the data and the activation are used
 *   only by data-dependent inits (lsuv, which forwards the batch through the network's activation).
 * - Batches: batchSize 0/absent (or ≥ m) = full batch. Otherwise each epoch is a fresh permutation
 *   from a NumpyRandomState seeded ONCE with `training.shuffleSeed ?? initSeed + 1` (the same as
 *   numpy's `rs = RandomState(seed); rs.permutation(m)` once per epoch), cut into batches of
 *   batchSize, the last one holding the remainder. `iterations` counts updates, across epochs.
 * - Update t (t = 0 … iterations−1, i.e. after t updates) uses learning rate schedule(t) (schedules.ts)
 *   and the gradient of the batch's mean loss + λ/2·Σ‖W‖² (weights only; see optimizers.ts).
 * - Logging at iteration k = parameters after k updates: k = 0, logEvery, 2·logEvery, … and the last
 *   iteration. trainLoss/testLoss are the mean DATA losses over the whole train/test set (the L2
 *   term is NOT included, so runs with different λ share a scale and targetLoss means data fit).
 *   trainAccuracy/testAccuracy are classification accuracy, or for a regression task R² (see
 *   evaluate.ts) — the record's field names are kept.
 * - Divergence: divergedAt = k when the parameters after k updates hold a non-finite weight, or the
 *   loss or gradient evaluated at them is non-finite (the training batch's loss and gradient at every
 *   update; the whole train and test sets' losses at every log). The run stops at once: nothing
 *   after it is logged, `metrics` holds only finite points, and `final` is the last of them (or, if
 *   the very first evaluation was non-finite, that evaluation as it came out).
 * - targetLoss: iterationsToTarget = the first logged k with trainLoss ≤ targetLoss; the run then
 *   stops there (early stop) and `final` is that point.
 * - symmetric: the network has hidden layers and in every hidden layer of more than one unit all
 *   units are identical at the end (`unitsIdentical`, as findings.ts judges the zeros init).
 * - seconds: wall time from the end of set-up (data made, weights drawn, kernels compiled and
 *   instantiated, buffers allocated: TrainingSession's constructor up to its first evaluation) to
 *   the last metrics (and statistics), every evaluation included; stepping pauses (the playground's
 *   frames) and the final symmetry check are not counted (issue 10, item 4).
 * - statsEvery = k (optional): per-layer statistics (real gradients of the full training set's
 *   objective) at the parameters after 0, k, 2k, … updates and at the run's last point (its end, or
 *   the early stop at targetLoss; nothing after a divergence). They go to `stats` and the onStats
 *   hook. Training does not compute them itself: diagnostics sits above it, so the recorder comes in
 *   through the `layerStats` hook (src/experiments/training.ts plugs in diagnostics'
 *   TrainingStatsRecorder). It works on a private copy of the network, so every metric is the same
 *   with and without statistics.
 */

/** 'regression' trains real targets; every other task (binary, multiclass — src/data's names — or classification) classifies. */
export type Task = 'classification' | 'binary' | 'multiclass' | 'regression';

/** What a run trains on: the data maker's result. Labels: class indices 0…nClasses−1, or real targets. */
export interface TrainingData {
  train: Dataset;
  test: Dataset;
  /** Number of classes (ignored for regression). */
  nClasses: number;
  task: Task;
}

/** What a layer-statistics recorder is built from: the trained network's shape and its full training objective. */
export interface LayerStatsSetup {
  /** [nInputs, hidden…, nOutputs] of the trained network. */
  layerSizes: readonly number[];
  activation: Activation;
  output: OutputHead;
  /** leaky_relu's negative slope. */
  slope?: number;
  /**
   * true: the run is on the course kernel, which hands the recorder its own pass's statistics
   * (recordMoments), so the recorder needs no forward/backward pass of its own.
   */
  momentsFromKernel?: boolean;
  /** The training set, feature-major (layerSizes[0] × m), and its labels as the head takes them. */
  x: Float64Array;
  y: Float64Array;
  m: number;
  /** L2 weight decay λ of the objective. */
  l2?: number;
  /** L1 penalty λ₁ of the objective. */
  l1?: number;
}

/** Records the statistics at `iteration` from the parameters (never modified) and the weights one update earlier (none at 0). */
export interface LayerStatsRecorder {
  record(iteration: number, params: Parameters<FloatArray>, previousWeights?: readonly FloatArray[]): TrainingStatsPoint;
  /**
   * The course preset (exact: course) asks this instead of `record` when the recorder has it: the
   * record at `iteration` from the course kernel's own statistics at those parameters
   * (FullBatchEngine.layerMoments: LAYER_MOMENTS numbers per hidden layer; the update ratio NaN
   * when there is none), so that no second pass over the training set runs.
   */
  recordMoments?(iteration: number, moments: Float64Array): TrainingStatsPoint;
}

/** What a training run may plug in: the backend, progress and record callbacks, and a layer-statistics recorder. */
export interface TrainingHooks {
  /**
   * The kernels the network runs on: 'wasm' (default where WebAssembly SIMD is available) or 'js'.
   * Not a hook but a choice of the caller's environment: both give the same numbers, so it is not
   * part of the run's config or id.
   */
  backend?: Backend;
  /** Called with every logged point, as it is logged. */
  onLog?(point: MetricPoint): void;
  /** Called with (updates done, total) at every log and every 1000 updates. */
  onProgress?(done: number, total: number): void;
  /** Called with every layer-statistics record, as it is made (only when config.training.statsEvery is set). */
  onStats?(point: TrainingStatsPoint): void;
  /**
   * Builds the recorder of config.training.statsEvery's layer statistics (needed when it is set).
   * experiments/training.ts's TrainingSession and trainNetwork plug in diagnostics' TrainingStatsRecorder.
   */
  layerStats?(setup: LayerStatsSetup): LayerStatsRecorder;
}

/** A trained run's record less id and version; training itself ends ok or diverged ('stopped' is a sweep's decision). */
export type TrainingResult = Omit<RunRecord, 'id' | 'initlab' | 'status' | 'stoppedAt'> & { status: 'ok' | 'diverged' };

/** The output head a config gets on this data: its own, or sigmoid (2 classes) / softmax (more) / linear (regression). */
export function outputHeadFor(config: RunConfig, data: Pick<TrainingData, 'nClasses' | 'task'>): OutputHead {
  if (config.network.output) return config.network.output;
  if (data.task === 'regression') return 'linear';
  return data.nClasses === 2 ? 'sigmoid' : 'softmax';
}

/** [nFeatures, ...hidden, nOut] for this config on this data. */
export function layerSizesFor(config: RunConfig, data: TrainingData): number[] {
  const head = outputHeadFor(config, data);
  const nOut = head === 'softmax' ? data.nClasses : 1;
  return [data.train.nFeatures, ...config.network.hidden, nOut];
}

export function fail(message: string): never {
  throw new UsageError(message);
}

export function checkData(data: TrainingData, head: OutputHead): void {
  const { train, test, task, nClasses } = data;
  for (const [name, d] of [['train', train], ['test', test]] as const) {
    if (d.x.length !== d.nFeatures * d.nSamples || d.y.length !== d.nSamples) {
      fail(`${name} set: x must hold nFeatures·nSamples = ${d.nFeatures * d.nSamples} values and y nSamples = ${d.nSamples} (got ${d.x.length} and ${d.y.length}).`);
    }
  }
  if (train.nSamples < 1) fail('the training set is empty.');
  if (test.nFeatures !== train.nFeatures) fail(`train and test sets have ${train.nFeatures} and ${test.nFeatures} features.`);
  if (task === 'regression') {
    if (head !== 'linear') fail(`a regression task needs the linear output head (MSE), not '${head}'.`);
    return;
  }
  if (!Number.isInteger(nClasses) || nClasses < 2) fail(`a classification task needs nClasses ≥ 2, got ${nClasses}.`);
  if (head === 'sigmoid' && nClasses !== 2) fail(`the sigmoid head is binary; this data set has ${nClasses} classes: use softmax.`);
  if (head === 'linear' && nClasses !== 2) fail(`the linear (MSE) head fits one 0/1 target; this data set has ${nClasses} classes: use softmax.`);
  for (const d of [train, test]) {
    for (let s = 0; s < d.nSamples; s++) {
      const v = d.y[s]!;
      if (!Number.isInteger(v) || v < 0 || v >= nClasses) fail(`labels must be class indices 0…${nClasses - 1}; found ${v}.`);
    }
  }
}

/**
 * Checks a run config's scalar settings against their rules in the settings table
 * (src/settings/table.ts: learning rate > 0, iterations 0 … 10⁸, widths, activation, dtype, …), the
 * same check a sweep spec or a flag meets, for configs built in code. The data set, initializer,
 * optimizer and schedule are checked by their own modules when the run builds them.
 */
export function checkTraining(config: RunConfig): void {
  for (const setting of RUN_SETTINGS) {
    if (!isScalarRule(setting.rule)) continue;
    const value = getPath(config, setting.path);
    if (value === undefined && setting.default === undefined) continue;
    const problem = ruleProblem(setting.rule, value);
    if (problem === undefined) continue;
    const item = problem.item !== undefined ? `[${problem.item}]` : '';
    const got = problem.item !== undefined ? (value as unknown[])[problem.item] : value;
    const gotText = typeof got === 'number' || got === undefined ? String(got) : JSON.stringify(got);
    fail(`${setting.path}${item}: ${problem.message}${problem.message.startsWith('unknown ') ? '' : ` (got ${gotText})`}.`);
  }
}

export function allFinite(p: Parameters<FloatArray>): boolean {
  let check = 0;
  for (const t of p.weights) for (let i = 0; i < t.length; i++) check += t[i]! * 0;
  for (const t of p.biases) for (let i = 0; i < t.length; i++) check += t[i]! * 0;
  return check === 0;
}

/** Every hidden layer (of more than one unit) has identical units, and there is at least one hidden layer. */
export function hiddenLayersSymmetric(params: Parameters<FloatArray>, layerSizes: readonly number[]): boolean {
  const hidden = layerSizes.length - 2;
  if (hidden < 1) return false;
  for (let l = 0; l < hidden; l++) {
    const n = layerSizes[l + 1]!;
    if (n < 2) continue;
    if (!unitsIdentical(params.weights[l]!, params.biases[l]!, n, layerSizes[l]!)) return false;
  }
  return layerSizes.slice(1, -1).some((n) => n > 1);
}

// The training loop itself lives in session.ts (a stepwise TrainingSession, which the web playground
// advances a few updates per frame, and trainNetwork, that session run to the end).
