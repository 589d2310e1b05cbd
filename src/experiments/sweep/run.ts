import { availableParallelism } from 'node:os';
import { UsageError } from '../../util/errors.js';
import type { RunConfig, RunRecord } from '../runTypes.js';
import { formatInitSpec } from '../../init/spec.js';
import { runId } from './ids.js';
import { runStreamingPool, siblingModule, WorkerTaskError } from '../workerPool.js';
import type { PausedRun, RunFunction, RunnerRef, RunSegment, SweepTask } from './runner.js';
import type { EarlyStopSpec, SweepMetric } from './earlyStop.js';
import { runRungs } from './rungs.js';
import { removeCheckpoint, removeEmptyCheckpoints } from './runFiles.js';

/** A runner called with a segment may pause (./realRunner.ts). */
type SegmentRunner = (config: RunConfig, onProgress: ((done: number, total: number) => void) | undefined, segment: RunSegment) => RunRecord | PausedRun;
import { longestFirst } from './schedule.js';
import { RunStore, writeManifest } from './store.js';

/** A run in a few words for error messages: `init he, seed 3, hidden 10x5, lr 0.01`. */
export function describeRun(c: RunConfig): string {
  return `init ${formatInitSpec(c.init)}, seed ${c.initSeed}, data ${c.data.name}, hidden ${c.network.hidden.join('x') || 'none'}, lr ${c.training.learningRate}`;
}

/** initlab's own runner: runOne on makeDataset's data (./realRunner). */
export function defaultRunner(): RunnerRef {
  return { module: siblingModule(import.meta.url, 'realRunner').href, export: 'runConfig' };
}

export interface SweepRunOptions {
  /** Worker threads; default: the number of cores. */
  workers?: number;
  /** Who trains a run: a module the workers load (default: initlab's), or a function run in-process (tests). */
  runner?: RunnerRef | RunFunction;
  /** What sweep.json records: the spec as written and its file. */
  manifest: { spec: unknown; specFile?: string };
  /** Called once the pending runs are known (before any starts). */
  onStart?: (pending: readonly RunConfig[], finished: number) => void;
  /** Called after each finished run has been appended to runs.jsonl. */
  onRecord?: (record: RunRecord, pendingIndex: number) => void;
  onProgress?: (pendingIndex: number, done: number, total: number) => void;
  /**
   * Store each run's parameters under DIR/params (and with `saveInitial` its initial ones), through
   * the runner's segment (./realRunner.ts); default true. Runners that do not understand segments
   * ignore it.
   */
  storeParams?: boolean;
  saveInitial?: boolean;
  /** Early termination at rungs (./earlyStop.ts, ./rungs.ts); needs a runner that understands segments. */
  earlyStop?: { spec: EarlyStopSpec; metric: SweepMetric };
}

export interface SweepOutcome {
  /** Runs in the sweep. */
  total: number;
  /** Runs found finished in runs.jsonl and skipped. */
  skipped: number;
  /** Runs done now. */
  ran: number;
  /** Every stored record (earlier ones first, then this session's in completion order; runs start most expensive first, see ./schedule.ts). */
  records: RunRecord[];
}

/**
 * Runs every config of a sweep not yet in DIR/runs.jsonl, on worker threads, appending each record as
 * it finishes. Writes DIR/sweep.json (atomically) first. The records do not depend on the worker
 * count or on which runs were done before: each run's numbers come from its config alone.
 */
export async function runSweep(dir: string, configs: readonly RunConfig[], options: SweepRunOptions): Promise<SweepOutcome> {
  const ids = configs.map(runId);
  const store = RunStore.open(dir);
  try {
    writeManifest(dir, { spec: options.manifest.spec, ...(options.manifest.specFile !== undefined ? { specFile: options.manifest.specFile } : {}), runs: configs.length, ids });
    const pendingIds: string[] = [];
    const pending: RunConfig[] = [];
    configs.forEach((c, i) => {
      if (!store.has(ids[i]!)) {
        pending.push(c);
        pendingIds.push(ids[i]!);
      }
    });
    const skipped = configs.length - pending.length;
    options.onStart?.(pending, skipped);

    const accept = (index: number, record: RunRecord) => {
      if (record.id !== pendingIds[index]) {
        throw new Error(`the runner returned id ${record.id} for a config whose id is ${pendingIds[index]}`);
      }
      store.append(record);
      options.onRecord?.(record, index);
    };

    const runner = options.runner ?? defaultRunner();
    const storeParams = options.storeParams ?? true;
    const segmentFor = (until?: number): RunSegment | undefined =>
      storeParams || until !== undefined ? { dir, ...(until !== undefined ? { until } : {}), ...(options.saveInitial ? { saveInitial: true } : {}) } : undefined;
    // Runs the given pending indices (each to `until[i]`, or its end) on the workers; each answer goes to `onAnswer`.
    const train = async (indices: readonly number[], until: (i: number) => number | undefined, onAnswer: (i: number, answer: RunRecord | PausedRun) => void): Promise<void> => {
      // Started most expensive first (./schedule.ts); indices below are task positions, order[t] the pending index.
      const order = longestFirst(indices.map((i) => pending[i]!)).map((t) => indices[t]!);
      if (typeof runner === 'function') {
        for (const i of order) {
          const progress = options.onProgress && ((d: number, t: number) => options.onProgress!(i, d, t));
          const segment = segmentFor(until(i));
          onAnswer(i, segment ? (runner as SegmentRunner)(pending[i]!, progress, segment) : runner(pending[i]!, progress));
        }
        return;
      }
      const tasks: SweepTask[] = order.map((i) => {
        const segment = segmentFor(until(i));
        return { config: pending[i]!, runner, ...(segment ? { segment } : {}) };
      });
      const onProgress = options.onProgress;
      try {
        await runStreamingPool<SweepTask, RunRecord | PausedRun>(tasks, {
          workers: options.workers ?? availableParallelism(),
          workerUrl: siblingModule(import.meta.url, '../sweepWorker'),
          onResult: (t, answer) => onAnswer(order[t]!, answer),
          ...(onProgress ? { onProgress: (t: number, done: number, total: number) => onProgress(order[t]!, done, total) } : {}),
        });
      } catch (err) {
        if (err instanceof WorkerTaskError) {
          const i = order[err.index]!;
          const message = `run ${pendingIds[i]} (${describeRun(pending[i]!)}): ${err.message}`;
          throw err.usage ? new UsageError(message) : new Error(message);
        }
        throw err;
      }
    };
    const finished = (i: number, answer: RunRecord | PausedRun): void => {
      if ('pausedAt' in answer) throw new Error(`run ${pendingIds[i]} paused at ${answer.pausedAt} with no rung there`);
      accept(i, answer);
      removeCheckpoint(dir, pendingIds[i]!);
    };
    if (options.earlyStop) {
      await runRungs({ dir, configs, ids, store, pending, pendingIds, ...options.earlyStop, train, accept: finished });
    } else {
      await train(
        pending.map((_, i) => i),
        () => undefined,
        finished,
      );
    }
    removeEmptyCheckpoints(dir);
    const outcome = { total: configs.length, skipped, ran: pending.length, records: [...store.records] };
    store.close();
    return outcome;
  } catch (err) {
    // Keeps every finished run; a sweep that stored none leaves no folder or file behind.
    store.discardIfEmpty();
    throw err;
  }
}
