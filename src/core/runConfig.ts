import type { Dtype } from './dtype.js';
import type { InitSpec } from './initSpec.js';
import type { LayerSpec } from './layerSpec.js';
import type { TrainingStatsPoint } from './trainingStats.js';

/*
 * The shared vocabulary of single training runs and sweeps (issue: "Train real networks and run
 * honest experiments"). A RunConfig is everything a run depends on; its hash is the run's id, so a
 * sweep can skip finished runs and any number of workers gives the same records.
 */

/** Hidden-layer activations. */
export type Activation = 'relu' | 'leaky_relu' | 'elu' | 'selu' | 'gelu' | 'tanh' | 'sigmoid' | 'softplus' | 'linear';

/** Output head + loss: sigmoid + binary cross-entropy, softmax + cross-entropy, linear + MSE. */
export type OutputHead = 'sigmoid' | 'softmax' | 'linear';

/** A data set by name with its parameters (generators) or a file (user data). */
export interface DataSpec {
  /** circles, moons, blobs, spiral, xor, gauss, checkerboard, csv, npy */
  name: string;
  /** Seed of the generator's numpy-compatible or default stream (and of the train/test split). */
  seed: number;
  [parameter: string]: string | number | boolean | number[];
}

export interface OptimizerSpec {
  name: 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam';
  [parameter: string]: string | number;
}

export interface ScheduleSpec {
  name: 'constant' | 'step' | 'cosine';
  [parameter: string]: string | number;
}

export interface RunConfig {
  data: DataSpec;
  /**
   * The format the network trains in; absent = float64 (and the run id stays what it was before this
   * field existed: a config never carries an explicit 'float64').
   */
  dtype?: Dtype;
  network: {
    /** Widths of the dense hidden layers; [] (or absent in a spec file) when `layers` is given. */
    hidden: number[];
    /**
     * A layer list instead of `hidden` (issue 14): conv2d, maxpool, avgpool, flatten, dense, residual,
     * batchnorm (src/nn/layers/spec.ts); the output layer is added from the data's task. Absent = the
     * dense network of `hidden` (and the run id stays what it was before this field existed).
     */
    layers?: LayerSpec[];
    /** One sample's [channels, height, width] for `layers`; default a square one-channel image when the feature count is a square. */
    inputShape?: [number, number, number];
    activation: Activation;
    /** Leaky ReLU's negative slope, when activation is leaky_relu. */
    slope?: number;
    /** Default: sigmoid for 2 classes, softmax for more, linear for regression targets. */
    output?: OutputHead;
  };
  init: InitSpec;
  /** Seed of the initializer's stream (reseeded before the network is drawn, as in the course). */
  initSeed: number;
  training: {
    optimizer: OptimizerSpec;
    learningRate: number;
    /** Mini-batch size; 0 or absent = full batch. Shuffling uses its own stream seeded from shuffleSeed. */
    batchSize?: number;
    shuffleSeed?: number;
    /** Number of parameter updates. */
    iterations: number;
    logEvery: number;
    /** L2 weight decay λ (adds λ/2·‖W‖² to the loss; biases excluded). */
    l2?: number;
    schedule?: ScheduleSpec;
    /** Stop once the logged training loss is at or below this. */
    targetLoss?: number;
    /**
     * Record per-layer statistics (src/diagnostics/trainingStatistics.ts) after 0, k, 2k, … updates
     * and at the end of the run. Absent = off (and the run id stays what it was before this field existed).
     */
    statsEvery?: number;
  };
}

/** One logged point of a run. */
export interface MetricPoint {
  iteration: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
}

export type RunStatus = 'ok' | 'diverged';

/** What a finished run leaves behind: one line of runs.jsonl. */
export interface RunRecord {
  /** Hash of the canonical RunConfig. */
  id: string;
  config: RunConfig;
  status: RunStatus;
  /** First iteration at which a weight, gradient or the loss was non-finite. */
  divergedAt?: number;
  /** Every hidden layer's units were identical at the end (the zeros init never broke symmetry). */
  symmetric: boolean;
  metrics: MetricPoint[];
  final: MetricPoint;
  /** First logged iteration with trainLoss ≤ targetLoss; null if never reached or no target. */
  iterationsToTarget: number | null;
  seconds: number;
  /** Layer statistics during training, when config.training.statsEvery is set. */
  stats?: TrainingStatsPoint[];
  initlab: { version: string };
}
