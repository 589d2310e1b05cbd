import type { FailedRunRecord, RunConfig, RunRecord, WorkerInfo } from '../../runTypes.js';
import { VERSION } from '../../../version.js';
import { parseAnyRecordLine, serializeRecord } from '../store.js';

/*
 * What travels through the queue. A job's id is its run id; its data is the config alone (a run's
 * numbers depend on nothing else). Its return value is the finished record as runs.jsonl will hold
 * it (serializeRecord: non-finite losses as strings, which BullMQ's JSON would turn into null).
 */

export interface RunJobData {
  config: RunConfig;
}

/** The record a worker returns: the runner's record, then `worker` (all of the queue's metadata) last. */
export function withWorker(record: RunRecord, worker: WorkerInfo): RunRecord {
  return { ...record, worker };
}

/** A run that threw, or whose worker died on it MAX_STALLED times. */
export function failedRecord(id: string, config: RunConfig, error: string, seconds: number, worker?: WorkerInfo): FailedRunRecord {
  return { id, config, status: 'failed', error, seconds, initlab: { version: VERSION }, ...(worker ? { worker } : {}) };
}

export function encodeResult(record: RunRecord | FailedRunRecord): string {
  return serializeRecord(record);
}

/** A job's return value back as a record; undefined when it is not one (a job of something else). */
export function decodeResult(value: unknown): RunRecord | FailedRunRecord | undefined {
  return typeof value === 'string' ? parseAnyRecordLine(value) : undefined;
}
