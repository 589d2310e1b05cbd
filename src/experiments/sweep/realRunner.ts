import { makeDataset } from '../../data/makeDataset.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../train/checkpointFile.js';
import { encodeParams } from '../../train/paramsFile.js';
import { DenseNetwork } from '../../nn/network.js';
import { runOne } from '../runOne.js';
import type { RunConfig, RunRecord } from '../runTypes.js';
import { TrainingSession } from '../training.js';
import { runId } from '../runId.js';
import { VERSION } from '../../version.js';
import type { RunFiles, RunSegment, SegmentAnswer } from './runner.js';

/** initlab's runner for sweeps: `runOne` on `makeDataset`'s data (loaded by the sweep workers). */
export function runConfig(config: RunConfig, onProgress?: (done: number, total: number) => void): RunRecord {
  return runOne(config, makeDataset, onProgress ? { onProgress } : {});
}

/**
 * The same run as a segment (./runner.ts): goes on from `segment.resumeFrom` when given, pauses at
 * `segment.until` unless the run ends first, and hands back its parameters (and checkpoint) as
 * bytes. The record of a run that ends is runConfig's, bit for bit, however many pauses it had.
 */
export function runSegment(config: RunConfig, onProgress: ((done: number, total: number) => void) | undefined, segment: RunSegment): SegmentAnswer {
  const id = runId(config);
  const session = new TrainingSession(config, makeDataset(config.data), onProgress ? { onProgress } : {});
  const files: RunFiles = {};
  if (segment.resumeFrom) session.restore(decodeCheckpoint(segment.resumeFrom, `checkpoint of run ${id}`).checkpoint);
  // Stored parameters cover network.hidden runs (a parameters file describes a dense network); layer networks have none yet.
  const dense = session.model instanceof DenseNetwork;
  if (!segment.resumeFrom && segment.saveInitial && dense) files.initial = encodeParams(session.network, { config, iteration: 0 });
  const until = segment.until ?? Number.MAX_SAFE_INTEGER;
  if (session.iteration < until) session.advance(until - session.iteration);
  // Paused or finished, the parameters where the run stands (a run stopped at this rung keeps them as its last).
  if (segment.params && dense) files.params = encodeParams(session.network, { config, iteration: session.iteration });
  if (!session.finished) {
    files.checkpoint = encodeCheckpoint(session.checkpoint(), session.layerSizes, config);
    return { paused: { id, pausedAt: session.iteration }, files };
  }
  return { record: { id, ...session.result(), initlab: { version: VERSION } }, files };
}
