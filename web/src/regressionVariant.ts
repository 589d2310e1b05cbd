import type { Dataset } from '../../src/data/types.js';
import type { TrainingData } from '../../src/train/trainer.js';

/*
 * The regression variant of a classification data set (issue 15, build 1: "plus any data set's
 * regression variant"). One rule for every set: the same points, the same train/test split, and
 * the class label c of k classes as a real target on TensorFlow Playground's scale [−1, 1],
 *
 *   t = 2·c / (k − 1) − 1        (binary: class 0 → −1, class 1 → +1; k classes evenly spaced),
 *
 * fitted by the engine's linear head with the mean squared error; the panels report R². For two
 * classes this is how TF Playground itself trains its classification sets (labels ±1, square
 * error: its src/dataset.ts and nn.ts), less its tanh output. For k > 2 classes (blobs, spiral with
 * more arms) the targets follow the class index, an order the geometry does not have: the net must
 * put the classes on one line, which is harder than classifying them. The page's colours read
 * −1 orange … +1 blue, so the variant looks like the classification set it comes from.
 */

export type PlaygroundTask = 'classification' | 'regression';
export const TASKS: readonly PlaygroundTask[] = ['classification', 'regression'];

/** The target of class `c` of `k`: 2c/(k − 1) − 1. */
export function regressionTarget(c: number, k: number): number {
  if (!(Number.isInteger(k) && k >= 2 && Number.isInteger(c) && c >= 0 && c < k)) throw new RangeError(`class ${c} of ${k}: the regression variant needs a class index 0 … k−1, k ≥ 2.`);
  return (2 * c) / (k - 1) - 1;
}

function relabel(d: Dataset, k: number): Dataset {
  const y = new Float64Array(d.nSamples);
  for (let s = 0; s < d.nSamples; s++) y[s] = regressionTarget(d.y[s]!, k);
  // The points are shared, not copied: the variant changes the targets only.
  return { ...d, y };
}

/** The regression variant of classification data; regression data is returned as it is. */
export function asRegression(data: TrainingData): TrainingData {
  if (data.task === 'regression') return data;
  const k = data.nClasses;
  return { train: relabel(data.train, k), test: relabel(data.test, k), nClasses: 1, task: 'regression' };
}
