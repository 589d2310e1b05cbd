// The course engine's layer statistics (FullBatchEngine.layerMoments, src/kernels/layerMoments.ts,
// assembly/stats.ts, statsJs.ts), and the two helpers the course preset's statistics path uses
// (applyGradients, parametersFinite). Expected values come from hand computation and from a naive
// forward/backward pass written here, reduced by the textbook two-pass formulas; never from the code
// under test. Sample counts m ≡ 0, 1, 2, 3 (mod 4) exercise every tail of the four-way sums.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine, LAYER_MOMENT, LAYER_MOMENTS } from '../../src/kernels/index.js';
import type { Parameters } from '../../src/kernels/types.js';
import { BACKENDS, bitIdentical, cloneParams, flatten, makeData, makeParams } from './support.js';

const M = LAYER_MOMENT;

/** Textbook mean and population std: mean = Σv/n, then √(Σ(v − mean)²/n). */
function twoPass(v: readonly number[]): { mean: number; std: number } {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) };
}

/** Per hidden layer: Z, A, ∂L/∂Z (units × samples, flattened) and ∂L/∂W of the course cost, by plain loops. */
function naivePass(sizes: readonly number[], p: Parameters, x: Float64Array, y: Float64Array, m: number) {
  const L = sizes.length - 1;
  const z: number[][][] = [];
  const a: number[][][] = [Array.from({ length: sizes[0]! }, (_, f) => Array.from(x.subarray(f * m, (f + 1) * m)))];
  for (let l = 1; l <= L; l++) {
    const zl = Array.from({ length: sizes[l]! }, (_, j) =>
      Array.from({ length: m }, (_, s) => {
        let t = 0;
        for (let k = 0; k < sizes[l - 1]!; k++) t += p.weights[l - 1]![j * sizes[l - 1]! + k]! * a[l - 1]![k]![s]!;
        return t + p.biases[l - 1]![j]!;
      }));
    z.push(zl);
    a.push(zl.map((row) => row.map((v) => (l === L ? 1 / (1 + Math.exp(-v)) : Math.max(0, v)))));
  }
  const dz: number[][][] = new Array(L);
  const dw: number[][] = new Array(L);
  dz[L - 1] = [a[L]![0]!.map((v, s) => (v - y[s]!) / m)];
  for (let l = L; l >= 1; l--) {
    const fanIn = sizes[l - 1]!;
    dw[l - 1] = [];
    for (let j = 0; j < sizes[l]!; j++) for (let k = 0; k < fanIn; k++) dw[l - 1]!.push(dz[l - 1]![j]!.reduce((t, d, s) => t + d * a[l - 1]![k]![s]!, 0));
    if (l > 1) {
      dz[l - 2] = Array.from({ length: fanIn }, (_, k) =>
        Array.from({ length: m }, (_, s) => {
          let t = 0;
          for (let j = 0; j < sizes[l]!; j++) t += p.weights[l - 1]![j * fanIn + k]! * dz[l - 1]![j]![s]!;
          return z[l - 2]![k]![s]! > 0 ? t : 0;
        }));
    }
  }
  return { z, a: a.slice(1), dz, dw };
}

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(Math.abs(expected), 1e-300) || actual === expected, `${what}: ${actual} vs ${expected}`);

describe('FullBatchEngine.layerMoments', () => {
  /*
   * By hand: one input, two hidden units, x = (1, 2, 3, 4, 5) (m = 5: one whole 4-sample block and
   * a tail of 1), W1 = (1, −1)ᵀ, b1 = (0, 0.5):
   *   Z row 1 = 1, 2, 3, 4, 5;  row 2 = −0.5, −1.5, −2.5, −3.5, −4.5 (never > 0: a dead unit)
   *   mean Z = (15 − 12.5)/10 = 0.25;  Σ(Z − 0.25)² = 2·(0.75² + 1.75² + 2.75² + 3.75² + 4.75²) = 2·47.8125
   *   A row 1 = 1…5, row 2 = 0:  mean A = 1.5;  Σ(A − 1.5)² = (0.25 + 0.25 + 2.25 + 6.25 + 12.25) + 5·2.25 = 32.5
   *   W1 = {1, −1}: mean 0, std 1.  Kept W1 = {2, −1}: ‖ΔW1‖/‖W1(kept)‖ = 1/√5.
   */
  const x = new Float64Array([1, 2, 3, 4, 5]);
  const y = new Float64Array([1, 0, 1, 0, 1]);
  const hand = { weights: [new Float64Array([1, -1]), new Float64Array([0.5, 0.25])], biases: [new Float64Array([0, 0.5]), new Float64Array([0.1])] };

  for (const backend of BACKENDS) {
    it(`${backend}: the hand-computed moments of a 1-2-1 net with a dead unit, and the update ratio`, () => {
      const e = createEngine(backend, [1, 2, 1], x, y, 5);
      e.setParameters({ weights: [new Float64Array([2, -1]), hand.weights[1]!], biases: hand.biases });
      e.keepWeights();
      e.setParameters(hand);
      const out = new Float64Array(LAYER_MOMENTS);
      e.layerMoments(out, true);
      assert.equal(out[M.preMean], 0.25);
      assert.equal(out[M.preStd], Math.sqrt((2 * 47.8125) / 10));
      assert.equal(out[M.postMean], 1.5);
      assert.equal(out[M.postStd], Math.sqrt(32.5 / 10));
      assert.equal(out[M.deadUnits], 1);
      assert.equal(out[M.weightStd], 1);
      close(out[M.updateRatio]!, 1 / Math.sqrt(5), 1e-15, 'update ratio');
      // ∂L/∂Z and ∂L/∂W against the naive backward pass (the sigmoid makes them inexact by hand).
      const ref = naivePass([1, 2, 1], hand, x, y, 5);
      close(out[M.gradZStd]!, twoPass(ref.dz[0]!.flat()).std, 1e-13, 'gradZStd');
      close(out[M.gradWStd]!, twoPass(ref.dw[0]!).std, 1e-13, 'gradWStd');
      // Without kept weights the ratio is NaN (the recorder's null); the parameters are untouched.
      e.layerMoments(out, false);
      assert.ok(Number.isNaN(out[M.updateRatio]!));
      assert.ok(bitIdentical(flatten(e.getParameters()), flatten(hand)));
    });
  }

  for (const m of [40, 37, 38, 39, 300]) {
    const sizes = [3, 7, 5, 1];
    it(`m = ${m}: every statistic matches the naive pass and the two-pass formulas; wasm and js agree bit for bit`, () => {
      const { x: xs, y: ys } = makeData(3, m, 70 + m);
      const p = makeParams(sizes, 90 + m);
      const kept = makeParams(sizes, 190 + m);
      const outs = BACKENDS.map((backend) => {
        const e = createEngine(backend, sizes, xs, ys, m);
        e.setParameters(kept);
        e.keepWeights();
        e.setParameters(p);
        const out = new Float64Array(2 * LAYER_MOMENTS);
        e.layerMoments(out, true);
        return out;
      });
      assert.ok(bitIdentical(outs[0]!, outs[1]!), `wasm ${[...outs[0]!]} vs js ${[...outs[1]!]}`);
      const ref = naivePass(sizes, p, xs, ys, m);
      for (let l = 0; l < 2; l++) {
        const out = outs[0]!.subarray(l * LAYER_MOMENTS);
        const z = twoPass(ref.z[l]!.flat());
        const a = twoPass(ref.a[l]!.flat());
        close(out[M.preMean]!, z.mean, 1e-12, `layer ${l + 1} preMean`);
        close(out[M.preStd]!, z.std, 1e-13, `layer ${l + 1} preStd`);
        close(out[M.postMean]!, a.mean, 1e-13, `layer ${l + 1} postMean`);
        close(out[M.postStd]!, a.std, 1e-13, `layer ${l + 1} postStd`);
        close(out[M.gradZStd]!, twoPass(ref.dz[l]!.flat()).std, 1e-12, `layer ${l + 1} gradZStd`);
        close(out[M.gradWStd]!, twoPass(ref.dw[l]!).std, 1e-12, `layer ${l + 1} gradWStd`);
        close(out[M.weightStd]!, twoPass([...p.weights[l]!]).std, 1e-14, `layer ${l + 1} weightStd`);
        assert.equal(out[M.deadUnits], ref.z[l]!.filter((row) => row.every((v) => !(v > 0))).length, `layer ${l + 1} dead units`);
        const diff = p.weights[l]!.map((w, i) => w - kept.weights[l]![i]!);
        close(out[M.updateRatio]!, norm(diff) / norm(kept.weights[l]!), 1e-14, `layer ${l + 1} update ratio`);
      }
    });
  }

  for (const backend of BACKENDS) {
    it(`${backend}: huge activations take the exact scaled route; a zero kept weight gives no ratio, a NaN weight NaN moments`, () => {
      const m = 6;
      const xs = new Float64Array([1, 2, 3, 4, 5, 6]);
      const ys = new Float64Array([0, 1, 0, 1, 0, 1]);
      // Z = 1e200·x: Σ(Z − mean)² overflows, the std does not: 1e200·std(1…6) = 1e200·√(17.5/6).
      const big = { weights: [new Float64Array([1e200, 2e200]), new Float64Array([0, 0])], biases: [new Float64Array(2), new Float64Array(1)] };
      const e = createEngine(backend, [1, 2, 1], xs, ys, m);
      e.setParameters({ weights: [new Float64Array(2), new Float64Array(2)], biases: big.biases });
      e.keepWeights();
      e.setParameters(big);
      const out = new Float64Array(LAYER_MOMENTS);
      e.layerMoments(out, true);
      // Z rows 1e200·(1…6) and 2e200·(1…6): the textbook formula in units of 1e200.
      const units = [1, 2, 3, 4, 5, 6, 2, 4, 6, 8, 10, 12];
      close(out[M.preStd]!, 1e200 * twoPass(units).std, 1e-14, 'preStd');
      assert.ok(Number.isNaN(out[M.updateRatio]!), 'zero kept weights: no ratio');
      e.setParameters({ weights: [new Float64Array([Number.NaN, 1]), big.weights[1]!], biases: big.biases });
      e.layerMoments(out, false);
      for (const k of [M.preMean, M.preStd, M.weightStd]) assert.ok(Number.isNaN(out[k]!), `field ${k}`);
    });

    it(`${backend}: applyGradients after layerMoments is the next train() update, bit for bit`, () => {
      const sizes = [2, 10, 5, 1];
      const m = 301;
      const { x: xs, y: ys } = makeData(2, m, 5);
      const p = makeParams(sizes, 6);
      const a = createEngine(backend, sizes, xs, ys, m);
      const b = createEngine(backend, sizes, xs, ys, m);
      a.setParameters(cloneParams(p));
      b.setParameters(cloneParams(p));
      a.train(3, 0.05);
      a.layerMoments(new Float64Array(2 * LAYER_MOMENTS), false);
      a.applyGradients(0.05);
      a.train(6, 0.05);
      b.train(10, 0.05);
      assert.ok(bitIdentical(flatten(a.getParameters()), flatten(b.getParameters())));
    });

    it(`${backend}: parametersFinite sees an infinite or NaN weight or bias`, () => {
      const sizes = [2, 3, 1];
      const { x: xs, y: ys } = makeData(2, 5, 1);
      const e = createEngine(backend, sizes, xs, ys, 5);
      const p = makeParams(sizes, 2);
      e.setParameters(p);
      assert.equal(e.parametersFinite(), true);
      for (const bad of [Infinity, -Infinity, Number.NaN]) {
        const q = cloneParams(p);
        q.biases[1]![0] = bad;
        e.setParameters(q);
        assert.equal(e.parametersFinite(), false, `bias ${bad}`);
        const r = cloneParams(p);
        r.weights[0]![5] = bad;
        e.setParameters(r);
        assert.equal(e.parametersFinite(), false, `weight ${bad}`);
      }
    });
  }

  it('refuses an output array too short', () => {
    const e = createEngine('js', [2, 4, 1], new Float64Array(6), new Float64Array(3), 3);
    assert.throws(() => e.layerMoments(new Float64Array(LAYER_MOMENTS - 1), false), RangeError);
  });

  for (const backend of BACKENDS) {
    it(`${backend}: a net without hidden layers gets no statistics, but still the pass that applyGradients applies`, () => {
      const { x: xs, y: ys } = makeData(2, 9, 3);
      const p = makeParams([2, 1], 4);
      const a = createEngine(backend, [2, 1], xs, ys, 9);
      const b = createEngine(backend, [2, 1], xs, ys, 9);
      a.setParameters(cloneParams(p));
      b.setParameters(cloneParams(p));
      a.train(2, 0.1);
      a.layerMoments(new Float64Array(0), false);
      a.applyGradients(0.1);
      b.train(3, 0.1);
      assert.ok(bitIdentical(flatten(a.getParameters()), flatten(b.getParameters())));
    });
  }
});
