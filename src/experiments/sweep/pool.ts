import { Worker } from 'node:worker_threads';
import { WorkerTaskError, type WorkerReply } from '../workerPool.js';

/** A task's error, with the index of the task that raised it. */
export class SweepTaskError extends WorkerTaskError {
  constructor(
    message: string,
    usage: boolean,
    readonly index: number,
  ) {
    super(message, usage);
  }
}

export interface StreamingPoolOptions<R> {
  /** Number of worker threads (at most one per task is started). */
  workers: number;
  /** The worker script; it receives `{ index, task }` messages and answers with WorkerReply. */
  workerUrl: URL;
  /** Called on the main thread as each task finishes, in completion order. */
  onResult: (index: number, result: R) => void;
  onProgress?: (index: number, done: number, total: number) => void;
}

/**
 * Like `runPool` (../workerPool.ts), but hands every result over the moment it arrives instead of
 * collecting them, so a sweep can store each finished run before the next one ends. The first error
 * (a worker's or one thrown by `onResult`) stops every worker and rejects.
 */
export function runStreamingPool<T, R>(tasks: readonly T[], options: StreamingPoolOptions<R>): Promise<void> {
  const count = Math.max(1, Math.min(options.workers, tasks.length));
  let next = 0;
  let finished = 0;
  return new Promise<void>((resolve, reject) => {
    if (tasks.length === 0) return resolve();
    const workers: Worker[] = [];
    let settled = false;
    const stopAll = () => {
      for (const w of workers) void w.terminate();
    };
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(err);
    };
    const retired = new Set<Worker>();
    const feed = (worker: Worker) => {
      if (next >= tasks.length) {
        retired.add(worker);
        return void worker.terminate();
      }
      const index = next++;
      worker.postMessage({ index, task: tasks[index] });
    };
    for (let i = 0; i < count; i++) {
      const worker = startWorker(options.workerUrl);
      workers.push(worker);
      worker.on('message', (msg: WorkerReply<R>) => {
        if (settled) return;
        if (msg.type === 'progress') return options.onProgress?.(msg.index, msg.done, msg.total);
        if (msg.type === 'error') return fail(new SweepTaskError(msg.message, msg.usage, msg.index));
        try {
          options.onResult(msg.index, msg.result);
        } catch (err) {
          return fail(err instanceof Error ? err : new Error(String(err)));
        }
        if (++finished === tasks.length) {
          settled = true;
          stopAll();
          resolve();
        } else feed(worker);
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (!settled && !retired.has(worker)) fail(new Error(`sweep worker exited with code ${code}`));
      });
      feed(worker);
    }
  });
}

/** Built code (.js) starts directly; TypeScript sources (tests) through a tsx bootstrap, as in workerPool.ts. */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const bootstrap = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(url.href)}); })();`;
  return new Worker(bootstrap, { eval: true });
}
