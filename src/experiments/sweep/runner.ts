import type { RunConfig, RunRecord } from '../runTypes.js';

/**
 * What trains one run: a pure function of the config (its streams are seeded from it alone). A
 * runner that understands `segment` (initlab's, ./realRunner.ts) stores parameters in the sweep's
 * folder and may pause at `segment.until`, returning a PausedRun; others ignore it.
 */
export type RunFunction = (config: RunConfig, onProgress?: (done: number, total: number) => void, segment?: RunSegment) => RunRecord;

/** A sweep's request to a runner for one run: where its files go, and where to pause (a rung, in updates). */
export interface RunSegment {
  /** The sweep's folder (DIR/params, DIR/checkpoints: ./runFiles.ts). */
  dir: string;
  /** Pause after this many updates unless the run ends first; absent: train to the end. */
  until?: number;
  /** Also store the initial parameters. */
  saveInitial?: boolean;
}

/** A run paused at a rung: its checkpoint is in DIR/checkpoints. */
export interface PausedRun {
  id: string;
  pausedAt: number;
}

/**
 * A runner that worker threads can load: a module URL and the name of its exported RunFunction.
 * The default is initlab's own (./realRunner); tests inject others.
 */
export interface RunnerRef {
  module: string;
  export: string;
}

/** One unit of work for a sweep worker. */
export interface SweepTask {
  config: RunConfig;
  runner: RunnerRef;
  segment?: RunSegment;
}
