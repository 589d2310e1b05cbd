import { WorkerPool } from '../../workerPool.js';
import type { RunRecord } from '../../runTypes.js';
import type { RunnerRef, RunSegment, SegmentAnswer, SweepTask } from '../runner.js';

/*
 * A queue worker's training threads: `count` one-thread WorkerPools (../../workerPool.ts, the pool
 * local sweeps use, on the same sweep worker script), handed to one job at a time. A thread is kept
 * from job to job (loading the engine once); a pool that failed (a run threw, the thread died) is
 * replaced by a fresh one, since WorkerPool closes itself on an error.
 */
/** A run's record (a task without a segment), or a segment's answer with its files. */
type Answer = RunRecord | SegmentAnswer;

export class TrainingSlots {
  private readonly free: WorkerPool<SweepTask, Answer>[] = [];
  private readonly waiting: ((pool: WorkerPool<SweepTask, Answer>) => void)[] = [];
  private readonly all = new Set<WorkerPool<SweepTask, Answer>>();

  constructor(
    count: number,
    private readonly workerUrl: URL,
    private readonly runner: RunnerRef,
  ) {
    for (let i = 0; i < count; i++) this.free.push(this.fresh());
  }

  private fresh(): WorkerPool<SweepTask, Answer> {
    const pool = new WorkerPool<SweepTask, Answer>({ workers: 1, workerUrl: this.workerUrl });
    this.all.add(pool);
    return pool;
  }

  /**
   * Trains one config (the segment of it, when given) on a free thread (waiting for one), reporting
   * progress; rejects with the run's error. Once a thread is free, `start()` decides whether to go
   * on: undefined when it says no.
   */
  async run(config: SweepTask['config'], segment: RunSegment | undefined, onProgress: (done: number, total: number) => void, start: () => boolean): Promise<Answer | undefined> {
    let pool = this.free.pop() ?? (await new Promise<WorkerPool<SweepTask, Answer>>((r) => this.waiting.push(r)));
    let record: Answer | undefined;
    try {
      if (!start()) return undefined;
      await pool.run([{ config, runner: this.runner, ...(segment ? { segment } : {}) }], { onResult: (_i, r) => void (record = r), onProgress: (_i, done, total) => onProgress(done, total) });
    } catch (err) {
      this.all.delete(pool);
      pool = this.fresh();
      throw err;
    } finally {
      const next = this.waiting.shift();
      if (next) next(pool);
      else this.free.push(pool);
    }
    if (!record) throw new Error('the training thread returned no record');
    return record;
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((p) => p.close()));
  }
}
