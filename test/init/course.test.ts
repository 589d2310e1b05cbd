import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initializeDenseNetwork, resolveInit } from '../../src/init/index.js';
import { DefaultRandom } from '../../src/random/xoshiro.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { readReference } from '../helpers/reference.js';

interface Vectors {
  randn: { seed3_stream_first76: number[] };
  course_checks: Record<string, number[][] | Record<string, number>>;
}
const vectors = readReference<Vectors>('numpy-legacy-vectors.json');
const flat = (rows: number[][]) => rows.flat();

describe('course initializers on the numpy stream', () => {
  it('random ×10 on [3,2,1] equals the course check (numpy-legacy-vectors.json course_checks.random_[3,2,1]_W1/W2)', () => {
    const p = initializeDenseNetwork(resolveInit('random'), [3, 2, 1], new NumpyRandomState(), 3);
    assert.deepEqual(Array.from(p.weights[0]!), flat(vectors.course_checks['random_[3,2,1]_W1'] as number[][]));
    assert.deepEqual(Array.from(p.weights[1]!), flat(vectors.course_checks['random_[3,2,1]_W2'] as number[][]));
    assert.deepEqual(Array.from(p.biases[0]!), [0, 0]);
  });
  it('he on [2,4,1] equals the course check (course_checks.he_[2,4,1]_W1/W2)', () => {
    const p = initializeDenseNetwork(resolveInit('he'), [2, 4, 1], new NumpyRandomState(), 3);
    assert.deepEqual(Array.from(p.weights[0]!), flat(vectors.course_checks['he_[2,4,1]_W1'] as number[][]));
    assert.deepEqual(Array.from(p.weights[1]!), flat(vectors.course_checks['he_[2,4,1]_W2'] as number[][]));
  });
  it('draws W1, W2, W3 of [2,10,5,1] in order from one stream (randn.seed3_stream_first76, 0:20, 20:70, 70:75)', () => {
    const stream = vectors.randn.seed3_stream_first76;
    const p = initializeDenseNetwork(resolveInit('he'), [2, 10, 5, 1], new NumpyRandomState(), 3);
    const scales = [Math.sqrt(2 / 2), Math.sqrt(2 / 10), Math.sqrt(2 / 5)];
    const ranges = [[0, 20], [20, 70], [70, 75]] as const;
    ranges.forEach(([a, b], l) => assert.deepEqual(Array.from(p.weights[l]!), stream.slice(a, b).map((g) => g * scales[l]!)));
    // The he_scales of the vectors file are the factors the course multiplies by.
    assert.deepEqual(scales, Object.values(vectors.course_checks['he_scales'] as Record<string, number>));
  });
  it('reseeds before each init: two inits in a row give the same normals', () => {
    const rng = new NumpyRandomState();
    const a = initializeDenseNetwork(resolveInit('xavier'), [2, 10, 5, 1], rng, 3);
    const b = initializeDenseNetwork(resolveInit('xavier'), [2, 10, 5, 1], rng, 3);
    assert.deepEqual(a, b);
    const scale = Object.values(vectors.course_checks['xavier_scales'] as Record<string, number>);
    assert.equal(a.weights[0]![0], vectors.randn.seed3_stream_first76[0]! * scale[0]!);
  });
  it('zeros gives all-zero weights and biases', () => {
    const p = initializeDenseNetwork(resolveInit('zeros'), [2, 10, 5, 1], new NumpyRandomState(), 3);
    for (const t of [...p.weights, ...p.biases]) assert.ok(t.every((v) => v === 0));
    assert.deepEqual(p.weights.map((w) => w.length), [20, 50, 5]);
  });
});

describe('course initializers: shape and scale on large samples', () => {
  // For n iid N(0, s²) draws the sample variance has standard error s²·sqrt(2/n); allow 6 of them.
  const cases = [
    { spec: 'he', fanIn: 400, fanOut: 300, std: Math.sqrt(2 / 400) },
    { spec: 'xavier', fanIn: 250, fanOut: 400, std: Math.sqrt(1 / 250) },
    { spec: 'random:scale=0.01', fanIn: 300, fanOut: 300, std: 0.01 },
    { spec: 'random', fanIn: 300, fanOut: 300, std: 10 },
  ];
  for (const c of cases) {
    it(`${c.spec} on (${c.fanOut}, ${c.fanIn}) has mean 0 and std ${c.std.toPrecision(4)}`, () => {
      const init = resolveInit(c.spec);
      const p = initializeDenseNetwork(init, [c.fanIn, c.fanOut], new DefaultRandom(7), 11);
      const w = p.weights[0]!;
      const n = w.length;
      assert.equal(n, c.fanIn * c.fanOut);
      let mean = 0;
      for (const v of w) mean += v;
      mean /= n;
      let variance = 0;
      for (const v of w) variance += (v - mean) ** 2;
      variance /= n;
      assert.ok(Math.abs(mean) < 6 * c.std / Math.sqrt(n), `mean ${mean}`);
      assert.ok(Math.abs(variance - c.std ** 2) < 6 * c.std ** 2 * Math.sqrt(2 / n), `variance ${variance} vs ${c.std ** 2}`);
      assert.equal(init.definition.expectedStd({ shape: [c.fanOut, c.fanIn], fanIn: c.fanIn, fanOut: c.fanOut }, init.params), c.std);
    });
  }
});
