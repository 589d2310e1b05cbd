import { registerAllInitializers } from '../init/frameworks/index.js';
import type { RunRecord } from './runTypes.js';
import type { PausedRun, RunFunction, RunnerRef, SweepTask } from './sweep/runner.js';
import { serveTasks } from './workerPool.js';

// A worker thread of a sweep: loads the task's runner module once and runs configs with it.
registerAllInitializers();

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

// With a segment the runner may answer a PausedRun (a run paused at a rung; ./sweep/runner.ts).
serveTasks<SweepTask, RunRecord | PausedRun>('sweepWorker.ts', async (task, progress) =>
  task.segment ? (await loadRunner(task.runner))(task.config, progress, task.segment) : (await loadRunner(task.runner))(task.config, progress),
);
