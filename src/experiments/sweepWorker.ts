import { parentPort } from 'node:worker_threads';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { UsageError } from '../util/errors.js';
import type { RunRecord } from './runTypes.js';
import type { RunFunction, RunnerRef, SweepTask } from './sweep/runner.js';
import type { WorkerReply } from './workerPool.js';

// A worker thread of a sweep: loads the task's runner module once and runs configs with it.
registerAllInitializers();
const port = parentPort;
if (!port) throw new Error('sweepWorker.ts must run as a worker thread');

const runners = new Map<string, Promise<RunFunction>>();

function loadRunner(ref: RunnerRef): Promise<RunFunction> {
  const key = `${ref.module}#${ref.export}`;
  let found = runners.get(key);
  if (!found) {
    found = import(ref.module).then((mod: Record<string, unknown>) => {
      const fn = mod[ref.export];
      if (typeof fn !== 'function') throw new Error(`sweep runner ${ref.module} has no function '${ref.export}'`);
      return fn as RunFunction;
    });
    runners.set(key, found);
  }
  return found;
}

port.on('message', ({ index, task }: { index: number; task: SweepTask }) => {
  const post = (reply: WorkerReply<RunRecord>) => port.postMessage(reply);
  loadRunner(task.runner)
    .then((run) => {
      const record = run(task.config, (done, total) => post({ type: 'progress', index, done, total }));
      post({ type: 'result', index, result: record });
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      post({ type: 'error', index, message, usage: err instanceof UsageError });
    });
});
