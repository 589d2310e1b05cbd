import { runId } from '../../src/experiments/runId.js';
import type { RunConfig, RunRecord } from '../../src/experiments/runTypes.js';
import { defaultBaseConfig } from '../../src/experiments/sweep/spec.js';

/** A config: the spec's default base with some fields replaced. */
export function config(init: string, initSeed: number, change: (c: RunConfig) => void = () => undefined): RunConfig {
  const c = defaultBaseConfig();
  c.init = init === 'random' ? { name: 'random', scale: 10 } : { name: init };
  c.initSeed = initSeed;
  change(c);
  return c;
}

/** A hand-made record with the given final metrics. */
export function record(c: RunConfig, final: { trainLoss: number; trainAccuracy: number; testAccuracy: number }, extra: Partial<RunRecord> = {}): RunRecord {
  const point = { iteration: c.training.iterations, testLoss: final.trainLoss, ...final };
  return {
    id: runId(c),
    config: c,
    status: 'ok',
    symmetric: false,
    metrics: [point],
    final: point,
    iterationsToTarget: null,
    seconds: 0.5,
    initlab: { version: 'test' },
    ...extra,
  };
}
