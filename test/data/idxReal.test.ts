import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FASHION_MNIST_DIR } from '../../src/data/idxData.js';
import { makeDataset } from '../../src/data/makeDataset.js';
import { ensureDebianPackage } from '../helpers/debianPackage.js';

/*
 * Debian's Fashion-MNIST (dataset-fashion-mnist), read by initlab, against facts numpy computed
 * from the same files with its own reading of the IDX layout (scripts/gen-fashion-mnist-fixtures.py
 * -> test/fixtures/data/fashion-mnist.json). Published facts checked too: 60,000 / 10,000 images of
 * 28×28, 6,000 / 1,000 of each of the 10 classes, the first training image an ankle boot (label 9),
 * mean pixel 0.2860 (the value every Fashion-MNIST normalisation uses).
 */
interface SubsetCase {
  seed: number;
  samples: number;
  testSamples: number;
  trainLabels: number[];
  testLabels: number[];
  trainUnitSum: number;
  testUnitSum: number;
  pixel406Unit: number[];
  pixel406Std: number[];
  testPixel406Std: number[];
}
interface Fixture {
  trainLabelCounts: number[];
  testLabelCounts: number[];
  trainFirstLabels: number[];
  testFirstLabels: number[];
  trainImage0Row14: number[];
  testImage0Row14: number[];
  trainPixelSums: number[];
  testPixelSums: number[];
  trainMeanUnit: number;
  subsets: SubsetCase[];
  split: { seed: number; testFraction: number; samples: number; testSamples: number; trainIndices: number[]; testIndices: number[] };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/data/fashion-mnist.json', import.meta.url), 'utf8')) as Fixture;

function close(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

describe("Debian's Fashion-MNIST", () => {
  ensureDebianPackage('dataset-fashion-mnist', `${FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`);
  const full = makeDataset({ name: 'fashion-mnist', seed: 0, scale: 'unit' });

  it('has 60,000 training and 10,000 test images of 28×28 pixels, 10 balanced classes', () => {
    assert.equal(full.train.nSamples, 60000);
    assert.equal(full.test.nSamples, 10000);
    assert.equal(full.train.nFeatures, 784);
    assert.equal(full.nClasses, 10);
    const counts = (y: Float64Array) => Array.from({ length: 10 }, (_, k) => y.filter((v) => v === k).length);
    assert.deepEqual(counts(full.train.y), fixture.trainLabelCounts);
    assert.deepEqual(counts(full.test.y), fixture.testLabelCounts);
    assert.deepEqual(fixture.trainLabelCounts, new Array<number>(10).fill(6000));
  });

  it('matches numpy’s reading of labels and pixels (file order without samples)', () => {
    assert.deepEqual(Array.from(full.train.y.subarray(0, 20)), fixture.trainFirstLabels);
    assert.deepEqual(Array.from(full.test.y.subarray(0, 20)), fixture.testFirstLabels);
    assert.equal(full.train.y[0], 9); // ankle boot
    const n = full.train.nSamples;
    const m = full.test.nSamples;
    for (let c = 0; c < 28; c++) {
      assert.equal(Math.round(full.train.x[(14 * 28 + c) * n]! * 255), fixture.trainImage0Row14[c]);
      assert.equal(Math.round(full.test.x[(14 * 28 + c) * m]! * 255), fixture.testImage0Row14[c]);
    }
    for (let s = 0; s < 5; s++) {
      let a = 0;
      let b = 0;
      for (let f = 0; f < 784; f++) {
        a += Math.round(full.train.x[f * n + s]! * 255);
        b += Math.round(full.test.x[f * m + s]! * 255);
      }
      assert.equal(a, fixture.trainPixelSums[s]);
      assert.equal(b, fixture.testPixelSums[s]);
    }
    // Summed as integers (exact), as numpy's mean of the uint8 pixels is to within rounding.
    let sum = 0;
    for (let i = 0; i < full.train.x.length; i++) sum += Math.round(full.train.x[i]! * 255);
    close(sum / full.train.x.length / 255, fixture.trainMeanUnit, 1e-14, 'mean pixel');
    close(fixture.trainMeanUnit, 0.2860, 1e-3, 'published mean');
  });

  for (const c of fixture.subsets) {
    it(`samples ${c.samples} / testSamples ${c.testSamples} with seed ${c.seed}: numpy's RandomState permutations`, () => {
      const b = makeDataset({ name: 'fashion-mnist', seed: c.seed, samples: c.samples, testSamples: c.testSamples });
      assert.deepEqual(Array.from(b.train.y), c.trainLabels);
      assert.deepEqual(Array.from(b.test.y), c.testLabels);
      close(b.train.x.reduce((a, v) => a + v, 0), c.trainUnitSum, 1e-12, 'train sum');
      close(b.test.x.reduce((a, v) => a + v, 0), c.testUnitSum, 1e-12, 'test sum');
      for (let s = 0; s < 10; s++) assert.equal(b.train.x[406 * c.samples + s], c.pixel406Unit[s]);
      const z = makeDataset({ name: 'fashion-mnist', seed: c.seed, samples: c.samples, testSamples: c.testSamples, scale: 'standardize' });
      for (let s = 0; s < 10; s++) {
        close(z.train.x[406 * c.samples + s]!, c.pixel406Std[s]!, 1e-12, `standardized train pixel 406 of sample ${s}`);
        close(z.test.x[406 * c.testSamples + s]!, c.testPixel406Std[s]!, 1e-12, `standardized test pixel 406 of sample ${s}`);
      }
    });
  }

  it("idx without a test pair: the split, then the subsets, in numpy's order of draws", () => {
    const s = fixture.split;
    const dir = FASHION_MNIST_DIR;
    const b = makeDataset({
      name: 'idx', seed: s.seed, testFraction: s.testFraction, samples: s.samples, testSamples: s.testSamples,
      images: `${dir}/train-images-idx3-ubyte.gz`, labels: `${dir}/train-labels-idx1-ubyte.gz`,
    });
    // Each drawn sample, identified by its pixel sum and label against the file order of `full`.
    const n = full.train.nSamples;
    const check = (part: typeof b.train, indices: number[]) => {
      const m = part.nSamples;
      assert.equal(m, indices.length);
      for (let s2 = 0; s2 < m; s2++) {
        const i = indices[s2]!;
        assert.equal(part.y[s2], full.train.y[i]);
        for (const f of [200, 406, 600]) assert.equal(part.x[f * m + s2], full.train.x[f * n + i]);
      }
    };
    check(b.train, s.trainIndices);
    check(b.test, s.testIndices);
  });
});
