import assert from 'node:assert/strict';
import type { FloatArray } from '../../src/core/dtype.js';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { diagnose } from '../../src/diagnostics/diagnose.js';
import type { Activation, RunConfig } from '../../src/experiments/runTypes.js';
import { resolveInit } from '../../src/init/index.js';
import { lsuvInitialize } from '../../src/init/lsuv.js';
import { initializeDenseNetworkWithReport } from '../../src/init/network.js';
import type { Parameters } from '../../src/kernels/types.js';
import { ACTIVATIONS } from '../../src/nn/activations.js';
import { DefaultRandom } from '../../src/random/xoshiro.js';
import { TrainingSession } from '../../src/train/session.js';
import type { TrainingData } from '../../src/train/trainer.js';

/*
 * LSUV (Mishkin & Matas 2015, Algorithm 1) on nets whose hidden activation is not ReLU (issue 12,
 * item 1). The procedure's own fixed point: every layer's pre-activation variance on the batch is
 * within `tolerance` (0.1) of 1. Before the fix LSUV fed relu(Z_l) to the next layer whatever the
 * network's activation, and a tanh net ended at Var(Z) 0.64–0.78 (SELU ≈ 2, GELU ≈ 0.85).
 */

interface FixedPoint {
  activations: Record<string, { mean: number; secondMoment: number; gain: number }>;
}
/** E[f(z)²] at z ~ N(0, 1) and the gain 1/√E[f(z)²], mpmath quadrature (scripts/gen-lsuv-fixtures.py). */
const reference = JSON.parse(readFileSync(new URL('../fixtures/lsuv-fixed-point.json', import.meta.url), 'utf8')) as FixedPoint;

const TOLERANCE = 0.1;

describe('diagnose --inits lsuv: every layer\'s pre-activation variance is within tolerance of 1, for every activation', () => {
  // The repro first (tanh, 6 × 256, batch 500), then every activation of the registry at 6 × 128.
  const cases: { activation: Activation; width: number }[] = [
    { activation: 'tanh', width: 256 },
    ...ACTIVATIONS.map((activation) => ({ activation, width: 128 })),
  ];
  for (const { activation, width } of cases) {
    it(`${activation}, 6 hidden layers of ${width}, batch 500`, () => {
      const d = diagnose('lsuv', { hidden: Array.from({ length: 6 }, () => width), inputDim: width, activation, batch: 500, seed: 0 });
      assert.equal(d.layers.length, 6);
      for (const layer of d.layers) {
        const v = layer.preStd ** 2;
        assert.ok(Math.abs(v - 1) < TOLERANCE, `${activation} layer ${layer.layer}: Var(Z) = ${v}`);
      }
    });
  }
});

describe('lsuv on a tanh net ends at the wide-network fixed-point gain 1/√E[tanh(z)²]', () => {
  it('layers 2–6 of a 6 × 256 net (batch 500) are rescaled by 1.5925 ± 1% once each, to Var(Z) = 1', () => {
    const width = 256;
    const m = 500;
    const inputs = new DefaultRandom(0);
    const x = new Float64Array(width * m);
    for (let i = 0; i < x.length; i++) x[i] = inputs.standardNormal();
    const sizes = Array.from({ length: 7 }, () => width);
    const r = initializeDenseNetworkWithReport(resolveInit('lsuv'), sizes, new DefaultRandom(1), 1, { x, m, activation: 'tanh' });
    const gain = reference.activations['tanh']!.gain;
    assert.ok(Math.abs(gain - 1.5925) < 1e-4); // the value the issue quotes from the paper's procedure
    for (const layer of r.lsuv!.slice(1)) {
      assert.equal(layer.iterations, 1, `layer ${layer.layer}`);
      assert.ok(Math.abs(layer.scale / gain - 1) < 0.01, `layer ${layer.layer}: gain ${layer.scale}, fixed point ${gain}`);
      assert.ok(Math.abs(layer.varianceAfter - 1) < 1e-9);
    }
  });

  it('SELU is its own fixed point (E[selu(z)²] = 1): no layer after the first needs a rescale', () => {
    assert.ok(Math.abs(reference.activations['selu']!.secondMoment - 1) < 1e-12);
    const width = 128;
    const m = 500;
    const inputs = new DefaultRandom(0);
    const x = new Float64Array(width * m);
    for (let i = 0; i < x.length; i++) x[i] = inputs.standardNormal();
    const r = lsuvInitialize(Array.from({ length: 7 }, () => width), x, m, new DefaultRandom(1), 1, { hiddenActivation: 'selu' });
    for (const layer of r.layers.slice(1)) assert.equal(layer.iterations, 0, `layer ${layer.layer}: Var ${layer.varianceBefore}`);
  });
});

/** The test's own forward pass (tanh / leaky ReLU only): pre-activation variance of every layer. */
function preActivationVariances(params: Parameters<FloatArray>, sizes: readonly number[], x: Float64Array, m: number, f: (v: number) => number): number[] {
  const out: number[] = [];
  let a = x;
  for (let l = 0; l < params.weights.length; l++) {
    const [rows, cols] = [sizes[l + 1]!, sizes[l]!];
    const z = new Float64Array(rows * m);
    for (let o = 0; o < rows; o++) {
      for (let s = 0; s < m; s++) {
        let acc = params.biases[l]![o]!;
        for (let i = 0; i < cols; i++) acc += params.weights[l]![o * cols + i]! * a[i * m + s]!;
        z[o * m + s] = acc;
      }
    }
    let mean = 0;
    for (const v of z) mean += v;
    mean /= z.length;
    let ss = 0;
    for (const v of z) ss += (v - mean) ** 2;
    out.push(ss / z.length);
    a = z.map(f);
  }
  return out;
}

/** Two Gaussian blobs in 4 features (class = sign of the first coordinate's centre). */
function blobs(n: number, seed: number): TrainingData['train'] {
  const rng = new DefaultRandom(seed);
  const x = new Float64Array(4 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    y[s] = s % 2;
    for (let f = 0; f < 4; f++) x[f * n + s] = rng.standardNormal() + (f === 0 ? 2 * y[s]! - 1 : 0);
  }
  return { nFeatures: 4, nSamples: n, x, y };
}

describe('TrainingSession (trainNetwork, sweeps, trainability, the playground\'s worker) calibrates lsuv through config.network', () => {
  const data: TrainingData = { train: blobs(300, 1), test: blobs(50, 2), nClasses: 2, task: 'binary' };
  const config = (network: RunConfig['network']): RunConfig => ({
    data: { name: 'test', seed: 0 },
    network,
    init: { name: 'lsuv' },
    initSeed: 3,
    training: { optimizer: { name: 'sgd' }, learningRate: 0.1, iterations: 1, logEvery: 1 },
  });
  const leaky = (slope: number) => (v: number): number => (v > 0 ? v : slope * v);

  it('tanh: every layer, the output layer included, has Var(Z) within tolerance of 1 on the training set', () => {
    const session = new TrainingSession(config({ hidden: [64, 64, 64], activation: 'tanh' }), data);
    const vars = preActivationVariances(session.network.params, session.layerSizes, data.train.x, 300, Math.tanh);
    assert.equal(vars.length, 4);
    vars.forEach((v, l) => assert.ok(Math.abs(v - 1) < TOLERANCE, `layer ${l + 1}: Var(Z) = ${v}`));
  });

  it('leaky_relu with slope 0.5: calibrated with that slope, not the default 0.01', () => {
    const session = new TrainingSession(config({ hidden: [64, 64, 64], activation: 'leaky_relu', slope: 0.5 }), data);
    const sizes = session.layerSizes;
    const vars = preActivationVariances(session.network.params, sizes, data.train.x, 300, leaky(0.5));
    vars.forEach((v, l) => assert.ok(Math.abs(v - 1) < TOLERANCE, `layer ${l + 1}: Var(Z) = ${v}`));
    // The same weights seen through the default slope are off the fixed point: the slope mattered.
    const wrong = preActivationVariances(session.network.params, sizes, data.train.x, 300, leaky(0.01));
    assert.ok(wrong.some((v) => Math.abs(v - 1) > TOLERANCE), `default-slope variances ${wrong.join(', ')}`);
  });
});

describe('lsuvInitialize options', () => {
  it('refuses an unknown activation and a non-finite slope', () => {
    const x = new Float64Array(4 * 10).fill(1);
    const rng = new DefaultRandom(0);
    assert.throws(() => lsuvInitialize([4, 3, 1], x, 10, rng, 1, { hiddenActivation: 'swish' as Activation }), /hiddenActivation must be one of relu, leaky_relu/);
    assert.throws(() => lsuvInitialize([4, 3, 1], x, 10, rng, 1, { hiddenActivation: 'leaky_relu', slope: Number.NaN }), /slope/);
  });
});
