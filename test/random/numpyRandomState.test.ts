import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crLog } from '../../src/math/correctlyRounded.js';
import { MT19937 } from '../../src/random/mt19937.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { ulpDistance } from '../math/ulp.js';
import { vectors } from './vectors.js';

function seeded(seed: number | number[]): NumpyRandomState {
  const rng = new NumpyRandomState();
  rng.seed(seed);
  return rng;
}

describe('NumpyRandomState raw words and doubles', () => {
  it('nextUint32 after seed(3) / seed(0) equals mt19937.seed3_first10_uint32 / seed0_first5_uint32', () => {
    const a = seeded(3);
    assert.deepEqual(Array.from({ length: 10 }, () => a.nextUint32()), vectors.mt19937.seed3_first10_uint32);
    const b = new NumpyRandomState(0);
    assert.deepEqual(Array.from({ length: 5 }, () => b.nextUint32()), vectors.mt19937.seed0_first5_uint32);
  });

  it('seed([1, 2, 3]) uses init_by_array (mt19937.init_by_array_[1,2,3]_first5_uint32); seed(5) ≠ seed([5])', () => {
    const a = seeded([1, 2, 3]);
    assert.deepEqual(Array.from({ length: 5 }, () => a.nextUint32()), vectors.mt19937['init_by_array_[1,2,3]_first5_uint32']);
    assert.notEqual(seeded(5).nextUint32(), seeded([5]).nextUint32());
  });

  it('uniform01 after seed(0) equals np.random.rand(5): rand.seed0_rand5', () => {
    const rng = seeded(0);
    assert.deepEqual(Array.from({ length: 5 }, () => rng.uniform01()), vectors.rand.seed0_rand5);
  });

  it('uniform01 is (a>>>5 · 2^26 + b>>>6) / 2^53 of two consecutive words (checked on a twin MT19937)', () => {
    const rng = seeded(77);
    const twin = new MT19937(77);
    for (let i = 0; i < 1000; i++) {
      const a = twin.nextUint32() >>> 5;
      const b = twin.nextUint32() >>> 6;
      assert.equal(rng.uniform01(), (a * 67108864 + b) / 9007199254740992);
    }
  });

  it('uniform(low, high) = low + (high − low)·random_sample (twin stream)', () => {
    const rng = seeded(4);
    const twin = seeded(4);
    for (let i = 0; i < 100; i++) assert.equal(rng.uniform(-3, 5.5), -3 + 8.5 * twin.uniform01());
    assert.throws(() => rng.uniform(-Number.MAX_VALUE, Number.MAX_VALUE), /high - low must be finite/);
  });
});

describe('NumpyRandomState normals (legacy_gauss)', () => {
  const stream = vectors.randn.seed3_stream_first76;

  it('seed(3): 76 standard normals all exactly equal randn.seed3_stream_first76 (crLog)', (t) => {
    const rng = seeded(3);
    const got = Array.from({ length: 76 }, () => rng.standardNormal());
    const exact = got.filter((g, i) => g === stream[i]).length;
    t.diagnostic(`${exact} of 76 exact with crLog`);
    assert.deepEqual(got, stream);
  });

  it('the log is swappable: with Math.log every normal is within 2 ulp (and crLog via the option is exact)', (t) => {
    let calls = 0;
    const rng = new NumpyRandomState(3, {
      log: (x) => {
        calls++;
        return Math.log(x);
      },
    });
    const got = Array.from({ length: 76 }, () => rng.standardNormal());
    const distances = got.map((g, i) => ulpDistance(g, stream[i]!));
    const off = distances.filter((d) => d > 0).length;
    t.diagnostic(`with Math.log: ${76 - off} of 76 exact, ${off} off by at most ${Math.max(...distances)} ulp`);
    assert.ok(Math.max(...distances) <= 2);
    assert.equal(calls, 38, 'one log per pair of normals');
    const viaOption = new NumpyRandomState(3, { log: crLog });
    assert.deepEqual(Array.from({ length: 76 }, () => viaOption.standardNormal()), stream);
  });

  it('fillStandardNormal fills row-major like randn(10, 2): randn.seed3_randn_10x2', () => {
    const out = seeded(3).fillStandardNormal(new Float64Array(20));
    assert.deepEqual(Array.from(out), vectors.randn.seed3_randn_10x2.flat());
  });

  it('the cached value carries across calls (randn(10,2), randn(5,10), randn(1,5) = stream[0:75]); stream[75] is the cache', () => {
    const rng = seeded(3);
    const w1 = rng.fillStandardNormal(new Float64Array(20));
    const w2 = rng.fillStandardNormal(new Float64Array(50));
    const w3 = rng.fillStandardNormal(new Float64Array(5));
    assert.deepEqual([...w1, ...w2, ...w3], stream.slice(0, 75));
    const before = rng.getState();
    assert.equal(before.hasGauss, true);
    assert.equal(rng.standardNormal(), stream[75]);
    assert.deepEqual(rng.getState().key, before.key, 'the cached value draws no words');
    assert.equal(rng.getState().pos, before.pos);
  });

  it('seed() clears the cache', () => {
    const rng = seeded(3);
    rng.standardNormal();
    rng.seed(3);
    assert.equal(rng.standardNormal(), stream[0]);
  });

  it('course_checks via fillStandardNormal: random_[3,2,1] (×10) and he_[2,4,1] (×√(2/fan_in))', () => {
    const checks = vectors.course_checks;
    const r = seeded(3);
    assert.deepEqual(Array.from(r.fillStandardNormal(new Float64Array(6), 10)), checks['random_[3,2,1]_W1'].flat());
    assert.deepEqual(Array.from(r.fillStandardNormal(new Float64Array(2), 10)), checks['random_[3,2,1]_W2'].flat());
    const h = seeded(3);
    assert.deepEqual(Array.from(h.fillStandardNormal(new Float64Array(8), Math.sqrt(2 / 2))), checks['he_[2,4,1]_W1'].flat());
    assert.deepEqual(Array.from(h.fillStandardNormal(new Float64Array(4), Math.sqrt(2 / 4))), checks['he_[2,4,1]_W2'].flat());
    assert.deepEqual([Math.sqrt(2 / 2), Math.sqrt(2 / 10), Math.sqrt(2 / 5)], Object.values(checks.he_scales));
    assert.deepEqual([Math.sqrt(1 / 2), Math.sqrt(1 / 10), Math.sqrt(1 / 5)], Object.values(checks.xavier_scales));
  });

  it('normal(0, 0.05) after seed(1) equals randn.seed1_normal_scale0.05_first6', () => {
    const rng = seeded(1);
    assert.deepEqual(Array.from({ length: 6 }, () => rng.normal(0, 0.05)), vectors.randn['seed1_normal_scale0.05_first6']);
    assert.throws(() => rng.normal(0, -1), /scale must be >= 0/);
    assert.throws(() => rng.normal(0, NaN), RangeError);
  });
});

describe('NumpyRandomState integers: random_interval, shuffle, permutation', () => {
  it('shuffle of arange(300) after seed(1) equals shuffle.seed1_shuffle_arange300', () => {
    const a = Array.from({ length: 300 }, (_, i) => i);
    seeded(1).shuffle(a);
    assert.deepEqual(a, vectors.shuffle.seed1_shuffle_arange300);
    const typed = Float64Array.from({ length: 300 }, (_, i) => i);
    seeded(1).shuffle(typed);
    assert.deepEqual(Array.from(typed), vectors.shuffle.seed1_shuffle_arange300);
  });

  it('permutation(300) after seed(1) is the same array (shuffle.seed1_shuffle_arange300)', () => {
    assert.deepEqual(Array.from(seeded(1).permutation(300)), vectors.shuffle.seed1_shuffle_arange300);
    assert.deepEqual(Array.from(seeded(1).permutation(0)), []);
  });

  it('randomInterval(max) masks raw words with the next 2^k − 1 and rejects values > max (twin MT19937)', () => {
    const rng = seeded(9);
    const twin = new MT19937(9);
    for (const max of [1, 2, 3, 5, 6, 7, 8, 100, 255, 256, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 3_000_000_000]) {
      let mask = 1;
      while (mask < max) mask = mask * 2 + 1;
      for (let i = 0; i < 20; i++) {
        let v: number;
        do v = twin.nextUint32() % (mask + 1);
        while (v > max);
        assert.equal(rng.randomInterval(max), v, `max = ${max}`);
      }
    }
    const before = rng.getState();
    assert.equal(rng.randomInterval(0), 0);
    assert.deepEqual(rng.getState(), before, 'max = 0 draws nothing');
    assert.throws(() => rng.randomInterval(-1), /max must be an integer/);
    assert.throws(() => rng.randomInterval(2 ** 32), RangeError);
  });
});

describe('NumpyRandomState seeding and state', () => {
  it('the default constructor is seed 0', () => {
    const rng = new NumpyRandomState();
    assert.deepEqual(Array.from({ length: 5 }, () => rng.uniform01()), vectors.rand.seed0_rand5);
  });

  it('rejects invalid seeds with a RangeError', () => {
    const rng = new NumpyRandomState();
    for (const bad of [-1, 2 ** 32, 0.5, NaN, Infinity]) assert.throws(() => rng.seed(bad), /seed must be an integer between 0 and 2\*\*32 - 1/);
    assert.throws(() => rng.seed([]), /non-empty/);
    assert.throws(() => rng.seed([2 ** 32]), RangeError);
  });

  it('getState/setState restores words and the cached normal', () => {
    const rng = seeded(3);
    rng.standardNormal();
    const saved = rng.getState();
    const next = Array.from({ length: 11 }, () => rng.standardNormal());
    rng.setState(saved);
    assert.deepEqual(Array.from({ length: 11 }, () => rng.standardNormal()), next);
    assert.deepEqual(next, vectors.randn.seed3_stream_first76.slice(1, 12));
  });
});
