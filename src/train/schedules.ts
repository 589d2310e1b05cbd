import { SCHEDULE_NAMES, type ScheduleSpec } from '../core/runConfig.js';
import { UsageError, didYouMean } from '../util/errors.js';
import { num, resolveParams, type ParamSpec } from '../util/params.js';

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
// Every schedule's name: the run vocabulary's one list (core/runConfig.ts).
export { SCHEDULE_NAMES };

/** A validated schedule: the learning rate of update index t. */
export interface Schedule {
  readonly name: ScheduleName;
  learningRate(t: number): number;
}

/**
 * Each schedule's parameters in initlab's one parameter schema (util/params.ts). step's stepSize is
 * required, but checked after resolution for a message with an example; cosine's iterations
 * defaults to the run's, which only createSchedule knows.
 */
const PARAMS: Record<ScheduleName, readonly ParamSpec[]> = {
  constant: [],
  step: [
    { name: 'stepSize', type: 'integer', min: 1, doc: 'updates between decays' },
    { name: 'gamma', type: 'number', default: 0.1, min: 0, minOpen: true, doc: 'the factor applied at each decay' },
  ],
  cosine: [
    { name: 'minLr', type: 'number', default: 0, min: 0, doc: 'the learning rate reached at the end' },
    { name: 'iterations', type: 'integer', min: 1, doc: 'T: updates from the base rate to minLr (default: the run\'s iterations)' },
  ],
};

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
  const p = resolveParams(`schedule '${name}'`, PARAMS[name], spec, { where });
  switch (name) {
    case 'constant':
      return { name, learningRate: () => lr };
    case 'step': {
      if (p['stepSize'] === undefined) throw new UsageError(`${where}: schedule 'step' needs 'stepSize' (updates between decays), e.g. {"name": "step", "stepSize": 1000}.`);
      const stepSize = num(p, 'stepSize');
      const gamma = num(p, 'gamma');
      return { name, learningRate: (t) => lr * gamma ** Math.floor(t / stepSize) };
    }
    case 'cosine': {
      const minLr = num(p, 'minLr');
      const T = p['iterations'] === undefined ? Math.max(1, iterations) : num(p, 'iterations');
      return { name, learningRate: (t) => (t >= T ? minLr : minLr + ((lr - minLr) * (1 + Math.cos((Math.PI * t) / T))) / 2) };
    }
  }
}
