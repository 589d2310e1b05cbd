import type { Dtype } from '../core/dtype.js';
import type { InitSpec } from '../core/initSpec.js';
import type { Activation, DataSpec, RunConfig } from '../core/runConfig.js';

/* The trainability experiment's settings and defaults (./trainability.ts builds and reads the grid). */

/** Which final accuracy the heat map shows: on the training set (trainability) or the test set. */
export type TrainabilityMetric = 'train' | 'test';

/** The x axis: σ_w² of the `meanfield` initializer at one σ_b², or a list of initializers. */
export type TrainabilityAxis = { kind: 'sigmaW2'; sigmaW2: number[]; sigmaB2: number } | { kind: 'init'; inits: InitSpec[] };

/** The trainability experiment: activation, width, depths, the x axis (σ_w² values or initializers), data, training, seeds and metric. */
export interface TrainabilitySettings {
  activation: Activation;
  /** Units in every hidden layer. */
  width: number;
  /** Numbers of hidden layers (the y axis). */
  depths: number[];
  axis: TrainabilityAxis;
  data: DataSpec;
  training: RunConfig['training'];
  /** Init seeds in every cell: a count n (seeds 0 … n − 1) or a list of seeds. */
  seeds: number | number[];
  metric: TrainabilityMetric;
  /** The format every run trains in (absent: float64). */
  dtype?: Dtype;
}

/**
 * Small defaults that show the trainable band on 2 cores in about a minute: moons (learnable by a
 * shallow net in a few hundred steps), width 32, SGD on batches of 32. σ_b² = 0.05 as in
 * Schoenholz et al.'s experiments, which puts tanh's critical point at σ_w² ≈ 1.76; σ_w² spans both
 * phases on a log scale (6ξ_c falls below 10 at σ_w² = 0.5 and towards 20 deep in chaos).
 */
export function defaultTrainabilitySettings(): TrainabilitySettings {
  return {
    activation: 'tanh',
    width: 32,
    depths: [2, 4, 8, 12, 16, 24, 32, 48],
    axis: { kind: 'sigmaW2', sigmaW2: [0.25, 0.5, 1, 1.5, 2, 3, 6, 12, 24], sigmaB2: 0.05 },
    data: { name: 'moons', seed: 1, noise: 0.1 },
    training: { optimizer: { name: 'sgd' }, learningRate: 0.1, iterations: 1000, logEvery: 100, batchSize: 32 },
    seeds: 1,
    metric: 'train',
  };
}


