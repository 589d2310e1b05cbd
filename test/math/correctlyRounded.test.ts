import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CR_TRIG_MAX_ARGUMENT, crCos, crLog, crSin } from '../../src/math/correctlyRounded.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { referenceCos, referenceLog, referenceSin } from './bigReference.js';
import { ulpDistance } from './ulp.js';

/** A small seeded generator local to the test (SplitMix64 on BigInt), independent of src/random. */
function makeBits(seed: bigint): () => bigint {
  let state = seed;
  const M = (1n << 64n) - 1n;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & M;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    return z ^ (z >> 31n);
  };
}

const view = new DataView(new ArrayBuffer(8));

/** Uniform in [0, 1) with 53 bits. */
function unit(bits: () => bigint): number {
  return Number(bits() >> 11n) / 2 ** 53;
}

/** A positive double with random 52-bit fraction and a biased exponent in [lo, hi]. */
function randomDouble(bits: () => bigint, lo: number, hi: number): number {
  const r = bits();
  const biased = BigInt(lo + Number(r % BigInt(hi - lo + 1)));
  view.setBigUint64(0, (biased << 52n) | (bits() & ((1n << 52n) - 1n)));
  return view.getFloat64(0);
}

/** Checks f against the reference on every input; returns how many inputs Math's variant gets wrong. */
function compareAll(
  name: string,
  inputs: readonly number[],
  f: (x: number) => number,
  ref: (x: number) => number,
  math: (x: number) => number,
): number {
  let mathMismatches = 0;
  for (const x of inputs) {
    const expected = ref(x);
    const got = f(x);
    if (!Object.is(got, expected)) assert.fail(`${name}(${x}) = ${got}, correctly rounded ${expected}`);
    if (math(x) !== expected) mathMismatches++;
  }
  return mathMismatches;
}

describe('crLog is correctly rounded (vs a 320-bit BigInt atanh-series reference)', () => {
  const bits = makeBits(20240601n);

  it('on 3000 uniform(0, 1) inputs (the polar method range of r2)', (t) => {
    const inputs = Array.from({ length: 3000 }, () => unit(bits)).filter((x) => x > 0);
    const bad = compareAll('crLog', inputs, crLog, referenceLog, Math.log);
    t.diagnostic(`Math.log differs from the correctly rounded log on ${bad} of ${inputs.length} inputs`);
  });

  it('on 3000 doubles with random exponents over the whole normal range', () => {
    const inputs = Array.from({ length: 3000 }, () => randomDouble(bits, 1, 2046));
    compareAll('crLog', inputs, crLog, referenceLog, Math.log);
  });

  it('on 600 inputs 1 + u·2^-k and 1 − u·2^-(k+1), k = 1..52 (no relative loss near the root)', () => {
    const inputs: number[] = [];
    for (let i = 0; i < 600; i++) {
      const delta = unit(bits) * 2 ** -(1 + (i % 52));
      inputs.push(i % 2 === 0 ? 1 + delta : 1 - delta / 2);
    }
    compareAll('crLog', inputs.filter((x) => x !== 1), crLog, referenceLog, Math.log);
  });

  it('on subnormals, powers of two, neighbours of bucket edges and extremes', () => {
    const inputs = [
      5e-324, 1e-323, 2.2250738585072009e-308, 2.2250738585072014e-308, 1e-310, 3.5e-320,
      Number.MAX_VALUE, Number.MIN_VALUE * 12345, 0.75, 1.5, 1.4999999999999998, 0.7499999999999999,
      1 + 2 ** -52, 1 - 2 ** -53, 2, 0.5, 1024, 2 ** -1000, Math.E, 10, 0.1,
    ];
    for (let k = 96; k <= 192; k++) inputs.push((k + 0.5) / 128, k / 128);
    for (let i = 0; i < 40; i++) inputs.push(randomDouble(bits, 0, 0) || 5e-324);
    compareAll('crLog', inputs, crLog, referenceLog, Math.log);
  });

  it('on the 438 accepted polar-method r2 of the experiment (seed 3: 76 normals; make_circles seeds 1, 2 after their shuffles)', (t) => {
    // numpy-legacy-rng.md §7 counts 438 r2 values; the log is taken once per accepted pair.
    const r2s: number[] = [];
    const collect = (seed: number, shuffleLength: number, normals: number) => {
      const rng = new NumpyRandomState();
      rng.seed(seed);
      rng.shuffle(new Uint32Array(shuffleLength));
      for (let pair = 0; pair < normals / 2; pair++) {
        let r2: number;
        do {
          const x1 = 2 * rng.uniform01() - 1;
          const x2 = 2 * rng.uniform01() - 1;
          r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1 || r2 === 0);
        r2s.push(r2);
      }
    };
    collect(3, 0, 76);
    collect(1, 300, 600);
    collect(2, 100, 200);
    assert.equal(r2s.length, 438);
    const bad = compareAll('crLog', r2s, crLog, referenceLog, Math.log);
    t.diagnostic(`Math.log differs from the correctly rounded log on ${bad} of these 438 inputs`);
  });

  it('handles the special values like C99 log', () => {
    assert.equal(crLog(0), -Infinity);
    assert.equal(crLog(-0), -Infinity);
    assert.ok(Number.isNaN(crLog(-1)));
    assert.ok(Number.isNaN(crLog(-Infinity)));
    assert.ok(Number.isNaN(crLog(NaN)));
    assert.equal(crLog(Infinity), Infinity);
    assert.ok(Object.is(crLog(1), 0));
  });
});

describe('crSin / crCos are correctly rounded (vs BigInt Taylor with a Machin π)', () => {
  const bits = makeBits(31415926n);

  it(`on 3000 inputs log-uniform in ±[2^-30, 2^20 = ${CR_TRIG_MAX_ARGUMENT}]`, (t) => {
    const inputs = Array.from({ length: 3000 }, (_, i) => {
      const x = 2 ** (-30 + unit(bits) * 50);
      return i % 2 === 0 ? x : -x;
    });
    const badSin = compareAll('crSin', inputs, crSin, referenceSin, Math.sin);
    const badCos = compareAll('crCos', inputs, crCos, referenceCos, Math.cos);
    t.diagnostic(`Math.sin differs on ${badSin}, Math.cos on ${badCos} of ${inputs.length} inputs`);
  });

  it('on 1000 inputs uniform in [-2π, 2π] and [0, 1e5]', () => {
    const inputs = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? (unit(bits) * 2 - 1) * 2 * Math.PI : unit(bits) * 1e5));
    compareAll('crSin', inputs, crSin, referenceSin, Math.sin);
    compareAll('crCos', inputs, crCos, referenceCos, Math.cos);
  });

  it('near multiples of π/2 (hard reductions): the doubles nearest k·π/2 and their neighbours', () => {
    const inputs: number[] = [];
    const ks = [1, 2, 3, 4, 5, 7, 10, 33, 100, 355, 1000, 4095, 65536, 100000, 400000, 667544];
    for (const k of ks) {
      const x = k * (Math.PI / 2);
      for (const d of [-2, -1, 0, 1, 2]) {
        view.setFloat64(0, x);
        view.setBigUint64(0, view.getBigUint64(0) + BigInt(d));
        const y = view.getFloat64(0);
        if (y <= CR_TRIG_MAX_ARGUMENT) inputs.push(y, -y);
      }
    }
    compareAll('crSin', inputs, crSin, referenceSin, Math.sin);
    compareAll('crCos', inputs, crCos, referenceCos, Math.cos);
  });

  it('on the make_circles angles i·(2π/150) and i·(2π/50) (the experiment\'s inputs)', (t) => {
    const inputs: number[] = [];
    for (const count of [150, 50]) {
      const step = (2 * Math.PI) / count;
      for (let i = 1; i < count; i++) inputs.push(i * step + 0.0);
    }
    const badSin = compareAll('crSin', inputs, crSin, referenceSin, Math.sin);
    const badCos = compareAll('crCos', inputs, crCos, referenceCos, Math.cos);
    t.diagnostic(`on the 198 non-zero angles Math.sin differs on ${badSin}, Math.cos on ${badCos}`);
    assert.equal(crCos(0), 1);
    assert.ok(Object.is(crSin(0), 0));
  });

  it('tiny and special arguments', () => {
    // For |x| < 2^-27, x³/6 is below half an ulp of x: sin x rounds to x and cos x to 1.
    for (const x of [2 ** -30, 1e-100, -3e-200, 5e-324, -5e-324, 2 ** -1022]) {
      assert.equal(crSin(x), x);
      assert.equal(crCos(x), 1);
    }
    assert.ok(Object.is(crSin(-0), -0));
    assert.equal(crCos(-0), 1);
    for (const x of [NaN, Infinity, -Infinity]) {
      assert.ok(Number.isNaN(crSin(x)));
      assert.ok(Number.isNaN(crCos(x)));
    }
  });

  it('falls back to Math.sin/Math.cos beyond the documented range', () => {
    for (const x of [CR_TRIG_MAX_ARGUMENT * 2, 1e10, -1e300]) {
      assert.equal(crSin(x), Math.sin(x));
      assert.equal(crCos(x), Math.cos(x));
    }
    assert.ok(ulpDistance(crSin(CR_TRIG_MAX_ARGUMENT), referenceSin(CR_TRIG_MAX_ARGUMENT)) === 0);
  });
});
