import type { ScheduleSpec } from '../core/runConfig.js';
import { UsageError, didYouMean } from '../util/errors.js';

/*
 * Learning-rate schedules, as closed forms of the update index t = 0, 1, … (t updates already done;
 * the schedule steps once per update, not per epoch). lr is training.learningRate.
 *
 *   constant  lr
 *   step      lr · gamma^⌊t / stepSize⌋                    (PyTorch StepLR; gamma default 0.1, stepSize required)
 *   cosine    minLr + (lr − minLr)·(1 + cos(π·t/T))/2 for t < T, minLr from t = T on
 *             (PyTorch CosineAnnealingLR with eta_min = minLr, default 0, and T_max = T = `iterations`,
 *             default training.iterations; PyTorch would climb back after T_max — we hold minLr)
 */

/** The learning-rate schedules. */
export type ScheduleName = ScheduleSpec['name'];
/** Every schedule's name: constant; step (η·factor^⌊t/every⌋); cosine (η_min + (η − η_min)(1 + cos(πt/T))/2, Loshchilov & Hutter 2017). */
export const SCHEDULE_NAMES: readonly ScheduleName[] = ['constant', 'step', 'cosine'];

/** A validated schedule: the learning rate of update index t. */
export interface Schedule {
  readonly name: ScheduleName;
  learningRate(t: number): number;
}

const PARAMS: Record<ScheduleName, readonly string[]> = {
  constant: [],
  step: ['stepSize', 'gamma'],
  cosine: ['minLr', 'iterations'],
};

function numberParam(spec: ScheduleSpec, key: string, where: string, check: (v: number) => boolean, expect: string): number | undefined {
  const v = spec[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) {
    throw new UsageError(`${where}: '${key}' of schedule '${spec.name}' must be ${expect} (got ${JSON.stringify(v)}).`);
  }
  return v;
}

/**
 * The schedule of `spec` (constant when absent) for base learning rate `lr` and a run of
 * `iterations` updates.
 * @throws UsageError for an unknown schedule, an unknown parameter or a value out of range.
 */
export function createSchedule(spec: ScheduleSpec | undefined, lr: number, iterations: number, where = 'training.schedule'): Schedule {
  if (!spec) return { name: 'constant', learningRate: () => lr };
  const name = spec.name;
  if (!(SCHEDULE_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`${where}: unknown schedule '${String(name)}'.${didYouMean(String(name), SCHEDULE_NAMES)} Known: ${SCHEDULE_NAMES.join(', ')}.`);
  }
  const known = PARAMS[name];
  for (const key of Object.keys(spec)) {
    if (key !== 'name' && !known.includes(key)) {
      throw new UsageError(
        `${where}: unknown parameter '${key}' for schedule '${name}';${didYouMean(key, known)} ${known.length > 0 ? `it accepts: ${known.join(', ')}.` : 'it takes no parameters.'}`,
      );
    }
  }
  switch (name) {
    case 'constant':
      return { name, learningRate: () => lr };
    case 'step': {
      const stepSize = numberParam(spec, 'stepSize', where, (v) => Number.isInteger(v) && v >= 1, 'a positive integer');
      if (stepSize === undefined) throw new UsageError(`${where}: schedule 'step' needs 'stepSize' (updates between decays), e.g. {"name": "step", "stepSize": 1000}.`);
      const gamma = numberParam(spec, 'gamma', where, (v) => v > 0, 'a positive number') ?? 0.1;
      return { name, learningRate: (t) => lr * gamma ** Math.floor(t / stepSize) };
    }
    case 'cosine': {
      const minLr = numberParam(spec, 'minLr', where, (v) => v >= 0, 'a number ≥ 0') ?? 0;
      const T = numberParam(spec, 'iterations', where, (v) => Number.isInteger(v) && v >= 1, 'a positive integer') ?? Math.max(1, iterations);
      return { name, learningRate: (t) => (t >= T ? minLr : minLr + ((lr - minLr) * (1 + Math.cos((Math.PI * t) / T))) / 2) };
    }
  }
}
