import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracy, courseCost } from '../../src/train/courseCost.js';

describe('courseCost (the course\'s compute_loss)', () => {
  it('is ln 2 = 0.6931471805599453 when every output is 0.5 (the zeros init; notebook zeros cost)', () => {
    for (const m of [300, 100, 7]) {
      const a = new Float64Array(m).fill(0.5);
      const y = Float64Array.from({ length: m }, (_, i) => i % 2);
      assert.ok(Math.abs(courseCost(a, y, m) - 0.6931471805599453) <= 1e-12);
    }
    // numpy's pairwise nansum over 300 copies gives exactly …453 (numpy-legacy-rng.md §7).
    assert.equal(courseCost(new Float64Array(300).fill(0.5), new Float64Array(300), 300), 0.6931471805599453);
  });
  it('matches the closed form −(1/m) Σ [y log a + (1−y) log(1−a)] on a small case', () => {
    const a = Float64Array.of(0.9, 0.2, 0.6);
    const y = Float64Array.of(1, 0, 0);
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
    assert.ok(Math.abs(courseCost(a, y, 3) - expected) < 1e-15);
  });
  it('is +Infinity when a saturated output is wrong, and skips the NaN of a saturated right one', () => {
    assert.equal(courseCost(Float64Array.of(1, 0.5), Float64Array.of(0, 1), 2), Infinity);
    // a = 1 with y = 1: (−log 1)·1 + (−log 0)·0 = 0 + ∞·0 = NaN, skipped by nansum → only the other term counts.
    assert.equal(courseCost(Float64Array.of(1, 0.5), Float64Array.of(1, 1), 2), 0.5 * Math.LN2);
  });
});

describe('accuracy (the course\'s predict: a > 0.5 → 1)', () => {
  it('counts a = 0.5 as class 0 and divides by m', () => {
    assert.equal(accuracy(Float64Array.of(0.5, 0.51, 0.2), Float64Array.of(0, 1, 1)), 2 / 3);
    assert.equal(accuracy(new Float64Array(300).fill(0.5), Float64Array.from({ length: 300 }, (_, i) => i % 2)), 0.5);
  });
});
