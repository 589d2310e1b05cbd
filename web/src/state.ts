import type { Dtype } from '../../src/core/dtype.js';
import { DATASETS, datasetInfo, type DataSetInfo } from '../../src/data/registry.js';
import { resolveParams, type ParamValue } from '../../src/data/params.js';
import type { Activation, DataSpec, RunConfig } from '../../src/core/runConfig.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { parseInitSpec } from '../../src/init/spec.js';
import type { OptimizerName } from '../../src/train/optimizers.js';
import { DEFAULT_FEATURES, type FeatureName } from './features.js';
import { REGRESSION_NAMES, REGRESSION_SETS } from './regressionData.js';
import type { PlaygroundTask } from './regressionVariant.js';

/*
 * Everything the page's view depends on, as plain data: it is what the URL encodes (url.ts), what a
 * reload restores and what the JSON export records. The panels' RunConfigs are derived from it
 * (runConfigFor), so a link reproduces the numbers, not just the look.
 */

// The page resolves initializer specs from the registry (idempotent; the worker's session does it too).
registerAllInitializers();

/** 'custom' = hand-placed or uploaded points: they live in memory only, never in a link. */
export const CUSTOM_DATA = 'custom';

/**
 * Generators the page offers: every data set of the registry that draws its points from the seed,
 * then TF Playground's two regression sets (regressionData.ts).
 */
export const GENERATOR_NAMES: readonly string[] = [...DATASETS.filter((d) => d.kind === 'generator').map((d) => d.name), ...REGRESSION_NAMES];

/** A generator's description and parameters: the registry's, or a regression set's. */
export function dataInfo(name: string): DataSetInfo {
  return REGRESSION_SETS.find((d) => d.name === name) ?? datasetInfo(name);
}

/** Points per set the page trains on at most (the registry allows 10⁷; a browser tab does not). */
export const MAX_PAGE_SAMPLES = 20_000;

export interface DataState {
  /** A generator of src/data (circles, moons, …) or CUSTOM_DATA. */
  name: string;
  /** The data seed: the generator's numpy stream and its train/test split (separate from the weight seed). */
  seed: number;
  /** Every parameter of the generator, defaults filled in (resolveParams' output). */
  params: Record<string, ParamValue>;
}

/** TF Playground's two regression sets are regression whatever the task control says. */
export function isRegressionSet(name: string): boolean {
  return REGRESSION_NAMES.includes(name);
}

export interface PanelState {
  /** An initializer spec string of the registry, e.g. 'he' or 'random:scale=10'. */
  init: string;
  /** Overrides the shared weight seed for this panel. */
  seed?: number;
}

export type HistogramView = 'off' | 'activations' | 'gradients';

export interface PlaygroundState {
  data: DataState;
  /**
   * 'regression': a classification set's regression variant (regressionVariant.ts: the class label
   * as a target on [−1, 1], the linear head, R²). The regression sets are regression either way.
   */
  task: PlaygroundTask;
  hidden: number[];
  activation: Activation;
  optimizer: OptimizerName;
  /** The training's floating-point format (float64: the exact reproduction). */
  dtype: Dtype;
  learningRate: number;
  /** 0 = full batch. */
  batchSize: number;
  iterations: number;
  /** The initSeed of every panel that does not override it. */
  weightSeed: number;
  panels: PanelState[];
  histograms: HistogramView;
  /** The per-neuron heat maps of small nets (web/src/neurons.ts). */
  neurons: boolean;
  /** The network's inputs (TensorFlow Playground's features); ['x', 'y'] = the points as they are. */
  features: FeatureName[];
  /** L2 weight decay λ (training.l2: λ/2·‖W‖² added to the loss, biases excluded); 0 = none. */
  l2: number;
  /** L1 penalty λ₁ (training.l1: λ₁·Σ|W| added to the loss, biases excluded); 0 = none. */
  l1: number;
  /** Heat maps in full class colours (P ≥ ½ or not) instead of shades: TF Playground's "discretize output". */
  discretize: boolean;
  /** Test points drawn on the heat maps (hollow rings). */
  showTest: boolean;
  /** The network graph with per-layer weight and gradient norms (graph.ts). */
  graph: boolean;
}

/** A generator's parameters with their defaults, optionally overridden (strings accepted, as from a URL). */
export function dataParams(name: string, given: Readonly<Record<string, unknown>> = {}): Record<string, ParamValue> {
  const info = dataInfo(name);
  const params = { ...resolveParams(info.name, info.params, given) };
  for (const key of ['samples', 'testSamples']) {
    const v = params[key];
    if (typeof v === 'number' && v > MAX_PAGE_SAMPLES) throw new Error(`data set '${name}': ${key} ${v} is more than the ${MAX_PAGE_SAMPLES} points per set the page trains on.`);
  }
  return params;
}

/**
 * The reproduced experiment (the course notebook, README "Reproduction"): circles, 300 training
 * points with seed 1 and 100 test points with seed 2, noise 0.05; [2, 10, 5, 1] relu with a sigmoid
 * head; full-batch gradient descent, lr 0.01, 15 000 updates; init seed 3; zeros, random×10, He.
 */
export function articleState(): PlaygroundState {
  return {
    data: { name: 'circles', seed: 1, params: dataParams('circles', { samples: 300, noise: 0.05, testSeed: 2, testSamples: 100 }) },
    task: 'classification',
    hidden: [10, 5],
    activation: 'relu',
    optimizer: 'sgd',
    dtype: 'float64',
    learningRate: 0.01,
    batchSize: 0,
    iterations: 15000,
    weightSeed: 3,
    panels: [{ init: 'zeros' }, { init: 'random:scale=10' }, { init: 'he' }],
    histograms: 'activations',
    neurons: false,
    features: [...DEFAULT_FEATURES],
    l2: 0,
    l1: 0,
    discretize: false,
    showTest: true,
    graph: false,
  };
}

/** The page opens on the article's experiment. */
export const defaultState = articleState;

/** Curves get about 300 points at most; the steps are round so the notebook's every-1000 points are among them. */
export function logEveryFor(iterations: number): number {
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
  return steps.find((s) => iterations / s <= 300) ?? Math.max(1, Math.ceil(iterations / 300));
}

/** The data spec of a generated data set. */
export function dataSpecOf(data: DataState): DataSpec {
  return { name: data.name, seed: data.seed, ...data.params };
}

/** Panel i's training configuration. */
export function runConfigFor(state: PlaygroundState, panel: number): RunConfig {
  const p = state.panels[panel];
  if (!p) throw new RangeError(`no panel ${panel}`);
  return {
    data: dataSpecOf(state.data),
    // The regression variant says its head, so the exported config is explicit about it.
    network: { hidden: [...state.hidden], activation: state.activation, ...(state.task === 'regression' ? { output: 'linear' as const } : {}) },
    init: parseInitSpec(p.init),
    initSeed: p.seed ?? state.weightSeed,
    ...(state.dtype === 'float32' ? { dtype: 'float32' as const } : {}),
    training: {
      optimizer: { name: state.optimizer },
      learningRate: state.learningRate,
      batchSize: state.batchSize,
      iterations: state.iterations,
      logEvery: logEveryFor(state.iterations),
      ...(state.l2 > 0 ? { l2: state.l2 } : {}),
      ...(state.l1 > 0 ? { l1: state.l1 } : {}),
    },
  };
}
