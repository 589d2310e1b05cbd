import { threadId } from 'node:worker_threads';
import { serveTasks } from '../../src/experiments/workerPool.js';
import { UsageError } from '../../src/util/errors.js';

// A pool worker for workerPool.test.ts: squares a number and says which thread did it; a negative
// number is the user's error, NaN a bug.
serveTasks<number, { square: number; thread: number }>('poolWorker.ts', (x, progress) => {
  if (x < 0) throw new UsageError(`negative: ${x}`);
  if (Number.isNaN(x)) throw new Error('NaN task');
  progress(1, 1);
  return { square: x * x, thread: threadId };
});
