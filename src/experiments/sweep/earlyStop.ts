import type { MetricPoint, RunRecord } from '../../core/runConfig.js';

/*
 * The sweep's metric and early termination (issue 13 item 3), after W&B sweeps
 * (docs.wandb.ai, "Sweep configuration options": `metric: {name, goal}`, `early_terminate:
 * {type: hyperband, min_iter, eta}`).
 *
 * Rungs: iterations min_iter·eta^k (k = 0, 1, …) below every run's training.iterations — W&B's
 * hyperband brackets. They must be multiples of training.logEvery, so that every run has a logged
 * point (and the metric) exactly at each rung.
 *
 * Unlike W&B's asynchronous hyperband, decisions are synchronous (successive halving, Jamieson &
 * Talwalkar 2016; Li et al. 2018 "Hyperband", one bracket): every run of a rung trains up to it,
 * and only once all of them have reported is the rung decided, from their metric values at the
 * rung in spec order. The decision therefore depends on the values alone — never on timing or on
 * the number of workers — and a resumed sweep takes it again identically.
 *
 *   hyperband: the best max(1, ⌊n/eta⌋) of the n runs that reported go on; the others stop.
 *   median:    a run stops when its value is worse than the median of the n values (the median
 *              stopping rule of Golovin et al. 2017, "Google Vizier", §3.2.2, taken at rungs on the
 *              value at the rung); a tie with the median goes on, a non-finite value stops.
 * Ties in the ranking are broken by spec order (the earlier run ranks first). A run whose metric
 * is not finite at a rung ranks last. Runs that end before a rung (diverged, or targetLoss
 * reached) do not report at it: they are finished, not stopped.
 */

export const METRIC_NAMES = ['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** A sweep spec's `metric`: the record field to rank by and whether lower or higher is better (as W&B sweeps' metric). */
export interface SweepMetric {
  name: MetricName;
  goal: 'minimize' | 'maximize';
}

/** A sweep spec's `earlyStop`: the rule (hyperband or median, as W&B's early_terminate) and its rungs min_iter·eta^k. */
export interface EarlyStopSpec {
  type: 'hyperband' | 'median';
  /** First rung, in updates. */
  min_iter: number;
  /** Rung growth factor, and for hyperband the fraction 1/eta kept at each rung. */
  eta: number;
}

/** Default eta: 3 as in W&B's hyperband and Li et al. 2018. */
export const DEFAULT_ETA = 3;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `metric`; the error text (without the location) when it is not one. */
export function parseMetric(raw: unknown): SweepMetric | string {
  if (!isObject(raw)) return `expected {name, goal} (got ${JSON.stringify(raw)})`;
  const extra = Object.keys(raw).filter((k) => k !== 'name' && k !== 'goal');
  if (extra.length > 0) return `unknown field ${extra.map((k) => `'${k}'`).join(', ')} (a metric has name and goal)`;
  const { name, goal } = raw;
  if (typeof name !== 'string' || !(METRIC_NAMES as readonly string[]).includes(name)) return `name must be one of ${METRIC_NAMES.join(', ')} (got ${JSON.stringify(name)})`;
  const g = goal ?? (name.endsWith('Loss') ? 'minimize' : 'maximize');
  if (g !== 'minimize' && g !== 'maximize') return `goal must be minimize or maximize (got ${JSON.stringify(goal)})`;
  return { name: name as MetricName, goal: g };
}

/** Reads `earlyStop`; the error text (without the location) when it is not one. */
export function parseEarlyStop(raw: unknown): EarlyStopSpec | string {
  if (!isObject(raw)) return `expected {type: hyperband | median, min_iter, eta} (got ${JSON.stringify(raw)})`;
  const extra = Object.keys(raw).filter((k) => !['type', 'min_iter', 'eta'].includes(k));
  if (extra.length > 0) return `unknown field ${extra.map((k) => `'${k}'`).join(', ')} (earlyStop has type, min_iter and eta)`;
  const { type, min_iter: minIter, eta } = raw;
  if (type !== 'hyperband' && type !== 'median') return `type must be hyperband or median (got ${JSON.stringify(type)})`;
  if (typeof minIter !== 'number' || !Number.isSafeInteger(minIter) || minIter < 1) return `min_iter must be a whole number ≥ 1 (got ${JSON.stringify(minIter)})`;
  const e = eta ?? DEFAULT_ETA;
  if (typeof e !== 'number' || !Number.isSafeInteger(e) || e < 2) return `eta must be a whole number ≥ 2 (got ${JSON.stringify(eta)})`;
  return { type, min_iter: minIter, eta: e };
}

/** The rungs (in updates) below `iterations`: min_iter, min_iter·eta, … */
export function rungsFor(spec: EarlyStopSpec, iterations: number): number[] {
  const rungs: number[] = [];
  for (let r = spec.min_iter; r < iterations; r *= spec.eta) rungs.push(r);
  return rungs;
}

/** The run's logged point at exactly `iteration`; undefined when it has none. */
export function pointAt(metrics: readonly MetricPoint[], iteration: number): MetricPoint | undefined {
  return metrics.find((p) => p.iteration === iteration);
}

/** `a` better than `b` for the metric's goal (a non-finite value is worse than any finite one). */
export function better(metric: SweepMetric, a: number, b: number): boolean {
  if (!Number.isFinite(a)) return false;
  if (!Number.isFinite(b)) return true;
  return metric.goal === 'minimize' ? a < b : a > b;
}

/** Comparator putting the best first; ties keep the given order (Array.prototype.sort is stable). */
export function compareValues(metric: SweepMetric, a: number, b: number): number {
  return better(metric, a, b) ? -1 : better(metric, b, a) ? 1 : 0;
}

/**
 * One rung's decision: `values[i]` is the metric of the i-th reporting run (spec order) at the
 * rung; returns which go on (true) and which stop (false).
 */
export function decideRung(spec: EarlyStopSpec, metric: SweepMetric, values: readonly number[]): boolean[] {
  const n = values.length;
  if (spec.type === 'hyperband') {
    const keep = Math.max(1, Math.floor(n / spec.eta));
    const order = values.map((_, i) => i).sort((a, b) => compareValues(metric, values[a]!, values[b]!));
    const go = values.map(() => false);
    for (const i of order.slice(0, keep)) go[i] = true;
    return go;
  }
  const median = medianOf(metric, values);
  return values.map((v) => Number.isFinite(v) && !better(metric, median, v));
}

/** The median of the values in the metric's ranking, best first (the mean of the two middle ones for an even count); NaN when a middle one is not finite. */
function medianOf(metric: SweepMetric, values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => compareValues(metric, a, b));
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** The value a run's record gives for the metric (its final point). */
export function recordValue(record: RunRecord, metric: SweepMetric): number {
  return record.final[metric.name];
}

/** The metric of a spec as sweep.json keeps it (the spec as written); undefined when it names none (or none valid). */
export function manifestMetric(spec: unknown): SweepMetric | undefined {
  if (!isObject(spec) || spec['metric'] === undefined) return undefined;
  const m = parseMetric(spec['metric']);
  return typeof m === 'string' ? undefined : m;
}
