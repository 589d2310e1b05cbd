import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairwiseNanSum, pairwiseSum } from '../../src/math/pairwiseSum.js';
import { decompose } from './bigReference.js';

/**
 * numpy's pairwise summation transcribed from numpy-legacy-rng.md §7, as directly as possible
 * (array slices, recursion), to check the allocation-free implementation on every n and branch.
 */
function referencePairwise(a: readonly number[]): number {
  const n = a.length;
  if (n < 8) {
    let res = 0.0;
    for (const v of a) res += v;
    return res;
  }
  if (n <= 128) {
    const r = a.slice(0, 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = r[j]! + a[i + j]!;
    let res = ((r[0]! + r[1]!) + (r[2]! + r[3]!)) + ((r[4]! + r[5]!) + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[i]!;
    return res;
  }
  const half = Math.trunc(n / 2);
  const n2 = half - (half % 8);
  return referencePairwise(a.slice(0, n2)) + referencePairwise(a.slice(n2));
}

/** Exact sum of doubles as a BigInt multiple of 2^-1074, rounded to a double only for comparison. */
function exactSum(a: Float64Array): { value: number; absSum: number } {
  let acc = 0n;
  let absSum = 0;
  for (const v of a) {
    if (v === 0) continue;
    const { mant, exp } = decompose(Math.abs(v));
    const scaled = mant << BigInt(exp + 1074);
    acc += v < 0 ? -scaled : scaled;
    absSum += Math.abs(v);
  }
  // Good to ~2^-52 relative, far below the error bound being checked.
  const negative = acc < 0n;
  const mag = negative ? -acc : acc;
  const len = mag.toString(2).length;
  const shift = Math.max(0, len - 60);
  const approx = Number(mag >> BigInt(shift)) * 2 ** (shift - 1074);
  return { value: negative ? -approx : approx, absSum };
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

describe('pairwiseSum reproduces numpy np.sum (numpy-legacy-rng.md §7)', () => {
  it('sums 300 copies of ln 2 to the value numpy does: 1/300 · sum = 0.6931471805599453, a plain loop gives …467', () => {
    const a = new Float64Array(300).fill(Math.LN2);
    assert.equal((1 / 300) * pairwiseSum(a), 0.6931471805599453);
    assert.equal((1 / 300) * pairwiseNanSum(a), 0.6931471805599453);
    let plain = 0;
    for (const v of a) plain += v;
    assert.equal((1 / 300) * plain, 0.6931471805599467);
  });

  it('follows the recursion of the doc exactly for every n = 0..300 (all three branches)', () => {
    const rand = seeded(7);
    for (let n = 0; n <= 300; n++) {
      const values = Array.from({ length: n }, () => (rand() - 0.3) * 10 ** Math.floor(rand() * 8 - 4));
      const a = Float64Array.from(values);
      assert.equal(pairwiseSum(a), referencePairwise(values), `n = ${n}`);
    }
  });

  it('follows it on larger arrays and on sub-ranges [start, end)', () => {
    const rand = seeded(11);
    const values = Array.from({ length: 5000 }, () => rand() * 2 - 1);
    const a = Float64Array.from(values);
    assert.equal(pairwiseSum(a), referencePairwise(values));
    for (const [start, end] of [[0, 0], [3, 3], [17, 9 + 17], [100, 1100], [1234, 4321], [4999, 5000]] as const) {
      assert.equal(pairwiseSum(a, start, end), referencePairwise(values.slice(start, end)), `[${start}, ${end})`);
    }
  });

  it('stays within the pairwise error bound of the exact sum on random arrays', () => {
    const rand = seeded(23);
    for (const n of [10, 100, 129, 1000, 4096, 10000]) {
      const a = Float64Array.from({ length: n }, () => (rand() - 0.5) * 2 ** Math.floor(rand() * 20 - 10));
      const { value, absSum } = exactSum(a);
      // |error| ≤ (⌈log2(n/8)⌉ + 16 + 10)·u·Σ|a| : 16 additions per accumulator in a block, a few to combine.
      const depth = Math.ceil(Math.log2(Math.max(n / 8, 1))) + 26;
      const bound = depth * 2 ** -53 * absSum + 2 ** -52 * Math.abs(value);
      assert.ok(Math.abs(pairwiseSum(a) - value) <= bound, `n = ${n}: error ${Math.abs(pairwiseSum(a) - value)} > ${bound}`);
    }
  });

  it('adds the result to the reduction\'s initial 0.0, so all −0.0 sums to +0.0 (as numpy\'s np.sum)', () => {
    assert.ok(Object.is(pairwiseSum(new Float64Array([-0])), 0));
    assert.ok(Object.is(pairwiseSum(new Float64Array(16).fill(-0)), 0));
    assert.ok(Object.is(pairwiseSum(new Float64Array(0)), 0));
  });

  it('rejects bad ranges with a RangeError', () => {
    const a = new Float64Array(4);
    assert.throws(() => pairwiseSum(a, -1, 2), RangeError);
    assert.throws(() => pairwiseSum(a, 3, 2), RangeError);
    assert.throws(() => pairwiseSum(a, 0, 5), RangeError);
    assert.throws(() => pairwiseNanSum(a, 0.5, 2), /start/);
  });
});

describe('pairwiseNanSum reproduces numpy np.nansum (NaN → 0, then pairwise)', () => {
  it('equals the pairwise sum of the array with NaNs replaced by 0, for every n = 0..300', () => {
    const rand = seeded(5);
    for (let n = 0; n <= 300; n++) {
      const values = Array.from({ length: n }, () => (rand() < 0.2 ? NaN : rand() * 3 - 1));
      assert.equal(pairwiseNanSum(Float64Array.from(values)), referencePairwise(values.map((v) => (Number.isNaN(v) ? 0 : v))), `n = ${n}`);
    }
  });

  it('gives 0 for all-NaN input, keeps infinities, and pairwiseSum propagates NaN', () => {
    assert.equal(pairwiseNanSum(new Float64Array(200).fill(NaN)), 0);
    assert.equal(pairwiseNanSum(new Float64Array([NaN, Infinity, 1])), Infinity);
    assert.ok(Number.isNaN(pairwiseNanSum(new Float64Array([Infinity, -Infinity]))));
    assert.ok(Number.isNaN(pairwiseSum(new Float64Array([1, NaN, 2]))));
  });
});
