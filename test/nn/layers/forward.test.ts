import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LayerNetwork } from '../../../src/nn/layers/network.js';
import { DefaultRandom } from '../../../src/random/index.js';
import { labels, randn, randomNetwork } from './helpers.js';

/*
 * Forward passes against definitions written out here independently of im2col/GEMM: a convolution
 * as PyTorch's conv2d defines it (cross-correlation, zero padding), pooling by its window, and the
 * engine's contracts: float64 the same bits on the wasm and TypeScript kernels, float32 within its
 * rounding of float64.
 */

/** out[f, oy, ox] = b[f] + Σ_{c,ky,kx} W[f, c, ky, kx] · x[c, oy·s + ky − pt, ox·s + kx − pl] (0 outside), one sample. */
function directConv(x: Float64Array, C: number, H: number, W: number, w: Float64Array, b: Float64Array, F: number, k: number, s: number, pt: number, pl: number, OH: number, OW: number): Float64Array {
  const out = new Float64Array(F * OH * OW);
  for (let f = 0; f < F; f++) for (let oy = 0; oy < OH; oy++) for (let ox = 0; ox < OW; ox++) {
    let sum = b[f]!;
    for (let c = 0; c < C; c++) for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) {
      const iy = oy * s + ky - pt;
      const ix = ox * s + kx - pl;
      if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
      sum += w[((f * C + c) * k + ky) * k + kx]! * x[(c * H + iy) * W + ix]!;
    }
    out[(f * OH + oy) * OW + ox] = sum;
  }
  return out;
}

/** Column s of a feature-major batch. */
function column(a: ArrayLike<number>, n: number, m: number, s: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => a[i * m + s]!);
}

describe('layer network forward passes', () => {
  const cases = [
    { name: 'same, stride 1', C: 2, H: 5, W: 6, F: 3, k: 3, s: 1, padding: 'same' as const, pt: 1, pl: 1, OH: 5, OW: 6 },
    { name: 'valid, stride 2', C: 3, H: 7, W: 7, F: 2, k: 3, s: 2, padding: 'valid' as const, pt: 0, pl: 0, OH: 3, OW: 3 },
    // TensorFlow's 'same' with stride 2 on 6: out 3, total padding (3−1)·2 + 3 − 6 = 1, top 0.
    { name: "same, stride 2 (uneven)", C: 1, H: 6, W: 6, F: 2, k: 3, s: 2, padding: 'same' as const, pt: 0, pl: 0, OH: 3, OW: 3 },
    { name: 'padding 2, kernel 2', C: 2, H: 4, W: 3, F: 2, k: 2, s: 1, padding: 2, pt: 2, pl: 2, OH: 7, OW: 6 },
  ];
  for (const c of cases) {
    it(`conv2d equals the direct sum (${c.name})`, () => {
      const m = 3;
      const net = randomNetwork({ layers: [{ type: 'conv2d', filters: c.F, kernel: c.k, stride: c.s, padding: c.padding, activation: 'linear' }], input: { c: c.C, h: c.H, w: c.W }, nOutputs: 1, output: 'linear', activation: 'linear', backend: 'js' }, 3);
      assert.deepEqual(net.plan[0]!.out, { c: c.F, h: c.OH, w: c.OW });
      const x = randn(new DefaultRandom(9), c.C * c.H * c.W * m);
      const ws = net.createWorkspace(m, false);
      net.forward(x, ws);
      // The conv layer's output is the output layer's input; read it through the state of layer 0.
      const y = (ws as unknown as { states: { y: { view(): Float64Array } }[] }).states[0]!.y.view();
      const w = Float64Array.from(net.params.weights[0]!);
      const b = Float64Array.from(net.params.biases[0]!);
      const n = c.F * c.OH * c.OW;
      for (let s = 0; s < m; s++) {
        const want = directConv(column(x, c.C * c.H * c.W, m, s), c.C, c.H, c.W, w, b, c.F, c.k, c.s, c.pt, c.pl, c.OH, c.OW);
        const got = column(y, n, m, s);
        for (let i = 0; i < n; i++) assert.ok(Math.abs(got[i]! - want[i]!) <= 1e-13 * (1 + Math.abs(want[i]!)), `sample ${s} output ${i}: ${got[i]} vs ${want[i]}`);
      }
    });
  }

  it('maxpool and avgpool of a known 1×4×4 image', () => {
    const img = [1, 2, 5, 0, 3, 4, -1, 6, 0, 0, 2, 2, -3, 9, 2, 1];
    for (const [type, want] of [['maxpool', [4, 6, 9, 2]], ['avgpool', [2.5, 2.5, 1.5, 1.75]]] as const) {
      const net = new LayerNetwork({ layers: [{ type, size: 2 }], input: { c: 1, h: 4, w: 4 }, nOutputs: 1, output: 'linear', activation: 'linear', backend: 'js' });
      const ws = net.createWorkspace(1, false);
      net.forward(Float64Array.from(img), ws);
      const y = (ws as unknown as { states: { y: { view(): Float64Array } }[] }).states[0]!.y.view();
      assert.deepEqual([...y], want);
    }
  });

  it('batchnorm in evaluation uses the running statistics PyTorch keeps (momentum 0.1, unbiased variance)', () => {
    const net = new LayerNetwork({ layers: [{ type: 'flatten' }, { type: 'batchnorm' }], input: { c: 1, h: 1, w: 1 }, nOutputs: 1, output: 'linear', activation: 'linear', backend: 'js' });
    net.params.weights[0]!.set([1]); // output layer: identity
    const train = net.createWorkspace(4, true);
    net.lossAndGradients(Float64Array.from([1, 2, 3, 6]), new Float64Array(4), train);
    // mean 3, unbiased variance (4 + 1 + 0 + 9)/3 = 14/3; running: 0.9·0 + 0.1·3, 0.9·1 + 0.1·14/3.
    const bn = net.batchNorms()[0]!;
    assert.ok(Math.abs(bn.runningMean[0]! - 0.3) < 1e-15);
    assert.ok(Math.abs(bn.runningVar[0]! - (0.9 + 1.4 / 3)) < 1e-15);
    const evalWs = net.createWorkspace(1, false);
    const out = net.forward(Float64Array.from([2]), evalWs);
    assert.ok(Math.abs(out[0]! - (2 - 0.3) / Math.sqrt(0.9 + 1.4 / 3 + 1e-5)) < 1e-14);
  });

  const convNet = [
    { type: 'conv2d', filters: 4, kernel: 3, padding: 'same' },
    { type: 'maxpool', size: 2 },
    { type: 'residual', layers: [{ type: 'conv2d', filters: 4, kernel: 3, padding: 'same' }, { type: 'batchnorm' }, { type: 'conv2d', filters: 4, kernel: 3, padding: 'same' }] },
    { type: 'avgpool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 6 },
  ];

  it('float64: the wasm and TypeScript kernels give the same bits (loss and every gradient)', () => {
    const m = 5;
    const x = randn(new DefaultRandom(1), 2 * 8 * 8 * m);
    const y = labels('softmax', 3, m);
    const results = (['wasm', 'js'] as const).map((backend) => {
      const net = randomNetwork({ layers: convNet, input: { c: 2, h: 8, w: 8 }, nOutputs: 3, output: 'softmax', activation: 'relu', backend }, 4);
      const loss = net.lossAndGradients(x, y, net.createWorkspace(m), 0.01);
      return { loss, grads: [...net.grads.weights, ...net.grads.biases].map((g) => [...g]) };
    });
    assert.equal(results[0]!.loss, results[1]!.loss);
    assert.deepEqual(results[0]!.grads, results[1]!.grads);
  });

  it('float32 agrees with float64 to float32 rounding', () => {
    const m = 5;
    const x = randn(new DefaultRandom(1), 2 * 8 * 8 * m);
    const y = labels('softmax', 3, m);
    const run = (dtype: 'float32' | 'float64') => {
      const net = randomNetwork({ layers: convNet, input: { c: 2, h: 8, w: 8 }, nOutputs: 3, output: 'softmax', activation: 'tanh', dtype }, 4);
      const loss = net.lossAndGradients(x, y, net.createWorkspace(m));
      return { loss, grads: [...net.grads.weights, ...net.grads.biases].flatMap((g) => [...g]) };
    };
    const a = run('float64');
    const b = run('float32');
    assert.ok(Math.abs(a.loss - b.loss) < 1e-5 * Math.abs(a.loss), `${a.loss} vs ${b.loss}`);
    let norm = 0, diff = 0;
    a.grads.forEach((g, i) => { norm += g * g; diff += (g - b.grads[i]!) ** 2; });
    // Relative error of a float32 forward and backward of a few layers: a few hundred ulps (2^-24 ≈ 6e-8) at most.
    assert.ok(Math.sqrt(diff / norm) < 1e-4, `relative gradient difference ${Math.sqrt(diff / norm)}`);
  });
});

describe('evaluation of layer networks in chunks', () => {
  it('a float64 MNIST-sized convnet evaluates in chunks that fit the memory, with the loss of one pass', async () => {
    const { Evaluator } = await import('../../../src/train/evaluate.js');
    const layers = [
      { type: 'conv2d', filters: 16, kernel: 3, padding: 'same' }, { type: 'maxpool', size: 2 },
      { type: 'conv2d', filters: 32, kernel: 3, padding: 'same' }, { type: 'maxpool', size: 2 }, { type: 'flatten' },
    ];
    const net = randomNetwork({ layers, input: { c: 1, h: 28, w: 28 }, nOutputs: 10, output: 'softmax', activation: 'relu' }, 2);
    // Per sample: 784 input + conv 2·12544 + 7056 columns + pool 3136 + conv 2·6272 + 28224 columns + pool 1568 + dense 20 elements.
    const perSample = 784 + 2 * 12544 + 7056 + 3136 + 2 * 6272 + 28224 + 1568 + 20;
    assert.equal(net.evalChunk, Math.floor((128 * 1024 * 1024) / (8 * perSample)));
    const m = net.evalChunk + 37;
    const x = randn(new DefaultRandom(3), 784 * m);
    const y = labels('softmax', 10, m);
    const ev = new Evaluator(net, { nFeatures: 784, nSamples: m, x, y }, 'accuracy');
    ev.run();
    const whole = net.loss(x, y, net.createWorkspace(m, false));
    assert.ok(Math.abs(ev.loss - whole) <= 1e-12 * Math.abs(whole), `${ev.loss} vs ${whole}`);
  });
});
