/**
 * initlab — the library's root entry (`import … from 'initlab'`): random streams, initializers,
 * data, networks and training, diagnostics, mean-field theory and the numerical kernels.
 *
 * Everything reachable from here runs in Node and in browsers: no `node:*` imports, no vega or
 * resvg (test/package/ bundles it with esbuild --platform=browser and times its import). The
 * experiments that use files, worker threads or the CLI's tooling are in `initlab/node`
 * (src/node.ts); the figures (vega-lite, resvg, fonts) are in `initlab/report` (src/report.ts).
 *
 * @module initlab
 */
import { registerAllInitializers } from './init/frameworks/index.js';

registerAllInitializers();

export { VERSION } from './version.js';
export { UsageError } from './util/errors.js';

// Random streams and the numerics under them.
export * from './random/index.js';
export * from './math/index.js';

// Array codecs (bytes in, bytes out; writing files is initlab/node's writeFileAtomic).
export { encodeNpy, decodeNpy, shapeSize } from './io/npy.js';
export type { DecodedArray, FloatDtype } from './io/npy.js';
export { encodeSafetensors, decodeSafetensors } from './io/safetensors.js';
export type { DecodedSafetensors, TensorInput } from './io/safetensors.js';
// A network's parameters as safetensors (a sweep's DIR/params/<id>.safetensors), and loading them into a network.
export { encodeParams, decodeParams, loadParamsInto, networkFromParams, PARAMS_FORMAT } from './train/paramsFile.js';
export type { StoredParams, StoredParamsInfo } from './train/paramsFile.js';
// A training run paused and continued bit for bit (TrainingSession.checkpoint / restore) as safetensors.
export { encodeCheckpoint, decodeCheckpoint, CHECKPOINT_FORMAT } from './train/checkpointFile.js';
export type { SessionCheckpoint } from './train/session.js';
export { encodeCsv, decodeCsv } from './io/csv.js';

// Data sets, initializers and the WebAssembly / TypeScript kernels. Of the kernels only the engine
// and its module: the GEMM and arena classes under it are internals (they change with the kernels).
export * from './data/index.js';
export * from './init/index.js';
export { createEngine, defaultBackend, compileKernels, compileKernelsAsync, wasmSimdAvailable } from './kernels/index.js';
export type { Backend, FullBatchEngine, KernelModule, Parameters } from './kernels/index.js';

// Networks and training.
export type * from './core/runConfig.js';
export type * from './core/dtype.js';
export { DTYPES } from './core/dtype.js';
// Every setting of a run config, defined once: path, grid key, flag, link key, values, default, doc
// (the table only; the zod schemas made from it stay inside the commands).
export { RUN_SETTINGS, runSetting, defaultRunConfig, formatRuleValue, type Setting } from './settings/table.js';
export type { ValueRule } from './settings/valueRule.js';
export * from './nn/index.js';
export * from './train/index.js';
export { outputHeadFor, hiddenLayersSymmetric } from './train/trainer.js';
// Training with diagnostics' layer-statistics recorder plugged into its hooks (train/ sits below diagnostics/).
export { TrainingSession, trainNetwork, withLayerStats } from './experiments/training.js';
export type { LayerStatsRecorder, LayerStatsSetup, Task, TrainingData, TrainingHooks, TrainingResult } from './train/trainer.js';
export { createOptimizer, resolveOptimizer, OPTIMIZER_NAMES } from './train/optimizers.js';
export type { Optimizer, OptimizerName, ResolvedOptimizer } from './train/optimizers.js';
export { createSchedule, SCHEDULE_NAMES } from './train/schedules.js';
export type { Schedule, ScheduleName } from './train/schedules.js';
export { findingFor, unitsIdentical } from './experiments/findings.js';
export type { Finding, FindingKind } from './experiments/findings.js';

// Diagnostics and mean-field theory.
export * from './diagnostics/index.js';
export * from './theory/index.js';
export { DEFAULT_HISTOGRAM_BINS, DEFAULT_HISTOGRAM_SAMPLES, histogramSpan } from './diagnostics/diagnose.js';
export type { LayerHistograms } from './diagnostics/diagnose.js';
export { signalSample } from './diagnostics/signalSample.js';
export type { LayerSignal } from './diagnostics/signalSample.js';
export { PHASE_ACTIVATIONS, phaseGrid } from './theory/phaseGrid.js';
export type { CriticalPoint, Phase, PhaseCell, PhaseGrid, PhaseGridOptions } from './theory/phaseGrid.js';
