import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { courseCircles } from '../../src/data/circles.js';
import type { RunConfig } from '../../src/experiments/runTypes.js';
import { parseInitSpec } from '../../src/init/spec.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/train/checkpointFile.js';
import { TrainingSession } from '../../src/experiments/training.js';
import type { TrainingData } from '../../src/train/trainer.js';

// A run paused at a rung and continued from its checkpoint file (issue 13 item 3) must be the run
// never paused: the reference is the same config trained in one go, compared bit for bit
// (records less seconds, and every final parameter).

const { train, test } = courseCircles();
const data: TrainingData = { train, test, nClasses: 2, task: 'binary' };

function config(over: Partial<RunConfig['training']>, dtype?: 'float32'): RunConfig {
  return {
    data: { name: 'circles', seed: 1 },
    network: { hidden: [10, 5], activation: 'relu' },
    init: parseInitSpec('he'),
    initSeed: 3,
    ...(dtype ? { dtype } : {}),
    training: { optimizer: { name: 'sgd' }, learningRate: 0.01, iterations: 300, logEvery: 50, ...over },
  };
}

const withoutSeconds = <T extends { seconds: number }>(r: T) => ({ ...r, seconds: 0 });

function bits(s: TrainingSession): number[][] {
  const p = s.network.params;
  return [...p.weights, ...p.biases].map((x) => [...new Uint8Array(x.buffer, x.byteOffset, x.byteLength)]);
}

describe('TrainingSession checkpoints', () => {
  const cases: [string, RunConfig][] = [
    ['adam, mini-batches of 64 (the pause falls mid-epoch)', config({ optimizer: { name: 'adam' }, batchSize: 64 })],
    ['momentum, full batch', config({ optimizer: { name: 'momentum' } })],
    ['rmsprop, float32, batches of 7, layer statistics', config({ optimizer: { name: 'rmsprop' }, batchSize: 7, statsEvery: 25 }, 'float32')],
    ['sgd with a cosine schedule and l2', config({ schedule: { name: 'cosine' }, l2: 0.01, batchSize: 32 })],
  ];
  for (const [name, c] of cases) {
    it(`continues bit for bit from its file: ${name}`, () => {
      const whole = new TrainingSession(c, data);
      whole.advance(Number.MAX_SAFE_INTEGER);

      const first = new TrainingSession(c, data);
      first.advance(150);
      const bytes = encodeCheckpoint(first.checkpoint(), first.layerSizes, c);
      const { checkpoint, config: stored } = decodeCheckpoint(bytes);
      assert.deepEqual(stored, c);
      const second = new TrainingSession(c, data);
      second.restore(checkpoint);
      assert.equal(second.iteration, 150);
      second.advance(Number.MAX_SAFE_INTEGER);

      assert.ok(whole.finished && second.finished);
      assert.deepEqual(withoutSeconds(second.result()), withoutSeconds(whole.result()));
      assert.deepEqual(bits(second), bits(whole));
    });
  }

  it('refuses a checkpoint of another network', () => {
    const a = new TrainingSession(config({}), data);
    a.advance(10);
    const other = new TrainingSession({ ...config({}), network: { hidden: [4], activation: 'relu' } }, data);
    assert.throws(() => other.restore(a.checkpoint()), /does not fit this run: 3 layers, the network has 2/);
  });

  it('a finished run has no checkpoint', () => {
    const a = new TrainingSession(config({ iterations: 5 }), data);
    a.advance(10);
    assert.throws(() => a.checkpoint(), /finished run has no checkpoint/);
  });
});
