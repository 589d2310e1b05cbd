import type { RunConfig } from '../../core/runConfig.js';

/*
 * The order in which a sweep hands its pending runs to the workers (issue 10, item 4: 2 workers
 * give ≥ 1.8× the runs per second of 1). The pool gives each idle worker the next task; fed in
 * expansion order, a grid whose widest or longest runs come last ends with one worker training
 * them while the other waits. Longest-processing-time-first (Graham 1969, "Bounds on multiprocessing
 * timing anomalies": within 4/3 of the best schedule) starts the expensive runs first, so the
 * runs left at the end are the short ones.
 *
 * The order changes when a run is trained, never what it computes: a record depends on its config
 * alone, so runs.jsonl holds the same records (seconds apart) for any worker count and any order —
 * appended as each run finishes, so that a crash loses only the runs in flight.
 */

/** Data sizes when the spec leaves them out: the generators' defaults in src/data/registry.ts (samples 300, 2 features); csv/npy data are sized only once read. */
const DEFAULT_SAMPLES = 300;
const DEFAULT_FEATURES = 2;

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * A run's estimated cost, in multiply-adds up to a constant: the weights Σ n_l·n_{l+1} (input and
 * output widths taken from the data spec where it says them, else 2 and 1) times the samples the
 * network sees — `iterations` batches (full batch when batchSize is 0 or absent) plus one pass over
 * the whole data set per logged point. Only the order depends on it: a wrong estimate costs time,
 * never a different number. Runs that diverge or reach targetLoss stop early; that cannot be known
 * beforehand, so they are estimated at their full length.
 */
export function estimatedRunCost(config: RunConfig): number {
  const t = config.training;
  const samples = positive(config.data['samples'], DEFAULT_SAMPLES);
  const widths = [positive(config.data['features'], DEFAULT_FEATURES), ...config.network.hidden, 1];
  let weights = 0;
  for (let l = 0; l + 1 < widths.length; l++) weights += widths[l]! * widths[l + 1]!;
  const batch = t.batchSize !== undefined && t.batchSize > 0 ? Math.min(t.batchSize, samples) : samples;
  const logs = Math.floor(t.iterations / Math.max(1, t.logEvery)) + 2;
  return weights * (t.iterations * batch + logs * samples);
}

/**
 * The indices of `configs` in the order to start them: the most expensive first, ties in the
 * given order (a stable sort), so the schedule is the same on every machine and for every worker count.
 */
export function longestFirst(configs: readonly RunConfig[]): number[] {
  const cost = configs.map(estimatedRunCost);
  return configs.map((_, i) => i).sort((a, b) => cost[b]! - cost[a]! || a - b);
}
