import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { courseCircles } from '../../src/data/circles.js';
import { statsDue, TrainingStatsRecorder, updateRatio } from '../../src/diagnostics/trainingStatistics.js';
import type { RunConfig } from '../../src/experiments/runTypes.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { initializeDenseNetwork } from '../../src/init/network.js';
import { parseInitSpec, resolveInit } from '../../src/init/spec.js';
import { createEngine } from '../../src/kernels/index.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import type { FloatArray } from '../../src/core/dtype.js';
import type { InitSpec } from '../../src/core/initSpec.js';
import type { Parameters } from '../../src/kernels/types.js';
import { TrainingSession, trainNetwork } from '../../src/experiments/training.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { UsageError } from '../../src/util/errors.js';

const close = (actual: number | null, expected: number, tol = 1e-12) => {
  assert.ok(actual !== null, `expected ${expected}, got null`);
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `expected ${expected}, got ${actual}`);
};

/*
 * A 2-2-1 ReLU net with a linear (MSE, no ½) head, by hand. Samples s1 = (1, 0), s2 = (2, 1), targets 1, 2.
 *   W1 = [[1, −1], [0.5, 2]], b1 = [0, −4]  →  Z1 = [[1, 1], [−3.5, −1]], A1 = [[1, 1], [0, 0]] (unit 2 dead)
 *   W2 = [[1, −2]], b2 = [0.5]              →  z2 = [1.5, 1.5], L = mean((z2 − y)²) = 0.25
 *   ∂L/∂z2 = 2(z2 − y)/2 = [0.5, −0.5];  ∂L/∂A1 = W2ᵀ∂L/∂z2 = [[0.5, −0.5], [−1, 1]]
 *   ∂L/∂Z1 = ∂L/∂A1 ⊙ relu′(Z1) = [[0.5, −0.5], [0, 0]]
 *   ∂L/∂W1 = ∂L/∂Z1·Xᵀ = [[0.5·1 − 0.5·2, 0.5·0 − 0.5·1], [0, 0]] = [[−0.5, −0.5], [0, 0]]
 * Population stds (mean, then mean squared deviation):
 *   Z1 {1, 1, −3.5, −1}: mean −0.625, var 13.6875/4;   A1 {1, 1, 0, 0}: mean 0.5, std 0.5
 *   ∂L/∂Z1 {0.5, −0.5, 0, 0}: var 0.5/4;   ∂L/∂W1 {−0.5, −0.5, 0, 0}: mean −0.25, std 0.25
 *   W1 {1, −1, 0.5, 2}: mean 0.625, var 4.6875/4
 */
const x = new Float64Array([1, 2, 0, 1]);
const y = new Float64Array([1, 2]);
const W1 = new Float64Array([1, -1, 0.5, 2]);
const params = { weights: [W1, new Float64Array([1, -2])], biases: [new Float64Array([0, -4]), new Float64Array([0.5])] };

describe('TrainingStatsRecorder', () => {
  it('gives the hand-computed statistics of a 2-2-1 ReLU net with the real MSE gradient', () => {
    const rec = new TrainingStatsRecorder({ layerSizes: [2, 2, 1], activation: 'relu', output: 'linear', x, y, m: 2 });
    const point = rec.record(0, params);
    assert.equal(point.iteration, 0);
    assert.equal(point.layers.length, 1);
    const s = point.layers[0]!;
    assert.equal(s.layer, 1);
    close(s.preMean, -0.625);
    close(s.preStd, Math.sqrt(13.6875 / 4));
    close(s.postMean, 0.5);
    close(s.postStd, 0.5);
    assert.equal(s.deadFraction, 0.5);
    assert.equal(s.saturatedFraction, null);
    close(s.gradZStd, Math.sqrt(0.5 / 4));
    close(s.gradWStd, 0.25);
    close(s.weightStd, Math.sqrt(4.6875 / 4));
    assert.equal(s.updateRatio, null);
    // The recorder works on a copy: the caller's parameters are untouched.
    assert.deepEqual([...W1], [1, -1, 0.5, 2]);
  });

  it('adds λ·W to ∂L/∂W under L2 and measures the one-step SGD ratio η‖g‖/‖W‖', () => {
    // With λ = 0.1: ∂L/∂W1 = [−0.5 + 0.1, −0.5 − 0.1, 0.05, 0.2] = [−0.4, −0.6, 0.05, 0.2]: mean −0.1875.
    const g = [-0.4, -0.6, 0.05, 0.2];
    const mean = -0.1875;
    const variance = g.reduce((a, v) => a + (v - mean) ** 2, 0) / 4;
    const rec = new TrainingStatsRecorder({ layerSizes: [2, 2, 1], activation: 'relu', output: 'linear', x, y, m: 2, l2: 0.1 });
    close(rec.record(0, params).layers[0]!.gradWStd, Math.sqrt(variance));
    // One SGD step W ← W − η·g: ‖ΔW‖/‖W‖ = η·‖g‖/‖W‖ = η·√(0.16 + 0.36 + 0.0025 + 0.04)/√(1 + 1 + 0.25 + 4).
    const eta = 0.3;
    const next = { weights: [W1.map((w, i) => w - eta * g[i]!), params.weights[1]!], biases: params.biases };
    close(rec.record(1, next, [W1, params.weights[1]!]).layers[0]!.updateRatio, (eta * Math.sqrt(0.5625)) / 2.5);
  });

  it('counts saturated tanh units and returns null for non-finite statistics', () => {
    // 1-2-1 tanh, one sample x = 1: z = (10, 0.1) → |tanh(10)| > 0.99 is saturated, tanh(0.1) is not.
    const rec = new TrainingStatsRecorder({ layerSizes: [1, 2, 1], activation: 'tanh', output: 'sigmoid', x: new Float64Array([1]), y: new Float64Array([1]), m: 1 });
    const p = { weights: [new Float64Array([10, 0.1]), new Float64Array([1, 1])], biases: [new Float64Array(2), new Float64Array(1)] };
    assert.equal(rec.record(0, p).layers[0]!.saturatedFraction, 0.5);
    const huge = { weights: [new Float64Array([Infinity, 1]), new Float64Array([1, 1])], biases: p.biases };
    const s = rec.record(0, huge).layers[0]!;
    assert.equal(s.weightStd, null);
    assert.equal(s.preStd, null);
  });

  it('update ratio: null for a zero previous norm; statsDue: 0, k, 2k, … and the last', () => {
    assert.equal(updateRatio(new Float64Array([1, 1]), new Float64Array(2)), null);
    close(updateRatio(new Float64Array([3, 4]), new Float64Array([0, 1])), Math.sqrt(9 + 9));
    const due = Array.from({ length: 251 }, (_, i) => i).filter((i) => statsDue(i, 100, 250));
    assert.deepEqual(due, [0, 100, 200, 250]);
  });
});

const { train, test } = courseCircles();
const data: TrainingData = { train, test, nClasses: 2, task: 'binary' };
function config(over: Partial<RunConfig['training']> = {}, init = 'he'): RunConfig {
  return {
    data: { name: 'circles', seed: 1 },
    network: { hidden: [10, 5], activation: 'relu' },
    init: parseInitSpec(init),
    initSeed: 3,
    training: { optimizer: { name: 'sgd' }, learningRate: 0.05, iterations: 250, logEvery: 50, ...over },
  };
}
const strip = <T extends { seconds: number; stats?: unknown; config: RunConfig }>(r: T) => {
  const { stats: _stats, ...rest } = r;
  return { ...rest, seconds: 0, config: { ...r.config, training: { ...r.config.training, statsEvery: undefined } } };
};

describe('training with layer statistics', () => {
  it('changes no metric (full batch SGD, and mini-batch Adam with L2)', () => {
    for (const over of [{}, { batchSize: 64, optimizer: { name: 'adam' as const }, learningRate: 0.01, l2: 0.01 }]) {
      const off = trainNetwork(config(over), data);
      const on = trainNetwork(config({ ...over, statsEvery: 100 }), data);
      assert.equal(off.stats, undefined);
      assert.deepEqual(on.stats!.map((p) => p.iteration), [0, 100, 200, 250]);
      assert.deepEqual(strip(on), strip(off));
    }
  });

  it('records at the early stop and passes every record to onStats', () => {
    const seen: number[] = [];
    const r = trainNetwork(config({ iterations: 5000, targetLoss: 0.5, statsEvery: 1000 }), data, { onStats: (p) => seen.push(p.iteration) });
    assert.ok(r.iterationsToTarget !== null && r.iterationsToTarget % 1000 !== 0, `stopped at ${r.iterationsToTarget}`);
    const stop = r.iterationsToTarget;
    const every1000 = Array.from({ length: Math.floor(stop / 1000) + 1 }, (_, i) => i * 1000);
    assert.deepEqual(seen, [...every1000, stop]);
    assert.deepEqual(r.stats!.map((p) => p.iteration), seen);
    assert.ok(r.stats![r.stats!.length - 1]!.layers.every((l) => l.updateRatio !== null));
  });

  it('update ratio after update k is η‖∂L/∂W(k−1)‖/‖W(k−1)‖ for full-batch SGD', () => {
    const eta = 0.05;
    const k = 7;
    const withStats = new TrainingSession(config({ statsEvery: 7 }), data);
    withStats.advance(k);
    const recorded = withStats.layerStats.find((p) => p.iteration === k)!;
    // Replay without statistics: the weights after k − 1 updates and the gradient the k-th update used.
    const replay = new TrainingSession(config(), data);
    replay.advance(k - 1);
    const w = replay.network.params.weights.map((t) => t.slice());
    replay.advance(1);
    const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, b) => a + b * b, 0));
    for (const layer of recorded.layers) {
      const l = layer.layer - 1;
      close(layer.updateRatio, (eta * norm(replay.network.grads.weights[l]!)) / norm(w[l]!), 1e-10);
    }
  });

  it('refuses statsEvery 0, −1 and 1.5 with a UsageError', () => {
    for (const bad of [0, -1, 1.5]) assert.throws(() => new TrainingSession(config({ statsEvery: bad }), data), UsageError);
  });
});

describe('layer statistics on the course preset (exact: course)', () => {
  it('hands over the parameters at 0, k, 2k, …, the last, with the weights one update back; costs unchanged', () => {
    registerAllInitializers();
    const layers = [2, 10, 5, 1];
    const p0 = initializeDenseNetwork(resolveInit({ name: 'he' }, 'init'), layers, new NumpyRandomState(), 3, { x: train.x, m: train.nSamples, activation: 'relu' });
    const lr = 0.05;
    const engine = () => {
      const e = createEngine('js', layers, train.x, train.y, train.nSamples);
      e.setParameters(p0);
      return e;
    };
    const run = (statsEvery?: number): RunConfig => ({
      data: { name: 'circles', seed: 1 },
      exact: 'course',
      network: { hidden: [10, 5], activation: 'relu' },
      init: { name: 'he' },
      initSeed: 3,
      training: { optimizer: { name: 'sgd' }, learningRate: lr, iterations: 20, logEvery: 5, ...(statsEvery ? { statsEvery } : {}) },
    });
    const seen: { k: number; w: Float64Array[]; prev: Float64Array[] | undefined }[] = [];
    const hooks = {
      backend: 'js' as const,
      layerStats: () => ({
        record: (k: number, p: Parameters<FloatArray>, prev?: readonly FloatArray[]) => {
          seen.push({ k, w: p.weights as Float64Array[], prev: prev as Float64Array[] | undefined });
          return { iteration: k, layers: [] };
        },
      }),
    };
    const data = { train, test: train, nClasses: 2, task: 'binary' as const };
    const on = trainNetwork(run(7), data, hooks);
    const off = trainNetwork(run(), data, { backend: 'js' });
    assert.deepEqual(on.metrics, off.metrics);
    assert.deepEqual(seen.map((s) => s.k), [0, 7, 14, 20]);
    assert.equal(seen[0]!.prev, undefined);
    const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
    for (const { k, w, prev } of seen.slice(1)) {
      // Replay k − 1 updates: those weights, and the gradient the k-th update used (engine.gradients, the course cost).
      const b = engine();
      b.train(k - 1, lr);
      const before = b.getParameters().weights;
      assert.deepEqual(prev, before, `iteration ${k}: previous weights`);
      const g = b.gradients().weights;
      for (let l = 0; l < 2; l++) close(updateRatio(w[l]!, before[l]!), (lr * norm(g[l]!)) / norm(before[l]!), 1e-9);
    }
  });
  it('records from the course kernel (recordMoments) what record() gives from a DenseNetwork pass, to rounding; costs unchanged', () => {
    // The reference: the same recorder offered without recordMoments, so the session hands it the
    // parameters and it runs its own float64 pass (StatsProbe, bit for bit DenseNetwork's).
    const run = (init: InitSpec): RunConfig => ({
      data: { name: 'circles', seed: 1 }, exact: 'course', network: { hidden: [10, 5], activation: 'relu' }, init, initSeed: 3,
      training: { optimizer: { name: 'sgd' }, learningRate: 0.05, iterations: 600, logEvery: 50, statsEvery: 100 },
    });
    for (const init of [{ name: 'he' }, { name: 'random', scale: 10 }, { name: 'zeros' }] as InitSpec[]) {
      const viaKernel = trainNetwork(run(init), data);
      const viaProbe = trainNetwork(run(init), data, {
        layerStats: (setup) => {
          const rec = new TrainingStatsRecorder(setup);
          return { record: (k, p, prev) => rec.record(k, p, prev) };
        },
      });
      assert.deepEqual(viaKernel.metrics, viaProbe.metrics, `${init.name}: costs changed`);
      assert.deepEqual(viaKernel.stats!.map((p) => p.iteration), [0, 100, 200, 300, 400, 500, 600]);
      viaProbe.stats!.forEach((point, i) => {
        point.layers.forEach((ref, l) => {
          const got = viaKernel.stats![i]!.layers[l]!;
          for (const key of Object.keys(ref) as (keyof typeof ref)[]) {
            const want = ref[key];
            if (want === null || key === 'layer' || key === 'deadFraction') assert.equal(got[key], want, `${init.name} ${point.iteration} layer ${l + 1} ${key}`);
            // A mean near 0 is a difference of nearly equal sums: compare it on the scale of its std.
            else close(got[key] as number, want, key.endsWith('Mean') ? 1e-12 * Math.max(1, Math.abs(ref.preStd ?? 1) / Math.max(Math.abs(want), 1e-300)) : 1e-11);
          }
        });
      });
    }
  });
});
