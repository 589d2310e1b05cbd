import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ddAdd, ddDiv, ddHi, ddLo, ddMul, fastTwoSum, twoProd, twoSum } from '../../src/math/doubleDouble.js';
import { decompose } from './bigReference.js';

/** Exact value of a double as a BigInt multiple of 2^-1074. */
function exact(x: number): bigint {
  if (x === 0) return 0n;
  const { mant, exp } = decompose(Math.abs(x));
  const v = mant << BigInt(exp + 1074);
  return x < 0 ? -v : v;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('error-free transformations (exact, checked in BigInt)', () => {
  const rand = seeded(99);
  const sample = () => (rand() - 0.5) * 2 ** Math.floor(rand() * 120 - 60);

  it('twoSum and fastTwoSum: hi + lo == a + b exactly and hi == fl(a + b)', () => {
    for (let i = 0; i < 2000; i++) {
      const a = sample();
      const b = sample();
      twoSum(a, b);
      assert.equal(ddHi(), a + b);
      assert.equal(exact(ddHi()) + exact(ddLo()), exact(a) + exact(b));
      const [big, small] = Math.abs(a) >= Math.abs(b) ? [a, b] : [b, a];
      fastTwoSum(big, small);
      assert.equal(exact(ddHi()) + exact(ddLo()), exact(a) + exact(b));
    }
  });

  it('twoProd (Dekker, no FMA): hi + lo == a · b exactly', () => {
    for (let i = 0; i < 2000; i++) {
      const a = sample();
      const b = sample();
      twoProd(a, b);
      assert.equal(ddHi(), a * b);
      // exact(a)·exact(b) is scaled by 2^-2148; bring hi + lo to the same scale.
      assert.equal((exact(ddHi()) + exact(ddLo())) << 1074n, exact(a) * exact(b));
    }
  });

  it('ddAdd, ddMul, ddDiv carry ~104 bits: 1/3 · 3 and (1/3 + 1/3 + 1/3) round-trip to 1 within 2^-100', () => {
    ddDiv(1, 0, 3, 0);
    const th = ddHi();
    const tl = ddLo();
    ddMul(th, tl, 3, 0);
    assert.ok(Math.abs(ddHi() - 1 + ddLo()) < 2 ** -100);
    ddAdd(th, tl, th, tl);
    ddAdd(ddHi(), ddLo(), th, tl);
    assert.ok(Math.abs(ddHi() - 1 + ddLo()) < 2 ** -100);
    // 1/3 = 0.0101…₂: the dd holds it to within 2^-106 relative.
    const err = exact(th) + exact(tl) - ((1n << 1074n) / 3n);
    assert.ok((err < 0n ? -err : err) < 1n << (1074n - 106n));
  });
});
