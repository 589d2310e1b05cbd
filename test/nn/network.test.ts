import assert from 'node:assert/strict';
import type { FloatArray } from '../../src/core/dtype.js';
import { describe, it } from 'node:test';
import type { Activation, OutputHead } from '../../src/experiments/runTypes.js';
import { createEngine } from '../../src/kernels/index.js';
import type { Parameters } from '../../src/kernels/types.js';
import { ACTIVATIONS } from '../../src/nn/activations.js';
import { headLoss, headOutputs } from '../../src/nn/losses.js';
import { affineForward, inputGradients, weightGradients } from '../../src/nn/matmul.js';
import { DenseNetwork } from '../../src/nn/network.js';
import { DefaultRandom } from '../../src/random/index.js';
import { createOptimizer } from '../../src/train/optimizers.js';

const rng = new DefaultRandom(2024);
const randn = (n: number, scale = 1) => Float64Array.from({ length: n }, () => rng.standardNormal() * scale);

function randomParams(sizes: readonly number[], scale = 1): Parameters {
  return {
    weights: sizes.slice(1).map((n, l) => randn(n * sizes[l]!, scale * Math.sqrt(2 / sizes[l]!))),
    biases: sizes.slice(1).map((n) => randn(n, 0.3)),
  };
}

function labelsFor(head: OutputHead, nOut: number, m: number): Float64Array {
  if (head === 'softmax') return Float64Array.from({ length: m }, (_, s) => (s * 7 + 3) % nOut);
  if (head === 'sigmoid') return Float64Array.from({ length: nOut * m }, (_, i) => (i * 5) % 3 === 0 ? 1 : 0);
  return randn(nOut * m);
}

/** The course's gradient-check difference ‖a − b‖ / (‖a‖ + ‖b‖) over every weight and bias. */
function relativeDifference(a: Float64Array, b: Float64Array): number {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i]! - b[i]!) ** 2;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return Math.sqrt(d) / (Math.sqrt(na) + Math.sqrt(nb));
}

function flatten(p: Parameters<FloatArray>): Float64Array {
  return Float64Array.from([...p.weights, ...p.biases].flatMap((t) => [...t]));
}

/** Central differences of net.objective over every parameter (weights then biases). */
function numericalGradient(net: DenseNetwork, x: Float64Array, y: Float64Array, m: number, l2: number, h = 1e-5, l1 = 0): Float64Array {
  const ws = net.createWorkspace(m, false);
  const out: number[] = [];
  for (const t of [...net.params.weights, ...net.params.biases]) {
    for (let i = 0; i < t.length; i++) {
      const keep = t[i]!;
      t[i] = keep + h;
      const plus = net.objective(x, y, ws, l2, l1);
      t[i] = keep - h;
      const minus = net.objective(x, y, ws, l2, l1);
      t[i] = keep;
      out.push((plus - minus) / (2 * h));
    }
  }
  return Float64Array.from(out);
}

describe('matmul kernels vs naive loops', () => {
  for (const [out, inn, m] of [[1, 1, 1], [3, 5, 7], [4, 4, 4], [9, 6, 13], [8, 10, 2], [5, 11, 1]] as const) {
    it(`${out}×${inn} by ${inn}×${m}`, () => {
      const w = randn(out * inn);
      const b = randn(out);
      const a = randn(inn * m);
      const dz = randn(out * m);
      const z = new Float64Array(out * m);
      affineForward(w, b, a, z, out, inn, m);
      const dw = new Float64Array(out * inn);
      const db = new Float64Array(out);
      weightGradients(dz, a, dw, db, out, inn, m, new Float64Array(inn * m));
      const da = new Float64Array(inn * m).fill(123);
      inputGradients(w, dz, da, out, inn, m, new Float64Array(out * inn));
      for (let i = 0; i < out; i++) {
        for (let s = 0; s < m; s++) {
          let e = b[i]!;
          for (let k = 0; k < inn; k++) e += w[i * inn + k]! * a[k * m + s]!;
          assert.ok(Math.abs(z[i * m + s]! - e) < 1e-13);
        }
        let sb = 0;
        for (let s = 0; s < m; s++) sb += dz[i * m + s]!;
        assert.ok(Math.abs(db[i]! - sb) < 1e-13);
        for (let k = 0; k < inn; k++) {
          let e = 0;
          for (let s = 0; s < m; s++) e += dz[i * m + s]! * a[k * m + s]!;
          assert.ok(Math.abs(dw[i * inn + k]! - e) < 1e-13);
        }
      }
      for (let k = 0; k < inn; k++) {
        for (let s = 0; s < m; s++) {
          let e = 0;
          for (let i = 0; i < out; i++) e += w[i * inn + k]! * dz[i * m + s]!;
          assert.ok(Math.abs(da[k * m + s]! - e) < 1e-13);
        }
      }
    });
  }
});

describe('losses: known values and stability', () => {
  it('sigmoid BCE from logits equals −y·log σ − (1−y)·log(1−σ) and stays finite when saturated', () => {
    const z = Float64Array.of(0.3, -1.2, 2);
    const y = Float64Array.of(1, 0, 0);
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const expected = (-Math.log(s(0.3)) - Math.log(1 - s(-1.2)) - Math.log(1 - s(2))) / 3;
    assert.ok(Math.abs(headLoss('sigmoid', z, y, 1, 3, new Float64Array(6)) - expected) < 1e-15);
    // z = 800 with y = 0: the course's formula gives +∞; from logits the loss is 800.
    assert.equal(headLoss('sigmoid', Float64Array.of(800), Float64Array.of(0), 1, 1, new Float64Array(2)), 800);
    assert.equal(headLoss('sigmoid', Float64Array.of(0), Float64Array.of(1), 1, 1, new Float64Array(2)), Math.LN2);
  });
  it('softmax cross-entropy is log-sum-exp stable (logits of 1000s)', () => {
    // 3 classes × 2 samples, feature-major: column s = (z[0,s], z[1,s], z[2,s]).
    const z = Float64Array.of(1000, 0, 1001, 1, 999, 2);
    const y = Float64Array.of(1, 2);
    const lse0 = 1001 + Math.log(Math.exp(-1) + 1 + Math.exp(-2));
    const lse1 = 2 + Math.log(Math.exp(-2) + Math.exp(-1) + 1);
    const expected = (lse0 - 1001 + (lse1 - 2)) / 2;
    const got = headLoss('softmax', z, y, 3, 2, new Float64Array(4));
    assert.ok(Math.abs(got - expected) < 1e-12, `${got} vs ${expected}`);
    const p = new Float64Array(6);
    headOutputs('softmax', z, p, 3, 2);
    assert.ok(Math.abs(p[0]! + p[2]! + p[4]! - 1) < 1e-15);
    assert.ok(p.every(Number.isFinite));
  });
  it('linear head is PyTorch\'s MSELoss (mean, no ½)', () => {
    const got = headLoss('linear', Float64Array.of(1, 2, 4), Float64Array.of(0, 2, 1), 1, 3, new Float64Array(6));
    assert.equal(got, (1 + 0 + 9) / 3);
  });
});

describe('backprop vs central differences (relative difference < 1e-6)', () => {
  const heads: [OutputHead, number][] = [['sigmoid', 1], ['softmax', 4], ['linear', 1], ['linear', 2], ['sigmoid', 2]];
  for (const [head, nOut] of heads) {
    for (const activation of ACTIVATIONS) {
      for (const l2 of [0, 0.3]) {
        it(`${head} head (${nOut} out), ${activation} hidden, l2 = ${l2}`, () => {
          const sizes = [3, 5, 4, nOut];
          const m = 6;
          const net = new DenseNetwork({ layerSizes: sizes, activation, output: head, slope: 0.05 }, randomParams(sizes));
          const x = randn(3 * m);
          const y = labelsFor(head, nOut, m);
          const ws = net.createWorkspace(m);
          const loss = net.lossAndGradients(x, y, ws, l2);
          assert.ok(Math.abs(loss - net.loss(x, y, net.createWorkspace(m, false))) < 1e-15, 'returned loss is the data loss');
          const analytic = flatten(net.grads);
          const numeric = numericalGradient(net, x, y, m, l2);
          const diff = relativeDifference(analytic, numeric);
          assert.ok(diff < 1e-6, `relative difference ${diff}`);
        });
      }
    }
  }
  it('a 6-layer tanh net with a softmax head', () => {
    const sizes = [4, 6, 5, 6, 5, 7, 3];
    const m = 5;
    const net = new DenseNetwork({ layerSizes: sizes, activation: 'tanh', output: 'softmax' }, randomParams(sizes));
    const x = randn(4 * m);
    const y = labelsFor('softmax', 3, m);
    net.lossAndGradients(x, y, net.createWorkspace(m), 0.01);
    const diff = relativeDifference(flatten(net.grads), numericalGradient(net, x, y, m, 0.01));
    assert.ok(diff < 1e-6, `relative difference ${diff}`);
  });
  for (const activation of ['relu', 'tanh'] as const) {
    it(`L1 penalty: the gradient of data loss + λ₁·Σ|W| + λ/2·Σ‖W‖² matches central differences (${activation})`, () => {
      // Random weights are never within h of 0, where |w| has its kink, so central differences apply.
      const sizes = [3, 5, 4, 2];
      const m = 6;
      const net = new DenseNetwork({ layerSizes: sizes, activation, output: 'softmax' }, randomParams(sizes));
      const x = randn(3 * m);
      const y = labelsFor('softmax', 2, m);
      net.lossAndGradients(x, y, net.createWorkspace(m), 0.1, 0.05);
      const diff = relativeDifference(flatten(net.grads), numericalGradient(net, x, y, m, 0.1, 1e-5, 0.05));
      assert.ok(diff < 1e-6, `relative difference ${diff}`);
    });
  }
  it('L1 penalty: λ₁·Σ|W| (biases excluded), and sign(0) = 0 in its subgradient', () => {
    const sizes = [2, 3, 1];
    const p: Parameters = { weights: [Float64Array.of(1, -2, 0, 4, -5, 6), Float64Array.of(0, -1, 2)], biases: [Float64Array.of(10, 10, 10), Float64Array.of(-10)] };
    const net = new DenseNetwork({ layerSizes: sizes, activation: 'relu', output: 'sigmoid' }, p);
    assert.equal(net.l1Penalty(0.5), 0.5 * (1 + 2 + 0 + 4 + 5 + 6 + 0 + 1 + 2));
    const x = Float64Array.of(0.3, -0.7, 1.1, 0.2);
    const y = Float64Array.of(1, 0);
    const ws = net.createWorkspace(2);
    net.lossAndGradients(x, y, ws, 0, 0);
    const plain = flatten(net.grads);
    net.lossAndGradients(x, y, ws, 0, 0.25);
    const withL1 = flatten(net.grads);
    const w = [...p.weights[0]!, ...p.weights[1]!];
    w.forEach((v, i) => assert.equal(withL1[i]! - plain[i]!, v > 0 ? 0.25 : v < 0 ? -0.25 : 0, `weight ${i} (${v})`));
    for (let i = w.length; i < plain.length; i++) assert.equal(withL1[i], plain[i], 'biases carry no penalty');
  });
  it('objective = data loss + λ/2·Σ‖W‖² (biases excluded)', () => {
    const sizes = [2, 3, 1];
    const p: Parameters = { weights: [Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(1, -1, 2)], biases: [Float64Array.of(10, 10, 10), Float64Array.of(10)] };
    const net = new DenseNetwork({ layerSizes: sizes, activation: 'relu', output: 'sigmoid' }, p);
    assert.equal(net.l2Penalty(0.5), 0.5 * 0.5 * (1 + 4 + 9 + 16 + 25 + 36 + 1 + 1 + 4));
  });
});

describe('against the course engine (ReLU hidden, sigmoid output)', () => {
  const sizes = [2, 10, 5, 1];
  const m = 40;
  const x = randn(2 * m);
  const y = Float64Array.from({ length: m }, (_, s) => (x[s]! ** 2 + x[m + s]! ** 2 < 1.2 ? 1 : 0));
  const p0 = randomParams(sizes);

  it('BCE from logits has the course cost\'s gradient, to 1e-12', () => {
    for (const backend of ['js', 'wasm'] as const) {
      const engine = createEngine(backend, sizes, x, y, m);
      engine.setParameters(p0);
      const course = engine.gradients();
      engine.dispose();
      const net = new DenseNetwork({ layerSizes: sizes, activation: 'relu', output: 'sigmoid' }, p0);
      net.lossAndGradients(x, y, net.createWorkspace(m));
      const a = flatten(net.grads);
      const b = flatten(course);
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= 1e-12 * Math.max(1, Math.abs(b[i]!)), `${backend} [${i}] ${a[i]} vs ${b[i]}`);
    }
  });
  it('full-batch sgd follows the course engine\'s trajectory and lowers the loss', () => {
    const engine = createEngine('js', sizes, x, y, m);
    engine.setParameters(p0);
    engine.train(300, 0.1);
    const course = flatten(engine.getParameters());
    engine.dispose();
    const net = new DenseNetwork({ layerSizes: sizes, activation: 'relu', output: 'sigmoid' }, p0);
    const ws = net.createWorkspace(m);
    const opt = createOptimizer({ name: 'sgd' }, net.params);
    const first = net.lossAndGradients(x, y, ws);
    opt.step(net.params, net.grads, 0.1);
    for (let t = 1; t < 300; t++) {
      net.lossAndGradients(x, y, ws);
      opt.step(net.params, net.grads, 0.1);
    }
    const last = net.loss(x, y, ws);
    assert.ok(last < first, `loss ${first} → ${last}`);
    const ours = flatten(net.params);
    for (let i = 0; i < ours.length; i++) assert.ok(Math.abs(ours[i]! - course[i]!) <= 1e-9 * Math.max(1, Math.abs(course[i]!)), `[${i}] ${ours[i]} vs ${course[i]}`);
  });
});

describe('DenseNetwork housekeeping', () => {
  it('rejects bad shapes and copies parameters in and out', () => {
    assert.throws(() => new DenseNetwork({ layerSizes: [3], activation: 'relu', output: 'linear' }), RangeError);
    assert.throws(() => new DenseNetwork({ layerSizes: [3, 0, 1], activation: 'relu', output: 'linear' }), RangeError);
    const sizes = [2, 3, 1];
    const p = randomParams(sizes);
    const net = new DenseNetwork({ layerSizes: sizes, activation: 'relu', output: 'linear' }, p);
    p.weights[0]![0] = 42;
    assert.notEqual(net.params.weights[0]![0], 42);
    const copy = net.getParameters();
    copy.biases[0]![0] = 42;
    assert.notEqual(net.params.biases[0]![0], 42);
    assert.throws(() => net.setParameters(randomParams([2, 4, 1])), RangeError);
    assert.throws(() => net.lossAndGradients(new Float64Array(2), new Float64Array(1), net.createWorkspace(1, false)));
  });
  it('a 20-layer tanh net trains in a preallocated loop (sanity: the loop runs, loss falls, parameters stay finite)', () => {
    const sizes = [8, ...Array.from({ length: 19 }, () => 16), 1];
    assert.equal(sizes.length - 1, 20);
    const params: Parameters = {
      weights: sizes.slice(1).map((n, l) => randn(n * sizes[l]!, Math.sqrt(1 / sizes[l]!))),
      biases: sizes.slice(1).map((n) => new Float64Array(n)),
    };
    const activation: Activation = 'tanh';
    const net = new DenseNetwork({ layerSizes: sizes, activation, output: 'sigmoid' }, params);
    const m = 32;
    const x = randn(8 * m);
    const y = Float64Array.from({ length: m }, (_, s) => (x[s]! > 0 ? 1 : 0));
    const ws = net.createWorkspace(m);
    const opt = createOptimizer({ name: 'adam' }, net.params);
    const first = net.loss(x, y, ws);
    let finite = true;
    for (let t = 0; t < 200; t++) {
      net.lossAndGradients(x, y, ws);
      finite &&= opt.step(net.params, net.grads, 1e-3);
    }
    assert.ok(finite);
    const last = net.loss(x, y, ws);
    assert.ok(last < first, `loss ${first} → ${last}`);
  });
});
