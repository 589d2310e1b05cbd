import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPool, runStreamingPool, siblingModule, WorkerPool, WorkerTaskError } from '../../src/experiments/workerPool.js';

// The one worker pool (issue 10, item 5): compare and sweeps share it; a worker handles many tasks
// and a WorkerPool keeps its workers across runs.
const workerUrl = siblingModule(import.meta.url, 'poolWorker');
type Out = { square: number; thread: number };
const tasks = Array.from({ length: 12 }, (_, i) => i);

describe('worker pool', () => {
  it('returns results in task order; 3 workers share 12 tasks', async () => {
    const progress: number[] = [];
    const out = await runPool<number, Out>(tasks, { workers: 3, workerUrl, onProgress: (i) => progress.push(i) });
    assert.deepEqual(out.map((r) => r.square), tasks.map((x) => x * x));
    const threads = new Set(out.map((r) => r.thread));
    assert.ok(threads.size >= 1 && threads.size <= 3, `${threads.size} threads`);
    assert.deepEqual([...progress].sort((a, b) => a - b), tasks);
  });

  it('keeps its workers between runs until closed', async () => {
    const pool = new WorkerPool<number, Out>({ workers: 2, workerUrl });
    try {
      const first = new Map<number, Out>();
      await pool.run(tasks, { onResult: (i, r) => first.set(i, r) });
      assert.equal(pool.size, 2);
      const second = new Map<number, Out>();
      await pool.run([5, 6, 7], { onResult: (i, r) => second.set(i, r) });
      assert.deepEqual([0, 1, 2].map((i) => second.get(i)!.square), [25, 36, 49]);
      const before = new Set([...first.values()].map((r) => r.thread));
      for (const r of second.values()) assert.ok(before.has(r.thread), `thread ${r.thread} is one of the first run's`);
      assert.equal(pool.size, 2);
    } finally {
      await pool.close();
    }
    assert.equal(pool.size, 0);
    await assert.rejects(pool.run([1], { onResult: () => {} }), /closed/);
  });

  it("carries a task's error back with its index and whether it was the user's", async () => {
    await assert.rejects(runPool<number, Out>([1, 2, -3, 4], { workers: 2, workerUrl }), (err: unknown) => {
      assert.ok(err instanceof WorkerTaskError);
      assert.equal(err.index, 2);
      assert.equal(err.usage, true);
      assert.equal(err.message, 'negative: -3');
      return true;
    });
    await assert.rejects(runPool<number, Out>([Number.NaN], { workers: 1, workerUrl }), (err: unknown) => err instanceof WorkerTaskError && !err.usage && err.index === 0);
  });

  it('stops at an error thrown by onResult', async () => {
    await assert.rejects(
      runStreamingPool<number, Out>(tasks, { workers: 2, workerUrl, onResult: (i) => { if (i === 4) throw new Error('store failed'); } }),
      /store failed/,
    );
  });
});
