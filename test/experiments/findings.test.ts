import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingFor, unitsIdentical } from '../../src/experiments/findings.js';

const params = (w1: number[], b1: number[], w2: number[]) => ({ weights: [Float64Array.from(w1), Float64Array.from(w2)], biases: [Float64Array.from(b1), new Float64Array(1)] });
const base = { layerSizes: [2, 2, 1], iterations: 100, status: 'ok' as const, trainAccuracy: 0.9, testAccuracy: 0.8 };

describe('findings', () => {
  it('unitsIdentical compares every row and bias with the first', () => {
    assert.equal(unitsIdentical(Float64Array.of(1, 2, 1, 2), Float64Array.of(0, 0), 2, 2), true);
    assert.equal(unitsIdentical(Float64Array.of(1, 2, 1, 2.0000001), Float64Array.of(0, 0), 2, 2), false);
    assert.equal(unitsIdentical(Float64Array.of(1, 2, 1, 2), Float64Array.of(0, 1), 2, 2), false);
  });
  it('flags symmetry when every hidden layer\'s units are clones', () => {
    const f = findingFor({ ...base, costs: [{ iteration: 0, cost: Math.LN2 }, { iteration: 100, cost: Math.LN2 }], initialOutputs: Float64Array.of(0.5, 0.5), finalParameters: params([0, 0, 0, 0], [0, 0], [0, 0]), trainAccuracy: 0.5 });
    assert.equal(f.kind, 'symmetry');
    assert.match(f.message, /symmetry never broken/);
  });
  it('flags a sigmoid saturated at iteration 0 and counts the saturated outputs', () => {
    const f = findingFor({ ...base, costs: [{ iteration: 0, cost: Infinity }, { iteration: 100, cost: 0.4 }], initialOutputs: Float64Array.of(1, 0, 0.3), finalParameters: params([1, 2, 3, 4], [0, 0], [1, 1]) });
    assert.equal(f.kind, 'saturated');
    assert.match(f.message, /2 of 3 outputs are exactly 0 or 1/);
  });
  it('flags a vanishing signal when outputs are all ≈ equal and the cost does not move', () => {
    const f = findingFor({ ...base, costs: [{ iteration: 0, cost: 0.6931473 }, { iteration: 100, cost: 0.6931472 }], initialOutputs: Float64Array.of(0.5000001, 0.4999999), finalParameters: params([1e-3, 2e-3, 3e-3, 4e-3], [0, 0], [1e-3, 2e-3]) });
    assert.equal(f.kind, 'vanishing');
  });
  it('reports divergence', () => {
    const f = findingFor({ ...base, status: 'diverged', divergedAt: 42, costs: [], initialOutputs: Float64Array.of(0.5), finalParameters: params([1, 2, 3, 4], [0, 0], [1, 1]) });
    assert.equal(f.kind, 'diverged');
    assert.match(f.message, /42/);
  });
  it('otherwise reports how far the cost fell', () => {
    const f = findingFor({ ...base, costs: [{ iteration: 0, cost: 0.8 }, { iteration: 100, cost: 0.2 }], initialOutputs: Float64Array.of(0.3, 0.7), finalParameters: params([1, 2, 3, 4], [0, 0], [1, 1]) });
    assert.equal(f.kind, 'learned');
    assert.match(f.message, /from 0\.8 to 0\.2 \(−75%\)/);
  });
});
