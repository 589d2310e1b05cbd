import { existsSync } from 'node:fs';
import { makeDataset } from '../../data/makeDataset.js';
import { encodeCheckpoint } from '../../train/checkpointFile.js';
import { encodeParams } from '../../train/paramsFile.js';
import { runOne } from '../runOne.js';
import type { RunConfig, RunRecord } from '../runTypes.js';
import { TrainingSession } from '../training.js';
import { runId } from '../runId.js';
import { VERSION } from '../../version.js';
import type { PausedRun, RunSegment } from './runner.js';
import { checkpointPath, initialParamsPath, paramsPath, readCheckpoint, writeRunFile } from './runFiles.js';

/**
 * initlab's runner for sweeps: `runOne` on `makeDataset`'s data (loaded by the sweep workers).
 * With `segment` (a sweep's folder, ./runFiles.ts): stores the run's parameters under DIR/params,
 * goes on from DIR/checkpoints/<id>.safetensors when there is one, and with `segment.until` pauses
 * there — writing the checkpoint — unless the run ends first. The record is runOne's either way.
 */
export function runConfig(config: RunConfig, onProgress?: (done: number, total: number) => void): RunRecord;
export function runConfig(config: RunConfig, onProgress: ((done: number, total: number) => void) | undefined, segment: RunSegment): RunRecord | PausedRun;
export function runConfig(config: RunConfig, onProgress?: (done: number, total: number) => void, segment?: RunSegment): RunRecord | PausedRun {
  if (!segment) return runOne(config, makeDataset, onProgress ? { onProgress } : {});
  const id = runId(config);
  const session = new TrainingSession(config, makeDataset(config.data), onProgress ? { onProgress } : {});
  const resumed = readCheckpoint(segment.dir, id);
  if (resumed) session.restore(resumed);
  else if (segment.saveInitial) writeRunFile(initialParamsPath(segment.dir, id), encodeParams(session.network, { config, iteration: 0 }));
  const until = segment.until ?? Number.MAX_SAFE_INTEGER;
  if (session.iteration < until) session.advance(until - session.iteration);
  if (!session.finished) {
    // Paused at the rung: the checkpoint to go on from, and the parameters there (the last ones if the run is stopped).
    writeRunFile(checkpointPath(segment.dir, id), encodeCheckpoint(session.checkpoint(), session.layerSizes, config));
    writeRunFile(paramsPath(segment.dir, id), encodeParams(session.network, { config, iteration: session.iteration }));
    return { id, pausedAt: session.iteration };
  }
  writeRunFile(paramsPath(segment.dir, id), encodeParams(session.network, { config, iteration: session.iteration }));
  return { id, ...session.result(), initlab: { version: VERSION } };
}

/** Whether a run's parameters are stored. */
export function hasStoredParams(dir: string, id: string): boolean {
  return existsSync(paramsPath(dir, id));
}
