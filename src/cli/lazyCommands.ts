/*
 * The commands' action handlers, each loading its module only when its command runs. main.ts
 * imported all eleven modules up front, and with them vega, vega-lite and resvg (the report),
 * zod, yaml and the whole trainer: about 0.6 s of module loading before any command started, paid
 * by every `initlab …` call — a one-run sweep included (issue 10, item 4: its wall time stays
 * within 1.2× its run's seconds). Types only here, so this file loads nothing itself.
 */
import type * as Compare from './compareCommand.js';
import type * as Diagnose from './diagnoseCommand.js';
import type * as Explain from './explainCommand.js';
import type * as Inits from './initsCommand.js';
import type * as Figure from './figureCommand.js';
import type * as Report from './reportCommand.js';
import type * as Sample from './sampleCommand.js';
import type * as Serve from './serveCommand.js';
import type * as Summarize from './summarizeCommand.js';
import type * as Sweep from './sweepCommand.js';
import type * as Theory from './theoryCommand.js';
import type * as Trainability from './trainabilityCommand.js';
import type * as WorkerCmd from './workerCommand.js';

type Handler = (...args: never[]) => void | Promise<void>;

/** A handler with `load()`'s handler's parameters, which loads it on its first call and runs it. */
function lazy<F extends Handler>(load: () => Promise<F>): (...args: Parameters<F>) => Promise<void> {
  return async (...args) => {
    await (await load())(...args);
  };
}

export const compareCommand = lazy(async () => (await import('./compareCommand.js') as typeof Compare).compareCommand);
export const diagnoseCommand = lazy(async () => (await import('./diagnoseCommand.js') as typeof Diagnose).diagnoseCommand);
export const explainCommand = lazy(async () => (await import('./explainCommand.js') as typeof Explain).explainCommand);
export const initsCommand = lazy(async () => (await import('./initsCommand.js') as typeof Inits).initsCommand);
export const figureCommand = lazy(async () => (await import('./figureCommand.js') as typeof Figure).figureCommand);
export const reportCommand = lazy(async () => (await import('./reportCommand.js') as typeof Report).reportCommand);
export const sampleCommand = lazy(async () => (await import('./sampleCommand.js') as typeof Sample).sampleCommand);
export const serveCommand = lazy(async () => (await import('./serveCommand.js') as typeof Serve).serveCommand);
export const summarizeCommand = lazy(async () => (await import('./summarizeCommand.js') as typeof Summarize).summarizeCommand);
export const sweepCommand = lazy(async () => (await import('./sweepCommand.js') as typeof Sweep).sweepCommand);
export const theoryCommand = lazy(async () => (await import('./theoryCommand.js') as typeof Theory).theoryCommand);
export const trainabilityCommand = lazy(async () => (await import('./trainabilityCommand.js') as typeof Trainability).trainabilityCommand);
export const workerCommand = lazy(async () => (await import('./workerCommand.js') as typeof WorkerCmd).workerCommand);
