import { Worker } from 'node:worker_threads';

/** Messages a pool worker sends back (see compareWorker.ts). */
export type WorkerReply<R> =
  | { type: 'progress'; index: number; done: number; total: number }
  | { type: 'result'; index: number; result: R }
  | { type: 'error'; index: number; message: string; usage: boolean };

export interface PoolOptions {
  /** Number of worker threads (at most one per task is started). */
  workers: number;
  /** The worker script; it receives `{ index, task }` messages and answers with WorkerReply. */
  workerUrl: URL;
  onProgress?: (index: number, done: number, total: number) => void;
}

/** An error raised inside a worker, carried back with whether it was the user's (UsageError) or a bug. */
export class WorkerTaskError extends Error {
  constructor(message: string, readonly usage: boolean) {
    super(message);
  }
}

/**
 * Runs independent tasks on worker threads, `workers` at a time, and returns their results in task
 * order. Results never depend on which worker ran a task: tasks carry everything they need.
 */
export function runPool<T, R>(tasks: readonly T[], options: PoolOptions): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  const count = Math.max(1, Math.min(options.workers, tasks.length));
  let next = 0;
  let finished = 0;
  return new Promise<R[]>((resolve, reject) => {
    if (tasks.length === 0) return resolve(results);
    const workers: Worker[] = [];
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    const feed = (worker: Worker) => {
      if (next >= tasks.length) return void worker.terminate();
      const index = next++;
      worker.postMessage({ index, task: tasks[index] });
    };
    for (let i = 0; i < count; i++) {
      const worker = startWorker(options.workerUrl);
      workers.push(worker);
      worker.on('message', (msg: WorkerReply<R>) => {
        if (msg.type === 'progress') return options.onProgress?.(msg.index, msg.done, msg.total);
        if (msg.type === 'error') return fail(new WorkerTaskError(msg.message, msg.usage));
        results[msg.index] = msg.result;
        if (++finished === tasks.length) {
          for (const w of workers) void w.terminate();
          resolve(results);
        } else feed(worker);
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (!failed && finished < tasks.length && code !== 0 && code !== 1) fail(new Error(`worker exited with code ${code}`));
      });
      feed(worker);
    }
  });
}

/**
 * Starts a worker on a module. Built code (.js) starts directly; when running from TypeScript
 * sources (the tests, through tsx), Node 20 does not carry the tsx loader into workers, so a
 * tiny bootstrap registers it first.
 */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const bootstrap = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(url.href)}); })();`;
  return new Worker(bootstrap, { eval: true });
}

/** The URL of a sibling module, as .ts when running from sources (tests via tsx) and .js when built. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
