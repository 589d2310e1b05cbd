import { availableParallelism } from 'node:os';
import { defaultBackend } from '../kernels/index.js';
import type { Backend } from '../kernels/types.js';
import { UsageError } from '../util/errors.js';
import { VERSION } from '../version.js';
import type { CompareConfig } from './config.js';
import { runCompareTask, type CompareRunResult, type CompareTask } from './compareRun.js';
import { runPool, siblingModule, WorkerTaskError } from './workerPool.js';

/** How runComparison runs: backend, worker threads, memory limit, progress callbacks. */
export interface CompareOptions {
  /** Kernel backend; default: WebAssembly SIMD when available, else plain TS. */
  backend?: Backend;
  /** Worker threads; default: one per initializer, at most the number of cores. 1 runs in-process. */
  workers?: number;
  onProgress?: (initIndex: number, done: number, total: number) => void;
}

/** What a comparison produced, plus what it takes to reproduce it. */
export interface ComparisonResult {
  initlab: { version: string; backend: Backend; workers: number; node: string };
  config: CompareConfig;
  runs: CompareRunResult[];
}

/**
 * Trains the same network from each initializer of the config, on the same data, and collects the
 * cost curves, accuracies and findings. Runs are independent, so they go to worker threads; the
 * numbers are the same whatever the number of workers.
 */
export async function runComparison(config: CompareConfig, options: CompareOptions = {}): Promise<ComparisonResult> {
  const backend = options.backend ?? defaultBackend();
  const workers = options.workers ?? Math.min(availableParallelism(), config.inits.length);
  const tasks: CompareTask[] = config.inits.map((_, initIndex) => ({ config, initIndex, backend }));
  let runs: CompareRunResult[];
  if (workers <= 1 || tasks.length === 1) {
    runs = tasks.map((task, i) => runCompareTask(task, options.onProgress && ((d, t) => options.onProgress!(i, d, t))));
  } else {
    try {
      runs = await runPool<CompareTask, CompareRunResult>(tasks, {
        workers,
        workerUrl: siblingModule(import.meta.url, 'compareWorker'),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } catch (err) {
      if (err instanceof WorkerTaskError && err.usage) throw new UsageError(err.message);
      throw err;
    }
  }
  return { initlab: { version: VERSION, backend, workers: Math.max(1, Math.min(workers, tasks.length)), node: process.version }, config, runs };
}
