import { hostname } from 'node:os';
import { Worker, WaitingError, type Job } from 'bullmq';
import type { RunnerRef } from '../runner.js';
import { defaultRunner } from '../run.js';
import { siblingModule } from '../../workerPool.js';
import { lastingClient, lastingOptions } from './connection.js';
import { TrainingSlots } from './slots.js';
import { encodeAnswer, encodeResult, failedRecord, runIdOfJob, runSegmentOf, withWorker, type RunJobData } from './job.js';
import { MAX_STALLED, queueName, queueTimings, REGISTRY_KEY, type QueueTimings } from './names.js';
import type { RedisTarget } from './url.js';

/*
 * `initlab worker`: trains the jobs of every sweep registered in Redis (or of one), `concurrency` at
 * a time on worker threads (./slots.ts). One BullMQ Worker per sweep queue; BullMQ holds a lock on
 * each running job and renews it every lockMs/2 from this (idle) main thread, while training runs
 * in the threads. If this process dies, the lock expires and another worker's stall check puts the
 * job back (at most MAX_STALLED times). Stopping (SIGTERM, --max-jobs, --idle-exit): no new jobs are
 * taken, running ones finish, and jobs held but not started are returned to their queue.
 */

export interface ServeOptions {
  target: RedisTarget;
  /** Training threads, and jobs run at once. */
  concurrency: number;
  /** Stop after starting this many jobs. */
  maxJobs?: number;
  /** Stop after this many seconds without a job. */
  idleExitSeconds?: number;
  /** Serve only this sweep id (default: every one in initlab:sweeps). */
  sweep?: string;
  timings?: QueueTimings;
  runner?: RunnerRef;
  log: (line: string) => void;
}

export interface QueueWorker {
  /** Resolves once the worker has stopped; with the number of jobs it finished. */
  done: Promise<{ jobs: number; reason: string }>;
  /** Stops taking jobs, lets running ones finish, returns held ones (idempotent). */
  stop(reason: string): Promise<void>;
}

/** How often the registry is read for new or finished sweeps, and the idle time checked. */
const REFRESH_MS = 1000;

export function startQueueWorker(options: ServeOptions): QueueWorker {
  const timings = options.timings ?? queueTimings();
  const runner = options.runner ?? defaultRunner();
  const slots = new TrainingSlots(options.concurrency, siblingModule(import.meta.url, '../../sweepWorker'), runner);
  const client = lastingClient(options.target);
  const workers = new Map<string, Worker<RunJobData, string>>();
  const host = hostname();
  let started = 0;
  let finished = 0;
  let inFlight = 0;
  let lastBusy = Date.now();
  let stopping = false;
  let stopReason = '';
  let lastError = 0;
  let resolveDone!: (v: { jobs: number; reason: string }) => void;
  const done = new Promise<{ jobs: number; reason: string }>((r) => (resolveDone = r));

  const noteError = (err: Error) => {
    // Redis away: BullMQ and ioredis reconnect by themselves; one line every 5 s says so.
    if (Date.now() - lastError < 5000) return;
    lastError = Date.now();
    options.log(`initlab worker: ${err.message.split('\n')[0]} (retrying)`);
  };
  client.on('error', noteError);

  const runJob = async (job: Job<RunJobData, string>, token: string | undefined, sweepId: string): Promise<string> => {
    inFlight++;
    try {
      const id = job.id ?? '';
      const info = { host, pid: process.pid, attempt: job.attemptsStarted };
      const t0 = performance.now();
      let lastProgress = 0;
      const onProgress = (d: number, t: number) => {
        const now = Date.now();
        // At most two updates a second (each is a Redis write); the first one as soon as training has begun.
        if (d === 0) return;
        if (now - lastProgress < 500) return;
        lastProgress = now;
        job.updateProgress({ done: d, total: t }).catch(() => undefined);
      };
      const start = () => {
        if (stopping) return false;
        started++;
        options.log(`${id} started (sweep ${sweepId}, attempt ${info.attempt})`);
        if (options.maxJobs !== undefined && started >= options.maxJobs) void stop('--max-jobs reached');
        return true;
      };
      let result: string;
      try {
        const segment = job.data.segment ? runSegmentOf(job.data.segment) : undefined;
        const answer = await slots.run(job.data.config, segment, onProgress, start);
        if (!answer) {
          // Stopping: the job goes back to its queue for another worker.
          await job.moveToWait(token);
          throw new WaitingError();
        }
        const seconds = (performance.now() - t0) / 1000;
        if (!('files' in answer)) {
          result = encodeResult(withWorker(answer, info));
          options.log(`${id} ${answer.status} in ${answer.seconds.toFixed(2)} s (sweep ${sweepId}, attempt ${info.attempt})`);
        } else {
          // The record (or paused run) and its parameters files travel back together (./job.ts).
          const encoded = encodeAnswer(answer, info, job.data.config, seconds);
          result = encoded.value;
          const took = 'record' in answer ? answer.record.seconds : seconds;
          options.log(`${id} ${encoded.outcome} in ${took.toFixed(2)} s (sweep ${sweepId}, attempt ${info.attempt})${encoded.note !== undefined ? `: ${encoded.note}` : ''}`);
        }
      } catch (err) {
        if (err instanceof WaitingError) throw err;
        const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
        const seconds = (performance.now() - t0) / 1000;
        result = encodeResult(failedRecord(runIdOfJob(id), job.data.config, message, seconds, info));
        options.log(`${id} failed (sweep ${sweepId}, attempt ${info.attempt}): ${message}`);
      }
      finished++;
      return result;
    } finally {
      inFlight--;
      lastBusy = Date.now();
    }
  };

  const serve = (sweepId: string) => {
    if (workers.has(sweepId) || stopping) return;
    const worker = new Worker<RunJobData, string>(queueName(sweepId), (job, token) => runJob(job, token, sweepId), {
      connection: lastingOptions(options.target),
      concurrency: options.concurrency,
      lockDuration: timings.lockMs,
      stalledInterval: timings.stalledMs,
      maxStalledCount: MAX_STALLED,
    });
    worker.on('error', noteError);
    workers.set(sweepId, worker);
    options.log(`initlab worker: serving sweep ${sweepId} (queue ${queueName(sweepId)})`);
  };

  const refresh = async () => {
    if (options.sweep !== undefined) return serve(options.sweep);
    const ids = await client.hkeys(REGISTRY_KEY);
    for (const id of ids) serve(id);
    // A sweep whose coordinator finished is no longer registered: its queue is gone too.
    for (const [id, worker] of workers) {
      if (!ids.includes(id)) {
        workers.delete(id);
        void worker.close();
      }
    }
  };

  const timer = setInterval(() => {
    if (options.idleExitSeconds !== undefined && inFlight === 0 && Date.now() - lastBusy >= options.idleExitSeconds * 1000) {
      void stop(`idle for ${options.idleExitSeconds} s`);
      return;
    }
    refresh().catch(noteError);
  }, Math.min(REFRESH_MS, options.idleExitSeconds !== undefined ? Math.max(100, options.idleExitSeconds * 250) : REFRESH_MS));
  refresh().catch(noteError);

  let stopped: Promise<void> | undefined;
  const stop = (reason: string): Promise<void> => {
    if (stopped) return stopped;
    stopping = true;
    stopReason = reason;
    clearInterval(timer);
    stopped = (async () => {
      await Promise.all([...workers.values()].map((w) => w.close().catch(() => undefined)));
      await slots.close();
      client.disconnect();
      resolveDone({ jobs: finished, reason: stopReason });
    })();
    return stopped;
  };
  return { done, stop };
}
