import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { readReference } from '../helpers/reference.js';

// The notebook's data through makeDataset's circles testSeed option must be the reference sets
// (numpy-legacy-vectors.json make_circles.train_X_libm / test_X_libm, train_y / test_y).
interface Vectors { make_circles: { train_X_libm: number[][]; test_X_libm: number[][]; train_y: number[]; test_y: number[] } }
const ref = readReference<Vectors>('numpy-legacy-vectors.json').make_circles;

describe("circles with testSeed: the notebook's two draws", () => {
  it('gives the notebook\'s 300 training and 100 test points exactly', () => {
    const d = makeDataset({ name: 'circles', seed: 1, samples: 300, testSeed: 2, testSamples: 100, noise: 0.05 });
    assert.equal(d.train.nSamples, 300);
    assert.equal(d.test.nSamples, 100);
    const rows = (x: Float64Array, m: number) => Array.from({ length: m }, (_, s) => [x[s], x[m + s]]);
    assert.deepEqual(rows(d.train.x, 300), ref.train_X_libm);
    assert.deepEqual(rows(d.test.x, 100), ref.test_X_libm);
    assert.deepEqual(Array.from(d.train.y), ref.train_y);
    assert.deepEqual(Array.from(d.test.y), ref.test_y);
  });
  it('keeps the testFraction split when testSeed is not given', () => {
    const d = makeDataset({ name: 'circles', seed: 1, samples: 400 });
    assert.equal(d.train.nSamples + d.test.nSamples, 400);
    assert.equal(d.test.nSamples, 100);
  });
});
