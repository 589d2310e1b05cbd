/**
 * initlab/node — the parts of initlab that need Node.js: writing files, the comparison and sweep
 * experiments (worker threads, run stores on disk, YAML/JSON spec files) and the trainability
 * experiment built on sweeps. Import the numerics themselves from the root entry `initlab`; the
 * figures are in `initlab/report`.
 *
 * @module initlab/node
 */
import { registerAllInitializers } from './init/frameworks/index.js';

// Experiments resolve initializer names; make them registered even when the root is not imported.
registerAllInitializers();

export { writeFileAtomic } from './io/atomicFile.js';

// The comparison of the course's initializations (the CLI's `compare`).
export { runComparison } from './experiments/compare.js';
export type { CompareOptions, ComparisonResult } from './experiments/compare.js';
export { runCompareTask, compareData, layerSizesFor } from './experiments/compareRun.js';
export type { CompareTask, CompareRunResult } from './experiments/compareRun.js';
export { defaultCompareConfig, resolveCompareConfig, validateCompareInput } from './experiments/config.js';
export type { CompareConfig, CompareConfigInput } from './experiments/config.js';
export { comparisonDocument, stringifyResults } from './experiments/resultsDocument.js';

// Single runs and sweeps of them.
export { runOne } from './experiments/runOne.js';
export type { DataMaker } from './experiments/runOne.js';
export { runId, canonicalJson } from './experiments/runId.js';
export { parseSweepSpec, readSweepSpec, expandSweep, sweepSize } from './experiments/sweep/spec.js';
export type { SweepSpec, SweepAxis } from './experiments/sweep/spec.js';
export type { SweepMetric, EarlyStopSpec } from './experiments/sweep/earlyStop.js';
export { runSweep } from './experiments/sweep/run.js';
export { summarizeRuns, summaryCsv } from './experiments/sweep/summarize.js';
export type { SweepSummary, GroupSummary, SettingRanking } from './experiments/sweep/summarize.js';
export { studentTQuantile } from './experiments/sweep/stats.js';

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
