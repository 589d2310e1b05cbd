import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialize, initializeDenseNetwork, resolveInit } from '../../src/init/index.js';
import { lsuv, lsuvInitialize, registerLsuvInitializer } from '../../src/init/lsuv.js';
import { householderQR, orthogonalMatrix } from '../../src/init/lsuvOrthogonal.js';
import { initializeDenseNetworkWithReport } from '../../src/init/network.js';
import { resolveCompareConfig } from '../../src/experiments/config.js';
import { runCompareTask } from '../../src/experiments/compareRun.js';
import type { Parameters } from '../../src/kernels/types.js';
import { DefaultRandom } from '../../src/random/xoshiro.js';
import { UsageError } from '../../src/util/errors.js';

/** A feature-major batch (x[f·m + s]) of standard normals. */
function gaussianBatch(features: number, m: number, seed: number): Float64Array {
  const rng = new DefaultRandom(seed);
  const x = new Float64Array(features * m);
  for (let i = 0; i < x.length; i++) x[i] = rng.standardNormal();
  return x;
}

/** The test's own forward pass: pre-activations Z_l of every layer (ReLU between, nothing else needed). */
function preActivations(params: Parameters, sizes: readonly number[], x: Float64Array, m: number): Float64Array[] {
  const zs: Float64Array[] = [];
  let a = x;
  for (let l = 0; l < params.weights.length; l++) {
    const out = sizes[l + 1]!;
    const inp = sizes[l]!;
    const w = params.weights[l]!;
    const b = params.biases[l]!;
    const z = new Float64Array(out * m);
    for (let o = 0; o < out; o++) {
      for (let s = 0; s < m; s++) {
        let acc = b[o]!;
        for (let i = 0; i < inp; i++) acc += w[o * inp + i]! * a[i * m + s]!;
        z[o * m + s] = acc;
      }
    }
    zs.push(z);
    a = z.map((v) => Math.max(0, v));
  }
  return zs;
}

function variance(v: Float64Array): number {
  let mean = 0;
  for (const e of v) mean += e;
  mean /= v.length;
  let ss = 0;
  for (const e of v) ss += (e - mean) ** 2;
  return ss / v.length;
}

/** max |G − I| where G = W·Wᵀ (rows ≤ cols) or Wᵀ·W (rows > cols), W (rows × cols) row-major. */
function orthonormalityError(w: Float64Array, rows: number, cols: number): number {
  const k = Math.min(rows, cols);
  let worst = 0;
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) {
      let g = 0;
      if (rows <= cols) for (let c = 0; c < cols; c++) g += w[p * cols + c]! * w[q * cols + c]!;
      else for (let r = 0; r < rows; r++) g += w[r * cols + p]! * w[r * cols + q]!;
      worst = Math.max(worst, Math.abs(g - (p === q ? 1 : 0)));
    }
  }
  return worst;
}

const DEEP = [32, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 1];
const M = 500;

describe('orthonormal start (Householder QR with the sign fix)', () => {
  for (const [rows, cols] of [[5, 9], [9, 5], [7, 7], [1, 6], [6, 1], [64, 32], [32, 64]] as const) {
    it(`gives a (${rows} × ${cols}) matrix with orthonormal ${rows <= cols ? 'rows' : 'columns'}`, () => {
      const w = orthogonalMatrix(rows, cols, new DefaultRandom(rows * 100 + cols));
      assert.equal(w.length, rows * cols);
      assert.ok(orthonormalityError(w, rows, cols) < 1e-12);
    });
  }

  it('factors a tall Gaussian matrix: QᵀA is upper triangular with diag R, and the sign fix makes it positive', () => {
    const n = 8;
    const k = 5;
    const a = gaussianBatch(n, k, 4); // any n × k Gaussian matrix
    const { q, rDiagonal } = householderQR(a, n, k);
    assert.ok(orthonormalityError(q, n, k) < 1e-12);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let r = 0;
        for (let t = 0; t < n; t++) r += q[t * k + i]! * a[t * k + j]!;
        if (i > j) assert.ok(Math.abs(r) < 1e-12, `R[${i}][${j}] = ${r} should be 0`);
        if (i === j) assert.ok(Math.abs(r - rDiagonal[i]!) < 1e-12);
      }
    }
    // orthogonalMatrix on the same draws: R = QᵀA has a positive diagonal after the sign fix.
    const rng = new DefaultRandom(4);
    const fixed = orthogonalMatrix(n, k, rng);
    for (let j = 0; j < k; j++) {
      let r = 0;
      for (let t = 0; t < n; t++) r += fixed[t * k + j]! * a[t * k + j]!;
      assert.ok(r > 0, `R[${j}][${j}] = ${r} should be > 0`);
    }
  });

  it('draws rows·cols standard normals and nothing else', () => {
    const a = new DefaultRandom(9);
    orthogonalMatrix(6, 4, a);
    const b = new DefaultRandom(9);
    for (let i = 0; i < 24; i++) b.standardNormal();
    assert.equal(a.standardNormal(), b.standardNormal());
  });
});

describe('lsuvInitialize on a deep ReLU net (10 hidden layers of 64, 500 N(0,1) inputs of dim 32)', () => {
  const x = gaussianBatch(32, M, 1);
  const result = lsuvInitialize(DEEP, x, M, new DefaultRandom(0), 42);

  it('brings every layer\'s pre-activation variance, measured by an independent forward pass, within 0.1 of 1', () => {
    const zs = preActivations(result.parameters, DEEP, x, M);
    assert.equal(zs.length, 11);
    zs.forEach((z, l) => {
      const v = variance(z);
      assert.ok(Math.abs(v - 1) < 0.1, `layer ${l + 1}: Var = ${v}`);
      // The report's variance is the same number.
      assert.ok(Math.abs(v - result.layers[l]!.varianceAfter) < 1e-9);
    });
    assert.deepEqual(result.layers.map((r) => r.layer), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.ok(result.layers.every((r) => r.converged));
  });

  it('converges in at most one rescale per layer (zero biases, ReLU: the rescale is exact)', () => {
    for (const r of result.layers) {
      assert.ok(r.iterations <= 1);
      if (r.iterations === 1) assert.ok(Math.abs(r.varianceAfter - 1) < 1e-10);
      assert.ok(Math.abs(r.scale - (r.iterations === 0 ? 1 : 1 / Math.sqrt(r.varianceBefore))) < 1e-12 * r.scale);
    }
  });

  it('only rescales the orthonormal start: W_l / scale is orthonormal and equals the QR draw from the same stream', () => {
    const rng = new DefaultRandom(0);
    rng.seed(42);
    result.parameters.weights.forEach((w, l) => {
      const rows = DEEP[l + 1]!;
      const cols = DEEP[l]!;
      const scale = result.layers[l]!.scale;
      const start = w.map((v) => v / scale);
      assert.ok(orthonormalityError(start, rows, cols) < 1e-12, `layer ${l + 1}`);
      const expected = orthogonalMatrix(rows, cols, rng);
      for (let i = 0; i < w.length; i++) assert.ok(Math.abs(start[i]! - expected[i]!) < 1e-14);
    });
    assert.ok(result.parameters.biases.every((b) => b.every((v) => v === 0)));
  });

  it('is deterministic in (rng kind, seed)', () => {
    const again = lsuvInitialize(DEEP, x, M, new DefaultRandom(123), 42);
    assert.deepEqual(again, result);
  });
});

describe('lsuvInitialize non-convergence', () => {
  const sizes = [4, 8, 1];
  const x = gaussianBatch(4, 50, 2);

  it('reports converged=false when the target is unreachable (sigmoid output measured post-activation), 1 iteration', () => {
    const r = lsuvInitialize(sizes, x, 50, new DefaultRandom(0), 1, { measure: 'post', maxIterations: 1 });
    const out = r.layers[1]!;
    assert.equal(out.iterations, 1);
    assert.equal(out.converged, false);
    assert.ok(out.varianceAfter < 0.25); // Var(σ) ≤ 1/4 < 1 - tolerance
    // The hidden ReLU layer measured post-activation still converges in one exact rescale.
    assert.equal(r.layers[0]!.converged, true);
  });

  it('runs into maxIterations without throwing', () => {
    const r = lsuvInitialize(sizes, x, 50, new DefaultRandom(0), 1, { measure: 'post', maxIterations: 10 });
    assert.equal(r.layers[1]!.iterations, 10);
    assert.equal(r.layers[1]!.converged, false);
  });

  it('stops at once on a zero-variance output (all-zero batch) and reports it', () => {
    const r = lsuvInitialize(sizes, new Float64Array(4 * 50), 50, new DefaultRandom(0), 1);
    for (const layer of r.layers) {
      assert.equal(layer.iterations, 0);
      assert.equal(layer.varianceBefore, 0);
      assert.equal(layer.converged, false);
    }
  });

  it('rejects a batch of the wrong size and bad options', () => {
    assert.throws(() => lsuvInitialize(sizes, x, 49, new DefaultRandom(0), 1), RangeError);
    assert.throws(() => lsuvInitialize(sizes, x, 50, new DefaultRandom(0), 1, { tolerance: 0 }), /tolerance/);
    assert.throws(() => lsuvInitialize(sizes, x, 50, new DefaultRandom(0), 1, { maxIterations: 1.5 }), /maxIterations/);
  });
});

describe('the lsuv initializer', () => {
  it('is registered with its defaults and validates its parameters', () => {
    const init = resolveInit('lsuv');
    assert.equal(init.definition, lsuv);
    assert.equal(init.definition.dataDependent, true);
    assert.deepEqual(init.spec, { name: 'lsuv', tolerance: 0.1, maxIterations: 10 });
    assert.deepEqual(resolveInit('lsuv:tolerance=0.02:maxIterations=20').params, { tolerance: 0.02, maxIterations: 20 });
    assert.throws(() => resolveInit('lsuv:tolerance=0'), UsageError);
    assert.throws(() => resolveInit('lsuv:maxIterations=0'), UsageError);
    assert.throws(() => resolveInit('lsuv:maxIterations=2.5'), UsageError);
    registerLsuvInitializer(); // idempotent: no 'already registered'
  });

  it('cannot fill a tensor from a shape', () => {
    const init = resolveInit('lsuv');
    const ctx = { shape: [3, 4], fanIn: 4, fanOut: 3 };
    assert.throws(() => lsuv.fill(new Float64Array(12), ctx, init.params, new DefaultRandom(0)), /data-dependent/);
    assert.ok(Number.isNaN(lsuv.expectedStd(ctx, init.params)));
    assert.throws(() => initialize('lsuv', [3, 4], new DefaultRandom(0)), UsageError);
  });

  it('initializeDenseNetwork refuses lsuv without data', () => {
    assert.throws(
      () => initializeDenseNetwork(resolveInit('lsuv'), [2, 4, 1], new DefaultRandom(0), 3),
      (e: unknown) => e instanceof UsageError && /data-dependent.*needs a batch of data/.test(e.message),
    );
  });

  it('initializeDenseNetwork runs LSUV on the data with the init\'s parameters; the report is available', () => {
    const sizes = [32, 16, 8, 1];
    const x = gaussianBatch(32, 100, 5);
    const init = resolveInit('lsuv:tolerance=0.05:maxIterations=3');
    const params = initializeDenseNetwork(init, sizes, new DefaultRandom(0), 7, { x, m: 100, activation: 'relu' });
    const direct = lsuvInitialize(sizes, x, 100, new DefaultRandom(0), 7, { tolerance: 0.05, maxIterations: 3 });
    assert.deepEqual(params, direct.parameters);
    const detailed = initializeDenseNetworkWithReport(init, sizes, new DefaultRandom(0), 7, { x, m: 100, activation: 'relu' });
    assert.deepEqual(detailed.lsuv, direct.layers);
    // Data-free inits ignore the data and get no report.
    const he = initializeDenseNetworkWithReport(resolveInit('he'), sizes, new DefaultRandom(0), 7, { x, m: 100, activation: 'relu' });
    assert.equal(he.lsuv, undefined);
    assert.deepEqual(he.parameters, initializeDenseNetwork(resolveInit('he'), sizes, new DefaultRandom(0), 7));
  });
});

describe('lsuv in compare', () => {
  it('runCompareTask trains an lsuv-initialized net on the training set with finite costs', () => {
    const config = resolveCompareConfig({ training: { iterations: 200, logEvery: 100 }, inits: [{ name: 'lsuv' }] });
    const r = runCompareTask({ config, initIndex: 0, backend: 'js' });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.init, { name: 'lsuv', tolerance: 0.1, maxIterations: 10 });
    assert.ok(r.costs.length >= 2);
    assert.ok(r.costs.every((c) => Number.isFinite(c.cost)), JSON.stringify(r.costs));
    assert.ok(Number.isFinite(r.finalCost));
    assert.ok(r.trainAccuracy >= 0 && r.trainAccuracy <= 1);
  });
});
