import { availableParallelism } from 'node:os';
import { UsageError } from '../../util/errors.js';
import type { RunConfig, RunRecord } from '../runTypes.js';
import { formatInitSpec } from '../../init/spec.js';
import { runId } from './ids.js';
import { runStreamingPool, siblingModule, WorkerTaskError } from '../workerPool.js';
import type { PausedRun, RunFunction, RunnerRef, RunSegment, SegmentAnswer, SegmentFunction, SweepTask } from './runner.js';
import type { EarlyStopSpec, SweepMetric } from './earlyStop.js';
import { trainPending } from './rungs.js';
import { readCheckpointBytes, storeAnswerFiles } from './runFiles.js';
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
  /**
   * Who trains a run: a module the workers load (default: initlab's), or a function run in-process
   * (tests). With stored parameters or early termination the module's `runSegment` export is
   * called instead (./runner.ts); an in-process runner then is a SegmentFunction.
   */
  runner?: RunnerRef | RunFunction | { segment: SegmentFunction };
  /** What sweep.json records: the spec as written and its file. */
  manifest: { spec: unknown; specFile?: string };
  /** Called once the pending runs are known (before any starts). */
  onStart?: (pending: readonly RunConfig[], finished: number) => void;
  /** Called after each finished run has been appended to runs.jsonl. */
  onRecord?: (record: RunRecord, pendingIndex: number) => void;
  onProgress?: (pendingIndex: number, done: number, total: number) => void;
  /**
   * Store each run's parameters under DIR/params (and with `saveInitial` its initial ones): the
   * runner hands them back and the coordinator writes them (./runFiles.ts). Default: true with
   * initlab's runner, false with another (which may not have a `runSegment`).
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
    const { pending, pendingIds } = store.pendingOf(configs, ids);
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
    const storeParams = options.storeParams ?? options.runner === undefined;
    const segments = storeParams || options.earlyStop !== undefined;
    if (segments && typeof runner === 'function') throw new Error('stored parameters and early termination need a runner with segments ({ segment } or a module with runSegment)');
    const segmentFor = (i: number, until: number | undefined): RunSegment => {
      const resumeFrom = readCheckpointBytes(dir, pendingIds[i]!);
      return { params: storeParams, ...(until !== undefined ? { until } : {}), ...(resumeFrom ? { resumeFrom } : {}), ...(options.saveInitial ? { saveInitial: true } : {}) };
    };
    // Runs the given pending indices (each to `until(i)`, or its end) on the workers, writes the files
    // each hands back, and gives each answer to `onAnswer`.
    const train = async (indices: readonly number[], until: (i: number) => number | undefined, onAnswer: (i: number, answer: RunRecord | PausedRun) => void): Promise<void> => {
      // The files first (./runFiles.ts), so that a record in runs.jsonl always has its files.
      const answer = (i: number, a: RunRecord | SegmentAnswer): void => onAnswer(i, 'files' in a ? storeAnswerFiles(dir, pendingIds[i]!, a) : a);
      // Started most expensive first (./schedule.ts); indices below are task positions, order[t] the pending index.
      const order = longestFirst(indices.map((i) => pending[i]!)).map((t) => indices[t]!);
      if (typeof runner === 'function' || 'segment' in runner) {
        for (const i of order) {
          const progress = options.onProgress && ((d: number, t: number) => options.onProgress!(i, d, t));
          answer(i, typeof runner === 'function' ? runner(pending[i]!, progress) : runner.segment(pending[i]!, progress, segmentFor(i, until(i))));
        }
        return;
      }
      const tasks: SweepTask[] = order.map((i) => ({ config: pending[i]!, runner, ...(segments ? { segment: segmentFor(i, until(i)) } : {}) }));
      const onProgress = options.onProgress;
      try {
        await runStreamingPool<SweepTask, RunRecord | SegmentAnswer>(tasks, {
          workers: options.workers ?? availableParallelism(),
          workerUrl: siblingModule(import.meta.url, '../sweepWorker'),
          onResult: (t, a) => answer(order[t]!, a),
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
    await trainPending({ dir, configs, ids, store, pending, pendingIds, earlyStop: options.earlyStop, train, accept });
    const outcome = { total: configs.length, skipped, ran: pending.length, records: [...store.records] };
    store.close();
    return outcome;
  } catch (err) {
    // Keeps every finished run; a sweep that stored none leaves no folder or file behind.
    store.discardIfEmpty();
    throw err;
  }
}
