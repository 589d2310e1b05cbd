import { makeDataset } from '../../data/makeDataset.js';
import { runOne } from '../runOne.js';
import type { RunConfig, RunRecord } from '../runTypes.js';

/** initlab's runner for sweeps: `runOne` on `makeDataset`'s data (loaded by the sweep workers). */
export function runConfig(config: RunConfig, onProgress?: (done: number, total: number) => void): RunRecord {
  return runOne(config, makeDataset, onProgress ? { onProgress } : {});
}
