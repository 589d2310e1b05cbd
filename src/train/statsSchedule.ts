import type { FloatArray } from '../core/dtype.js';
import type { Parameters } from '../kernels/types.js';
import { UsageError } from '../util/errors.js';

/*
 * When a training run records per-layer statistics (training.statsEvery), and what it keeps for
 * them. The statistics themselves are diagnostics' (src/diagnostics/trainingStatistics.ts), which
 * training reaches only through TrainingHooks.layerStats; the schedule is training's own.
 */

/** `statsEvery` must be a whole number ≥ 1. @throws UsageError naming `what` otherwise. */
export function checkStatsEvery(value: number | undefined, what: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${what} must be a whole number ≥ 1 (record layer statistics every k updates), got ${value}.`);
}

/** True when statistics are recorded at `iteration` of a run of `total` updates: 0, k, 2k, … and the last. */
export function statsDue(iteration: number, statsEvery: number, total: number): boolean {
  return iteration % statsEvery === 0 || iteration === total;
}

/** Copies of the weight matrices (what the next record's update ratio needs). */
export function copyWeights(params: Parameters<FloatArray>): FloatArray[] {
  return params.weights.map((w) => w.slice());
}
