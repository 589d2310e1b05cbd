import type { RunConfig, RunRecord } from '../runTypes.js';

/** What trains one run: a pure function of the config (its streams are seeded from it alone). */
export type RunFunction = (config: RunConfig, onProgress?: (done: number, total: number) => void) => RunRecord;

/**
 * A sweep's request for one run beyond its record (issue 13 items 3-4): where to pause, what to
 * continue from, which parameters to hand back. The runner touches no file: the coordinator reads
 * the checkpoint it passes in and writes what comes back (./runFiles.ts), so that every write of a
 * sweep's folder — and every error of one — is the coordinator's.
 */
export interface RunSegment {
  /** Pause after this many updates unless the run ends first; absent: train to the end. */
  until?: number;
  /** A checkpoint (src/train/checkpointFile.ts) to go on from. */
  resumeFrom?: Uint8Array;
  /** Hand back the final (or paused) parameters as a parameters file. */
  params: boolean;
  /** Hand back the initial parameters too (only when starting from the beginning). */
  saveInitial?: boolean;
}

/** Files a run hands back, as bytes (parameters files, a checkpoint). */
export interface RunFiles {
  params?: Uint8Array;
  initial?: Uint8Array;
  checkpoint?: Uint8Array;
}

/** A run paused at a rung (its checkpoint in `files`). */
export interface PausedRun {
  id: string;
  pausedAt: number;
}

/** What a segment runner answers: a finished run's record, or a paused run; and its files. */
export type SegmentAnswer = ({ record: RunRecord } | { paused: PausedRun }) & { files: RunFiles };

/** A runner that understands segments (initlab's: ./realRunner.ts `runSegment`). */
export type SegmentFunction = (config: RunConfig, onProgress: ((done: number, total: number) => void) | undefined, segment: RunSegment) => SegmentAnswer;

/**
 * A runner that worker threads can load: a module URL and the name of its exported RunFunction.
 * The default is initlab's own (./realRunner); tests inject others.
 */
export interface RunnerRef {
  module: string;
  export: string;
}

/**
 * One unit of work for a sweep worker. With `segment`, the worker calls the runner module's
 * `segmentExport` (default `runSegment`) instead of `runner.export`.
 */
export interface SweepTask {
  config: RunConfig;
  runner: RunnerRef;
  segment?: RunSegment;
}

/** The export a worker calls for a task with a segment. */
export const SEGMENT_EXPORT = 'runSegment';
