import { registerAllInitializers } from '../init/frameworks/index.js';
import { runCompareTask, type CompareRunResult, type CompareTask } from './compareRun.js';
import { serveTasks } from './workerPool.js';

// A worker thread of compare's pool: runs compare tasks and reports progress and results.
registerAllInitializers();
serveTasks<CompareTask, CompareRunResult>('compareWorker.ts', (task, progress) => runCompareTask(task, progress));
