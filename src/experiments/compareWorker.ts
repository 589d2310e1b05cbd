import { parentPort } from 'node:worker_threads';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { UsageError } from '../util/errors.js';
import { runCompareTask, type CompareRunResult, type CompareTask } from './compareRun.js';
import type { WorkerReply } from './workerPool.js';

// A worker thread of `runPool`: runs compare tasks and reports progress and results.
registerAllInitializers();
const port = parentPort;
if (!port) throw new Error('compareWorker.ts must run as a worker thread');

port.on('message', ({ index, task }: { index: number; task: CompareTask }) => {
  const post = (reply: WorkerReply<CompareRunResult>) => port.postMessage(reply);
  try {
    const result = runCompareTask(task, (done, total) => post({ type: 'progress', index, done, total }));
    post({ type: 'result', index, result });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    post({ type: 'error', index, message, usage: err instanceof UsageError });
  }
});
