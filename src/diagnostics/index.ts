export {
  layerStatistics, moments, histogram, defaultHistogramRange, SATURATION_LEVEL,
  type Histogram, type LayerStatistics, type LayerStatisticsOptions, type Moments, type NetworkStatistics,
} from './statistics.js';
export { detectProblems, DEFAULT_THRESHOLDS, type Problem, type ProblemContext, type ProblemKind, type ProblemThresholds } from './problems.js';
export { diagnose } from './diagnose.js';
export type { Diagnosis, DiagnosedLayer, DiagnoseOptions } from './diagnose.js';
export {
  TrainingStatsRecorder, checkStatsEvery, statsDue, updateRatio, copyWeights,
  type TrainingLayerStats, type TrainingStatsPoint, type TrainingStatsRecorderOptions,
} from './trainingStatistics.js';
