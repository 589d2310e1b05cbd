import type { Dtype } from './dtype.js';
import type { InitSpec } from './initSpec.js';
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
  /** circles, moons, blobs, spiral, xor, gauss, checkerboard, csv, npy, fashion-mnist, mnist, idx */
  name: string;
  /** Seed of the generator's numpy-compatible or default stream (and of the train/test split). */
  seed: number;
  [parameter: string]: string | number | boolean | number[];
}

/**
 * Every optimizer's name: sgd, momentum (heavy ball, Polyak 1964), nesterov (Sutskever et al. 2013),
 * rmsprop (Tieleman & Hinton 2012) and adam (Kingma & Ba 2015). The vocabulary's one list: the
 * optimizers (train/optimizers.ts) and the settings table read it.
 */
export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const;

/** Every learning-rate schedule's name: constant, step (PyTorch StepLR), cosine (Loshchilov & Hutter 2017); see train/schedules.ts. */
export const SCHEDULE_NAMES = ['constant', 'step', 'cosine'] as const;

/** An optimizer and its parameters, e.g. {name: 'adam', beta1: 0.9}; see OPTIMIZER_NAMES and resolveOptimizer. */
export interface OptimizerSpec {
  name: (typeof OPTIMIZER_NAMES)[number];
  [parameter: string]: string | number;
}

/** A learning-rate schedule and its parameters, e.g. {name: 'step', every: 100, factor: 0.5}; see createSchedule. */
export interface ScheduleSpec {
  name: (typeof SCHEDULE_NAMES)[number];
  [parameter: string]: string | number;
}

/**
 * One training run, complete: data, network, initializer and its seed, training (optimizer, schedule, iterations, logging), float format. Its canonical JSON is the run's id.
 */
export interface RunConfig {
  data: DataSpec;
  /**
   * 'course': train with the course notebook's arithmetic, bit for bit (its full-batch kernel, its
   * cost formula, its accuracy): the preset `compare` runs. It needs the notebook's kind of run —
   * ReLU hidden layers, a sigmoid output on binary data, full-batch sgd at a constant rate, no
   * penalty, float64 — and is refused otherwise. Absent = the general engine (and the run id stays
   * what it was before this field existed).
   */
  exact?: 'course';
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
    /**
     * L1 penalty λ₁ (adds λ₁·Σ|W| to the loss; biases excluded). Its gradient is the subgradient
     * λ₁·sign(W) with sign(0) = 0, as PyTorch's `torch.sign` and TF Playground's L1 give.
     */
    l1?: number;
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

/** ok / diverged: trained to its end (or targetLoss); stopped: ended at a rung by the sweep's early termination. */
export type RunStatus = 'ok' | 'diverged' | 'stopped';

/** What a finished run leaves behind: one line of runs.jsonl. */
export interface RunRecord {
  /** Hash of the canonical RunConfig. */
  id: string;
  config: RunConfig;
  status: RunStatus;
  /** First iteration at which a weight, gradient or the loss was non-finite. */
  divergedAt?: number;
  /** The rung (updates done) at which the sweep's early termination stopped the run (status 'stopped'). */
  stoppedAt?: number;
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
  /** Who ran it, when it ran on a queue worker (`initlab worker`): all of the queue's metadata. */
  worker?: WorkerInfo;
}

/** The queue worker that ran a run: its host name, process id, and which attempt of the job it was (1 = first). */
export interface WorkerInfo {
  host: string;
  pid: number;
  attempt: number;
}

/**
 * A run whose training threw on a queue worker (a data file missing on that machine, say), or whose
 * worker died on it too often: its error instead of metrics. It is in runs.jsonl, so it is not
 * queued again; remove its line to try it again.
 */
export interface FailedRunRecord {
  id: string;
  config: RunConfig;
  status: 'failed';
  error: string;
  seconds: number;
  initlab: { version: string };
  worker?: WorkerInfo;
}

/*
 * The vocabulary of `network.layers` (issue 14, item 2): what a user writes in a run config, as
 * plain JSON/YAML objects. Validation and shapes: src/nn/layers/plan.ts.
 *
 * Tensors are (channels, height, width) per sample; a dense layer's output is (units, 1, 1). In the
 * engine's feature-major layout a batch of them is (C·H·W) × m with feature c·H·W + y·W + x, which
 * is PyTorch's NCHW flattening order, so `flatten` moves no data.
 */

/** 'same' (TensorFlow's rule: out = ⌈in/stride⌉, the odd pixel of padding at the bottom/right), 'valid' (none), or p pixels on every side. */
export type Padding = 'same' | 'valid' | number;

/** A 2-D convolution (cross-correlation, as PyTorch's Conv2d): `filters` output channels of k × k kernels, with bias. */
export interface Conv2dLayerSpec {
  type: 'conv2d';
  filters: number;
  /** Square kernel size k (k × k). */
  kernel: number;
  /** Default 1. */
  stride?: number;
  /** Default 'valid' (PyTorch's and Keras's default). */
  padding?: Padding;
  /** After the convolution; default the network's activation ('linear' for none). */
  activation?: Activation;
}

/** A fully connected layer of `units` outputs (flattens its input first), with bias. */
export interface DenseLayerSpec {
  type: 'dense';
  units: number;
  activation?: Activation;
}

/** Max or average pooling over square windows, per channel (no parameters). */
export interface PoolLayerSpec {
  type: 'maxpool' | 'avgpool';
  /** Square window. */
  size: number;
  /** Default `size` (PyTorch's and Keras's default). */
  stride?: number;
}

/** Flattens (C, H, W) to C·H·W features in PyTorch's NCHW order (moves no data). */
export interface FlattenLayerSpec {
  type: 'flatten';
}

/** Batch normalization (Ioffe & Szegedy 2015) per channel: batch statistics in training, running ones in evaluation, as PyTorch's BatchNorm. */
export interface BatchNormLayerSpec {
  type: 'batchnorm';
  /** Weight of the batch in the running statistics (PyTorch's momentum, default 0.1). */
  momentum?: number;
  /** Added to the variance (default 1e-5, PyTorch's). */
  eps?: number;
  /** After the normalization; default 'linear' (batchnorm usually sits between a linear conv and its activation). */
  activation?: Activation;
}

/** A layer a residual branch may hold. */
export type BranchLayerSpec = Conv2dLayerSpec | DenseLayerSpec | BatchNormLayerSpec;

/** A residual block y = act(x + branch(x)) (He et al. 2016), with an identity or projection skip. */
export interface ResidualLayerSpec {
  type: 'residual';
  /** 'identity' (default when the branch keeps the shape) or 'projection' (1×1 conv or linear; default when it does not). */
  skip?: 'identity' | 'projection';
  /** 1–3 conv2d or dense layers (batchnorm may sit between them); the activation between them, none after the last. */
  layers: BranchLayerSpec[];
  /** Of the sum x + branch(x); default the network's activation. */
  activation?: Activation;
}

/** One entry of `network.layers`. */
export type LayerSpec = Conv2dLayerSpec | DenseLayerSpec | PoolLayerSpec | FlattenLayerSpec | BatchNormLayerSpec | ResidualLayerSpec;
