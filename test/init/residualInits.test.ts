import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunConfig } from '../../src/core/runConfig.js';
import { resolveInit } from '../../src/init/index.js';
import { initializeLayerNetwork } from '../../src/init/layerNetwork.js';
import { fixupScale } from '../../src/init/residualInits.js';
import { planLayers } from '../../src/nn/layers/plan.js';
import { NumpyRandomState } from '../../src/random/index.js';
import { TrainingSession } from '../../src/train/session.js';
import { UsageError } from '../../src/util/errors.js';

/*
 * Fixup (Zhang et al. 2019) and SkipInit (De & Smith 2020) against their formulas: with L residual
 * branches, a branch of m weight layers has its last layer (and bias) at 0 and its other m − 1 layers
 * at L^(−1/(2m−2)) times what the base initializer drew; the output layer is 0; everything outside
 * the branches is the base's draw. SkipInit leaves every kernel as drawn and adds α = 0 per block.
 */

const conv = (filters: number) => ({ type: 'conv2d', filters, kernel: 3, padding: 'same' });
const layers = planLayers([
  conv(3),
  { type: 'residual', layers: [conv(3), conv(3)] }, // m = 2
  { type: 'residual', layers: [conv(4), conv(4), conv(5)] }, // m = 3, projection 3 → 5
  { type: 'flatten' },
  { type: 'residual', layers: [{ type: 'dense', units: 80 }] }, // m = 1 (5·4·4 = 80 features)
  { type: 'dense', units: 3, activation: 'linear' }, // stands in for the output layer
], { c: 1, h: 4, w: 4 }, 'relu');

const draw = (name: string) => initializeLayerNetwork(resolveInit(name), layers, new NumpyRandomState(), 11);

describe('Fixup and SkipInit', () => {
  it('fixupScale is L^(−1/(2m−2)): 3^(−1/2) for m = 2, 3^(−1/4) for m = 3, undefined for m = 1', () => {
    assert.ok(Math.abs(fixupScale(3, 2) - 1 / Math.sqrt(3)) < 2e-16);
    assert.ok(Math.abs(fixupScale(3, 3) - 1 / Math.sqrt(Math.sqrt(3))) < 2e-16);
    assert.equal(fixupScale(16, 2), 0.25);
    assert.throws(() => fixupScale(3, 1), /m ≥ 2/);
  });

  it('fixup: zeroes each branch\'s last layer and the output layer, scales the rest of the branch, keeps the others', () => {
    const base = draw('torch:kaiming_normal');
    const fix = draw('fixup');
    // Weight tensors in network order: conv0, [b1: c, c], [b2: c, c, c, projection], [b3: dense], the last dense.
    assert.equal(fix.weights.length, 9);
    const same = (i: number) => assert.deepEqual([...fix.weights[i]!], [...base.weights[i]!], `tensor ${i} unchanged`);
    const zero = (i: number) => assert.ok(fix.weights[i]!.every((v) => v === 0), `tensor ${i} zero`);
    const scaled = (i: number, s: number) => fix.weights[i]!.forEach((v, j) => assert.ok(Math.abs(v - base.weights[i]![j]! * s) <= 1e-15 * Math.abs(v), `tensor ${i}[${j}]`));
    same(0);
    scaled(1, 3 ** -0.5); zero(2);
    scaled(3, 3 ** -0.25); scaled(4, 3 ** -0.25); zero(5);
    same(6); // the projection is not in the branch
    zero(7); // m = 1: only the zeroing
    zero(8); // the last (classification) layer
    assert.ok(fix.biases.every((b) => b.every((v) => v === 0)));
  });

  it('skipinit: every kernel as the base drew it, one α = 0 per residual block', () => {
    const base = draw('torch:kaiming_normal');
    const skip = draw('skipinit');
    assert.deepEqual(skip.weights.map((w) => [...w]), base.weights.map((w) => [...w]));
    assert.equal(skip.biases.length, base.biases.length + 3);
    const alphas = skip.biases.filter((b) => b.length === 1);
    assert.deepEqual(alphas.map((a) => a[0]), [0, 0, 0]);
  });

  it('the base is a parameter: { name: fixup, base: keras:he_normal } draws with Keras', () => {
    const a = initializeLayerNetwork(resolveInit({ name: 'fixup', base: 'keras:he_normal' }), layers, new NumpyRandomState(), 11);
    const b = initializeLayerNetwork(resolveInit('keras:he_normal'), layers, new NumpyRandomState(), 11);
    assert.deepEqual([...a.weights[0]!], [...b.weights[0]!]);
  });

  const noResidual = planLayers([conv(2), { type: 'flatten' }], { c: 1, h: 4, w: 4 }, 'relu');
  for (const name of ['fixup', 'skipinit']) {
    it(`${name} is refused, with the reason, on networks without residual blocks`, () => {
      assert.throws(() => initializeLayerNetwork(resolveInit(name), noResidual, new NumpyRandomState(), 1),
        (e: unknown) => e instanceof UsageError && new RegExp(`'${name}' acts on residual branches, and this network has none`).test(e.message));
      const dense: RunConfig = {
        data: { name: 'x', seed: 1 }, network: { hidden: [4], activation: 'relu' }, init: { name }, initSeed: 1,
        training: { optimizer: { name: 'sgd' }, learningRate: 0.1, iterations: 1, logEvery: 1 },
      };
      const d = { nFeatures: 2, nSamples: 2, x: new Float64Array(4), y: Float64Array.from([0, 1]) };
      assert.throws(() => new TrainingSession(dense, { train: d, test: d, nClasses: 2, task: 'binary' }),
        (e: unknown) => e instanceof UsageError && /residual network as a whole/.test(e.message));
    });
  }
});
