import type { DataSpec, RunConfig, RunRecord } from './runTypes.js';
import { runId } from './runId.js';
import type { TrainingData, TrainingHooks } from '../train/trainer.js';
import { trainNetwork } from './training.js';
import { VERSION } from '../version.js';

/** Makes the data a run trains on from its DataSpec (e.g. `makeDataset` in src/data). */
export type DataMaker = (spec: DataSpec) => TrainingData;

/**
 * One run: makes its data with `makeData(config.data)`, trains (see trainNetwork) and returns the
 * record, whose id is `runId(config)` (a hash of the config exactly as given — defaults are not
 * filled in first, so `{batchSize: 0}` and an absent batchSize are different ids).
 */
export function runOne(config: RunConfig, makeData: DataMaker, hooks?: TrainingHooks): RunRecord {
  const id = runId(config);
  const result = trainNetwork(config, makeData(config.data), hooks);
  return { id, ...result, initlab: { version: VERSION } };
}
