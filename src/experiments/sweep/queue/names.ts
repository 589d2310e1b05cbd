import { randomBytes } from 'node:crypto';

/*
 * Where a sweep lives in Redis. Each sweep has an id kept in DIR/sweep.json (`queue.sweep`), so a
 * restarted coordinator finds its queue again; its BullMQ queue is named after it, so several
 * sweeps and coordinators share one Redis. Workers discover sweeps in the hash REGISTRY_KEY
 * (sweep id → JSON of SweepEntry).
 */

export const REGISTRY_KEY = 'initlab:sweeps';

/** What the registry says about a sweep (for workers and for people running `redis-cli hgetall`). */
export interface SweepEntry {
  queue: string;
  runs: number;
  out: string;
  host: string;
  started: string;
}

/** A fresh sweep id: 16 hex digits, like run ids. */
export function newSweepId(): string {
  return randomBytes(8).toString('hex');
}

export function isSweepId(text: string): boolean {
  return /^[0-9a-f]{16}$/.test(text);
}

/** The BullMQ queue of a sweep (BullMQ queue names may not contain ':'). */
export function queueName(sweepId: string): string {
  return `initlab-sweep-${sweepId}`;
}

/** Durations, in ms, that tests shorten through the environment (BullMQ's defaults are 30 s each). */
export interface QueueTimings {
  /** How long a worker's lock on a running job lasts without renewal (renewed every half of it). */
  lockMs: number;
  /** How often workers look for jobs whose lock expired (a worker killed mid-run) and requeue them. */
  stalledMs: number;
  /** How often a coordinator collects finished jobs. */
  pollMs: number;
}

function envMs(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const text = env[key];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  return Number.isInteger(n) && n >= 50 ? n : fallback;
}

export function queueTimings(env: NodeJS.ProcessEnv = process.env): QueueTimings {
  return {
    lockMs: envMs(env, 'INITLAB_QUEUE_LOCK_MS', 30_000),
    stalledMs: envMs(env, 'INITLAB_QUEUE_STALLED_MS', 30_000),
    pollMs: envMs(env, 'INITLAB_QUEUE_POLL_MS', 500),
  };
}

/**
 * How many times a stalled job (its worker died, or lost Redis for longer than the lock) is put
 * back (BullMQ's maxStalledCount); found stalled once more, it fails and is recorded as failed: a
 * run that kills its worker process every time must not be retried forever.
 */
export const MAX_STALLED = 3;
