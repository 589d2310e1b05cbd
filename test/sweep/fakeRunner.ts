import { createHash } from 'node:crypto';
import { runId } from '../../src/experiments/runId.js';
import type { MetricPoint, RunConfig, RunRecord } from '../../src/experiments/runTypes.js';
import { UsageError } from '../../src/util/errors.js';

/** A pseudo-random number in [0, 1) that depends only on the config and a salt. */
function unit(config: RunConfig, salt: string): number {
  const h = createHash('sha256').update(runId(config) + salt).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/**
 * A stand-in runner for sweep tests: a record whose numbers are a pure function of the config (no
 * training), so pool, store and resume logic can be tested fast. Init 'zeros' never breaks symmetry;
 * learning rates ≥ 10 diverge; data seed 666 throws a UsageError.
 */
export function runConfig(config: RunConfig, onProgress?: (done: number, total: number) => void): RunRecord {
  if (config.data.seed === 666) throw new UsageError('data seed 666 is cursed');
  const t = config.training;
  const diverged = t.learningRate >= 10;
  const metrics: MetricPoint[] = [];
  for (let k = 0; k <= t.iterations; k += t.logEvery) {
    const loss = 0.7 * Math.exp(-k / 100) * (0.5 + unit(config, `loss${k}`));
    metrics.push({ iteration: k, trainLoss: loss, trainAccuracy: 1 - loss / 2, testLoss: loss * 1.1, testAccuracy: 1 - loss / 1.8 });
    onProgress?.(k, t.iterations);
  }
  const final: MetricPoint = diverged ? { iteration: t.logEvery, trainLoss: Number.NaN, trainAccuracy: 0.5, testLoss: Number.POSITIVE_INFINITY, testAccuracy: 0.5 } : metrics[metrics.length - 1]!;
  const hit = t.targetLoss === undefined ? undefined : metrics.find((m) => m.trainLoss <= t.targetLoss!);
  return {
    id: runId(config),
    config,
    status: diverged ? 'diverged' : 'ok',
    ...(diverged ? { divergedAt: t.logEvery } : {}),
    symmetric: config.init.name === 'zeros',
    metrics: diverged ? metrics.slice(0, 1) : metrics,
    final,
    iterationsToTarget: hit ? hit.iteration : null,
    seconds: 0.001 + unit(config, 'time') / 1000,
    initlab: { version: 'test' },
  };
}

/** Sleeps (busy) before answering: for tests that need runs in flight. */
export function slowRunConfig(config: RunConfig): RunRecord {
  const until = Date.now() + 30;
  while (Date.now() < until) {
    /* spin */
  }
  return runConfig(config);
}
