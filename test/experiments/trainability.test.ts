import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runId } from '../../src/experiments/runId.js';
import type { RunConfig, RunRecord } from '../../src/experiments/runTypes.js';
import {
  assembleTrainability,
  correlationDepthScale,
  defaultTrainabilitySettings,
  effectiveSigmas,
  trainabilityColumns,
  trainabilityRuns,
  trainabilitySweepSpec,
  type TrainabilitySettings,
} from '../../src/experiments/trainability.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { initializeDenseNetwork } from '../../src/init/network.js';
import { resolveInit } from '../../src/init/spec.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';

registerAllInitializers();

const rel = (got: number, want: number, tol: number, what: string): void =>
  assert.ok(Math.abs(got - want) <= tol * Math.abs(want), `${what}: got ${got}, want ${want}`);

/**
 * E_z[f(z)], z ~ N(0, 1), by the trapezoid rule on [−12, 12] with 48 001 nodes: for these smooth,
 * Gaussian-weighted integrands the rule converges geometrically, far below 1e-12. Independent of
 * src/theory's adaptive quadrature.
 */
function gauss(f: (z: number) => number): number {
  const n = 48_000;
  const h = 24 / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const z = -12 + i * h;
    s += (i === 0 || i === n ? 0.5 : 1) * f(z) * Math.exp(-0.5 * z * z);
  }
  return (s * h) / Math.sqrt(2 * Math.PI);
}

/** q* of tanh by fixed-point iteration of q ↦ σ_w² E[tanh(√q z)²] + σ_b² (a contraction at the stable point). */
function tanhQStar(w: number, b: number): number {
  let q = 1;
  for (let i = 0; i < 500; i++) {
    const next = w * gauss((z) => Math.tanh(Math.sqrt(q) * z) ** 2) + b;
    if (Math.abs(next - q) < 1e-15) return next;
    q = next;
  }
  return q;
}
const sech2 = (x: number) => 1 / Math.cosh(x) ** 2;

describe('trainability: the theory line (6ξ_c) against closed forms', () => {
  it('tanh, σ_b² = 0, σ_w² < 1: q* = 0, c* = 1 and χ_c = χ₁ = σ_w², so ξ_c = −1/ln σ_w² exactly (the σ_b² → 0⁺ limit)', () => {
    for (const w of [0.25, 0.5, 0.8]) rel(correlationDepthScale('tanh', w, 0)!, -1 / Math.log(w), 1e-12, `σ_w² = ${w}`);
    assert.equal(correlationDepthScale('tanh', 1, 0), Infinity, 'σ_w² = 1 is the critical point');
  });

  it('relu, σ_b² > 0, σ_w² < 2: ordered, χ_c = σ_w²/2, ξ_c = −1/ln(σ_w²/2); linear: ξ_c = −1/ln σ_w²', () => {
    for (const w of [0.5, 1, 1.5]) rel(correlationDepthScale('relu', w, 0.1)!, -1 / Math.log(w / 2), 1e-9, `relu σ_w² = ${w}`);
    for (const w of [0.3, 0.7]) rel(correlationDepthScale('linear', w, 0.2)!, -1 / Math.log(w), 1e-9, `linear σ_w² = ${w}`);
  });

  it('tanh, σ_b² = 0.05, ordered (σ_w² = 1): χ_c = σ_w² E[sech⁴(√q* z)] with q* from an independent fixed-point iteration', () => {
    const q = tanhQStar(1, 0.05);
    const chi = gauss((z) => sech2(Math.sqrt(q) * z) ** 2);
    rel(correlationDepthScale('tanh', 1, 0.05)!, -1 / Math.log(chi), 1e-7, 'ξ_c');
  });

  it('tanh, σ_b² = 0, chaotic (σ_w² = 2): c* = 0 (φ odd), χ_c = σ_w² E[sech²(√q* z)]²', () => {
    const q = tanhQStar(2, 0);
    const chi = 2 * gauss((z) => sech2(Math.sqrt(q) * z)) ** 2;
    rel(correlationDepthScale('tanh', 2, 0)!, -1 / Math.log(chi), 1e-7, 'ξ_c');
  });

  it('activations the theory does not cover get no line', () => {
    assert.equal(correlationDepthScale('elu', 1, 0.05), null);
    assert.equal(correlationDepthScale('gelu', 1, 0), null);
  });
});

describe('trainability: columns and initializers', () => {
  it("σ_w² = Var[W]·fan_in of a width × width layer: he 2, xavier 1, random:scale=0.5 0.25·width, glorot_uniform 1, PyTorch's Linear default 1/3", () => {
    const w = 32;
    const cases: [string, number][] = [['he', 2], ['xavier', 1], ['random:scale=0.5', 0.25 * w], ['keras:glorot_uniform', 1], ['torch:linear_default', 1 / 3]];
    for (const [spec, want] of cases) {
      const s = effectiveSigmas(resolveInit(spec).spec, w);
      rel(s.sigmaW2!, want, 1e-12, spec);
      assert.equal(s.sigmaB2, 0, spec);
    }
    assert.deepEqual(effectiveSigmas({ name: 'meanfield', sigmaW2: 1.5, sigmaB2: 0.05 }, w), { sigmaW2: 1.5, sigmaB2: 0.05 });
    assert.deepEqual(effectiveSigmas({ name: 'lsuv' }, w), { sigmaW2: null, sigmaB2: null });
  });

  it('each column carries 6ξ_c = 6 × the closed form (tanh, σ_b² = 0, ordered)', () => {
    const s: TrainabilitySettings = { ...defaultTrainabilitySettings(), axis: { kind: 'sigmaW2', sigmaW2: [0.3, 0.6], sigmaB2: 0 } };
    const cols = trainabilityColumns(s);
    assert.deepEqual(cols.map((c) => c.init), [{ name: 'meanfield', sigmaW2: 0.3, sigmaB2: 0 }, { name: 'meanfield', sigmaW2: 0.6, sigmaB2: 0 }]);
    cols.forEach((c, i) => rel(c.sixXiC!, -6 / Math.log([0.3, 0.6][i]!), 1e-12, c.label));
  });

  it('the meanfield initializer draws W ~ N(0, σ_w²/fan_in) and b ~ N(0, σ_b²): sample variances within 4 standard errors', () => {
    const sizes = [400, 400, 400];
    const p = initializeDenseNetwork(resolveInit('meanfield:sigmaW2=1.7:sigmaB2=0.3'), sizes, new NumpyRandomState(), 5);
    const variance = (a: Float64Array) => a.reduce((s, x) => s + x * x, 0) / a.length;
    const weights = Float64Array.from([...p.weights[0]!, ...p.weights[1]!]);
    const biases = Float64Array.from([...p.biases[0]!, ...p.biases[1]!]);
    // Var of a sample variance of n normals: 2σ⁴/n.
    const wVar = 1.7 / 400;
    assert.ok(Math.abs(variance(weights) - wVar) < 4 * wVar * Math.sqrt(2 / weights.length), `weights ${variance(weights)}`);
    assert.ok(Math.abs(variance(biases) - 0.3) < 4 * 0.3 * Math.sqrt(2 / biases.length), `biases ${variance(biases)}`);
    // σ_b² = 0 draws no biases at all, and other initializers keep theirs zero.
    const zero = initializeDenseNetwork(resolveInit('meanfield:sigmaW2=1.7'), sizes, new NumpyRandomState(), 5);
    assert.ok(zero.biases.every((b) => b.every((x) => x === 0)));
    assert.ok(initializeDenseNetwork(resolveInit('he'), sizes, new NumpyRandomState(), 5).biases.every((b) => b.every((x) => x === 0)));
  });
});

function settings(): TrainabilitySettings {
  return {
    ...defaultTrainabilitySettings(),
    width: 4,
    depths: [1, 3],
    axis: { kind: 'sigmaW2', sigmaW2: [0.5, 0.8], sigmaB2: 0 },
    training: { optimizer: { name: 'sgd' }, learningRate: 0.1, iterations: 10, logEvery: 5, batchSize: 0 },
    seeds: 2,
  };
}

function record(c: RunConfig, train: number, test: number, status: 'ok' | 'diverged' = 'ok'): RunRecord {
  const point = { iteration: 10, trainLoss: 0.5, trainAccuracy: train, testLoss: 0.6, testAccuracy: test };
  return { id: runId(c), config: c, status, symmetric: false, metrics: [point], final: point, iterationsToTarget: null, seconds: 0, initlab: { version: 'test' } };
}

describe('trainability: the grid as a sweep and the document', () => {
  it('expands to depths × columns × seeds runs: uniform hidden layers, meanfield inits, seeds 0 … n−1, distinct ids', () => {
    const s = settings();
    const runs = trainabilityRuns(s);
    assert.equal(runs.length, 2 * 2 * 2);
    assert.deepEqual([...new Set(runs.map((c) => c.network.hidden.join('x')))].sort(), ['4', '4x4x4']);
    assert.deepEqual([...new Set(runs.map((c) => c.initSeed))].sort(), [0, 1]);
    assert.deepEqual([...new Set(runs.map((c) => c.init['sigmaW2']))].sort(), [0.5, 0.8]);
    assert.equal(new Set(runs.map(runId)).size, runs.length);
    const spec = trainabilitySweepSpec(s) as { grid: Record<string, unknown> };
    assert.deepEqual(Object.keys(spec.grid), ['depth', 'inits', 'seeds']);
  });

  it('averages each cell over its seeds, counts diverged runs, skips non-finite values and foreign records', () => {
    const s = settings();
    const runs = trainabilityRuns(s);
    const find = (depth: number, w: number, seed: number) =>
      runs.find((c) => c.network.hidden.length === depth && c.init['sigmaW2'] === w && c.initSeed === seed)!;
    const foreign = { ...find(1, 0.5, 0), initSeed: 7 };
    const records = [
      record(find(1, 0.5, 0), 0.5, 0.25),
      record(find(1, 0.5, 1), 1.0, 0.75),
      record(find(1, 0.8, 0), 0.9, 0.8, 'diverged'),
      record(find(1, 0.8, 1), Number.NaN, 0.6),
      record(find(3, 0.5, 0), 0.6, 0.5),
      // depth 3, σ_w² 0.8: no run finished
      record(foreign, 0, 0),
    ];
    const doc = assembleTrainability(s, records);
    assert.equal(doc.experiment, 'trainability');
    assert.deepEqual(doc.config.initSeeds, [0, 1]);
    assert.deepEqual(doc.accuracy, [[0.75, 0.9], [0.6, null]]);
    const cell = doc.cells.find((c) => c.depth === 1 && c.column === 1)!;
    assert.equal(cell.diverged, 1);
    assert.equal(cell.nonFinite, 1);
    assert.deepEqual(cell.initSeeds, [0, 1]);
    assert.equal(doc.cells.find((c) => c.depth === 1 && c.column === 0)!.meanTestAccuracy, 0.5);
    assert.deepEqual(doc.runs, { expected: 8, finished: 5, diverged: 1, nonFinite: 1 });

    const test = assembleTrainability({ ...s, metric: 'test' }, records);
    assert.deepEqual(test.accuracy, [[0.5, 0.7], [0.5, null]]);
  });

  it('the theory block: the critical point (∞) inside the σ_w² range, the grid values, and 6ξ_c = 6·ξ_c at each', () => {
    const s: TrainabilitySettings = { ...settings(), axis: { kind: 'sigmaW2', sigmaW2: [0.5, 0.8, 1.2], sigmaB2: 0 } };
    const doc = assembleTrainability(s, []);
    const t = doc.theory!;
    assert.equal(t.criticalSigmaW2 > 0.999999 && t.criticalSigmaW2 < 1.000001, true, `critical ${t.criticalSigmaW2}`);
    const crit = t.curve.find((p) => p.sigmaW2 === t.criticalSigmaW2)!;
    assert.equal(crit.sixXiC, Infinity);
    for (const w of [0.5, 0.8]) rel(t.curve.find((p) => p.sigmaW2 === w)!.sixXiC, -6 / Math.log(w), 1e-12, `σ_w² = ${w}`);
    for (const p of t.curve) if (p.sigmaW2 < 0.999) rel(p.sixXiC, -6 / Math.log(p.sigmaW2), 1e-9, `curve at ${p.sigmaW2}`);
    assert.ok(t.curve.every((p, i) => i === 0 || p.sigmaW2 > t.curve[i - 1]!.sigmaW2), 'sorted');
    assert.equal(assembleTrainability({ ...s, activation: 'elu' }, []).theory, null);
  });
});
