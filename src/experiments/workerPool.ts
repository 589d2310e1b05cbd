import { parentPort, Worker } from 'node:worker_threads';
import { UsageError } from '../util/errors.js';

/*
 * The one worker-thread pool of initlab (compare's runs and sweeps both use it; issue 10, item 5).
 * Main side: WorkerPool hands `{ index, task }` messages to worker threads, one task per worker at a
 * time, the next as soon as the previous one's result is in, so a worker handles many tasks; it
 * keeps its workers between run() calls until close(), so a caller with several batches (and later,
 * WebAssembly instances living in the workers) pays for starting them once. Worker side:
 * serveTasks answers those messages with WorkerReply. Results never depend on which worker ran a
 * task: tasks carry everything they need.
 */

/** Messages a pool worker sends back (serveTasks writes them). */
export type WorkerReply<R> =
  | { type: 'progress'; index: number; done: number; total: number }
  | { type: 'result'; index: number; result: R }
  | { type: 'error'; index: number; message: string; usage: boolean };

export interface WorkerPoolOptions {
  /** Number of worker threads (a run starts at most one per task). */
  workers: number;
  /** The worker script; it receives `{ index, task }` messages and answers with WorkerReply (see serveTasks). */
  workerUrl: URL;
}

export interface RunHandlers<R> {
  /** Called on the main thread as each task finishes, in completion order. */
  onResult: (index: number, result: R) => void;
  onProgress?: (index: number, done: number, total: number) => void;
}

export type PoolOptions = WorkerPoolOptions & { onProgress?: (index: number, done: number, total: number) => void };
export type StreamingPoolOptions<R> = WorkerPoolOptions & RunHandlers<R>;

/** An error raised inside a worker by task `index`, carried back with whether it was the user's (UsageError) or a bug. */
export class WorkerTaskError extends Error {
  constructor(
    message: string,
    readonly usage: boolean,
    readonly index: number,
  ) {
    super(message);
  }
}

interface ActiveRun {
  message(worker: Worker, msg: WorkerReply<unknown>): void;
  fail(err: Error): void;
}

export class WorkerPool<T, R> {
  private readonly workers: Worker[] = [];
  private active: ActiveRun | undefined;
  private closing = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Worker threads started and alive. */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Runs `tasks`, handing each result to `onResult` the moment it arrives. The first error (a task's,
   * a worker's, or one thrown by `onResult`) stops and closes the pool and rejects. One run at a time.
   */
  run(tasks: readonly T[], handlers: RunHandlers<R>): Promise<void> {
    if (this.closing) return Promise.reject(new Error('the worker pool is closed'));
    if (this.active) return Promise.reject(new Error('the worker pool is already running tasks'));
    if (tasks.length === 0) return Promise.resolve();
    const count = Math.max(1, Math.min(this.options.workers, tasks.length));
    while (this.workers.length < count) this.workers.push(this.startWorker());
    const used = this.workers.slice(0, count);
    for (const w of used) w.ref();
    return new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let settled = false;
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        this.active = undefined;
        // Idle workers must not keep the process alive; a failed pool cannot be trusted with more tasks.
        for (const w of used) w.unref();
        if (err) {
          void this.close();
          reject(err);
        } else resolve();
      };
      const feed = (worker: Worker) => {
        if (next >= tasks.length) return;
        const index = next++;
        worker.postMessage({ index, task: tasks[index] });
      };
      this.active = {
        message: (worker, msg) => {
          if (settled) return;
          if (msg.type === 'progress') return handlers.onProgress?.(msg.index, msg.done, msg.total);
          if (msg.type === 'error') return settle(new WorkerTaskError(msg.message, msg.usage, msg.index));
          try {
            handlers.onResult(msg.index, msg.result as R);
          } catch (err) {
            return settle(err instanceof Error ? err : new Error(String(err)));
          }
          if (++finished === tasks.length) settle();
          else feed(worker);
        },
        fail: settle,
      };
      for (const w of used) feed(w);
    });
  }

  /** Stops every worker; the pool takes no more tasks. */
  async close(): Promise<void> {
    this.closing = true;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private startWorker(): Worker {
    const worker = startWorker(this.options.workerUrl);
    const drop = () => {
      const i = this.workers.indexOf(worker);
      if (i >= 0) this.workers.splice(i, 1);
    };
    worker.on('message', (msg: WorkerReply<unknown>) => this.active?.message(worker, msg));
    worker.on('error', (err) => {
      drop();
      this.active?.fail(err);
    });
    worker.on('exit', (code) => {
      drop();
      if (!this.closing) this.active?.fail(new Error(`worker exited with code ${code}`));
    });
    return worker;
  }
}

/** Runs tasks on a pool of its own, handing each result over as it arrives (a sweep stores each finished run at once). */
export async function runStreamingPool<T, R>(tasks: readonly T[], options: StreamingPoolOptions<R>): Promise<void> {
  const pool = new WorkerPool<T, R>(options);
  try {
    await pool.run(tasks, options);
  } finally {
    await pool.close();
  }
}

/** Runs tasks on a pool of its own and returns their results in task order. */
export async function runPool<T, R>(tasks: readonly T[], options: PoolOptions): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  await runStreamingPool<T, R>(tasks, { ...options, onResult: (index, result) => void (results[index] = result) });
  return results;
}

/**
 * The worker side: answers every `{ index, task }` message with progress and a result, or the
 * error `handler` raised (marked `usage` for a UsageError). Call once, at the worker's top level.
 */
export function serveTasks<T, R>(name: string, handler: (task: T, progress: (done: number, total: number) => void) => R | Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error(`${name} must run as a worker thread`);
  port.on('message', ({ index, task }: { index: number; task: T }) => {
    const post = (reply: WorkerReply<R>) => port.postMessage(reply);
    new Promise<R>((resolve) => resolve(handler(task, (done, total) => post({ type: 'progress', index, done, total }))))
      .then((result) => post({ type: 'result', index, result }))
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        post({ type: 'error', index, message, usage: err instanceof UsageError });
      });
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
