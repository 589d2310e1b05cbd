/** What `makeDataset` returns (its own file so that the builders it calls can name it without an import cycle). */
import type { ResolvedParams } from './params.js';
import type { Task } from './registry.js';
import type { Standardization } from './split.js';
import type { Dataset } from './types.js';

/** A data set ready for training. */
export interface DataBundle {
  readonly train: Dataset;
  readonly test: Dataset;
  /** Number of classes (2 for binary, k for multiclass); 0 for regression. */
  readonly nClasses: number;
  readonly task: Task;
  /** One name per feature: x0, x1, … for generators and .npy, the CSV header otherwise. */
  readonly featureNames: string[];
  /** Every parameter with its value or default (not `name` or `seed`). */
  readonly parameters: ResolvedParams;
  /** The training-set statistics applied, when `standardize` was asked for. */
  readonly standardization?: Standardization;
  /**
   * Image data kept unflattened (IDX sets with `flatten: false`): the shape of one sample as the
   * file gives it, e.g. [28, 28]. The features are still the pixels in row-major order of this
   * shape (feature f = row·28 + column); layers that see images read it from here. Absent: the
   * samples are plain vectors.
   */
  readonly sampleShape?: readonly number[];
}
