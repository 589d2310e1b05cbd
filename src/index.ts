/**
 * initlab — the library entry point. The CLI (`initlab`) and, later, the web playground are thin
 * shells over these exports.
 */
import { registerAllInitializers } from './init/frameworks/index.js';

registerAllInitializers();

export { VERSION } from './version.js';
export { UsageError } from './util/errors.js';
export * from './random/index.js';
export * from './math/index.js';
export * from './io/index.js';
export * from './data/index.js';
export * from './init/index.js';
export * from './kernels/index.js';
export type { Backend, FullBatchEngine, Parameters } from './kernels/types.js';
export * from './train/index.js';
export { runComparison } from './experiments/compare.js';
export type { CompareOptions, ComparisonResult } from './experiments/compare.js';
export { runCompareTask, compareData, layerSizesFor } from './experiments/compareRun.js';
export type { CompareTask, CompareRunResult } from './experiments/compareRun.js';
export { defaultCompareConfig, resolveCompareConfig, validateCompareInput } from './experiments/config.js';
export type { CompareConfig, CompareConfigInput } from './experiments/config.js';
export { findingFor, unitsIdentical } from './experiments/findings.js';
export type { Finding, FindingKind } from './experiments/findings.js';
export { comparisonDocument, stringifyResults } from './experiments/resultsDocument.js';
export * from './report/index.js';
export { comparisonFigures } from './report/comparisonFigures.js';

// Training real networks and sweeps.
export type * from './core/runConfig.js';
export * from './nn/index.js';
export { outputHeadFor, hiddenLayersSymmetric } from './train/trainer.js';
// Training with diagnostics' layer-statistics recorder plugged into its hooks (train/ sits below diagnostics/).
export { TrainingSession, trainNetwork, withLayerStats } from './experiments/training.js';
export type { LayerStatsRecorder, LayerStatsSetup, Task, TrainingData, TrainingHooks, TrainingResult } from './train/trainer.js';
export { createOptimizer, resolveOptimizer, OPTIMIZER_NAMES } from './train/optimizers.js';
export type { Optimizer, OptimizerName, ResolvedOptimizer } from './train/optimizers.js';
export { createSchedule, SCHEDULE_NAMES } from './train/schedules.js';
export type { Schedule, ScheduleName } from './train/schedules.js';
export { runOne } from './experiments/runOne.js';
export type { DataMaker } from './experiments/runOne.js';
export { runId, canonicalJson } from './experiments/runId.js';
export { parseSweepSpec, readSweepSpec, expandSweep, sweepSize } from './experiments/sweep/spec.js';
export type { SweepSpec, SweepAxis } from './experiments/sweep/spec.js';
export { runSweep } from './experiments/sweep/run.js';
export { summarizeRuns, summaryCsv } from './experiments/sweep/summarize.js';
export type { SweepSummary, GroupSummary, SettingRanking } from './experiments/sweep/summarize.js';
export { studentTQuantile } from './experiments/sweep/stats.js';

// Diagnostics and mean-field theory (first parts of the "see inside" work).
export * from './diagnostics/index.js';
export * from './theory/index.js';
export { DEFAULT_HISTOGRAM_BINS, DEFAULT_HISTOGRAM_SAMPLES, histogramSpan } from './diagnostics/diagnose.js';
export type { LayerHistograms } from './diagnostics/diagnose.js';
export { signalSample } from './diagnostics/signalSample.js';
export type { LayerSignal } from './diagnostics/signalSample.js';
export { PHASE_ACTIVATIONS, phaseGrid } from './theory/phaseGrid.js';
export type { CriticalPoint, Phase, PhaseCell, PhaseGrid, PhaseGridOptions } from './theory/phaseGrid.js';

// The trainability experiment (depth × σ_w² or × init, against mean-field theory's 6ξ_c).
export {
  assembleTrainability,
  correlationDepthScale,
  defaultTrainabilitySettings,
  effectiveSigmas,
  meanfieldInit,
  theoryCurve,
  trainabilityColumns,
  trainabilityInits,
  trainabilityRuns,
  trainabilitySweepSpec,
} from './experiments/trainability.js';
export type {
  TheoryPoint,
  TrainabilityAxis,
  TrainabilityCell,
  TrainabilityColumn,
  TrainabilityDocument,
  TrainabilityMetric,
  TrainabilitySettings,
  TrainabilityTheory,
} from './experiments/trainability.js';
export { logCellEdges, renderTrainabilityFigure, trainabilityFigureSpec } from './report/trainabilityFigure.js';
