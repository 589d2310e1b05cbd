import assert from 'node:assert/strict';
import { describe as suite, it } from 'node:test';
import { describe, incompleteBeta, logGamma, studentTQuantile } from '../../src/experiments/sweep/stats.js';

const close = (actual: number, expected: number, rel: number, what = '') =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what} ${actual} vs ${expected}`);

suite('Student t quantile', () => {
  it('matches table values (two-sided 95%: t(0.975, df))', () => {
    // The usual printed table, to 10 significant digits.
    const table: [number, number][] = [[1, 12.706204736], [4, 2.776445105], [19, 2.093024054]];
    for (const [df, t] of table) assert.ok(Math.abs(studentTQuantile(0.975, df) - t) <= 5e-10, `df=${df}`); // ± half a unit of the 9th decimal
  });

  it('matches full-precision references (scipy.stats.t.ppf) to 1e-12', () => {
    const reference: [number, number, number][] = [
      [0.975, 1, 12.706204736174694], [0.975, 2, 4.302652729749462], [0.975, 3, 3.1824463052837078], [0.975, 4, 2.7764451051977934],
      [0.975, 5, 2.5705818356363146], [0.975, 9, 2.262157162798205], [0.975, 19, 2.0930240544083087], [0.975, 29, 2.045229642132703],
      [0.975, 100, 1.9839715185235518], [0.975, 1000, 1.9623390808264083], [0.975, 2.5, 3.5746548420036817], [0.95, 7, 1.8945786050900062],
      [0.995, 5, 4.032142983555228], [0.9995, 3, 12.923978636687961], [0.9, 1, 3.0776835371752544], [0.999999, 4, 41.5778541501515],
      [0.6, 30, 0.2556053649519128],
    ];
    for (const [p, df, t] of reference) close(studentTQuantile(p, df), t, 1e-12, `p=${p} df=${df}`);
    close(studentTQuantile(0.975, 1e7), 1.959964221767205, 1e-9); // near the normal limit
  });

  it('lower tails by symmetry, the median, bad arguments', () => {
    close(studentTQuantile(0.025, 4), -2.7764451051977934, 1e-12);
    assert.equal(studentTQuantile(0.5, 3), 0);
    assert.throws(() => studentTQuantile(1, 3), RangeError);
    assert.throws(() => studentTQuantile(0.9, 0), RangeError);
  });

  it('builds on an accurate log-gamma and incomplete beta', () => {
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    close(logGamma(10), Math.log(362880), 1e-14);
    close(incompleteBeta(2, 3, 0.4), 0.5248, 1e-13); // = 1 - (1-x)^4 - 4x(1-x)^3 ... closed form for integers
    close(incompleteBeta(0.5, 0.5, 0.25), (2 / Math.PI) * Math.asin(0.5), 1e-13);
  });
});

suite('sample statistics', () => {
  it('mean, sample std, 95% CI, min and max of small samples', () => {
    // [1, 2, 3, 4, 5]: mean 3, s² = 10/4 = 2.5, half-width = t(0.975, 4)·√2.5/√5 = 2.776445105·√0.5
    const s = describe([1, 2, 3, 4, 5]);
    assert.equal(s.n, 5);
    assert.equal(s.mean, 3);
    close(s.std!, Math.sqrt(2.5), 1e-15);
    const half = 2.776445105 * Math.sqrt(0.5);
    close(s.ci95![0], 3 - half, 1e-9);
    close(s.ci95![1], 3 + half, 1e-9);
    assert.equal(s.min, 1);
    assert.equal(s.max, 5);
    // [2, 4]: mean 3, s = √2, half-width = 12.706204736·√2/√2
    const two = describe([4, 2]);
    close(two.std!, Math.SQRT2, 1e-15);
    close(two.ci95![1] - 3, 12.706204736, 1e-10);
    // 20 values 0…19: mean 9.5, s² = 35, half-width = 2.093024054·√35/√20
    const twenty = describe(Array.from({ length: 20 }, (_, i) => i));
    assert.equal(twenty.mean, 9.5);
    close(twenty.std!, Math.sqrt(35), 1e-15);
    close(twenty.ci95![1] - 9.5, 2.093024054 * Math.sqrt(35 / 20), 1e-9);
  });

  it('a constant sample has its value as mean and zero spread; one value has no std or CI; non-finite values are left out', () => {
    const c = describe([0.46, 0.46, 0.46, 0.46, 0.46]);
    assert.equal(c.mean, 0.46);
    assert.equal(c.std, 0);
    assert.deepEqual(c.ci95, [0.46, 0.46]);
    assert.deepEqual(describe([7]), { n: 1, mean: 7, std: null, ci95: null, min: 7, max: 7 });
    assert.deepEqual(describe([]), { n: 0, mean: null, std: null, ci95: null, min: null, max: null });
    const f = describe([1, Number.NaN, 3, Number.POSITIVE_INFINITY]);
    assert.equal(f.n, 2);
    assert.equal(f.mean, 2);
  });
});
