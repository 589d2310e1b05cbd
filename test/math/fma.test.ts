import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fma, fmaExact } from '../../src/math/fma.js';
import { glibcFixture, row, sameDouble } from './glibcFixture.js';

describe('fma: a·b + c rounded once, against the C library’s hardware fma', () => {
  const cases = glibcFixture.fma.map(row);

  it('equals glibc fma on every fixture case (random, cancellation, ties, subnormal, overflow, specials)', (t) => {
    assert.ok(cases.length > 1500);
    let bad = 0;
    for (const [a, b, c, want] of cases) if (!sameDouble(fma(a!, b!, c!), want!)) bad++;
    t.diagnostic(`${cases.length} cases`);
    assert.equal(bad, 0);
  });

  it('the BigInt reference fmaExact equals glibc fma on every case too', () => {
    let bad = 0;
    for (const [a, b, c, want] of cases) if (!sameDouble(fmaExact(a!, b!, c!), want!)) bad++;
    assert.equal(bad, 0);
  });

  it('differs from a·b + c where the double rounding matters (so the tests above are not vacuous)', () => {
    let differs = 0;
    for (const [a, b, c, want] of cases) if (!sameDouble(a! * b! + c!, want!)) differs++;
    assert.ok(differs > 500, `${differs}`);
  });

  it('a tie broken by the product’s tail: (1 + 2^-52)(1 − 2^-53) − 1 = 2^-53 − 2^-105 exactly', () => {
    // a·b = 1 + 2^-53 − 2^-105: plain a*b rounds to 1 (a tie lost), fma keeps the tail.
    assert.equal(fma(1 + 2 ** -52, 1 - 2 ** -53, -1), 2 ** -53 - 2 ** -105);
    assert.equal((1 + 2 ** -52) * (1 - 2 ** -53) - 1, 0);
  });

  it('IEEE specials: fma(inf, 0, 1) is NaN, fma(x, y, −inf) stays −inf when x·y overflows, exact zero sums are +0', () => {
    assert.ok(Number.isNaN(fma(Infinity, 0, 1)));
    assert.equal(fma(1e200, 1e200, -Infinity), -Infinity);
    assert.ok(Object.is(fma(2, 3, -6), 0));
    assert.ok(Object.is(fma(-0, 5, -0), -0));
    assert.equal(fma(1e300, 1e10, 0), Infinity);
    assert.ok(Object.is(fma(2 ** -600, 2 ** -500, 0), 0)); // 2^-1100 rounds to +0
    assert.equal(fma(2 ** -537, 2 ** -537, 2 ** -1074), 2 ** -1073); // subnormal result, exact
  });
});
