import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Queue, type Job } from 'bullmq';
import type { FailedRunRecord, RunConfig, RunRecord } from '../../runTypes.js';
import { runId } from '../ids.js';
import type { SweepOutcome, SweepRunOptions } from '../run.js';
import { longestFirst } from '../schedule.js';
import { readManifest, RunStore, writeManifest } from '../store.js';
import { checkRedis, lastingClient, lastingOptions } from './connection.js';
import { decodeResult, failedRecord, type RunJobData } from './job.js';
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
 */

export interface QueuedSweepOptions extends Omit<SweepRunOptions, 'workers' | 'runner'> {
  target: RedisTarget;
  timings?: QueueTimings;
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
    const collect = async () => {
      for (const state of ['completed', 'failed'] as const) {
        for (;;) {
          const jobs = (await queue.getJobs([state], 0, PAGE - 1, true)).filter((j): j is Job<RunJobData, string> => j !== undefined && j !== null);
          for (const job of jobs) {
            const record = state === 'completed' ? decodeResult(job.returnvalue) : failedRecord(job.id ?? '', job.data.config, job.failedReason || 'the job failed', 0);
            if (record && record.id === job.id && wanted.has(record.id)) accept(record);
            await job.remove();
          }
          if (jobs.length < PAGE) break;
        }
      }
    };

    // Jobs that finished while no coordinator was running are collected first.
    await collect();
    const pending: RunConfig[] = [];
    const pendingIds: string[] = [];
    configs.forEach((c, i) => {
      if (!store.has(ids[i]!)) {
        pending.push(c);
        pendingIds.push(ids[i]!);
      }
    });
    pendingIndex = new Map(pendingIds.map((id, i) => [id, i]));
    const skipped = configs.length - pending.length;
    options.onStart?.(pending, skipped);

    // Most expensive first, as a local sweep starts them (../schedule.ts); BullMQ hands jobs out in order.
    const order = longestFirst(pending);
    const enqueue = async (which: readonly number[]) => {
      for (let k = 0; k < which.length; k += PAGE) {
        await queue.addBulk(
          which.slice(k, k + PAGE).map((i) => ({
            name: 'run',
            data: { config: pending[i]! },
            // One attempt: a run that throws returns a failed record instead (a run is a pure function of its config, so
            // another try would throw again); a worker that dies is covered by stall detection (MAX_STALLED).
            opts: { jobId: pendingIds[i]!, attempts: 1, removeOnComplete: false, removeOnFail: false },
          })),
        );
      }
    };
    await enqueue(order);

    const remaining = () => pendingIds.filter((id) => !store.has(id));
    for (;;) {
      await collect();
      const left = remaining();
      if (left.length === 0) break;
      const active = await queue.getJobs(['active'], 0, PAGE - 1, true);
      for (const job of active) {
        const i = job?.id !== undefined ? pendingIndex.get(job.id) : undefined;
        const p = job?.progress as { done?: unknown; total?: unknown } | undefined;
        if (i !== undefined && p && typeof p.done === 'number' && typeof p.total === 'number') options.onProgress?.(i, p.done, p.total);
      }
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'completed', 'failed', 'waiting-children');
      const inRedis = Object.values(counts).reduce((a, b) => a + b, 0);
      // Fewer jobs than runs left: some were lost (a Redis restarted without its data). Adding an id
      // that still exists is a no-op, so all of them are simply enqueued again, and the sweep
      // registered again for the workers.
      if (inRedis < left.length) {
        await client.hset(REGISTRY_KEY, sweepId, JSON.stringify(entry));
        await enqueue(order.filter((i) => !store.has(pendingIds[i]!)));
      }
      await sleep(timings.pollMs);
    }

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
