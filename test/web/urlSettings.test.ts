import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleSchema } from '../../src/settings/rules.js';
import { getPath, RUN_SETTINGS, runSetting } from '../../src/settings/table.js';
import { articleState, dataParams, runConfigFor, type PlaygroundState } from '../../web/src/state.js';
import { decodeState, encodeState, PAGE_KEYS } from '../../web/src/url.js';

/*
 * The playground's link keys are the settings table's (issue 11, item 4): every setting with a
 * `url` must travel in a link and reach the panel's run config. A setting given a `url` later that
 * the page does not carry fails here (no sample below, or no round trip).
 */

interface Sample {
  /** Gives the state a valid value that is not the page's default. */
  set(s: PlaygroundState): void;
  /** The state's value of the setting. */
  get(s: PlaygroundState): unknown;
  /** What runConfigFor(state, 0) must hold at `at` (the setting's path unless given). */
  config: unknown;
  at?: string;
}

const SAMPLES: Readonly<Record<string, Sample>> = {
  data: { set: (s) => (s.data = { name: 'moons', seed: s.data.seed, params: dataParams('moons') }), get: (s) => s.data.name, config: 'moons', at: 'data.name' },
  'data.seed': { set: (s) => (s.data.seed = 12345), get: (s) => s.data.seed, config: 12345 },
  'network.hidden': { set: (s) => (s.hidden = [7, 3, 2]), get: (s) => s.hidden, config: [7, 3, 2] },
  'network.activation': { set: (s) => (s.activation = 'tanh'), get: (s) => s.activation, config: 'tanh' },
  init: { set: (s) => (s.panels = [{ init: 'random:scale=0.5' }, { init: 'he' }]), get: (s) => s.panels, config: { name: 'random', scale: 0.5 } },
  initSeed: { set: (s) => (s.weightSeed = 4294967295), get: (s) => s.weightSeed, config: 4294967295 },
  dtype: { set: (s) => (s.dtype = 'float32'), get: (s) => s.dtype, config: 'float32' },
  'training.optimizer': { set: (s) => (s.optimizer = 'adam'), get: (s) => s.optimizer, config: { name: 'adam' } },
  'training.learningRate': { set: (s) => (s.learningRate = 0.25), get: (s) => s.learningRate, config: 0.25 },
  'training.batchSize': { set: (s) => (s.batchSize = 16), get: (s) => s.batchSize, config: 16 },
  'training.iterations': { set: (s) => (s.iterations = 777), get: (s) => s.iterations, config: 777 },
  'training.l2': { set: (s) => (s.l2 = 0.004), get: (s) => s.l2, config: 0.004 },
  'training.l1': { set: (s) => (s.l1 = 0.0005), get: (s) => s.l1, config: 0.0005 },
};

const LINKED = RUN_SETTINGS.filter((s) => s.url !== undefined);
const key = (path: string): string => runSetting(path).url!;

describe('playground links ⇄ the settings table (issue 11, item 4)', () => {
  it("the table's link keys are the ones links have always used (old links keep loading)", () => {
    assert.deepEqual(
      Object.fromEntries(LINKED.map((s) => [s.path, s.url])),
      { data: 'data', 'data.seed': 'seed', 'network.hidden': 'hidden', 'network.activation': 'act', init: 'init', initSeed: 'wseed', dtype: 'dtype', 'training.optimizer': 'opt', 'training.learningRate': 'lr', 'training.batchSize': 'batch', 'training.iterations': 'iters', 'training.l2': 'l2', 'training.l1': 'l1' },
    );
    assert.deepEqual([...PAGE_KEYS].sort(), [...LINKED.map((s) => s.url!), 'problem', 'hist', 'neurons', 'feat', 'disc', 'showtest', 'graph', 'embed'].sort());
  });

  for (const setting of LINKED) {
    it(`${setting.path} (${setting.url}): a non-default value travels in the link and reaches the run config`, () => {
      const sample = SAMPLES[setting.path];
      assert.ok(sample, `no sample value for '${setting.path}': give it one here and make web/src/url.ts carry it`);
      assert.ok(PAGE_KEYS.includes(setting.url!), `${setting.url} in PAGE_KEYS`);
      const base = articleState();
      const state = articleState();
      sample.set(state);
      assert.notDeepEqual(sample.get(state), sample.get(base), 'the sample differs from the default');
      const link = encodeState(state);
      assert.ok(new URLSearchParams(link).has(setting.url!), `${setting.url} in ${link}`);
      const back = decodeState(`#${link}`);
      assert.deepEqual(back.problems, []);
      assert.deepEqual(sample.get(back.state), sample.get(state));
      assert.deepEqual(back.state, state);
      const config = runConfigFor(back.state, 0);
      const at = sample.at ?? setting.path;
      assert.deepEqual(getPath(config, at), sample.config);
      assert.notDeepEqual(getPath(runConfigFor(base, 0), at), sample.config);
      // The value the config carries is one the table accepts.
      assert.ok(ruleSchema(setting.rule).safeParse(getPath(config, setting.path)).success, JSON.stringify(getPath(config, setting.path)));
    });
  }

  it("a value outside the table's range is refused with one line naming the key, and the default is kept", () => {
    const cases: [string, string, RegExp][] = [
      ['training.learningRate', '0', /learning rate \(lr\): must be > 0 \(got 0\); allowed: a finite number > 0\./],
      ['training.iterations', '1.5', /iterations \(iters\): must be an integer \(got 1\.5\); allowed: a whole number 1 … 1000000\./],
      ['network.activation', 'tahn', /activation \(act\): unknown activation 'tahn'\. Did you mean 'tanh'\?.*Known: relu, /],
      ['initSeed', '4294967296', /weight seed \(wseed\): must be < 2\^32 \(got 4294967296\); allowed: a whole number from 0 to 4294967295\./],
      ['data.seed', '-1', /data seed \(seed\): must be ≥ 0 \(got -1\)/],
      ['network.hidden', '10,0', /hidden layers \(hidden\): must be ≥ 1 \(item 2\) \(got 10,0\); allowed: up to 8 widths 1 … 256\./],
      ['training.batchSize', '-1', /batch size \(batch\): must be ≥ 0/],
      ['training.l2', '1e400', /L2 rate \(l2\): '1e400' is out of range/],
      ['training.l1', 'abc', /L1 rate \(l1\): expected a number, got 'abc'/],
      ['training.optimizer', 'adamw', /optimizer \(opt\): unknown optimizer 'adamw'.*Known: sgd, /],
      ['dtype', 'float16', /dtype \(dtype\): unknown dtype 'float16'/],
    ];
    for (const [path, text, message] of cases) {
      const d = decodeState(`#${key(path)}=${encodeURIComponent(text)}`);
      assert.deepEqual(d.state, articleState(), `${path}=${text}: the default is kept`);
      assert.equal(d.problems.length, 1, d.problems.join(' | '));
      assert.ok(!d.problems[0]!.includes('\n'));
      assert.match(d.problems[0]!, message);
    }
  });

  it("the page's own limits hold inside the table's range (8 layers of 256 units, 1 … 10⁶ updates)", () => {
    for (const [link, message] of [
      ['iters=0', /iterations \(iters\): must be ≥ 1 \(got 0\)/],
      ['iters=1000001', /must be ≤ 1000000/],
      ['hidden=257', /must be ≤ 256 \(item 1\)/],
      ['hidden=1,1,1,1,1,1,1,1,1', /must list at most 8 layers/],
    ] as const) {
      const d = decodeState(`#${link}`);
      assert.deepEqual(d.state, articleState(), link);
      assert.equal(d.problems.length, 1);
      assert.match(d.problems[0]!, message);
    }
    assert.equal(decodeState('#iters=1000000').state.iterations, 1_000_000);
    assert.deepEqual(decodeState('#hidden=256,256,256,256,256,256,256,256').state.hidden, Array(8).fill(256));
  });

  it("numbers read with the one number grammar: an exponent is a number, '-0' is 0, hex is not", () => {
    const d = decodeState('#iters=1e3&batch=-0&lr=.5&wseed=%207%20');
    assert.deepEqual(d.problems, []);
    assert.equal(d.state.iterations, 1000);
    assert.ok(Object.is(d.state.batchSize, 0));
    assert.equal(d.state.learningRate, 0.5);
    assert.equal(d.state.weightSeed, 7);
    assert.match(decodeState('#lr=0x10').problems[0]!, /expected a number, got '0x10'/);
  });

  it('encodes byte for byte as before the table (the link below was written by the hand-made encoder)', () => {
    const s: PlaygroundState = {
      data: { name: 'moons', seed: 7, params: dataParams('moons', { samples: 120, noise: 0.15 }) },
      task: 'regression',
      hidden: [4, 3],
      activation: 'elu',
      optimizer: 'rmsprop',
      dtype: 'float32',
      learningRate: 0.125,
      batchSize: 8,
      iterations: 2500,
      weightSeed: 11,
      panels: [{ init: 'he' }, { init: 'random:scale=2', seed: 5 }],
      histograms: 'off',
      neurons: true,
      features: ['x', 'y', 'x2'],
      l2: 0.001,
      l1: 0.0002,
      discretize: true,
      showTest: false,
      graph: true,
    };
    const link =
      'data=moons&seed=7&samples=120&noise=0.15&testFraction=0.25&problem=regression&hidden=4%2C3&act=elu&opt=rmsprop&dtype=float32&lr=0.125&batch=8&iters=2500' +
      '&wseed=11&init=he&init=random%3Ascale%3D2%405&hist=off&neurons=on&feat=x%2Cy%2Cx2&l2=0.001&l1=0.0002&disc=on&showtest=off&graph=on';
    assert.equal(encodeState(s), link);
    assert.deepEqual(decodeState(`#${link}`).state, s);
  });
});
