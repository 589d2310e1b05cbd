import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunConfig } from '../../src/core/runConfig.js';
import { runOne } from '../../src/experiments/runOne.js';
import { LayerNetwork } from '../../src/nn/layers/network.js';
import { DefaultRandom } from '../../src/random/index.js';
import { TrainingSession } from '../../src/train/session.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { UsageError } from '../../src/util/errors.js';

/* Training a network.layers config end to end: the session, runOne, and the refusals. */

/** 8×8 one-channel images of 3 classes: a bright bar in the top, middle or bottom rows, plus noise. */
function bars(n: number, seed: number) {
  const rng = new DefaultRandom(seed);
  const x = new Float64Array(64 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const c = s % 3;
    y[s] = c;
    for (let p = 0; p < 64; p++) {
      const row = Math.floor(p / 8);
      x[p * n + s] = (Math.floor(row / 3) === c ? 1 : 0) + 0.3 * rng.standardNormal();
    }
  }
  return { nFeatures: 64, nSamples: n, x, y };
}
const data: TrainingData = { train: bars(90, 1), test: bars(30, 2), nClasses: 3, task: 'multiclass' };

const config: RunConfig = {
  data: { name: 'bars', seed: 1 },
  network: {
    hidden: [],
    activation: 'relu',
    layers: [
      { type: 'conv2d', filters: 4, kernel: 3, padding: 'same' },
      { type: 'maxpool', size: 2 },
      { type: 'residual', layers: [{ type: 'conv2d', filters: 4, kernel: 3, padding: 'same' }, { type: 'conv2d', filters: 4, kernel: 3, padding: 'same' }] },
      { type: 'flatten' },
      { type: 'dense', units: 8 },
    ],
  },
  init: { name: 'torch:kaiming_normal' },
  initSeed: 3,
  training: { optimizer: { name: 'adam' }, learningRate: 0.01, iterations: 120, logEvery: 40, batchSize: 16 },
};

describe('training a network.layers config', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    it(`${dtype}: the loss falls and the bars are learnt (a 8×8 image as 1×8×8, softmax head of 3 added)`, () => {
      const c: RunConfig = { ...structuredClone(config), ...(dtype === 'float32' ? { dtype } : {}) };
      const session = new TrainingSession(c, data);
      assert.ok(session.model instanceof LayerNetwork);
      assert.deepEqual(session.model.plan.map((l) => l.kind), ['conv2d', 'maxpool', 'residual', 'flatten', 'dense', 'dense']);
      assert.equal(session.model.nOutputs, 3);
      assert.equal(session.model.dtype, dtype);
      while (!session.finished) session.advance(1000);
      const r = session.result();
      assert.equal(r.status, 'ok');
      assert.ok(r.final.trainLoss < 0.5 * r.metrics[0]!.trainLoss, `${r.metrics[0]!.trainLoss} → ${r.final.trainLoss}`);
      assert.ok(r.final.testAccuracy > 0.9, `test accuracy ${r.final.testAccuracy}`);
      assert.equal(r.symmetric, false);
    });
  }

  for (const name of ['skipinit', 'fixup']) {
    it(`${name} with batchnorm layers trains (the optimizer takes γ, β and α beside the biases)`, () => {
      const c = structuredClone(config);
      c.init = { name };
      c.network.layers = [
        { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', activation: 'linear' }, { type: 'batchnorm', activation: 'relu' },
        ...config.network.layers!.slice(1),
      ];
      const session = new TrainingSession(c, data);
      const net = session.model as LayerNetwork;
      assert.equal(net.params.biases.length, net.params.weights.length + 2 + (name === 'skipinit' ? 1 : 0));
      while (!session.finished) session.advance(1000);
      const r = session.result();
      assert.equal(r.status, 'ok');
      assert.ok(r.final.trainLoss < 0.5 * r.metrics[0]!.trainLoss, `${r.metrics[0]!.trainLoss} → ${r.final.trainLoss}`);
      if (name === 'skipinit') assert.notEqual(net.residualBlocks()[0]!.alpha!.value.view()[0], 0, 'α was trained');
    });
  }

  it('runOne gives the same record twice (seeded init and shuffling)', () => {
    const a = runOne(config, () => data);
    const b = runOne(config, () => data);
    assert.deepEqual(a.metrics, b.metrics);
  });

  it('the zeros init leaves every filter identical: symmetric', () => {
    const session = new TrainingSession({ ...structuredClone(config), init: { name: 'zeros' }, network: { ...config.network, layers: [{ type: 'dense', units: 4 }] } }, data);
    while (!session.finished) session.advance(1000);
    assert.equal(session.result().symmetric, true);
  });

  it('refuses hidden and layers together, statsEvery, a bad layer and a dense-only init on a conv, each with the fix', () => {
    const refuse = (c: RunConfig, re: RegExp) => assert.throws(() => new TrainingSession(c, data), (e: unknown) => e instanceof UsageError && re.test(e.message));
    refuse({ ...structuredClone(config), network: { ...config.network, hidden: [4] } }, /either hidden \[4\] or layers, not both/);
    refuse({ ...structuredClone(config), training: { ...config.training, statsEvery: 10 } }, /remove statsEvery/);
    refuse({ ...structuredClone(config), network: { ...config.network, layers: [{ type: 'conv2d', filters: 2, kernel: 9 } ] } }, /network\.layers\[0\]: a 9×9 kernel does not fit the height of 8.*padding: same/);
    refuse({ ...structuredClone(config), network: { ...config.network, layers: [{ type: 'conv', filters: 2, kernel: 3 } as never] } }, /unknown layer type "conv". Did you mean 'conv2d'/);
    refuse({ ...structuredClone(config), init: { name: 'he' } }, /'he' accepts 2-D tensors.*torch:kaiming_normal/);
    refuse({ ...structuredClone(config), network: { ...config.network, layers: [{ type: 'residual', layers: [{ type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }], skip: 'identity' }] } }, /maps 1×8×8 to 3×8×8.*skip: projection/);
  });

  it('refuses a batch whose buffers would not fit the kernels\' memory, naming the largest that does', () => {
    const big: TrainingData = { train: { nFeatures: 784, nSamples: 3000, x: new Float64Array(784 * 3000), y: new Float64Array(3000) }, test: { nFeatures: 784, nSamples: 0, x: new Float64Array(0), y: new Float64Array(0) }, nClasses: 3, task: 'multiclass' };
    const c = structuredClone(config);
    c.training.batchSize = 0;
    c.network.layers = [{ type: 'conv2d', filters: 64, kernel: 3, padding: 'same' }, { type: 'conv2d', filters: 64, kernel: 3, padding: 'same' }];
    assert.throws(() => new TrainingSession(c, big), (e: unknown) => e instanceof UsageError && /training\.batchSize: a batch of 3000 samples \(the full training set\) needs more than 1 GiB .* use batchSize ≤ \d+/.test(e.message));
  });

  it('the session of a layers network has no dense `network`; `model` is the one to use', () => {
    const session = new TrainingSession(config, data);
    assert.throws(() => session.network, /use session\.model/);
  });
});
