import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { courseCircles } from '../../src/data/circles.js';
import type { RunConfig } from '../../src/experiments/runTypes.js';
import { parseInitSpec } from '../../src/init/spec.js';
import { UsageError } from '../../src/util/errors.js';
import { TrainingSession, trainNetwork } from '../../src/train/session.js';
import type { TrainingData } from '../../src/train/trainer.js';

// The stepwise session must change no number: the reference is trainNetwork's one-shot record, and the
// course table's accuracies (issue 2: zeros 0.5, He 0.99333 train after 15000 updates) bound the long run.

const { train, test } = courseCircles();
const data: TrainingData = { train, test, nClasses: 2, task: 'binary' };

function config(init: string, over: Partial<RunConfig['training']> = {}): RunConfig {
  return {
    data: { name: 'circles', seed: 1 },
    network: { hidden: [10, 5], activation: 'relu' },
    init: parseInitSpec(init),
    initSeed: 3,
    training: { optimizer: { name: 'sgd' }, learningRate: 0.01, iterations: 600, logEvery: 100, ...over },
  };
}

const withoutSeconds = <T extends { seconds: number }>(r: T) => ({ ...r, seconds: 0 });

describe('TrainingSession', () => {
  it('advanced in uneven steps gives bit for bit the one-shot record (SGD with mini-batches and Adam)', () => {
    for (const over of [{}, { batchSize: 64, optimizer: { name: 'adam' as const }, learningRate: 0.01 }]) {
      const whole = trainNetwork(config('he', over), data);
      const s = new TrainingSession(config('he', over), data);
      const steps = [1, 7, 0, 93, 250, 1000];
      for (const n of steps) s.advance(n);
      assert.equal(s.finished, true);
      assert.equal(s.iteration, 600);
      assert.deepEqual(withoutSeconds(s.result()), withoutSeconds(whole));
    }
  });

  it('logs iteration 0 at construction, counts updates, and does nothing once finished', () => {
    const s = new TrainingSession(config('he', { iterations: 250 }), data);
    assert.deepEqual(s.metrics.map((p) => p.iteration), [0]);
    assert.equal(s.iteration, 0);
    assert.equal(s.finished, false);
    s.advance(150);
    assert.equal(s.iteration, 150);
    assert.deepEqual(s.metrics.map((p) => p.iteration), [0, 100]);
    s.advance(1000);
    assert.equal(s.iteration, 250);
    assert.deepEqual(s.metrics.map((p) => p.iteration), [0, 100, 200, 250]);
    const before = s.result();
    s.advance(10);
    assert.equal(s.iteration, 250);
    assert.deepEqual(withoutSeconds(s.result()), withoutSeconds(before));
    assert.equal(new TrainingSession(config('he', { iterations: 0 }), data).finished, true);
  });

  it('stops at divergence with the last finite point as final', () => {
    const s = new TrainingSession(config('random:scale=10', { learningRate: 1e300, iterations: 100, logEvery: 1 }), data);
    s.advance(100);
    const r = s.result();
    assert.equal(s.finished, true);
    assert.equal(r.status, 'diverged');
    assert.ok(r.divergedAt !== undefined && r.divergedAt < 100);
    assert.ok(r.metrics.every((p) => Number.isFinite(p.trainLoss)));
  });

  it('stops at targetLoss', () => {
    const s = new TrainingSession(config('he', { iterations: 5000, targetLoss: 0.6 }), data);
    s.advance(5000);
    const r = s.result();
    assert.equal(s.finished, true);
    assert.ok(r.iterationsToTarget !== null && r.final.trainLoss <= 0.6);
    assert.equal(s.iteration, r.iterationsToTarget);
  });

  it("the article's zeros run stays symmetric at ln 2 and accuracy 0.5; He reaches 0.99333 train", () => {
    const zeros = new TrainingSession(config('zeros', { iterations: 15000, logEvery: 15000 }), data);
    while (!zeros.finished) zeros.advance(4000);
    const z = zeros.result();
    assert.ok(Math.abs(z.final.trainLoss - Math.LN2) < 1e-12);
    assert.equal(z.final.trainAccuracy, 0.5);
    assert.equal(z.symmetric, true);
    const he = new TrainingSession(config('he', { iterations: 15000, logEvery: 15000 }), data);
    while (!he.finished) he.advance(4000);
    assert.equal(he.result().final.trainAccuracy.toFixed(5), '0.99333');
    assert.equal(he.result().final.testAccuracy, 0.96);
  });
});

// Training reaches diagnostics only through hooks (issue 10, item 5): the session asks hooks.layerStats
// for a recorder and calls it at 0, k, 2k, … and the last update, with the weights one update back.
describe('TrainingSession: the layerStats hook', () => {
  it('builds the recorder from the run and calls it at 0, k, 2k, …, the last', () => {
    const setups: unknown[] = [];
    const calls: { k: number; prev: number | undefined; w0: number }[] = [];
    const s = new TrainingSession(config('he', { iterations: 250, statsEvery: 100, l2: 0.5 }), data, {
      layerStats: (setup) => {
        setups.push({ ...setup, x: setup.x.length, y: setup.y.length });
        return {
          record: (k, params, prev) => {
            calls.push({ k, prev: prev?.length, w0: params.weights[0]![0]! });
            return { iteration: k, layers: [] };
          },
        };
      },
    });
    s.advance(1000);
    assert.deepEqual(setups, [{ layerSizes: [2, 10, 5, 1], activation: 'relu', output: 'sigmoid', slope: 0.01, x: 2 * train.nSamples, y: train.nSamples, m: train.nSamples, l2: 0.5, l1: 0, momentsFromKernel: false }]);
    // Three weight matrices one update back, except at iteration 0 (no update yet).
    assert.deepEqual(calls.map((c) => [c.k, c.prev]), [[0, undefined], [100, 3], [200, 3], [250, 3]]);
    assert.deepEqual(s.layerStats.map((p) => p.iteration), [0, 100, 200, 250]);
    assert.deepEqual(s.result().stats, [0, 100, 200, 250].map((iteration) => ({ iteration, layers: [] })));
  });

  it('refuses statsEvery without a recorder (a programming error, not the user\'s)', () => {
    assert.throws(() => new TrainingSession(config('he', { statsEvery: 10 }), data), (err: Error) => !(err instanceof UsageError) && /hooks\.layerStats/.test(err.message));
  });
});
