import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dataset } from '../../src/data/types.js';
import { courseCircles } from '../../src/data/circles.js';
import type { MetricPoint, RunConfig } from '../../src/experiments/runTypes.js';
import { initializeDenseNetwork, resolveInit } from '../../src/init/index.js';
import { createEngine } from '../../src/kernels/index.js';
import { DefaultRandom, NumpyRandomState } from '../../src/random/index.js';
import { BatchSampler } from '../../src/train/batches.js';
import { courseCost } from '../../src/train/courseCost.js';
import { TrainingSession, trainNetwork } from '../../src/train/session.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { UsageError } from '../../src/util/errors.js';

/** A disc (2 classes), three wedges (3 classes) or a smooth function (regression), 2 features. */
function synthetic(kind: 'disc' | 'wedges' | 'regression', n: number, seed: number): Dataset {
  const rng = new DefaultRandom(seed);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    x[s] = a;
    x[n + s] = b;
    if (kind === 'disc') y[s] = a * a + b * b < 0.5 ? 1 : 0;
    else if (kind === 'wedges') y[s] = Math.floor(((Math.atan2(b, a) + Math.PI) / (2 * Math.PI)) * 3) % 3;
    else y[s] = Math.sin(2 * a) + 0.5 * b * b;
  }
  return { nFeatures: 2, nSamples: n, x, y };
}

function data(kind: 'disc' | 'wedges' | 'regression', n = 200, nTest = 80): TrainingData {
  return {
    train: synthetic(kind, n, 1),
    test: synthetic(kind, nTest, 2),
    nClasses: kind === 'disc' ? 2 : kind === 'wedges' ? 3 : 0,
    task: kind === 'regression' ? 'regression' : kind === 'disc' ? 'binary' : 'multiclass',
  };
}

function config(over: Partial<RunConfig['training']> = {}, net: Partial<RunConfig['network']> = {}, init = 'he'): RunConfig {
  return {
    data: { name: 'test', seed: 0 },
    network: { hidden: [8, 6], activation: 'relu', ...net },
    init: { name: init },
    initSeed: 3,
    training: { optimizer: { name: 'sgd' }, learningRate: 0.1, iterations: 300, logEvery: 100, ...over },
  };
}

const allFinite = (p: MetricPoint) => [p.trainLoss, p.trainAccuracy, p.testLoss, p.testAccuracy].every(Number.isFinite);
const withoutSeconds = <T extends { seconds: number }>(r: T) => ({ ...r, seconds: 0 });

describe('trainNetwork', () => {
  it('reproduces the course engine on the course net and data (He init, full-batch GD): same costs', () => {
    const { train, test } = courseCircles();
    const cfg: RunConfig = {
      data: { name: 'circles', seed: 1 },
      network: { hidden: [10, 5], activation: 'relu' },
      init: { name: 'he' },
      initSeed: 3,
      training: { optimizer: { name: 'sgd' }, learningRate: 0.01, iterations: 2000, logEvery: 500 },
    };
    const r = trainNetwork(cfg, { train, test, nClasses: 2, task: 'binary' });
    const sizes = [2, 10, 5, 1];
    const engine = createEngine('js', sizes, train.x, train.y, train.nSamples);
    engine.setParameters(initializeDenseNetwork(resolveInit('he'), sizes, new NumpyRandomState(), 3));
    // The course kernel stepped by hand: the notebook's cost before updates 0, 500, …, and after the last.
    const course: { iteration: number; cost: number }[] = [];
    for (let k = 0; k <= 2000; k += 500) {
      course.push({ iteration: k, cost: courseCost(engine.forward(), train.y, train.nSamples) });
      if (k < 2000) engine.train(500, 0.01);
    }
    engine.dispose();
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.metrics.map((p) => p.iteration), [0, 500, 1000, 1500, 2000]);
    for (let i = 0; i < course.length; i++) {
      const a = r.metrics[i]!.trainLoss;
      const b = course[i]!.cost;
      assert.ok(Math.abs(a - b) <= 1e-10 * b, `iteration ${course[i]!.iteration}: ${a} vs ${b}`);
    }
    // The course preset of the same config trains on that kernel: the same costs bit for bit.
    const exact = trainNetwork({ ...cfg, exact: 'course' }, { train, test, nClasses: 2, task: 'binary' });
    assert.deepEqual(exact.metrics.map((p) => ({ iteration: p.iteration, cost: p.trainLoss })), course);
    assert.ok(r.final.trainLoss < r.metrics[0]!.trainLoss);
    assert.equal(r.symmetric, false);
    assert.equal(r.iterationsToTarget, null);
  });

  it('logs at 0, every logEvery and the last iteration; final is the last point; hooks see every point', () => {
    const logged: MetricPoint[] = [];
    const progress: number[] = [];
    const r = trainNetwork(config({ iterations: 250, logEvery: 100 }), data('disc'), {
      onLog: (p) => logged.push(p),
      onProgress: (done, total) => {
        assert.equal(total, 250);
        progress.push(done);
      },
    });
    assert.deepEqual(r.metrics.map((p) => p.iteration), [0, 100, 200, 250]);
    assert.deepEqual(logged, r.metrics);
    assert.deepEqual(progress, [0, 100, 200, 250]);
    assert.deepEqual(r.final, r.metrics[3]);
    assert.ok(r.metrics.every(allFinite));
    assert.ok(r.seconds >= 0);
    assert.equal('divergedAt' in r, false);
  });

  it('trains every optimizer, schedule and activation without diverging, and lowers the loss', () => {
    const specs: RunConfig['training']['optimizer'][] = [
      { name: 'sgd' }, { name: 'momentum' }, { name: 'nesterov', momentum: 0.8 }, { name: 'rmsprop' }, { name: 'adam' },
    ];
    for (const optimizer of specs) {
      const lr = optimizer.name === 'rmsprop' || optimizer.name === 'adam' ? 0.01 : 0.1;
      const r = trainNetwork(config({ optimizer, learningRate: lr, batchSize: 32, l2: 1e-4, schedule: { name: 'cosine' } }), data('disc'));
      assert.equal(r.status, 'ok', optimizer.name);
      assert.ok(r.final.trainLoss < r.metrics[0]!.trainLoss, `${optimizer.name}: ${r.metrics[0]!.trainLoss} → ${r.final.trainLoss}`);
    }
    for (const activation of ['leaky_relu', 'elu', 'selu', 'gelu', 'tanh', 'sigmoid', 'softplus', 'linear'] as const) {
      const r = trainNetwork(config({ optimizer: { name: 'adam' }, learningRate: 0.01, schedule: { name: 'step', stepSize: 100 } }, { activation, slope: 0.1 }), data('disc'));
      assert.equal(r.status, 'ok', activation);
      assert.ok(r.final.trainLoss < r.metrics[0]!.trainLoss, activation);
    }
  });

  it('picks softmax for 3 classes and linear (with R² as accuracy) for regression', () => {
    const multi = trainNetwork(config({ optimizer: { name: 'adam' }, learningRate: 0.02, iterations: 400 }, { hidden: [16] }), data('wedges'));
    assert.equal(multi.status, 'ok');
    assert.ok(multi.final.trainAccuracy > 0.8, `accuracy ${multi.final.trainAccuracy}`);
    assert.ok(multi.metrics[0]!.trainLoss > 0.5 && multi.final.trainLoss < multi.metrics[0]!.trainLoss);

    const reg = trainNetwork(config({ optimizer: { name: 'adam' }, learningRate: 0.01, iterations: 600, logEvery: 200 }, { hidden: [16], activation: 'tanh' }), data('regression'));
    assert.equal(reg.status, 'ok');
    assert.ok(reg.final.trainAccuracy > 0.9 && reg.final.trainAccuracy <= 1, `R² ${reg.final.trainAccuracy}`);
    assert.ok(reg.final.testAccuracy > 0.8, `test R² ${reg.final.testAccuracy}`);
    // R² at iteration 0 follows its definition: 1 − Σ(z−y)²/Σ(y−ȳ)² = 1 − MSE/var(y).
    const y = data('regression').train.y;
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length;
    const p0 = reg.metrics[0]!;
    assert.ok(Math.abs(p0.trainAccuracy - (1 - p0.trainLoss / variance)) < 1e-12);
  });

  it('detects divergence: stops at once with a finite divergedAt and no non-finite metrics', () => {
    for (const [cfg, d] of [
      // (ReLU units simply die under a huge step — BCE's gradient is bounded — so use leaky ReLU.)
      [config({ learningRate: 1e4, iterations: 5000, logEvery: 1 }, { activation: 'leaky_relu' }), data('disc')],
      [config({ learningRate: 1e300, iterations: 5000, logEvery: 10 }), data('disc')],
      [config({ learningRate: 50, iterations: 5000, logEvery: 1 }, { activation: 'tanh' }), data('regression')],
      [config({ learningRate: 10, iterations: 5000, logEvery: 7, batchSize: 16, optimizer: { name: 'momentum', momentum: 0.99 } }), data('regression')],
    ] as const) {
      const r = trainNetwork(cfg, d);
      assert.equal(r.status, 'diverged');
      assert.ok(Number.isInteger(r.divergedAt) && r.divergedAt! >= 0 && r.divergedAt! < 5000, `divergedAt ${r.divergedAt}`);
      assert.ok(r.metrics.length >= 1);
      assert.ok(r.metrics.every(allFinite));
      assert.ok(r.metrics.every((p) => p.iteration <= r.divergedAt!));
      assert.deepEqual(r.final, r.metrics[r.metrics.length - 1]);
      assert.equal(r.iterationsToTarget, null);
    }
  });

  it('detects symmetry: the zeros init never breaks it (even with sigmoid units that do learn)', () => {
    const zeros = trainNetwork(config({}, { activation: 'sigmoid', hidden: [4, 3] }, 'zeros'), data('disc'));
    assert.equal(zeros.symmetric, true);
    assert.equal(zeros.status, 'ok');
    const zerosRelu = trainNetwork(config({}, {}, 'zeros'), data('disc'));
    assert.equal(zerosRelu.symmetric, true);
    assert.equal(trainNetwork(config(), data('disc')).symmetric, false);
    // No hidden layer: nothing to be symmetric.
    assert.equal(trainNetwork(config({}, { hidden: [] }, 'zeros'), data('disc')).symmetric, false);
  });

  it('stops early at targetLoss and reports the first logged iteration that reached it', () => {
    const full = trainNetwork(config({ optimizer: { name: 'adam' }, learningRate: 0.02, iterations: 1000, logEvery: 50 }), data('disc'));
    const target = full.metrics[6]!.trainLoss * 1.0000001;
    const first = full.metrics.find((p) => p.trainLoss <= target)!;
    const r = trainNetwork(config({ optimizer: { name: 'adam' }, learningRate: 0.02, iterations: 1000, logEvery: 50, targetLoss: target }), data('disc'));
    assert.equal(r.iterationsToTarget, first.iteration);
    assert.equal(r.final.iteration, first.iteration);
    assert.deepEqual(r.metrics, full.metrics.slice(0, r.metrics.length));
    assert.equal(r.status, 'ok');
    const never = trainNetwork(config({ targetLoss: 0 }), data('disc'));
    assert.equal(never.iterationsToTarget, null);
    assert.equal(never.final.iteration, 300);
  });

  it('is reproducible: the same config gives the same record (but for seconds); shuffling is seeded', () => {
    const cfg = config({ batchSize: 24, iterations: 200, logEvery: 50, optimizer: { name: 'adam' }, learningRate: 0.01 });
    const a = trainNetwork(cfg, data('disc'));
    const b = trainNetwork(structuredClone(cfg), data('disc'));
    assert.deepEqual(withoutSeconds(a), withoutSeconds(b));
    // The default shuffle seed is initSeed + 1.
    const explicit = trainNetwork({ ...cfg, training: { ...cfg.training, shuffleSeed: 4 } }, data('disc'));
    assert.deepEqual(explicit.metrics, a.metrics);
    const other = trainNetwork({ ...cfg, training: { ...cfg.training, shuffleSeed: 99 } }, data('disc'));
    assert.notDeepEqual(other.metrics.slice(1), a.metrics.slice(1));
    assert.deepEqual(other.metrics[0], a.metrics[0]);
  });

  it('initializes data-dependent inits (lsuv) on the training set', () => {
    const r = trainNetwork(config({}, {}, 'lsuv'), data('disc'));
    assert.equal(r.status, 'ok');
    assert.ok(r.final.trainLoss < r.metrics[0]!.trainLoss);
  });

  it('trains a 20-layer tanh network with mini-batches (the preallocated loop runs)', () => {
    const r = trainNetwork(
      config({ optimizer: { name: 'adam' }, learningRate: 1e-3, batchSize: 32, iterations: 150, logEvery: 50 }, { hidden: Array.from({ length: 19 }, () => 12), activation: 'tanh' }, 'xavier'),
      data('disc'),
    );
    assert.equal(r.status, 'ok');
    assert.ok(r.metrics.every(allFinite));
    assert.ok(r.final.trainLoss < r.metrics[0]!.trainLoss);
  });

  it('L1 (training.l1) pulls weights to zero: the trained weights have a smaller Σ|W|', () => {
    const sumAbs = (c: RunConfig) => {
      const session = new TrainingSession(c, data('disc'));
      while (!session.finished) session.advance(1e9);
      const p = session.network.params;
      return p.weights.reduce((acc, w) => acc + Array.from(w).reduce((a, v) => a + Math.abs(v), 0), 0);
    };
    const plain = sumAbs(config({ iterations: 400 }));
    const l1 = sumAbs(config({ iterations: 400, l1: 0.01 }));
    assert.ok(l1 < 0.8 * plain, `Σ|W| ${l1} with λ₁ = 0.01 against ${plain} without`);
  });
  it('exact: course refuses what the course kernel cannot train exactly, naming the setting', () => {
    const { train, test } = courseCircles();
    const course = (over: Partial<RunConfig['training']> = {}, net: Partial<RunConfig['network']> = {}, extra: Partial<RunConfig> = {}) =>
      () => trainNetwork({ ...config({ iterations: 10, ...over }, net), exact: 'course', ...extra }, { train, test, nClasses: 2, task: 'binary' });
    assert.throws(course({}, { activation: 'tanh' }), /exact: course .* needs ReLU hidden layers \(got tanh\)/);
    assert.throws(course({ optimizer: { name: 'adam' } }), /needs plain gradient descent, optimizer sgd \(got adam\)/);
    assert.throws(course({ batchSize: 32 }), /needs full-batch training/);
    assert.throws(course({ l2: 0.1 }), /needs no L1 or L2 penalty/);
    assert.throws(course({ schedule: { name: 'cosine' } }), /needs a constant learning rate/);
    assert.throws(course({}, {}, { dtype: 'float32' }), /needs dtype float64/);
    assert.throws(course({}, { output: 'linear' }), /needs a binary data set and the sigmoid output/);
    assert.throws(() => trainNetwork({ ...config(), exact: 'numpy' as 'course' }, data('disc')), /exact: unknown exact 'numpy'\. Known: course/);
    assert.equal(course()().status, 'ok');
  });
  it('rejects data and settings it cannot train', () => {
    const bad = data('disc');
    assert.throws(() => trainNetwork(config({}, { output: 'sigmoid' }), { ...bad, nClasses: 3 }), /sigmoid head is binary/);
    assert.throws(() => trainNetwork(config({}, { output: 'softmax' }), { ...bad, train: { ...bad.train, y: bad.train.y.map((v) => v + 0.5) } }), UsageError);
    assert.throws(() => trainNetwork(config({}, { output: 'sigmoid' }), data('regression')), /regression task needs the linear/);
    assert.throws(() => trainNetwork(config({ logEvery: 0 }), bad), UsageError);
    assert.throws(() => trainNetwork(config({ batchSize: -1 }), bad), UsageError);
    assert.throws(() => trainNetwork(config({ l1: -0.1 }), bad), /training\.l1: must be ≥ 0 \(got -0\.1\)/);
    assert.throws(() => trainNetwork(config({ optimizer: { name: 'adam', lr: 1 } }), bad), /unknown parameter 'lr'/);
  });
});

describe('BatchSampler', () => {
  it('draws each epoch as numpy\'s RandomState(seed).permutation(m), in batches with the remainder last', () => {
    const m = 10;
    const d: Dataset = { nFeatures: 2, nSamples: m, x: Float64Array.from({ length: 2 * m }, (_, i) => (i < m ? i : 100 + i - m)), y: Float64Array.from({ length: m }, (_, i) => i) };
    const sampler = new BatchSampler(d, 4, new NumpyRandomState(7));
    assert.equal(sampler.batchesPerEpoch, 3);
    assert.equal(sampler.lastBatchSize, 2);
    const expected = new NumpyRandomState(7);
    for (let epoch = 0; epoch < 2; epoch++) {
      const perm = [...expected.permutation(m)];
      const seen: number[] = [];
      for (const size of [4, 4, 2]) {
        sampler.next();
        assert.equal(sampler.size, size);
        const ys = [...sampler.y.subarray(0, size)];
        seen.push(...ys);
        // Features follow their sample: row 0 is the index, row 1 is 100 + index.
        assert.deepEqual([...sampler.x.subarray(0, size)], ys);
        assert.deepEqual([...sampler.x.subarray(size, 2 * size)], ys.map((v) => 100 + v));
      }
      assert.deepEqual(seen, perm);
    }
    assert.equal(sampler.epoch, 2);
  });
  it('wide data (40 features, gathered from a sample-major copy): every feature follows its sample', () => {
    const m = 11;
    const nf = 40;
    // x[f, s] = 1000·f + s: each value names its feature and sample.
    const d: Dataset = { nFeatures: nf, nSamples: m, x: Float64Array.from({ length: nf * m }, (_, i) => 1000 * Math.floor(i / m) + (i % m)), y: Float64Array.from({ length: m }, (_, i) => i) };
    const sampler = new BatchSampler(d, 4, new NumpyRandomState(3));
    const expected = new NumpyRandomState(3);
    const perm = [...expected.permutation(m)];
    let at = 0;
    for (const size of [4, 4, 3]) {
      sampler.next();
      for (let j = 0; j < size; j++) {
        const s = perm[at + j]!;
        assert.equal(sampler.y[j], s);
        for (let f = 0; f < nf; f++) assert.equal(sampler.x[f * size + j], 1000 * f + s);
      }
      at += size;
    }
  });
  it('treats 0 and ≥ m as the full batch, in order', () => {
    const d: Dataset = { nFeatures: 1, nSamples: 3, x: Float64Array.of(1, 2, 3), y: Float64Array.of(0, 1, 0) };
    for (const size of [0, 3, 8]) {
      const s = new BatchSampler(d, size, new NumpyRandomState(1));
      s.next();
      assert.equal(s.fullBatch, true);
      assert.equal(s.x, d.x);
      assert.equal(s.size, 3);
    }
  });
});
