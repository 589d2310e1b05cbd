import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { courseCircles } from '../../src/data/circles.js';
import { DATASETS } from '../../src/data/registry.js';
import { defaultCompareConfig } from '../../src/experiments/config.js';
import { formatInitSpec } from '../../src/init/spec.js';
import { generateData } from '../../web/src/data.js';
import { articleState, dataParams, logEveryFor, runConfigFor, type PlaygroundState } from '../../web/src/state.js';
import { decodeState, encodeState, linkQuery, MAX_PANELS, PAGE_KEYS } from '../../web/src/url.js';

describe('playground state ⇄ URL', () => {
  it('the article preset is the reproduced experiment (initlab compare defaults)', () => {
    const ref = defaultCompareConfig();
    const s = articleState();
    assert.deepEqual(s.hidden, ref.network.hidden);
    assert.equal(s.learningRate, ref.training.learningRate);
    assert.equal(s.iterations, ref.training.iterations);
    assert.equal(s.weightSeed, ref.initSeed);
    assert.equal(s.batchSize, 0);
    assert.equal(s.optimizer, 'sgd');
    assert.equal(s.activation, 'relu');
    assert.deepEqual(s.panels.map((p) => p.init), ref.inits.map((i) => formatInitSpec(i)));
    const c = runConfigFor(s, 2);
    assert.equal(c.initSeed, 3);
    assert.deepEqual(c.init, { name: 'he' });
    // The data: bit for bit the course's load_dataset() (seed 1 / 300 train, seed 2 / 100 test, noise 0.05).
    const d = generateData(s.data);
    const course = courseCircles(ref.data.trainSeed, ref.data.testSeed, ref.data.trainSamples, ref.data.testSamples, ref.data.noise);
    assert.deepEqual(d.train, course.train);
    assert.deepEqual(d.test, course.test);
    assert.equal(d.nClasses, 2);
  });

  it("dtype: float64 by default and absent from the link; float32 travels as dtype=float32 and reaches the run config; a bad value is refused", () => {
    const s = articleState();
    assert.equal(s.dtype, 'float64');
    assert.equal(runConfigFor(s, 0).dtype, undefined);
    assert.ok(!encodeState(s).includes('dtype'));
    const f: PlaygroundState = { ...s, dtype: 'float32' };
    const link = encodeState(f);
    assert.match(link, /dtype=float32/);
    const back = decodeState(link);
    assert.equal(back.state.dtype, 'float32');
    assert.equal(runConfigFor(back.state, 0).dtype, 'float32');
    const bad = decodeState(link.replace('dtype=float32', 'dtype=float16'));
    assert.equal(bad.state.dtype, 'float64');
    assert.ok(bad.problems.some((p) => p.includes('dtype')), bad.problems.join(' | '));
  });

  it("problem: classification by default and absent from the link; the regression variant travels as problem=regression and gives the run the linear head; a bad value is refused", () => {
    const s = articleState();
    assert.equal(s.task, 'classification');
    assert.equal(runConfigFor(s, 0).network.output, undefined);
    assert.ok(!new URLSearchParams(encodeState(s)).has('problem'));
    const r: PlaygroundState = { ...s, task: 'regression' };
    const link = encodeState(r);
    assert.equal(new URLSearchParams(link).get('problem'), 'regression');
    const back = decodeState(link);
    assert.deepEqual(back.problems, []);
    assert.equal(back.state.task, 'regression');
    // Only the task changed: the article's data (300 + 100, testSeed 2) stay.
    assert.deepEqual(back.state.data, s.data);
    assert.equal(runConfigFor(back.state, 2).network.output, 'linear');
    const bad = decodeState(link.replace('problem=regression', 'problem=ranking'));
    assert.equal(bad.state.task, 'classification');
    assert.deepEqual(bad.problems, ["problem 'ranking' must be one of classification, regression."]);
  });

  it('logs about 300 points at round steps (the notebook every-1000 points among them)', () => {
    assert.equal(logEveryFor(15000), 50);
    assert.equal(1000 % logEveryFor(15000), 0);
    assert.equal(logEveryFor(300), 1);
    assert.equal(logEveryFor(301), 2);
    assert.equal(logEveryFor(400), 2);
  });

  it('round-trips the article state and a custom one exactly', () => {
    for (const s of [articleState(), custom()]) {
      const q = encodeState(s);
      const back = decodeState(q);
      assert.deepEqual(back.problems, []);
      assert.equal(back.customDataMissing, false);
      assert.deepEqual(back.state, s);
      assert.equal(encodeState(back.state), q);
    }
  });

  it('writes every control and seed', () => {
    const q = new URLSearchParams(encodeState(custom()));
    assert.equal(q.get('data'), 'blobs');
    assert.equal(q.get('seed'), '42');
    assert.equal(q.get('problem'), 'regression');
    assert.equal(q.get('centers'), '-1,0,1,0');
    assert.equal(q.get('clusterStd'), '0.3');
    assert.equal(q.get('hidden'), '6,6,3');
    assert.equal(q.get('act'), 'tanh');
    assert.equal(q.get('opt'), 'adam');
    assert.equal(q.get('lr'), '0.0003');
    assert.equal(q.get('batch'), '32');
    assert.equal(q.get('iters'), '1234');
    assert.equal(q.get('wseed'), '4294967295');
    assert.deepEqual(q.getAll('init'), ['xavier', 'torch:kaiming_normal:mode=fan_out@9', 'random:scale=0.01']);
    assert.equal(q.get('hist'), 'gradients');
    assert.equal(q.get('neurons'), 'on');
  });

  it('the neuron view is off by default and in links made before it existed, and round-trips both ways', () => {
    assert.equal(articleState().neurons, false);
    assert.equal(new URLSearchParams(encodeState(articleState())).get('neurons'), 'off');
    // A link without the key (made before the view existed) opens with the view off and no complaint.
    const old = decodeState('?data=circles&hidden=10,5&hist=gradients');
    assert.deepEqual(old.problems, []);
    assert.equal(old.state.neurons, false);
    for (const on of [true, false]) {
      const s = { ...articleState(), neurons: on };
      assert.equal(decodeState(encodeState(s)).state.neurons, on);
    }
  });

  it("the page's keys never collide with a data set parameter", () => {
    const names = new Set(DATASETS.flatMap((d) => d.params.map((p) => p.name)));
    for (const k of PAGE_KEYS) assert.ok(!names.has(k), k);
  });

  it('refuses bad values one by one, keeping the defaults, and says why', () => {
    const d = decodeState('?lr=-1&hidden=10,0&act=swish&iters=0&wseed=2.5&init=nope&init=he@x&init=he&hist=maybe&neurons=yes&noise=-3&zzz=1');
    const ref = articleState();
    assert.equal(d.state.learningRate, ref.learningRate);
    assert.deepEqual(d.state.hidden, ref.hidden);
    assert.equal(d.state.activation, 'relu');
    assert.equal(d.state.iterations, ref.iterations);
    assert.equal(d.state.weightSeed, ref.weightSeed);
    assert.deepEqual(d.state.panels, [{ init: 'he' }]);
    assert.equal(d.state.histograms, ref.histograms);
    assert.equal(d.state.neurons, false);
    // noise alone is refused: the article's split (testSeed 2, 300 + 100) stays (issue 15, defect 6).
    assert.deepEqual(d.state.data.params, ref.data.params);
    const text = d.problems.join('\n');
    for (const s of ['learning rate', 'hidden layers', "activation 'swish'", 'iterations', 'weight seed', "unknown initializer 'nope'", "panel 'he@x' weight seed", 'histograms', "neuron maps 'yes' must be one of on, off", "parameter 'noise'", "'zzz'"]) {
      assert.ok(text.includes(s), `${s} in:\n${text}`);
    }
  });

  it('a bad data value resets only itself (issue 15, defect 6)', () => {
    const d = decodeState('#samples=100000000&noise=0.1&testSamples=50');
    assert.equal(d.state.data.params.samples, 300);
    assert.equal(d.state.data.params.testSeed, 2);
    assert.equal(d.state.data.params.noise, 0.1);
    assert.equal(d.state.data.params.testSamples, 50);
    assert.equal(d.problems.length, 1);
    assert.match(d.problems[0]!, /samples/);
  });

  it('at most MAX_PANELS panels from a link, with a notice (issue 15, defect 1)', () => {
    const d = decodeState(`#${Array.from({ length: 30 }, () => 'init=he').join('&')}`);
    assert.equal(MAX_PANELS, 6);
    assert.equal(d.state.panels.length, 6);
    assert.match(d.problems.join('\n'), /30 panels; at most 6/);
  });

  it('state comes from the fragment; old query links still load (issue 15, defect 4)', () => {
    assert.equal(linkQuery('?iters=5', '#iters=7'), '#iters=7');
    assert.equal(linkQuery('?iters=5', ''), '?iters=5');
    assert.equal(linkQuery('?iters=5', '#'), '?iters=5');
    assert.equal(decodeState(linkQuery('', '#iters=7')).state.iterations, 7);
    assert.equal(decodeState(linkQuery('?iters=5', '')).state.iterations, 5);
  });

  it('an unknown key of 20 000 characters is named by its start and length only', () => {
    const d = decodeState(`#${'f'.repeat(20_000)}=1`);
    assert.equal(d.problems.length, 1);
    assert.ok(d.problems[0]!.length < 120, d.problems[0]);
    assert.match(d.problems[0]!, /20000 characters/);
  });

  it('the TF Playground controls travel only when set, and round-trip (issue 15)', () => {
    const plain = encodeState(articleState());
    for (const k of ['feat', 'l2', 'disc', 'showtest']) assert.ok(!new URLSearchParams(plain).has(k), k);
    const q = new URLSearchParams(encodeState(custom()));
    assert.equal(q.get('feat'), 'x,y2,xy,sinx');
    assert.equal(q.get('l2'), '0.003');
    assert.equal(q.get('disc'), 'on');
    assert.equal(q.get('showtest'), 'off');
    assert.equal(runConfigFor(custom(), 0).training.l2, 0.003);
    assert.equal(runConfigFor(articleState(), 0).training.l2, undefined);
    const d = decodeState('#feat=sinx,x,bogus&l2=-1&disc=maybe&embed=1');
    assert.deepEqual(d.state.features, ['x', 'y']);
    assert.equal(d.state.l2, 0);
    assert.equal(d.embed, true);
    assert.equal(d.problems.length, 3);
    assert.deepEqual(decodeState('#feat=siny,x').state.features, ['x', 'siny'], 'canonical order');
  });

  it('L1 (training.l1) travels as l1 only when set, round-trips, and a bad rate resets only itself', () => {
    assert.ok(!new URLSearchParams(encodeState(articleState())).has('l1'));
    const withL1 = { ...custom(), l2: 0, l1: 0.002 };
    const q = new URLSearchParams(encodeState(withL1));
    assert.equal(q.get('l1'), '0.002');
    assert.equal(q.get('l2'), null);
    assert.equal(runConfigFor(withL1, 0).training.l1, 0.002);
    assert.equal(runConfigFor(articleState(), 0).training.l1, undefined);
    assert.equal(decodeState(`#${q.toString()}`).state.l1, 0.002);
    const d = decodeState('#l1=-3&lr=0.5');
    assert.equal(d.state.l1, 0);
    assert.equal(d.state.learningRate, 0.5);
    assert.match(d.problems[0]!, /L1 rate \(l1\): must be ≥ 0 \(got -3\); allowed: a finite number ≥ 0/);
  });

  it('a link to hand-placed data says it cannot carry them and shows the default data', () => {
    const d = decodeState('?data=custom&seed=5&init=he');
    assert.equal(d.customDataMissing, true);
    assert.equal(d.state.data.name, 'circles');
    assert.equal(d.state.data.seed, 5);
    assert.match(d.problems[0]!, /cannot carry/);
  });
});

function custom(): PlaygroundState {
  return {
    data: { name: 'blobs', seed: 42, params: dataParams('blobs', { samples: 200, centers: [-1, 0, 1, 0], clusterStd: 0.3, testFraction: 0.2 }) },
    task: 'regression',
    hidden: [6, 6, 3],
    activation: 'tanh',
    optimizer: 'adam',
    dtype: 'float32',
    learningRate: 0.0003,
    batchSize: 32,
    iterations: 1234,
    weightSeed: 4294967295,
    panels: [{ init: 'xavier' }, { init: 'torch:kaiming_normal:mode=fan_out', seed: 9 }, { init: 'random:scale=0.01' }],
    histograms: 'gradients',
    neurons: true,
    features: ['x', 'y2', 'xy', 'sinx'],
    l2: 0.003,
    l1: 0,
    discretize: true,
    showTest: false,
    graph: true,
  };
}
