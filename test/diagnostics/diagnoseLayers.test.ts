import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnoseLayerNetwork } from '../../src/diagnostics/diagnoseLayers.js';
import { predictLayerMeanSquares } from '../../src/diagnostics/residualVariance.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { resolveInit } from '../../src/init/spec.js';
import { LayerNetwork } from '../../src/nn/layers/network.js';
import { DefaultRandom } from '../../src/random/xoshiro.js';

/*
 * diagnose on layer networks (issue 14 item 3). The predictions are checked against closed forms
 * written out here by hand from the variance recursion (E[y²] = E[x²]·(1 + α²g) per block, g the
 * branch's gain), the measurements against the predictions within a statistical bound over init
 * seeds, and Fixup's and SkipInit's identity blocks exactly.
 */

registerAllInitializers();

const W = 32;
const dense = (units: number, activation?: string) => ({ type: 'dense', units, ...(activation ? { activation } : {}) });
const block = (m = 2, activation = 'linear') => ({ type: 'residual', activation, layers: Array.from({ length: m }, () => dense(W)) });
const plainNet = (blocks: number, m = 2) => [dense(W), ...Array.from({ length: blocks }, () => block(m))];

function planOf(layers: unknown[], nOutputs = 1) {
  return new LayerNetwork({ layers, input: { c: W, h: 1, w: 1 }, nOutputs, output: 'sigmoid', activation: 'relu' }).plan;
}

const close = (a: number | null, b: number, tol = 1e-12) => {
  assert.ok(a !== null && Math.abs(a - b) <= tol * Math.abs(b), `${a} ≠ ${b}`);
};

describe('predictLayerMeanSquares: the residual variance recursion against closed forms', () => {
  it('He (σ_w² = 2), relu between the branch layers: g = 2, so E[y²] grows as 3^k over the blocks, for 2- and 3-layer branches', () => {
    for (const m of [2, 3]) {
      const K = 6;
      const q = predictLayerMeanSquares(planOf(plainNet(K, m)), resolveInit('torch:kaiming_normal', 't'), 1, 0.01);
      // stem: 2·1 before relu, 1 after; block k: 3^k; output layer (fan_in W, linear): 2·3^K
      close(q[0], 1);
      for (let k = 1; k <= K; k++) close(q[k], 3 ** k);
      close(q[K + 1], 2 * 3 ** K);
    }
  });

  it('Xavier (σ_w² = 1 at equal fans): g = 1/2, so E[y²] grows as 1.5^k; the output layer (fans W and 1) has σ_w² = 2W/(W + 1)', () => {
    const K = 5;
    const q = predictLayerMeanSquares(planOf(plainNet(K)), resolveInit('torch:xavier_normal', 't'), 1, 0.01);
    close(q[0], 0.5);
    for (let k = 1; k <= K; k++) close(q[k], 0.5 * 1.5 ** k);
    close(q[K + 1], ((2 * W) / (W + 1)) * 0.5 * 1.5 ** K);
  });

  it('Fixup and SkipInit: every block is the identity (g·α² = 0); Fixup also zeroes the output layer', () => {
    const K = 4;
    const fx = predictLayerMeanSquares(planOf(plainNet(K)), resolveInit('fixup', 't'), 1, 0.01);
    const si = predictLayerMeanSquares(planOf(plainNet(K)), resolveInit('skipinit', 't'), 1, 0.01);
    for (let k = 0; k <= K; k++) {
      close(fx[k], 1);
      close(si[k], 1);
    }
    assert.equal(fx[K + 1], 0);
    close(si[K + 1], 2);
  });

  it('no prediction where the recursion does not reach: an activation after the sum, batchnorm, conv — and none after them', () => {
    const q = predictLayerMeanSquares(planOf([dense(W), block(2), block(2, 'relu'), block(2)]), resolveInit('torch:kaiming_normal', 't'), 1, 0.01);
    close(q[1], 3);
    assert.deepEqual(q.slice(2), [null, null, null]);
    const bn = predictLayerMeanSquares(planOf([dense(W), { type: 'batchnorm' }, block(2)]), resolveInit('torch:kaiming_normal', 't'), 1, 0.01);
    assert.deepEqual(bn.slice(1), [null, null, null]);
    const conv = new LayerNetwork({ layers: [{ type: 'conv2d', filters: 2, kernel: 3, padding: 'same' }, { type: 'flatten' }, dense(8)], input: { c: 1, h: 4, w: 4 }, nOutputs: 1, output: 'sigmoid', activation: 'relu' }).plan;
    assert.deepEqual(predictLayerMeanSquares(conv, resolveInit('torch:kaiming_normal', 't'), 1, 0.01), [null, null, null, null]);
  });
});

function normals(n: number, seed: number): Float64Array {
  const r = new DefaultRandom(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = r.standardNormal();
  return x;
}

describe('diagnoseLayerNetwork: measured against predicted', () => {
  const batch = 64;
  const inputs = normals(W * batch, 99);
  const run = (init: string, seed: number, layers: unknown[]) =>
    diagnoseLayerNetwork(init, { layers, input: { c: W, h: 1, w: 1 }, nOutputs: 1, activation: 'relu', inputs, batch, seed });

  it('He: the measured mean square over 24 init seeds averages to the prediction (each step exact in expectation over W) within 4 standard errors', () => {
    const K = 6;
    const S = 24;
    const ratios: number[][] = Array.from({ length: K + 2 }, () => []);
    for (let s = 0; s < S; s++) {
      const d = run('torch:kaiming_normal', s, plainNet(K));
      d.layers.forEach((l, i) => ratios[i]!.push((l.rms / l.predictedRms!) ** 2));
    }
    for (let i = 0; i <= K + 1; i++) {
      const r = ratios[i]!;
      const mean = r.reduce((a, b) => a + b, 0) / S;
      const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (S - 1));
      assert.ok(Math.abs(mean - 1) < 4 * (sd / Math.sqrt(S)), `layer ${i}: mean ratio ${mean}, sd ${sd}`);
    }
    // …and the growth is real: the last block's rms is 3^(K/2) ≈ 27 × the stem's in the mean.
    const d = run('torch:kaiming_normal', 0, plainNet(K));
    assert.ok(d.layers[K]!.rms > 5 * d.layers[0]!.rms);
  });

  it('Fixup and SkipInit: each block passes its input and its gradient through exactly (branch × 0); Fixup\'s zeroed output layer does not hide the gradients', () => {
    for (const init of ['fixup', 'skipinit']) {
      const d = run(init, 3, plainNet(5));
      const stem = d.layers[0]!;
      assert.ok(stem.gradStd! > 0, init);
      for (let k = 1; k <= 5; k++) {
        assert.equal(d.layers[k]!.rms, stem.rms, `${init} block ${k}`);
        assert.equal(d.layers[k]!.gradStd, stem.gradStd, `${init} block ${k} grad`);
      }
      assert.equal(d.layers[6]!.gradStd, null);
    }
  });

  it('a conv stem is measured, not predicted', () => {
    const x = normals(16 * 8, 5);
    const d = diagnoseLayerNetwork('torch:kaiming_normal', {
      layers: [{ type: 'conv2d', filters: 2, kernel: 3, padding: 'same' }, { type: 'residual', layers: [{ type: 'conv2d', filters: 2, kernel: 3, padding: 'same' }] }, { type: 'flatten' }],
      input: { c: 1, h: 4, w: 4 }, nOutputs: 3, activation: 'relu', inputs: x, batch: 8, seed: 0,
    });
    assert.deepEqual(d.layers.map((l) => l.kind), ['conv2d', 'residual', 'flatten', 'dense']);
    for (const l of d.layers) {
      assert.equal(l.predictedRms, null);
      assert.ok(Number.isFinite(l.rms) && l.rms > 0);
    }
  });
});
