import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DenseNetwork } from '../../src/nn/network.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { autoRange, impactOf, layerHistograms, verdictsFor } from '../../web/src/insight.js';

/** 4 points in the plane, two per class. */
const data: TrainingData = {
  train: { nFeatures: 2, nSamples: 4, x: Float64Array.from([1, -1, 0.5, -0.5, 1, 1, -1, -1]), y: Float64Array.from([1, 0, 1, 0]) },
  test: { nFeatures: 2, nSamples: 0, x: new Float64Array(0), y: new Float64Array(0) },
  nClasses: 2,
  task: 'binary',
};

function net(fill: (l: number, i: number) => number): DenseNetwork {
  const n = new DenseNetwork({ layerSizes: [2, 3, 3, 1], activation: 'tanh', output: 'sigmoid' });
  n.params.weights.forEach((w, l) => w.forEach((_, i) => (w[i] = fill(l, i))));
  return n;
}

describe('playground: inside the network', () => {
  it('flags symmetry for identical units and not for distinct ones', () => {
    const kinds = (n: DenseNetwork) => Object.fromEntries(verdictsFor(n, data, 'ok', undefined, 'x').map((v) => [v.kind, v.flagged]));
    const same = kinds(net(() => 0.3));
    assert.equal(same.symmetry, true);
    assert.equal(same.divergence, false);
    const differ = kinds(net((l, i) => Math.sin(7 * l + i + 1)));
    assert.equal(differ.symmetry, false);
    for (const k of ['symmetry', 'vanishing', 'saturation', 'divergence']) assert.ok(k in differ, k);
  });

  it('flags saturation when tanh units sit at ±1, and divergence from the run status', () => {
    const big = verdictsFor(net((l, i) => 40 * Math.sin(3 * l + i + 1)), data, 'diverged', 120, 'x');
    assert.equal(big.find((v) => v.kind === 'saturation')?.flagged, true);
    const d = big.find((v) => v.kind === 'divergence')!;
    assert.equal(d.flagged, true);
    assert.match(d.message, /iteration 120/);
  });

  it('histograms count every unit × sample of each hidden layer', () => {
    const n = net((l, i) => Math.cos(l + 2 * i));
    const ws = n.createWorkspace(4, true);
    for (const view of ['activations', 'gradients'] as const) {
      const h = layerHistograms(n, ws, data, view, 10);
      assert.equal(h.length, 2);
      for (const layer of h) assert.equal(layer.counts.reduce((a, b) => a + b, 0) + layer.nonFinite, 3 * 4);
    }
    assert.deepEqual(layerHistograms(n, ws, data, 'off'), []);
  });

  it('picks a bin range around the finite values', () => {
    assert.deepEqual(autoRange(Float64Array.from([2, -1, NaN, 5, Infinity])), [-1, 5]);
    assert.deepEqual(autoRange(Float64Array.from([0, 0])), [-1, 1]);
    assert.deepEqual(autoRange(Float64Array.from([4, 4])), [2, 6]);
    assert.deepEqual(autoRange(Float64Array.from([NaN])), [-1, 1]);
  });
});

describe('playground: vanishing is not judged without a signal', () => {
  it('says so for all-zero weights instead of calling the signal healthy', () => {
    const n = new DenseNetwork({ layerSizes: [2, 3, 3, 1], activation: 'relu', output: 'sigmoid' });
    const v = verdictsFor(n, data, 'ok', undefined, 'zeros').find((x) => x.kind === 'vanishing')!;
    assert.equal(v.flagged, false);
    assert.match(v.message, /not judged/);
  });
  it('says whether a finding hurts this run: not before training, harmless at ≥ 90% train accuracy, hurts below', () => {
    const at = (iteration: number, acc: number) => impactOf({ iteration, total: 100, trainAccuracy: acc, trainLoss: 0.1, firstLoss: 0.7 });
    assert.equal(at(0, 0.5).impact, 'pending');
    assert.equal(at(100, 0.99).impact, 'harmless');
    assert.equal(at(100, 0.9).impact, 'harmless');
    assert.equal(at(100, 0.5).impact, 'hurts');
    assert.equal(at(100, 0.5).impactText, 'likely hurts this run: 50.0% train accuracy at iteration 100.');
    assert.equal(at(100, Number.NaN).impact, 'hurts');
    assert.equal(impactOf({ iteration: 50, total: 100, trainAccuracy: 0.5, trainLoss: 0.1, firstLoss: 0.7, regression: true }).impactText, 'likely hurts this run: train R² 0.500 at iteration 50 so far.');
  });
});
