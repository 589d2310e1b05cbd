import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectProblems, histogram, layerStatistics, moments, type NetworkStatistics } from '../../src/diagnostics/index.js';
import type { Activation } from '../../src/experiments/runTypes.js';
import { initializeDenseNetwork, resolveInit } from '../../src/init/index.js';
import { normalCdf } from '../../src/init/sampling.js';
import { DefaultRandom } from '../../src/random/index.js';
import { UsageError } from '../../src/util/errors.js';

/*
 * Deep-net checks use 10 hidden layers of width 256 on 500 N(0, 1) inputs of width 256 (instead of
 * 512 × 1000, to keep each analysis ≈ 1.5 s).
 */
const WIDTH = 256;
const BATCH = 500;
const DEPTH = 10;
const SIZES = Array<number>(DEPTH + 1).fill(WIDTH);

function normals(n: number, seed: number): Float64Array {
  const r = new DefaultRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r.standardNormal();
  return out;
}
const X = normals(WIDTH * BATCH, 7);

const cache = new Map<string, NetworkStatistics>();
function deep(init: string, activation: Activation): NetworkStatistics {
  const key = `${init}|${activation}`;
  let s = cache.get(key);
  if (!s) {
    const p = initializeDenseNetwork(resolveInit(init), SIZES, new DefaultRandom(1), 1);
    s = layerStatistics(p, SIZES, activation, X, BATCH);
    cache.set(key, s);
  }
  return s;
}
const close = (actual: number, expected: number, rel: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} not within ${100 * rel}% of ${expected}`);

describe('moments and histogram', () => {
  it('population moments', () => {
    const m = moments(Float64Array.of(1, 2, 3, 4));
    assert.deepEqual(m, { mean: 2.5, std: Math.sqrt(1.25), min: 1, max: 4 });
    assert.ok(Number.isNaN(moments(Float64Array.of(1, Number.NaN)).std));
  });
  it('std is √(Σ(v − mean)²/n) bit for bit, and the same bits scaled by 2^±1000 for values near 1e±300', () => {
    // The textbook formula, summed in index order, written out here independently of statistics.ts.
    const plain = (v: Float64Array, mean: number) => {
      let ss = 0;
      for (let i = 0; i < v.length; i++) ss += (v[i]! - mean) * (v[i]! - mean);
      return Math.sqrt(ss / v.length);
    };
    const r = new DefaultRandom(7);
    for (const n of [1, 2, 17, 1000]) {
      const v = Float64Array.from({ length: n }, () => r.standardNormal() * 3 + 1);
      const m = moments(v);
      assert.equal(m.std, plain(v, m.mean), `n = ${n}`);
      // Far outside the plain formula's range: exact scalings of v by 2^1000 and 2^−1000.
      for (const e of [1000, -1000]) {
        const big = v.map((x) => x * 2 ** e);
        const mb = moments(big);
        assert.equal(mb.mean, m.mean * 2 ** e);
        assert.equal(mb.std, m.std * 2 ** e, `n = ${n}, scaled by 2^${e}`);
      }
    }
    assert.equal(moments(new Float64Array(9).fill(1e300)).std, 0);
    assert.ok(Number.isNaN(moments(Float64Array.of(1.7e308, -1.7e308, 1.7e308)).std), 'a deviation beyond the largest double');
  });
  it('histogram counts, out-of-range and non-finite values add up to the entries', () => {
    const h = histogram(Float64Array.of(-2, -1, -0.5, 0, 0.5, 1, 3, Number.NaN, Infinity), -1, 1, 4);
    assert.deepEqual(h.edges, [-1, -0.5, 0, 0.5, 1]);
    assert.deepEqual(h.counts, [1, 1, 1, 2]);
    assert.equal(h.below, 1);
    assert.equal(h.above, 1);
    assert.equal(h.nonFinite, 2);
  });
});

describe('layerStatistics on a 10-layer width-256 net', () => {
  it('histograms of every layer sum to units × batch', () => {
    for (const l of deep('he', 'relu').layers) {
      const h = l.histogram;
      assert.equal(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above + h.nonFinite, WIDTH * BATCH);
      assert.equal(h.counts.length, 20);
    }
  });

  it('tanh under random:scale=0.01 shrinks the forward and backward std by σ_w·√fan_in = 0.16 per layer and is flagged vanishing', () => {
    const s = deep('random:scale=0.01', 'tanh');
    const L = s.layers;
    close(L[0]!.pre.std, 0.16, 0.03, 'layer 1 pre std');
    for (let l = 1; l < DEPTH; l++) {
      close(L[l]!.pre.std / L[l - 1]!.pre.std, 0.16, 0.06, `forward ratio at layer ${l + 1}`);
      close(L[l - 1]!.gradZStd / L[l]!.gradZStd, 0.16, 0.06, `backward ratio at layer ${l}`);
      close(L[l]!.weightStd, 0.01, 0.02, 'weight std');
    }
    const problems = detectProblems(s, { init: 'random:scale=0.01' });
    assert.deepEqual(problems.map((p) => p.kind), ['vanishing']);
    const v = problems[0]!;
    assert.deepEqual(v.layers, [1, 10]);
    close(v.value, Math.pow(0.16, 9), 0.5, 'vanishing ratio');
    assert.match(v.message, /layer 1/);
    assert.match(v.message, /layer 10/);
    assert.match(v.message, /0\.16 per layer/);
    assert.match(v.message, /xavier/);
  });

  it('tanh under N(0, 1) saturates (post std ≈ 0.975, ≈ 87% of entries beyond |a| > 0.99) and its gradients explode backwards', () => {
    const s = deep('random:scale=1', 'tanh');
    for (const l of s.layers) {
      const sz = l.pre.std;
      // For z ~ N(0, σ²) with σ ≫ 1: E[tanh²(z)] = 1 − E[sech²(z)] ≈ 1 − 2/(σ√(2π)).
      close(l.post.std, Math.sqrt(1 - 2 / (sz * Math.sqrt(2 * Math.PI))), 0.005, `layer ${l.layer} post std`);
      close(l.post.std, 0.975, 0.01, `layer ${l.layer} post std`);
      // P(|z| > atanh(0.99)) for z ~ N(0, σ²).
      close(l.saturatedFraction ?? 0, 2 * (1 - normalCdf(Math.atanh(0.99) / sz)), 0.01, `layer ${l.layer} saturation`);
    }
    close(s.layers[0]!.pre.std, 16, 0.03, 'layer 1 pre std');
    const problems = detectProblems(s, { init: 'random:scale=1' });
    assert.deepEqual(problems.map((p) => p.kind).sort(), ['exploding', 'saturated']);
    const sat = problems.find((p) => p.kind === 'saturated')!;
    assert.equal(sat.layers.length, DEPTH);
    assert.ok(sat.value > 0.85 && sat.value < 0.89, String(sat.value));
    assert.match(sat.message, /tanh saturated in layers 1, 2/);
    const exp = problems.find((p) => p.kind === 'exploding')!;
    assert.match(exp.message, /backward/);
    assert.ok(exp.value > 1e3, String(exp.value));
  });

  it('ReLU with He keeps the std roughly constant, at the exact ReLU moment std(relu(z)) = √(q(1/2 − 1/(2π)))', () => {
    const s = deep('he', 'relu');
    close(s.layers[0]!.pre.std, Math.SQRT2, 0.03, 'layer 1 pre std (q = 2)');
    close(s.layers[0]!.post.std, Math.sqrt(2 * (0.5 - 1 / (2 * Math.PI))), 0.03, 'layer 1 post std (0.826)');
    for (const l of s.layers) {
      const q = l.pre.std * l.pre.std;
      close(l.post.std, Math.sqrt(q * (0.5 - 1 / (2 * Math.PI))), 0.05, `layer ${l.layer} post std from its own q`);
      close(l.post.std, 0.826, 0.2, `layer ${l.layer} post std`);
      assert.equal(l.saturatedFraction, null);
      assert.ok(l.deadFraction < 0.15);
    }
    const last = s.layers[DEPTH - 1]!;
    const first = s.layers[0]!;
    assert.ok(last.gradZStd / first.gradZStd > 0.8 && last.gradZStd / first.gradZStd < 1.25);
    assert.deepEqual(detectProblems(s, { init: 'he' }), []);
  });

  it('zeros init is flagged symmetry in every layer', () => {
    const s = deep('zeros', 'tanh');
    assert.ok(s.layers.every((l) => l.identicalUnits && l.pre.std === 0));
    const sym = detectProblems(s, { init: 'zeros' }).find((p) => p.kind === 'symmetry');
    assert.ok(sym);
    assert.deepEqual(sym.layers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(sym.value, 10);
    assert.match(sym.message, /identical incoming weights/);
  });
});

describe('layerStatistics on small, hand-made networks', () => {
  it('ReLU under xavier shrinks by √2 per layer and the message says he keeps it constant', () => {
    const sizes = Array<number>(11).fill(128);
    const x = normals(128 * 300, 3);
    const p = initializeDenseNetwork(resolveInit('xavier'), sizes, new DefaultRandom(2), 2);
    const s = layerStatistics(p, sizes, 'relu', x, 300);
    const perLayer = Math.pow(s.layers[9]!.pre.std / s.layers[0]!.pre.std, 1 / 9);
    close(perLayer, Math.SQRT1_2, 0.08, 'per-layer forward ratio');
    // 0.707⁹ ≈ 0.044 is above the default 1e-2: judge with a looser threshold.
    assert.equal(detectProblems(s, { init: 'xavier' }).length, 0);
    const v = detectProblems(s, { init: 'xavier', thresholds: { vanishingRatio: 0.1 } });
    assert.deepEqual(v.map((q) => q.kind), ['vanishing']);
    assert.match(v[0]!.message, /activation is relu and init is xavier: std halves every ~2 layers; he keeps it constant/);
  });

  it('counts ReLU units dead on the whole batch', () => {
    // 1 input, 4 units: z = w·x + b on x = −2, −1, 1, 2.
    const x = Float64Array.of(-2, -1, 1, 2);
    const p = { weights: [Float64Array.of(1, 0, 1, 0.1)], biases: [Float64Array.of(0, -1, -5, -1)] };
    const s = layerStatistics(p, [1, 4], 'relu', x, 4);
    // unit 1 alive on x > 0; unit 2 (0·x − 1) dead; unit 3 (x − 5) dead; unit 4 (0.1x − 1) dead.
    assert.equal(s.layers[0]!.deadUnits, 3);
    assert.equal(s.layers[0]!.deadFraction, 0.75);
    const d = detectProblems(s).find((q) => q.kind === 'dead');
    assert.ok(d);
    assert.deepEqual(d.layers, [1]);
    assert.equal(d.value, 0.75);
    assert.match(d.message, /75%/);
    const half = layerStatistics({ weights: [Float64Array.of(1, 0)], biases: [Float64Array.of(0, -1)] }, [1, 2], 'relu', x, 4);
    assert.equal(half.layers[0]!.deadFraction, 0.5);
    assert.equal(detectProblems(half).filter((q) => q.kind === 'dead').length, 0);
  });

  it('counts saturated sigmoid and tanh entries', () => {
    const x = Float64Array.of(-1, 0, 0.5, 1);
    // sigmoid(10x): ±10 → saturated, 0 → 0.5, 5 → 0.9933 saturated (3 of 4); sigmoid(0.1x): none.
    const p = { weights: [Float64Array.of(10, 0.1)], biases: [new Float64Array(2)] };
    const s = layerStatistics(p, [1, 2], 'sigmoid', x, 4);
    assert.equal(s.layers[0]!.saturatedFraction, 3 / 8);
    assert.equal(detectProblems(s).filter((q) => q.kind === 'saturated').length, 0);
    // tanh(10x): |tanh(5)|, |tanh(10)| > 0.99, tanh(0) not; tanh(3x): tanh(3) = 0.99505 > 0.99, tanh(1.5) not.
    const t = layerStatistics({ weights: [Float64Array.of(10, 3)], biases: [new Float64Array(2)] }, [1, 2], 'tanh', x, 4);
    assert.equal(t.layers[0]!.saturatedFraction, 5 / 8);
    const sat = detectProblems(t).find((q) => q.kind === 'saturated');
    assert.ok(sat);
    assert.equal(sat.value, 5 / 8);
    assert.equal(t.layers[0]!.identicalUnits, false);
  });

  it('injects ∂L/∂A_L = G/m with G ~ N(0, 1) from DefaultRandom(errorSeed) and backpropagates it', () => {
    // Linear, one layer of 2 units on 1 input: ∂L/∂Z = G/m, ∂L/∂W_i = Σ_s G_is x_s / m.
    const m = 5;
    const x = Float64Array.of(1, -2, 3, 0.5, -1);
    const s = layerStatistics({ weights: [Float64Array.of(0.3, -0.7)], biases: [new Float64Array(2)] }, [1, 2], 'linear', x, m, { errorSeed: 11 });
    const g = normals(2 * m, 11).map((v) => v / m);
    assert.equal(s.layers[0]!.gradZStd, moments(g).std);
    const dw = Float64Array.of(0, 1).map((i) => { let t = 0; for (let j = 0; j < m; j++) t += g[i * m + j]! * x[j]!; return t; });
    assert.ok(Math.abs(s.layers[0]!.gradWStd - moments(dw).std) < 1e-15);
    // Two linear layers: ∂L/∂Z_1 = W_2ᵀ·G/m.
    const p2 = { weights: [Float64Array.of(1, 1), Float64Array.of(2, 0, 0, 3)], biases: [new Float64Array(2), new Float64Array(2)] };
    const s2 = layerStatistics(p2, [1, 2, 2], 'linear', x, m, { errorSeed: 11 });
    const dz1 = Float64Array.from({ length: 2 * m }, (_, k) => (k < m ? 2 * g[k]! : 3 * g[k]!));
    assert.ok(Math.abs(s2.layers[0]!.gradZStd - moments(dz1).std) < 1e-15);
  });

  it('flags non-finite statistics', () => {
    const s = layerStatistics({ weights: [Float64Array.of(1e200), Float64Array.of(1e200)], biases: [new Float64Array(1), new Float64Array(1)] }, [1, 1, 1], 'linear', Float64Array.of(1e10, -1e10), 2);
    const n = detectProblems(s).find((q) => q.kind === 'nonfinite');
    assert.ok(n);
    assert.deepEqual(n.layers, [2]);
  });

  it('rejects mismatched shapes', () => {
    const p = { weights: [new Float64Array(4)], biases: [new Float64Array(2)] };
    assert.throws(() => layerStatistics(p, [2, 2], 'relu', new Float64Array(3), 2), UsageError);
    assert.throws(() => layerStatistics(p, [2, 3], 'relu', new Float64Array(4), 2), UsageError);
    assert.throws(() => layerStatistics(p, [2, 2, 2], 'relu', new Float64Array(4), 2), UsageError);
  });
});
