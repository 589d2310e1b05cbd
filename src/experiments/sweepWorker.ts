import { registerAllInitializers } from '../init/frameworks/index.js';
import type { RunRecord } from './runTypes.js';
import { SEGMENT_EXPORT, type RunFunction, type RunnerRef, type SegmentAnswer, type SegmentFunction, type SweepTask } from './sweep/runner.js';
import { serveTasks } from './workerPool.js';

// A worker thread of a sweep: loads the task's runner module once and runs configs with it.
registerAllInitializers();

const runners = new Map<string, Promise<RunFunction | SegmentFunction>>();

function loadRunner(ref: RunnerRef): Promise<RunFunction | SegmentFunction> {
  const key = `${ref.module}#${ref.export}`;
  let found = runners.get(key);
  if (!found) {
    found = import(ref.module).then((mod: Record<string, unknown>) => {
      const fn = mod[ref.export];
      if (typeof fn !== 'function') throw new Error(`sweep runner ${ref.module} has no function '${ref.export}'`);
      return fn as RunFunction | SegmentFunction;
    });
    runners.set(key, found);
  }
  return found;
}

// With a segment the runner module's runSegment answers (a record or a paused run, and files; ./sweep/runner.ts).
serveTasks<SweepTask, RunRecord | SegmentAnswer>('sweepWorker.ts', async (task, progress) =>
  task.segment
    ? ((await loadRunner({ module: task.runner.module, export: SEGMENT_EXPORT })) as SegmentFunction)(task.config, progress, task.segment)
    : ((await loadRunner(task.runner)) as RunFunction)(task.config, progress),
);
