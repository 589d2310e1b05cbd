import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../../core/runConfig.js';
import type { PausedRun, SegmentAnswer } from './runner.js';
import { writeFileAtomic } from '../../io/atomicFile.js';
import { decodeCheckpoint } from '../../train/checkpointFile.js';
import type { SessionCheckpoint } from '../../train/session.js';
import { hiddenLayersSymmetric } from '../../train/trainer.js';
import { VERSION } from '../../version.js';

/*
 * The per-run files of a sweep's folder besides runs.jsonl (issue 13 items 3-4):
 *
 *   DIR/params/<id>.safetensors          the run's final parameters (src/train/paramsFile.ts), or,
 *                                        for a run paused at a rung, its parameters there (a run
 *                                        stopped at that rung keeps them as its last ones)
 *   DIR/params/<id>.initial.safetensors  its initial parameters, with `saveInitial: true`
 *   DIR/checkpoints/<id>.safetensors     a run paused at a rung (src/train/checkpointFile.ts);
 *                                        removed once the run's record is in runs.jsonl
 *
 * Every file is written atomically (a temporary file renamed over it), so a crash leaves the old
 * file or the new one, never half of one.
 */

export const PARAMS_DIR = 'params';
export const CHECKPOINTS_DIR = 'checkpoints';

export const paramsPath = (dir: string, id: string): string => join(dir, PARAMS_DIR, `${id}.safetensors`);
export const initialParamsPath = (dir: string, id: string): string => join(dir, PARAMS_DIR, `${id}.initial.safetensors`);
export const checkpointPath = (dir: string, id: string): string => join(dir, CHECKPOINTS_DIR, `${id}.safetensors`);

export function writeRunFile(path: string, bytes: Uint8Array): void {
  writeFileAtomic(path, bytes);
}

/**
 * Writes the files a runner handed back with a segment's answer (./runner.ts) and returns the
 * answer proper: the record of a run that ended, or the paused run. The parameters come first, so
 * that a record in runs.jsonl always has its files; a paused run's checkpoint too. Local sweeps
 * (./run.ts) and queue coordinators (./queue/coordinator.ts) both store answers through here, so
 * their folders hold the same files, byte for byte.
 */
export function storeAnswerFiles(dir: string, id: string, a: SegmentAnswer): RunRecord | PausedRun {
  if (a.files.initial) writeRunFile(initialParamsPath(dir, id), a.files.initial);
  if (a.files.params) writeRunFile(paramsPath(dir, id), a.files.params);
  if ('paused' in a) {
    if (!a.files.checkpoint) throw new Error(`run ${id} paused without a checkpoint`);
    writeRunFile(checkpointPath(dir, id), a.files.checkpoint);
    return a.paused;
  }
  return a.record;
}

/** A paused run's checkpoint; undefined when it has none. */
export function readCheckpoint(dir: string, id: string): SessionCheckpoint | undefined {
  const path = checkpointPath(dir, id);
  if (!existsSync(path)) return undefined;
  return decodeCheckpoint(readFileSync(path), path).checkpoint;
}

/** A paused run's checkpoint file as bytes (handed to the runner to go on from); undefined when it has none. */
export function readCheckpointBytes(dir: string, id: string): Uint8Array | undefined {
  const path = checkpointPath(dir, id);
  return existsSync(path) ? readFileSync(path) : undefined;
}

export function removeCheckpoint(dir: string, id: string): void {
  rmSync(checkpointPath(dir, id), { force: true });
}

/** Removes DIR/checkpoints once a sweep has left nothing paused in it. */
export function removeEmptyCheckpoints(dir: string): void {
  const path = join(dir, CHECKPOINTS_DIR);
  if (existsSync(path) && readdirSync(path).length === 0) rmdirSync(path);
}

/**
 * The record of a run stopped at rung `stoppedAt` (updates), from its checkpoint there: the points
 * logged so far, the last as `final`, `"status": "stopped"`.
 */
export function stoppedRecord(id: string, config: RunRecord['config'], c: SessionCheckpoint, stoppedAt: number, layerSizes: readonly number[]): RunRecord {
  return {
    id,
    config,
    status: 'stopped',
    stoppedAt,
    symmetric: hiddenLayersSymmetric({ weights: c.weights, biases: c.biases }, layerSizes),
    metrics: c.points,
    final: c.points[c.points.length - 1]!,
    iterationsToTarget: null,
    seconds: c.seconds,
    ...(config.training.statsEvery !== undefined ? { stats: c.stats } : {}),
    initlab: { version: VERSION },
  };
}
