import type { TrainingStatsPoint } from '../core/trainingStats.js';
import { courseCircles } from '../data/circles.js';
import type { Dataset } from '../data/types.js';
import type { InitSpec } from '../init/types.js';
import type { Backend, Parameters } from '../kernels/types.js';
import type { CostPoint } from '../train/courseCost.js';
import type { CompareConfig } from './config.js';
import type { Finding } from './findings.js';

/** One initializer's run inside a comparison: everything needed to do it, and nothing else. */
export interface CompareTask {
  config: CompareConfig;
  initIndex: number;
  backend: Backend;
}

/** One initialization's run in a comparison: its spec and label, the logged costs, accuracies, finding and timing. */
export interface CompareRunResult {
  init: InitSpec;
  label: string;
  costs: CostPoint[];
  finalCost: number;
  trainAccuracy: number;
  testAccuracy: number;
  status: 'ok' | 'diverged';
  divergedAt?: number;
  /** Training-loop seconds (not process start, data generation or kernel compilation). */
  seconds: number;
  finding: Finding;
  /** Final weights, for plots (decision boundaries) and later analysis. */
  parameters: Parameters;
  /** Layer statistics during training, when config.training.statsEvery is set. */
  stats?: TrainingStatsPoint[];
}

/** The network's layer sizes for a config: inputs, hidden…, one sigmoid output. */
export function layerSizesFor(config: CompareConfig, data: Dataset): number[] {
  return [data.nFeatures, ...config.network.hidden, 1];
}

/** The notebook's data: make_circles after np.random.seed(trainSeed) / np.random.seed(testSeed). */
export function compareData(config: CompareConfig): { train: Dataset; test: Dataset } {
  const d = config.data;
  return courseCircles(d.trainSeed, d.testSeed, d.trainSamples, d.testSamples, d.noise);
}

