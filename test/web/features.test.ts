import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featurize, parseFeatures } from '../../web/src/features.js';

/* The playground's input features (issue 15), against values worked out by hand. */

describe('playground input features', () => {
  it('transforms feature-major points: x, y, x², y², x·y, sin x, sin y', () => {
    // Two points, (π/2, 3) and (−2, 0): x row then y row.
    const x = Float64Array.from([Math.PI / 2, -2, 3, 0]);
    const out = featurize(x, 2, ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny']);
    assert.deepEqual([...out.subarray(0, 4)], [Math.PI / 2, -2, 3, 0]);
    assert.deepEqual([...out.subarray(4, 6)], [(Math.PI / 2) ** 2, 4]);
    assert.deepEqual([...out.subarray(6, 8)], [9, 0]);
    assert.deepEqual([...out.subarray(8, 10)], [(3 * Math.PI) / 2, -0]);
    assert.equal(out[10], 1); // sin(π/2)
    assert.equal(out[13], 0); // sin(0)
  });
  it('(x, y) alone is the data as it is (the same array: the article run is untouched)', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    assert.equal(featurize(x, 2, ['x', 'y']), x);
  });
  it('parses a list into the canonical order and refuses unknown or empty lists', () => {
    assert.deepEqual(parseFeatures('siny,x2'), ['x2', 'siny']);
    assert.throws(() => parseFeatures('x,z'), /unknown 'z'/);
    assert.throws(() => parseFeatures(''), /at least one/);
  });
});
