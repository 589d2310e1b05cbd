import type { FullBatchEngine } from '../kernels/types.js';
import { courseCost } from './courseCost.js';

export interface CostPoint {
  iteration: number;
  /** May be +Infinity (saturated sigmoid under the course's formula) — serialized as "Infinity". */
  cost: number;
}

export interface TrainingSchedule {
  learningRate: number;
  iterations: number;
  logEvery: number;
  /** Called after each chunk of iterations with the number done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Upper bound on iterations between progress calls (default 1000). */
  progressEvery?: number;
}

export interface TrainingOutcome {
  /** Cost before the update at every multiple of logEvery below `iterations`, then the final weights' cost. */
  costs: CostPoint[];
  status: 'ok' | 'diverged';
  /** When diverged: the first checked iteration at which a parameter was no longer finite. */
  divergedAt?: number;
  /** Wall-clock seconds of the training loop alone (cost evaluations included, engine creation not). */
  seconds: number;
}

function parametersFinite(engine: FullBatchEngine): boolean {
  const { weights, biases } = engine.getParameters();
  for (const t of [...weights, ...biases]) for (let i = 0; i < t.length; i++) if (!Number.isFinite(t[i]!)) return false;
  return true;
}

/**
 * Full-batch gradient descent with the course's logging: like the notebook's `model()`, the cost
 * printed at iteration i is computed from the weights before update i. Unlike the notebook, the
 * weights are checked at every chunk boundary, and a non-finite weight stops the run as diverged
 * rather than printing NaN costs for the rest of it.
 */
export function trainWithLogging(engine: FullBatchEngine, y: Float64Array, schedule: TrainingSchedule): TrainingOutcome {
  const { learningRate, iterations, logEvery } = schedule;
  const progressEvery = schedule.progressEvery ?? 1000;
  const m = engine.samples;
  const scratch = new Float64Array(m);
  const costs: CostPoint[] = [];
  const start = performance.now();
  let done = 0;
  let status: TrainingOutcome['status'] = 'ok';
  let divergedAt: number | undefined;
  while (done < iterations) {
    if (done % logEvery === 0) costs.push({ iteration: done, cost: courseCost(engine.forward(), y, m, scratch) });
    const nextLog = (Math.floor(done / logEvery) + 1) * logEvery;
    const stop = Math.min(nextLog, done + progressEvery, iterations);
    engine.train(stop - done, learningRate);
    done = stop;
    if (!parametersFinite(engine)) {
      status = 'diverged';
      divergedAt = done;
      break;
    }
    schedule.onProgress?.(done, iterations);
  }
  if (status === 'ok') costs.push({ iteration: iterations, cost: courseCost(engine.forward(), y, m, scratch) });
  const seconds = (performance.now() - start) / 1000;
  return divergedAt === undefined ? { costs, status, seconds } : { costs, status, divergedAt, seconds };
}
