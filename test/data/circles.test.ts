import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { courseCircles, makeCircles } from '../../src/data/circles.js';
import type { Dataset } from '../../src/data/types.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { ulpDistance } from '../math/ulp.js';
import { vectors } from '../random/vectors.js';

const mc = vectors.make_circles;

/** Compares a feature-major data set with sklearn's (n, 2) rows: exact coordinates, worst ulp and absolute distance. */
function compareRows(d: Dataset, rows: number[][]): { exact: number; maxUlp: number; maxAbs: number } {
  assert.equal(d.nSamples, rows.length);
  let exact = 0;
  let maxUlp = 0;
  let maxAbs = 0;
  rows.forEach((row, s) => {
    for (let f = 0; f < 2; f++) {
      const got = d.x[f * d.nSamples + s]!;
      if (got === row[f]) exact++;
      maxUlp = Math.max(maxUlp, ulpDistance(got, row[f]!));
      maxAbs = Math.max(maxAbs, Math.abs(got - row[f]!));
    }
  });
  return { exact, maxUlp, maxAbs };
}

function seeded(seed: number): NumpyRandomState {
  const rng = new NumpyRandomState();
  rng.seed(seed);
  return rng;
}

describe('makeCircles equals sklearn 1.2.1 make_circles on numpy\'s legacy stream', () => {
  it('train: seed(1), n=300, noise=.05 → make_circles.train_X_libm (all 600 exact) and train_y', (t) => {
    const d = makeCircles(seeded(1), { nSamples: 300, noise: 0.05 });
    const { exact } = compareRows(d, mc.train_X_libm);
    t.diagnostic(`${exact} of 600 train coordinates exact`);
    assert.equal(exact, 600);
    assert.deepEqual(Array.from(d.y), mc.train_y);
    assert.deepEqual(Array.from(d.y.subarray(0, 5)), mc.seed1_n300_first5_y);
    assert.equal(d.nFeatures, 2);
    assert.equal(d.x.length, 600);
  });

  it('test: seed(2), n=100, noise=.05 → make_circles.test_X_libm (all 200 exact) and test_y', (t) => {
    const d = makeCircles(seeded(2), { nSamples: 100, noise: 0.05 });
    const { exact } = compareRows(d, mc.test_X_libm);
    t.diagnostic(`${exact} of 200 test coordinates exact`);
    assert.equal(exact, 200);
    assert.deepEqual(Array.from(d.y), mc.test_y);
  });

  it('courseCircles() gives both sets (make_circles.train_X_libm/test_X_libm, train_y/test_y)', () => {
    const { train, test } = courseCircles();
    assert.equal(compareRows(train, mc.train_X_libm).exact, 600);
    assert.equal(compareRows(test, mc.test_X_libm).exact, 200);
    assert.deepEqual(Array.from(train.y), mc.train_y);
    assert.deepEqual(Array.from(test.y), mc.test_y);
  });

  it('a naive port (V8 Math.cos/sin, and Math.log in the normals) moves some coordinates by a few ulp (≤ 2^-51 absolute)', (t) => {
    const variants = {
      'Math.cos/sin': { log: undefined, trig: true },
      'Math.log': { log: Math.log, trig: false },
      'both (naive port)': { log: Math.log, trig: true },
    };
    for (const [name, v] of Object.entries(variants)) {
      const make = (seed: number, nSamples: number) => {
        const rng = new NumpyRandomState(0, v.log ? { log: v.log } : {});
        rng.seed(seed);
        return makeCircles(rng, { nSamples, noise: 0.05, ...(v.trig ? { cos: Math.cos, sin: Math.sin } : {}) });
      };
      const a = compareRows(make(1, 300), mc.train_X_libm);
      const b = compareRows(make(2, 100), mc.test_X_libm);
      t.diagnostic(`${name}: ${600 - a.exact} of 600 train and ${200 - b.exact} of 200 test coordinates differ (max ${Math.max(a.maxUlp, b.maxUlp)} ulp)`);
      // A 1-ulp error in cos/sin or in a normal is at most 2^-53·(|x| + |noise|) absolute; a small
      // sum can make that several of its own ulps.
      assert.ok(a.maxAbs <= 2 ** -51 && b.maxAbs <= 2 ** -51, `max abs ${Math.max(a.maxAbs, b.maxAbs)}`);
    }
  });

  it('angles use numpy linspace(0, 2π, n, endpoint=False) steps: make_circles.linspace_step_150 / _50', () => {
    assert.equal((2 * Math.PI) / 150, mc.linspace_step_150);
    assert.equal((2 * Math.PI) / 50, mc.linspace_step_50);
    // Unshuffled, noiseless: row i of the outer circle is [cos(i·step), sin(i·step)].
    const d = makeCircles(seeded(0), { nSamples: 300, shuffle: false });
    assert.equal(d.x[0], 1);
    assert.equal(d.x[300], 0);
    assert.equal(d.x[150], 0.8);
    for (let i = 0; i < 150; i++) assert.ok(Math.abs(d.x[i]! - Math.cos(i * mc.linspace_step_150)) <= 2 ** -52);
  });
});

describe('makeCircles structure and options', () => {
  it('unshuffled: ⌊n/2⌋ outer points (label 0) then the inner ones (label 1, radius factor); the inner circle gets the odd point', () => {
    const d = makeCircles(seeded(0), { nSamples: 7, shuffle: false, factor: 0.5 });
    assert.deepEqual(Array.from(d.y), [0, 0, 0, 1, 1, 1, 1]);
    for (let s = 0; s < 7; s++) {
      const r = Math.hypot(d.x[s]!, d.x[7 + s]!);
      assert.ok(Math.abs(r - (s < 3 ? 1 : 0.5)) < 1e-15, `radius of sample ${s}`);
    }
    // Inner angles are i·2π/4: (0.5, 0), (0, 0.5), (−0.5, 0), (0, −0.5) up to rounding of cos/sin.
    assert.equal(d.x[3], 0.5);
    assert.equal(d.x[7 + 4], 0.5);
  });

  it('shuffles with rng.shuffle(arange(n)) before adding noise: the unshuffled rows reordered by shuffle.seed1_shuffle_arange300', () => {
    const plain = makeCircles(seeded(0), { nSamples: 300, shuffle: false });
    const shuffled = makeCircles(seeded(1), { nSamples: 300 });
    const order = vectors.shuffle.seed1_shuffle_arange300;
    order.forEach((r, s) => {
      assert.equal(shuffled.x[s], plain.x[r]);
      assert.equal(shuffled.x[300 + s], plain.x[300 + r]);
      assert.equal(shuffled.y[s], plain.y[r]);
    });
  });

  it('noise is normal(0.0, noise) per coordinate, row-major, drawn after the shuffle\'s words', () => {
    const noisy = makeCircles(seeded(1), { nSamples: 300, noise: 0.05 });
    const clean = makeCircles(seeded(1), { nSamples: 300 });
    // The first three rows' noise: x0 of row 0 gets g0, x1 of row 0 gets g1, …
    const rng = seeded(1);
    rng.shuffle(new Uint32Array(300));
    const g = Array.from({ length: 6 }, () => rng.normal(0, 0.05));
    for (let s = 0; s < 3; s++) {
      assert.equal(noisy.x[s], clean.x[s]! + g[2 * s]!);
      assert.equal(noisy.x[300 + s], clean.x[300 + s]! + g[2 * s + 1]!);
    }
  });

  it('noise: null/omitted draws nothing; noise: 0 still draws 2n normals (as sklearn)', () => {
    const a = seeded(4);
    makeCircles(a, { nSamples: 10, noise: null, shuffle: false });
    assert.equal(a.nextUint32(), seeded(4).nextUint32());
    const b = seeded(4);
    makeCircles(b, { nSamples: 10, noise: 0, shuffle: false });
    const c = seeded(4);
    for (let i = 0; i < 20; i++) c.standardNormal();
    assert.equal(b.nextUint32(), c.nextUint32());
  });

  it('rejects invalid arguments with RangeErrors naming the parameter and range', () => {
    const rng = seeded(0);
    for (const nSamples of [1, 0, -4, 2.5, NaN]) {
      assert.throws(() => makeCircles(rng, { nSamples }), /nSamples must be an integer >= 2/);
    }
    for (const noise of [-0.1, NaN, Infinity]) {
      assert.throws(() => makeCircles(rng, { nSamples: 10, noise }), /noise must be a finite number >= 0/);
    }
    for (const factor of [1, 1.5, -0.1, NaN]) {
      assert.throws(() => makeCircles(rng, { nSamples: 10, factor }), /factor must satisfy 0 <= factor < 1/);
    }
    assert.doesNotThrow(() => makeCircles(rng, { nSamples: 2, factor: 0 }));
  });
});
