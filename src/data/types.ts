/**
 * A labelled data set in the course's layout: features are rows, samples are columns
 * (X has shape (nFeatures, nSamples), stored row-major, so x[f * nSamples + s]).
 * That is the layout the kernels stream over: each feature row is contiguous across samples.
 */
export interface Dataset {
  readonly nFeatures: number;
  readonly nSamples: number;
  /** Feature-major values, length nFeatures * nSamples. */
  readonly x: Float64Array;
  /** Labels, length nSamples (0/1 for binary classification). */
  readonly y: Float64Array;
}
