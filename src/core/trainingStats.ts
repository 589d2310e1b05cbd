/*
 * The shape of the per-layer statistics recorded during training (training.statsEvery). A run
 * record carries them, so the shape belongs to the vocabulary; the recorder that computes them is
 * src/diagnostics/trainingStatistics.ts, plugged into training through its hooks.
 */

/** One hidden layer at one recorded iteration. null = not finite (or undefined, see updateRatio). */
export interface TrainingLayerStats {
  /** 1-based hidden layer. */
  layer: number;
  preMean: number | null;
  preStd: number | null;
  postMean: number | null;
  postStd: number | null;
  deadFraction: number;
  saturatedFraction: number | null;
  gradZStd: number | null;
  gradWStd: number | null;
  weightStd: number | null;
  updateRatio: number | null;
}

/** The statistics of every hidden layer after `iteration` updates. */
export interface TrainingStatsPoint {
  iteration: number;
  layers: TrainingLayerStats[];
}
