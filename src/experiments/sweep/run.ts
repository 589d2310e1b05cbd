import { availableParallelism } from 'node:os';
import { UsageError } from '../../util/errors.js';
import type { RunConfig, RunRecord } from '../runTypes.js';
import { formatInitSpec } from '../../init/spec.js';
import { runId } from './ids.js';
import { runStreamingPool, siblingModule, WorkerTaskError } from '../workerPool.js';
import type { RunFunction, RunnerRef, SweepTask } from './runner.js';
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

    // Started most expensive first (./schedule.ts); indices below are task positions, order[t] the pending index.
    const order = longestFirst(pending);
    const runner = options.runner ?? defaultRunner();
    if (typeof runner === 'function') {
      for (const i of order) accept(i, runner(pending[i]!, options.onProgress && ((d, t) => options.onProgress!(i, d, t))));
    } else {
      const tasks: SweepTask[] = order.map((i) => ({ config: pending[i]!, runner }));
      const onProgress = options.onProgress;
      try {
        await runStreamingPool<SweepTask, RunRecord>(tasks, {
          workers: options.workers ?? availableParallelism(),
          workerUrl: siblingModule(import.meta.url, '../sweepWorker'),
          onResult: (t, record) => accept(order[t]!, record),
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
    }
    const outcome = { total: configs.length, skipped, ran: pending.length, records: [...store.records] };
    store.close();
    return outcome;
  } catch (err) {
    // Keeps every finished run; a sweep that stored none leaves no folder or file behind.
    store.discardIfEmpty();
    throw err;
  }
}
