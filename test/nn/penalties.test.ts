import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { l1PenaltyOf, l2PenaltyOf } from '../../src/nn/penalties.js';

describe('weight penalties', () => {
  const weights = [Float64Array.of(1, -2), Float32Array.of(0.5, 0, -3)];
  it('λ/2·Σw²: 0.5·0.1·(1 + 4 + 0.25 + 0 + 9) = 0.7125', () => {
    assert.equal(l2PenaltyOf(weights, 0.1), 0.05 * 14.25);
    assert.equal(l2PenaltyOf(weights, 0), 0);
  });
  it('λ₁·Σ|w|: 0.2·(1 + 2 + 0.5 + 0 + 3) = 1.3', () => {
    assert.equal(l1PenaltyOf(weights, 0.2), 0.2 * 6.5);
    assert.equal(l1PenaltyOf(weights, 0), 0);
  });
});
