import type { RunConfig, RunRecord } from '../runTypes.js';

/** What trains one run: a pure function of the config (its streams are seeded from it alone). */
export type RunFunction = (config: RunConfig, onProgress?: (done: number, total: number) => void) => RunRecord;

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
}
