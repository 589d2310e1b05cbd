import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom } from '../../src/random/index.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { DefaultRandom } from '../../src/random/xoshiro.js';
import { vectors } from './vectors.js';

const M32 = 0xffffffffn;

/** xoshiro128** 1.1 transcribed from the reference C (prng.di.unimi.it) in BigInt mod 2^32. */
function referenceXoshiro(state: readonly number[], count: number): number[] {
  let [s0, s1, s2, s3] = state.map(BigInt) as [bigint, bigint, bigint, bigint];
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M32;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s1 * 5n) & M32, 7n) * 9n) & M32));
    const t = (s1 << 9n) & M32;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11n);
  }
  return out;
}

/** SplitMix32 as documented in src/random/xoshiro.ts, in BigInt: the four seeded state words. */
function referenceSeedWords(seed: number): number[] {
  let sm = BigInt(seed);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    sm = (sm + 0x9e3779b9n) & M32;
    let z = sm;
    z ^= z >> 16n;
    z = (z * 0x21f0aaadn) & M32;
    z ^= z >> 15n;
    z = (z * 0x735a2d97n) & M32;
    z ^= z >> 15n;
    words.push(Number(z));
  }
  return words;
}

/** Standard normal CDF via erfc, Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7, far below the KS critical value ≈ 0.006). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-z * z);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

describe('DefaultRandom (xoshiro128** seeded by SplitMix32)', () => {
  it('nextUint32 follows the reference xoshiro128** from state [1, 2, 3, 4] (first output rotl(10, 7)·9 = 11520)', () => {
    const g = DefaultRandom.fromState([1, 2, 3, 4]);
    const got = Array.from({ length: 1000 }, () => g.nextUint32());
    assert.equal(got[0], 11520);
    assert.deepEqual(got, referenceXoshiro([1, 2, 3, 4], 1000));
  });

  it('seeding runs SplitMix32 into the state, for edge seeds too', () => {
    for (const seed of [0, 1, 7, 42, 2 ** 31, 2 ** 32 - 1]) {
      const words = referenceSeedWords(seed);
      assert.deepEqual(Array.from(new DefaultRandom(seed).getState()), words, `seed ${seed}`);
      const g = new DefaultRandom(seed);
      assert.deepEqual(Array.from({ length: 50 }, () => g.nextUint32()), referenceXoshiro(words, 50));
    }
  });

  it('is reproducible: same seed same numbers, re-seeding restarts, different seeds differ', () => {
    const a = new DefaultRandom(5);
    const b = new DefaultRandom(5);
    const xs = Array.from({ length: 100 }, () => a.standardNormal());
    assert.deepEqual(Array.from({ length: 100 }, () => b.standardNormal()), xs);
    a.seed(5);
    assert.deepEqual(Array.from({ length: 100 }, () => a.standardNormal()), xs);
    const c = new DefaultRandom(6);
    assert.notDeepEqual(Array.from({ length: 100 }, () => c.standardNormal()), xs);
  });

  it('is not the numpy stream', () => {
    assert.notEqual(new DefaultRandom(3).standardNormal(), vectors.randn.seed3_stream_first76[0]);
  });

  it('uniform01: 53-bit values in [0, 1) with mean 1/2 and variance 1/12 within 6 standard errors (n = 200000)', () => {
    const g = new DefaultRandom(2024);
    const n = 200000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = g.uniform01();
      assert.ok(u >= 0 && u < 1);
      assert.ok(Number.isInteger(u * 2 ** 53));
      xs[i] = u;
    }
    let mean = 0;
    for (const u of xs) mean += u;
    mean /= n;
    let variance = 0;
    for (const u of xs) variance += (u - mean) ** 2;
    variance /= n - 1;
    assert.ok(Math.abs(mean - 0.5) < 6 * Math.sqrt(1 / 12 / n), `mean ${mean}`);
    // Var(sample variance) ≈ (μ4 − σ⁴)/n with μ4 = 1/80, σ⁴ = 1/144 for U(0, 1).
    assert.ok(Math.abs(variance - 1 / 12) < 6 * Math.sqrt((1 / 80 - 1 / 144) / n), `variance ${variance}`);
  });

  it('standardNormal: mean, variance within 6 standard errors, KS statistic below the 0.1% critical value (n = 100000)', () => {
    const g = new DefaultRandom(99);
    const n = 100000;
    const xs = g.fillStandardNormal(new Float64Array(n));
    let mean = 0;
    for (const x of xs) mean += x;
    mean /= n;
    let variance = 0;
    for (const x of xs) variance += (x - mean) ** 2;
    variance /= n - 1;
    assert.ok(Math.abs(mean) < 6 / Math.sqrt(n), `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 6 * Math.sqrt(2 / n), `variance ${variance}`);
    const sorted = Float64Array.from(xs).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i]!);
      d = Math.max(d, (i + 1) / n - f, f - i / n);
    }
    assert.ok(d < 1.949 / Math.sqrt(n), `KS D = ${d}`);
  });

  it('normal, uniform, randomInterval, shuffle, permutation follow the numpy definitions on its own stream', () => {
    const g = new DefaultRandom(8);
    const twin = new DefaultRandom(8);
    assert.equal(g.normal(2, 3), 2 + 3 * twin.standardNormal());
    assert.equal(g.uniform(-1, 1), -1 + 2 * twin.uniform01());
    const p = g.permutation(1000);
    assert.deepEqual(Array.from(p).sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = g.randomInterval(9);
      assert.ok(Number.isInteger(v) && v >= 0 && v <= 9);
      seen.add(v);
    }
    assert.equal(seen.size, 10);
  });

  it('rejects bad seeds and state', () => {
    assert.throws(() => new DefaultRandom(-1), /seed must be an integer between 0 and 2\*\*32 - 1/);
    assert.throws(() => new DefaultRandom(0.5), RangeError);
    assert.throws(() => DefaultRandom.fromState([0, 0, 0, 0]), /all zero/);
    assert.throws(() => DefaultRandom.fromState([1, 2, 3, 2 ** 32]), RangeError);
  });
});

describe('createRandom', () => {
  it("'numpy' gives NumpyRandomState seeded like np.random.seed (randn.seed3_stream_first76), 'default' gives DefaultRandom", () => {
    const n = createRandom('numpy', 3);
    assert.ok(n instanceof NumpyRandomState);
    assert.equal(n.kind, 'numpy');
    assert.deepEqual(Array.from({ length: 76 }, () => n.standardNormal()), vectors.randn.seed3_stream_first76);
    const d = createRandom('default', 3);
    assert.ok(d instanceof DefaultRandom);
    assert.equal(d.kind, 'default');
    assert.equal(d.nextUint32(), new DefaultRandom(3).nextUint32());
  });

  it('rejects unknown kinds and bad seeds', () => {
    assert.throws(() => createRandom('mt' as 'numpy', 1), /kind must be 'numpy' or 'default'/);
    assert.throws(() => createRandom('numpy', -3), RangeError);
  });
});
