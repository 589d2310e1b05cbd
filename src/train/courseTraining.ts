import type { FullBatchEngine, Parameters } from '../kernels/types.js';
import { courseCost } from './courseCost.js';

/** The cost at one iteration (before that iteration's update), as the course logs it. */
export interface CostPoint {
  iteration: number;
  /** May be +Infinity (saturated sigmoid under the course's formula) — serialized as "Infinity". */
  cost: number;
}

/** Full-batch gradient descent as the course runs it: learning rate, iterations, and how often the cost is logged. */
export interface TrainingSchedule {
  learningRate: number;
  iterations: number;
  logEvery: number;
  /** Called after each chunk of iterations with the number done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Upper bound on iterations between progress calls (default 1000). */
  progressEvery?: number;
  /**
   * Layer statistics: `onStats` gets the parameters after 0, statsEvery, 2·statsEvery, … updates and
   * after the last one, with the weights one update earlier (undefined at 0) for the update ratio.
   * Absent = off: the engine then runs in the same chunks as without it.
   */
  statsEvery?: number;
  onStats?: (iteration: number, params: Parameters, previousWeights: Float64Array[] | undefined) => void;
}

/** What trainWithLogging returns: the logged costs and the trained network. */
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
  const every = schedule.onStats ? (schedule.statsEvery ?? 0) : 0;
  const statsAt = (k: number) => every > 0 && (k % every === 0 || k === iterations);
  let previous: Float64Array[] | undefined;
  let previousAt = -1;
  const recordStats = () => {
    const params = engine.getParameters();
    if (statsAt(done)) schedule.onStats!(done, params, previousAt === done - 1 ? previous : undefined);
    if (statsAt(done + 1)) {
      previous = params.weights;
      previousAt = done;
    }
  };
  if (every > 0) recordStats();
  while (done < iterations) {
    if (done % logEvery === 0) costs.push({ iteration: done, cost: courseCost(engine.forward(), y, m, scratch) });
    const nextLog = (Math.floor(done / logEvery) + 1) * logEvery;
    let stop = Math.min(nextLog, done + progressEvery, iterations);
    if (every > 0) {
      // Stop one update before each recorded iteration too, to keep the weights the update ratio compares with.
      const nextStats = Math.min((Math.floor(done / every) + 1) * every, iterations);
      stop = Math.min(stop, nextStats - 1 > done ? nextStats - 1 : nextStats);
    }
    engine.train(stop - done, learningRate);
    done = stop;
    if (!parametersFinite(engine)) {
      status = 'diverged';
      divergedAt = done;
      break;
    }
    if (statsAt(done) || statsAt(done + 1)) recordStats();
    schedule.onProgress?.(done, iterations);
  }
  if (status === 'ok') costs.push({ iteration: iterations, cost: courseCost(engine.forward(), y, m, scratch) });
  const seconds = (performance.now() - start) / 1000;
  return divergedAt === undefined ? { costs, status, seconds } : { costs, status, divergedAt, seconds };
}
