import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Queue, type Job, type JobsOptions } from 'bullmq';
import type { FailedRunRecord, RunConfig, RunRecord } from '../../runTypes.js';
import { runId } from '../ids.js';
import type { SweepOutcome, SweepRunOptions } from '../run.js';
import { longestFirst } from '../schedule.js';
import { readManifest, RunStore, writeManifest } from '../store.js';
import { checkRedis, lastingClient, lastingOptions } from './connection.js';
import { decodeResult, failedRecord, jobIdFor, queuedSegment, runIdOfJob, type JobResult, type RunJobData } from './job.js';
import type { PausedRun, RunSegment } from '../runner.js';
import { readCheckpoint, readCheckpointBytes, removeCheckpoint, storeAnswerFiles } from '../runFiles.js';
import { trainPending } from '../rungs.js';
import { newSweepId, queueName, queueTimings, REGISTRY_KEY, type QueueTimings, type SweepEntry } from './names.js';
import type { RedisTarget } from './url.js';

/*
 * The coordinator of a sweep on a queue (`initlab sweep SPEC --out DIR --queue URL`). It does no
 * training: it enqueues every run not yet in DIR/runs.jsonl (job id = run id, so enqueuing twice is
 * a no-op), then collects finished jobs into runs.jsonl and removes them from Redis, until every run
 * of the spec is there. Every step survives a restart of either side:
 *   - records are appended (fsync) before their job is removed, and RunStore ignores an id it
 *     holds, so a coordinator killed between the two writes each record once;
 *   - jobs that finished while no coordinator ran stay in BullMQ's completed set and are collected
 *     on restart (the sweep id in DIR/sweep.json names the queue);
 *   - jobs missing from Redis (a Redis restarted without its append-only file) are enqueued again.
 * Workers train each job as a local sweep's threads do (../runner.ts segments, ../realRunner.ts
 * `runSegment`) and hand the run's parameters files back with its record (./job.ts); the
 * coordinator writes them into DIR/params through the local sweep's code (../runFiles.ts), before
 * the record, so the folder is the local sweep's file for file. With `earlyStop` the local sweep's
 * rungs (../rungs.ts) drive the queue: each phase is a batch of jobs that train to the rung and
 * hand back a checkpoint, which the coordinator keeps in DIR/checkpoints; once the batch is all in,
 * the rung is decided from the folder, in spec order, and the promoted runs go on as new jobs
 * (`<run id>-<rung>-<next rung|end>`) from their checkpoints. A restarted coordinator takes the
 * same decisions again from the same files.
 */

export interface QueuedSweepOptions extends Omit<SweepRunOptions, 'workers' | 'runner'> {
  target: RedisTarget;
  timings?: QueueTimings;
  /** A line for the user about one run (its parameters too large to come back through Redis). */
  onWarning?: (line: string) => void;
  /** Called once the sweep's queue is known (a new or a resumed sweep). */
  onQueue?: (sweepId: string, queue: string, resumed: boolean) => void;
}

export interface QueuedSweepOutcome extends SweepOutcome {
  sweepId: string;
  /** Runs that failed on a worker (their records hold the error). */
  failed: FailedRunRecord[];
}

const PAGE = 200;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function runQueuedSweep(dir: string, configs: readonly RunConfig[], options: QueuedSweepOptions): Promise<QueuedSweepOutcome> {
  // A wrong URL or password is refused before any file is written.
  await checkRedis(options.target);
  const timings = options.timings ?? queueTimings();
  const ids = configs.map(runId);
  const wanted = new Set(ids);
  const previous = readManifest(dir)?.queue?.sweep;
  const sweepId = previous ?? newSweepId();
  const store = RunStore.open(dir);
  const queue = new Queue<RunJobData, string>(queueName(sweepId), { connection: lastingOptions(options.target) });
  const client = lastingClient(options.target);
  // While Redis is away both reconnect and their commands wait; the errors are only reconnect noise.
  queue.on('error', () => undefined);
  client.on('error', () => undefined);
  try {
    writeManifest(dir, {
      spec: options.manifest.spec,
      ...(options.manifest.specFile !== undefined ? { specFile: options.manifest.specFile } : {}),
      runs: configs.length,
      ids,
      queue: { sweep: sweepId },
    });
    const entry: SweepEntry = { queue: queueName(sweepId), runs: configs.length, out: resolve(dir), host: hostname(), started: new Date().toISOString() };
    await client.hset(REGISTRY_KEY, sweepId, JSON.stringify(entry));
    options.onQueue?.(sweepId, queueName(sweepId), previous !== undefined);

    let pendingIndex = new Map<string, number>();
    const accept = (record: RunRecord | FailedRunRecord) => {
      if (!store.append(record)) return;
      const i = pendingIndex.get(record.id);
      if (i !== undefined) options.onRecord?.(record as RunRecord, i);
    };
    // The runs of the batch being trained (pending index → what to do with its answer).
    let batch = new Map<number, (i: number, answer: RunRecord | PausedRun) => void>();
    // A job's answer: its files first (../runFiles.ts, as a local sweep writes them), then the record.
    const land = (id: string, result: JobResult): void => {
      const i = pendingIndex.get(id);
      if (store.has(id)) {
        // A job answered again (one collected just before a crash): its run is recorded, its files are written.
        if (i !== undefined) batch.delete(i);
        return;
      }
      if ('record' in result && result.record.status === 'failed') {
        accept(result.record);
        if (i !== undefined) batch.delete(i);
        return;
      }
      if ('record' in result && result.dropped !== undefined) options.onWarning?.(`run ${id}: ${result.dropped}`);
      const answer = storeAnswerFiles(dir, id, 'record' in result ? { record: result.record as RunRecord, files: result.files } : result);
      const onAnswer = i !== undefined ? batch.get(i) : undefined;
      if (onAnswer) {
        batch.delete(i!);
        onAnswer(i!, answer);
      } else if (!('pausedAt' in answer)) {
        // Collected before its batch was known (a restarted coordinator): recorded as any finished run.
        accept(answer);
        removeCheckpoint(dir, id);
      }
    };
    const collect = async () => {
      for (const state of ['completed', 'failed'] as const) {
        for (;;) {
          const jobs = (await queue.getJobs([state], 0, PAGE - 1, true)).filter((j): j is Job<RunJobData, string> => j !== undefined && j !== null);
          for (const job of jobs) {
            const id = runIdOfJob(job.id ?? '');
            const result = state === 'completed' ? decodeResult(job.returnvalue) : { record: failedRecord(id, job.data.config, job.failedReason || 'the job failed', 0), files: {} };
            const answerId = result && ('record' in result ? result.record.id : result.paused.id);
            if (result && answerId === id && wanted.has(id)) land(id, result);
            await job.remove();
          }
          if (jobs.length < PAGE) break;
        }
      }
    };

    // Jobs that finished while no coordinator was running are collected first.
    await collect();
    const { pending, pendingIds } = store.pendingOf(configs, ids);
    pendingIndex = new Map(pendingIds.map((id, i) => [id, i]));
    const skipped = configs.length - pending.length;
    options.onStart?.(pending, skipped);

    type Enqueued = { name: string; data: RunJobData; opts: JobsOptions };
    const enqueue = async (jobs: readonly Enqueued[]) => {
      for (let k = 0; k < jobs.length; k += PAGE) await queue.addBulk(jobs.slice(k, k + PAGE));
    };
    // A pending run's job: from its checkpoint, if it paused at a rung, to `until` or its end.
    const jobFor = (i: number, until: number | undefined): Enqueued => {
      const id = pendingIds[i]!;
      const resumeFrom = readCheckpointBytes(dir, id);
      const from = resumeFrom ? (readCheckpoint(dir, id)?.iteration ?? 0) : 0;
      const segment: RunSegment = { params: true, ...(until !== undefined ? { until } : {}), ...(resumeFrom ? { resumeFrom } : {}), ...(options.saveInitial ? { saveInitial: true } : {}) };
      return {
        name: 'run',
        data: { config: pending[i]!, segment: queuedSegment(segment) },
        // One attempt: a run that throws returns a failed record instead (a run is a pure function of its config, so
        // another try would throw again); a worker that dies is covered by stall detection (MAX_STALLED).
        opts: { jobId: jobIdFor(id, from, until), attempts: 1, removeOnComplete: false, removeOnFail: false },
      };
    };

    // Trains the given pending runs (each to `until(i)`, or its end) on the workers and hands each
    // answer to `onAnswer` once its files are written: ../run.ts's `train`, on the queue.
    const train = async (indices: readonly number[], until: (i: number) => number | undefined, onAnswer: (i: number, answer: RunRecord | PausedRun) => void): Promise<void> => {
      // A run that failed on a worker is out (its record says why); it is not sent again.
      const todo = indices.filter((i) => !store.has(pendingIds[i]!));
      // Most expensive first, as a local sweep starts them (../schedule.ts); BullMQ hands jobs out in order.
      const order = longestFirst(todo.map((i) => pending[i]!)).map((t) => todo[t]!);
      const jobs = new Map(order.map((i) => [i, jobFor(i, until(i))]));
      batch = new Map(order.map((i) => [i, onAnswer]));
      await enqueue([...jobs.values()]);
      for (;;) {
        await collect();
        if (batch.size === 0) break;
        const active = await queue.getJobs(['active'], 0, PAGE - 1, true);
        for (const job of active) {
          const i = job?.id !== undefined ? pendingIndex.get(runIdOfJob(job.id)) : undefined;
          const p = job?.progress as { done?: unknown; total?: unknown } | undefined;
          if (i !== undefined && p && typeof p.done === 'number' && typeof p.total === 'number') options.onProgress?.(i, p.done, p.total);
        }
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'completed', 'failed', 'waiting-children');
        const inRedis = Object.values(counts).reduce((a, b) => a + b, 0);
        // Fewer jobs than runs left: some were lost (a Redis restarted without its data). Adding an id
        // that still exists is a no-op, so all of them are simply enqueued again, and the sweep
        // registered again for the workers.
        if (inRedis < batch.size) {
          await client.hset(REGISTRY_KEY, sweepId, JSON.stringify(entry));
          await enqueue(order.filter((i) => batch.has(i)).map((i) => jobs.get(i)!));
        }
        await sleep(timings.pollMs);
      }
    };
    // The local sweep's rungs (../rungs.ts), trained on the queue: the same decisions from the same values.
    await trainPending({ dir, configs, ids, store, pending, pendingIds, earlyStop: options.earlyStop, train, accept: (_i, record) => accept(record) });

    await client.hdel(REGISTRY_KEY, sweepId);
    await queue.obliterate({ force: true });
    const outcome: QueuedSweepOutcome = { total: configs.length, skipped, ran: pending.length, records: [...store.records], failed: [...store.failed], sweepId };
    store.close();
    return outcome;
  } catch (err) {
    store.discardIfEmpty();
    throw err;
  } finally {
    await queue.close().catch(() => undefined);
    client.disconnect();
  }
}
