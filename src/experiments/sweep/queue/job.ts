import type { FailedRunRecord, RunConfig, RunRecord, WorkerInfo } from '../../runTypes.js';
import { VERSION } from '../../../version.js';
import type { PausedRun, RunFiles, RunSegment, SegmentAnswer } from '../runner.js';
import { parseAnyRecordLine, serializeRecord } from '../store.js';

/*
 * What travels through the queue. A job's data is the config (a run's numbers depend on nothing
 * else) and, as in a local sweep, the segment to train (../runner.ts): where to pause, the
 * checkpoint to go on from (base64), which parameters to hand back. Its return value is a JSON
 * envelope: the record as runs.jsonl will hold it (serializeRecord: non-finite losses as strings,
 * which BullMQ's JSON would turn into null) or the paused run, and the files as base64, which the
 * coordinator writes into DIR/params and DIR/checkpoints before it appends the record.
 *
 * A job's id is the run id for a run trained from its start to its end (every job of a sweep
 * without early termination); a segment of a run with rungs is `<run id>-<from>-<until|end>`, so
 * that enqueuing the same segment twice (a restarted coordinator) is a no-op.
 */

/** A RunSegment as job data: the checkpoint as base64 (BullMQ stores job data as JSON). */
export interface QueuedSegment {
  until?: number;
  resumeFrom?: string;
  params: boolean;
  saveInitial?: boolean;
}

export interface RunJobData {
  config: RunConfig;
  /** Absent in jobs of coordinators before stored parameters: train to the end, hand back the record alone. */
  segment?: QueuedSegment;
}

/**
 * The most file bytes one job hands back through Redis (BullMQ keeps a job's return value in its
 * hash until the coordinator collects it, about every 0.5 s): 16 MiB, 21 MiB as base64. The dense
 * networks of these studies are far below it (a float64 784-1000-1000-10 network's parameters file
 * is 13.7 MiB; the examples' nets are a few KiB). Above it a run's parameters files are left out (its record
 * still comes back; `report` trains it again), and a run that must pause at a rung, which cannot
 * go on without its checkpoint, fails with an error that says so.
 */
export const MAX_JOB_FILE_BYTES = 16 * 1024 * 1024;

export function jobIdFor(runId: string, from: number, until: number | undefined): string {
  return from === 0 && until === undefined ? runId : `${runId}-${from}-${until ?? 'end'}`;
}

/** The run id of a job id (its first 16 hex digits). */
export function runIdOfJob(jobId: string): string {
  return jobId.slice(0, 16);
}

export function queuedSegment(s: RunSegment): QueuedSegment {
  return {
    ...(s.until !== undefined ? { until: s.until } : {}),
    ...(s.resumeFrom ? { resumeFrom: Buffer.from(s.resumeFrom).toString('base64') } : {}),
    params: s.params,
    ...(s.saveInitial ? { saveInitial: true } : {}),
  };
}

export function runSegmentOf(q: QueuedSegment): RunSegment {
  return {
    ...(q.until !== undefined ? { until: q.until } : {}),
    ...(q.resumeFrom !== undefined ? { resumeFrom: new Uint8Array(Buffer.from(q.resumeFrom, 'base64')) } : {}),
    params: q.params,
    ...(q.saveInitial ? { saveInitial: true } : {}),
  };
}

/** The record a worker returns: the runner's record, then `worker` (all of the queue's metadata) last. */
export function withWorker(record: RunRecord, worker: WorkerInfo): RunRecord {
  return { ...record, worker };
}

/** A run that threw, or whose worker died on it MAX_STALLED times. */
export function failedRecord(id: string, config: RunConfig, error: string, seconds: number, worker?: WorkerInfo): FailedRunRecord {
  return { id, config, status: 'failed', error, seconds, initlab: { version: VERSION }, ...(worker ? { worker } : {}) };
}

/** What a job hands back, decoded: a record (finished or failed) or a paused run, with its files. */
export type JobResult = { record: RunRecord | FailedRunRecord; files: RunFiles; dropped?: string } | { paused: PausedRun; files: RunFiles };

const FILE_KEYS = ['params', 'initial', 'checkpoint'] as const;

function fileBytes(files: RunFiles): number {
  return FILE_KEYS.reduce((sum, k) => sum + (files[k]?.byteLength ?? 0), 0);
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

/** A job's return value, and for the worker's log what became of the run and why. */
export interface EncodedAnswer {
  value: string;
  /** `ok`, `diverged`, `paused at 50`, `failed` … */
  outcome: string;
  note?: string;
}

/**
 * A finished or paused segment as a job's return value. Over `limit` bytes of files (see
 * MAX_JOB_FILE_BYTES): a finished run comes back without them (`dropped` says why), a paused one
 * becomes a failed run.
 */
export function encodeAnswer(answer: SegmentAnswer, worker: WorkerInfo, config: RunConfig, seconds: number, limit = MAX_JOB_FILE_BYTES): EncodedAnswer {
  const size = fileBytes(answer.files);
  const files: Record<string, string> = {};
  if (size <= limit) for (const k of FILE_KEYS) if (answer.files[k]) files[k] = Buffer.from(answer.files[k]).toString('base64');
  if ('paused' in answer) {
    if (size > limit) {
      const error = `its checkpoint at rung ${answer.paused.pausedAt} is ${mib(size)}, over the ${mib(limit)} a queue job may carry; run this spec without --queue (or without earlyStop)`;
      return { value: encodeResult(failedRecord(answer.paused.id, config, error, seconds, worker)), outcome: 'failed', note: error };
    }
    return { value: JSON.stringify({ paused: answer.paused, files }), outcome: `paused at ${answer.paused.pausedAt}` };
  }
  const dropped = size > limit ? `its parameters files (${mib(size)}) are over the ${mib(limit)} a queue job may carry and were not stored; 'initlab report' trains it again` : undefined;
  return {
    value: JSON.stringify({ record: serializeRecord(withWorker(answer.record, worker)), files, ...(dropped ? { dropped } : {}) }),
    outcome: answer.record.status,
    ...(dropped ? { note: dropped } : {}),
  };
}

/** A record alone (a failed run, or a run of a job without a segment) as a job's return value. */
export function encodeResult(record: RunRecord | FailedRunRecord): string {
  return serializeRecord(record);
}

function decodeFiles(value: unknown): RunFiles | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const files: RunFiles = {};
  for (const k of FILE_KEYS) {
    const text = v[k];
    if (text === undefined) continue;
    if (typeof text !== 'string') return undefined;
    files[k] = new Uint8Array(Buffer.from(text, 'base64'));
  }
  return files;
}

/** A job's return value back; undefined when it is not one of ours (a job of something else). */
export function decodeResult(value: unknown): JobResult | undefined {
  if (typeof value !== 'string') return undefined;
  // A bare record line: a failed run, or a job without a segment.
  const bare = parseAnyRecordLine(value);
  if (bare) return { record: bare, files: {} };
  let envelope: unknown;
  try {
    envelope = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof envelope !== 'object' || envelope === null) return undefined;
  const e = envelope as Record<string, unknown>;
  const files = decodeFiles(e['files']);
  if (!files) return undefined;
  if (typeof e['record'] === 'string') {
    const record = parseAnyRecordLine(e['record']);
    return record ? { record, files, ...(typeof e['dropped'] === 'string' ? { dropped: e['dropped'] } : {}) } : undefined;
  }
  const p = e['paused'] as Partial<PausedRun> | undefined;
  if (typeof p === 'object' && p !== null && typeof p.id === 'string' && typeof p.pausedAt === 'number') return { paused: { id: p.id, pausedAt: p.pausedAt }, files };
  return undefined;
}
