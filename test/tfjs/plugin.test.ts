import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initialize, registerInitializer } from '../../src/init/index.js';
import type { InitializerDefinition } from '../../src/init/types.js';
import { createRandom, NumpyRandomState } from '../../src/random/index.js';
import { DefaultRandom } from '../../src/random/xoshiro.js';
import {
  INITLAB_INITIALIZER_CLASS_NAME,
  initlabInitializer,
  registerInitlabInitializers,
  unescapeSpec,
} from '../../src/tfjs/index.js';
import { UsageError } from '../../src/util/errors.js';
import { readReference } from '../helpers/reference.js';

/**
 * A Keras-style test initializer in (in, out) layout whose name and parameter values contain '_'
 * (the characters TF.js's config rewriting mangles): N(0, 1)·sqrt(1/fan), fan by `mode`.
 */
const inOut: InitializerDefinition = {
  name: 'test_in_out',
  framework: 'keras',
  summary: 'test only',
  distribution: 'normal',
  formula: 'W ~ N(0, 1) · sqrt(1 / fan)',
  reference: 'test',
  parameters: [{ name: 'mode', type: 'string', default: 'fan_in', choices: ['fan_in', 'fan_out'], doc: 'which fan' }],
  layout: 'in-out',
  fans: (shape) => ({ fanIn: shape[0]!, fanOut: shape[1]! }),
  label: () => 'test_in_out',
  expectedStd: (ctx, p) => Math.sqrt(1 / (p['mode'] === 'fan_in' ? ctx.fanIn : ctx.fanOut)),
  fill: (out, ctx, p, rng) => {
    const s = Math.sqrt(1 / (p['mode'] === 'fan_in' ? ctx.fanIn : ctx.fanOut));
    for (let i = 0; i < out.length; i++) out[i] = rng.standardNormal() * s;
  },
};

/** Transposes row-major (rows, cols) values. */
function transpose(values: ArrayLike<number>, rows: number, cols: number): number[] {
  const out = new Array<number>(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  return out;
}
const f32 = (values: ArrayLike<number>) => Array.from(Float32Array.from(values));
function std(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - mean) ** 2;
  return Math.sqrt(ss / values.length);
}
function kernelOf(model: tf.LayersModel, layer = 0): Float32Array {
  return model.layers[layer]!.getWeights()[0]!.dataSync() as Float32Array;
}
function denseModel(inputs: number, units: number, kernelInitializer: ReturnType<typeof initlabInitializer>): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units, inputShape: [inputs], kernelInitializer }));
  return model;
}

before(async () => {
  await tf.setBackend('cpu');
  registerInitializer(inOut);
  registerInitializer({ ...inOut, name: 'test_data_dependent', layout: 'out-in', dataDependent: true });
});

describe('initlabInitializer as a tf.layers.dense kernelInitializer', () => {
  it('is an instance of the TF.js Initializer base class, registered as InitlabInitializer', () => {
    const init = initlabInitializer(tf, 'he', { seed: 1 });
    const base = Object.getPrototypeOf(tf.initializers.zeros().constructor) as abstract new () => object;
    assert.ok(init instanceof base);
    assert.equal(init.getClassName(), INITLAB_INITIALIZER_CLASS_NAME);
    assert.equal(registerInitlabInitializers(tf), init.constructor, 'one class per TF.js copy');
    assert.ok(INITLAB_INITIALIZER_CLASS_NAME in tf.serialization.SerializationMap.getMap().classNameMap);
  });

  for (const [spec, seed] of [['he', 1], ['random:scale=0.01', 7]] as const) {
    it(`${spec}: the (in, out) kernel is the transpose of initialize('${spec}', [out, in]) for the same seed`, () => {
      const [inputs, units] = [5, 3];
      const model = denseModel(inputs, units, initlabInitializer(tf, spec, { seed }));
      const expected = initialize(spec, [units, inputs], new DefaultRandom(seed)).values;
      assert.deepEqual(Array.from(kernelOf(model)), f32(transpose(expected, units, inputs)));
      assert.deepEqual(Array.from(model.layers[0]!.getWeights()[1]!.dataSync()), [0, 0, 0], 'bias keeps its own initializer');
    });
  }

  it('he with the numpy generator gives the course notebook\'s W1 (transposed) for seed 3 (numpy-legacy-vectors.json course_checks.he_[2,4,1]_W1)', () => {
    const vectors = readReference<{ course_checks: Record<string, number[][]> }>('numpy-legacy-vectors.json');
    const w1 = vectors.course_checks['he_[2,4,1]_W1']!; // (out=4, in=2)
    const model = denseModel(2, 4, initlabInitializer(tf, 'he', { seed: 3, rng: 'numpy' }));
    assert.deepEqual(Array.from(kernelOf(model)), f32(transpose(w1.flat(), 4, 2)));
  });

  it('an in-out initializer is used in the TF.js shape as given (no transpose)', () => {
    const model = denseModel(6, 4, initlabInitializer(tf, 'test_in_out:mode=fan_out', { seed: 5 }));
    const expected = initialize('test_in_out:mode=fan_out', [6, 4], createRandom('default', 5)).values;
    assert.deepEqual(Array.from(kernelOf(model)), f32(expected));
  });

  it('the kernel std is close to the closed form: he √(2/fan_in), random:scale=0.01 → 0.01', () => {
    const [inputs, units] = [256, 128];
    const he = kernelOf(denseModel(inputs, units, initlabInitializer(tf, 'he', { seed: 11 })));
    const random = kernelOf(denseModel(inputs, units, initlabInitializer(tf, 'random:scale=0.01', { seed: 12 })));
    // 32768 samples: the relative standard error of the std is 1/√(2n) ≈ 0.4 %; allow 2 %.
    assert.ok(Math.abs(std(he) / Math.sqrt(2 / inputs) - 1) < 0.02, `he std ${std(he)}`);
    assert.ok(Math.abs(std(random) / 0.01 - 1) < 0.02, `random std ${std(random)}`);
  });

  it('each apply call draws fresh, deterministic values: call k uses seed + k', () => {
    const init = initlabInitializer(tf, 'he', { seed: 40 });
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [4], kernelInitializer: init }));
    model.add(tf.layers.dense({ units: 4, kernelInitializer: init }));
    assert.equal(init.calls, 2);
    const [k0, k1] = [kernelOf(model, 0), kernelOf(model, 1)];
    assert.notDeepEqual(Array.from(k0), Array.from(k1));
    assert.deepEqual(Array.from(k0), f32(transpose(initialize('he', [4, 4], new DefaultRandom(40)).values, 4, 4)));
    assert.deepEqual(Array.from(k1), f32(transpose(initialize('he', [4, 4], new DefaultRandom(41)).values, 4, 4)));
    // A second instance with the same seed repeats the sequence.
    const again = initlabInitializer(tf, 'he', { seed: 40 });
    assert.deepEqual(Array.from(again.apply([4, 4]).dataSync()), Array.from(k0));
    assert.deepEqual(Array.from(again.apply([4, 4]).dataSync()), Array.from(k1));
  });

  it('numpy seeds wrap around 2^32 for later calls', () => {
    const init = initlabInitializer(tf, 'he', { seed: 2 ** 32 - 1, rng: 'numpy' });
    init.apply([2, 2]);
    const second = init.apply([2, 2], 'float32').dataSync();
    assert.deepEqual(Array.from(second), f32(transpose(initialize('he', [2, 2], new NumpyRandomState(0)).values, 2, 2)));
  });

  it('getConfig holds the canonical spec, seed and generator', () => {
    assert.deepEqual(initlabInitializer(tf, 'random', { seed: 3 }).getConfig(), { spec: 'random:scale=10', seed: 3, rng: 'default' });
    assert.deepEqual(initlabInitializer(tf, { name: 'he' }).getConfig(), { spec: 'he', seed: 0, rng: 'default' });
    const underscored = initlabInitializer(tf, 'test_in_out', { rng: 'numpy' });
    assert.equal(underscored.spec, 'test_in_out:mode=fan_in');
    assert.deepEqual(underscored.getConfig(), { spec: 'test%5fin%5fout:mode=fan%5fin', seed: 0, rng: 'numpy' });
  });

  it('rejects bad specs and configs when constructed, with a UsageError', () => {
    assert.throws(() => initlabInitializer(tf, 'hee'), (e: Error) => e instanceof UsageError && /Did you mean 'he'/.test(e.message));
    assert.throws(() => initlabInitializer(tf, 'random:scale=-1'), UsageError);
    assert.throws(() => initlabInitializer(tf, 'he', { seed: -1 }), UsageError);
    assert.throws(() => initlabInitializer(tf, 'he', { seed: 1.5 }), UsageError);
    assert.throws(() => initlabInitializer(tf, 'test_data_dependent'), (e: Error) => e instanceof UsageError && /data-dependent/.test(e.message));
    assert.throws(() => tf.layers.dense({ units: 2, inputShape: [2], kernelInitializer: 'InitlabInitializer' }), /needs "spec"/);
  });

  it('is accepted by registered name as {className, config} in a layer config', () => {
    registerInitlabInitializers(tf);
    const model = tf.sequential();
    model.add(tf.layers.dense({
      units: 3,
      inputShape: [5],
      kernelInitializer: { className: 'InitlabInitializer', config: { spec: 'random:scale=0.01', seed: 7, rng: 'default' } },
    } as unknown as Parameters<typeof tf.layers.dense>[0]));
    const expected = initialize('random:scale=0.01', [3, 5], new DefaultRandom(7)).values;
    assert.deepEqual(Array.from(kernelOf(model)), f32(transpose(expected, 3, 5)));
  });
});

describe('a model built with initlab initializers', () => {
  it('trains: the loss of a tiny regression problem goes down over a few epochs', async () => {
    // y = relu-free linear target of 4 inputs, 64 samples, from initlab's own generator.
    const rng = new DefaultRandom(123);
    const n = 64;
    const xs = Array.from({ length: n * 4 }, () => rng.standardNormal());
    const w = [0.5, -1, 2, 0.25];
    const ys = Array.from({ length: n }, (_, i) => w.reduce((s, wj, j) => s + wj * xs[i * 4 + j]!, 0.3));
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu', kernelInitializer: initlabInitializer(tf, 'he', { seed: 1 }) }));
    model.add(tf.layers.dense({ units: 1, kernelInitializer: initlabInitializer(tf, 'random:scale=0.01', { seed: 2 }) }));
    model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
    const x = tf.tensor2d(xs, [n, 4]);
    const y = tf.tensor2d(ys, [n, 1]);
    const history = await model.fit(x, y, { epochs: 30, batchSize: 16, shuffle: false, verbose: 0 });
    const losses = history.history['loss'] as number[];
    assert.equal(losses.length, 30);
    assert.ok(losses.every(Number.isFinite));
    assert.ok(losses[losses.length - 1]! < 0.25 * losses[0]!, `loss ${losses[0]} → ${losses[losses.length - 1]}`);
    x.dispose();
    y.dispose();
  });

  it('round-trips through model.save / tf.loadLayersModel with identical weights and its initializer config', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, inputShape: [5], activation: 'relu', kernelInitializer: initlabInitializer(tf, 'he', { seed: 9 }) }));
    model.add(tf.layers.dense({ units: 2, kernelInitializer: initlabInitializer(tf, 'test_in_out:mode=fan_out', { seed: 10, rng: 'numpy' }) }));
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    assert.ok(saved);
    const topology = JSON.stringify(saved.modelTopology);
    assert.ok(topology.includes('"class_name":"InitlabInitializer"'), topology);
    assert.ok(topology.includes('"config":{"spec":"he","seed":9,"rng":"default"}'), topology);
    assert.ok(topology.includes('"config":{"spec":"test%5fin%5fout:mode=fan%5fout","seed":10,"rng":"numpy"}'), topology);

    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved));
    const before = model.getWeights().map((t) => Array.from(t.dataSync()));
    const after = loaded.getWeights().map((t) => Array.from(t.dataSync()));
    assert.equal(after.length, 4);
    assert.deepEqual(after, before);
    // The deserialized layers hold working initlab initializers with the original specs.
    const kernelConfigs = loaded.layers.map((l) => (l.getConfig()['kernelInitializer'] as { className: string; config: { spec: string; seed: number; rng: string } }));
    assert.deepEqual(kernelConfigs.map((c) => c.className), ['InitlabInitializer', 'InitlabInitializer']);
    assert.deepEqual(kernelConfigs.map((c) => [unescapeSpec(c.config.spec), c.config.seed, c.config.rng]), [['he', 9, 'default'], ['test_in_out:mode=fan_out', 10, 'numpy']]);
    // Same predictions.
    const probe = tf.tensor2d(Array.from({ length: 10 }, (_, i) => i / 10 - 0.5), [2, 5]);
    assert.deepEqual(Array.from((loaded.predict(probe) as tf.Tensor).dataSync()), Array.from((model.predict(probe) as tf.Tensor).dataSync()));
  });
});
