import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { courseCircles } from '../../src/data/circles.js';
import type { RunConfig } from '../../src/experiments/runTypes.js';
import { parseInitSpec } from '../../src/init/spec.js';
import { TrainingSession } from '../../src/train/session.js';
import { trainNetwork, type TrainingData } from '../../src/train/trainer.js';

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
