import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { describeRange } from '../../src/data/params.js';
import { DATASETS, DATASET_NAMES, datasetInfo } from '../../src/data/registry.js';
import { courseCircles } from '../../src/data/circles.js';
import { usage } from '../helpers/dataUsage.js';


describe('registry', () => {
  it('lists every data set of the training issue, each parameter documented with a default or required', () => {
    assert.deepEqual([...DATASET_NAMES], ['circles', 'moons', 'blobs', 'spiral', 'xor', 'gauss', 'checkerboard', 'csv', 'npy', 'fashion-mnist', 'mnist', 'idx']);
    for (const d of DATASETS) {
      assert.ok(d.summary.length > 0 && d.source.length > 0 && d.labels.length > 0);
      // mnist and fashion-mnist come with their own test set (the t10k pair)
      if (d.name !== 'mnist' && d.name !== 'fashion-mnist') assert.ok(d.params.some((p) => p.name === 'testFraction'));
      for (const p of d.params) {
        assert.ok(p.doc.length > 0, `${d.name}.${p.name}`);
        // An optional parameter without a default says what leaving it out does (the IDX subsets and test pair).
        assert.ok(p.required === true || p.default !== undefined || /left out/i.test(p.doc), `${d.name}.${p.name} has a default`);
        assert.ok(describeRange(p).length > 0);
      }
    }
    assert.equal(datasetInfo('moons').name, 'moons');
  });
  it('unknown data set → suggestion', () => {
    usage({ name: 'moon', seed: 0 }, /unknown data set 'moon'\. Did you mean 'moons'\?/);
    usage({ name: 'checkers', seed: 0 }, /Known: circles, moons/);
  });
});

describe('makeDataset parameter errors name the data set, the parameter and the range', () => {
  it('unknown parameter, with the closest name', () => {
    usage({ name: 'moons', seed: 0, nosie: 0.1 }, /unknown parameter 'nosie' for data set 'moons'; it accepts: samples, noise, testFraction\. Did you mean 'noise'\?/);
    usage({ name: 'blobs', seed: 0, cluster_std: 1 }, /unknown parameter 'cluster_std' for data set 'blobs'; it accepts: .*\. Did you mean 'clusterStd'\?/);
    usage({ name: 'spiral', seed: 0, n_samples: 100 }, /unknown parameter 'n_samples' for data set 'spiral';.* Did you mean 'samples'\?/);
  });
  it('out-of-range and wrongly typed values', () => {
    usage({ name: 'moons', seed: 0, noise: -0.1 }, /data set 'moons': parameter 'noise' must be a finite number in \[0, ∞\), got -0\.1\./);
    usage({ name: 'moons', seed: 0, samples: 1 }, /parameter 'samples' must be an integer in \[2, 10000000\], got 1\./);
    usage({ name: 'moons', seed: 0, samples: 10.5 }, /parameter 'samples' must be an integer/);
    usage({ name: 'moons', seed: 0, samples: 'many' }, /parameter 'samples' must be an integer in \[2, 10000000\], got 'many'\./);
    usage({ name: 'circles', seed: 0, factor: 1 }, /data set 'circles': parameter 'factor' must be a finite number in \[0, 1\), got 1\./);
    usage({ name: 'moons', seed: 0, testFraction: 0 }, /parameter 'testFraction' must be a finite number in \(0, 1\), got 0\./);
    usage({ name: 'moons', seed: 0, testFraction: 1 }, /in \(0, 1\), got 1\./);
    usage({ name: 'moons', seed: 0, noise: Number.NaN }, /parameter 'noise'.*got NaN/);
    usage({ name: 'moons', seed: 0, noise: Number.POSITIVE_INFINITY }, /parameter 'noise'.*got Infinity/);
    usage({ name: 'spiral', seed: 0, arms: 1 }, /data set 'spiral': parameter 'arms' must be an integer in \[2, 100\], got 1\./);
    usage({ name: 'spiral', seed: 0, arms: 5, samples: 4 }, /data set 'spiral': parameter 'samples'.*got 4\. It must be at least arms = 5\./);
    usage({ name: 'checkerboard', seed: 0, cells: 1 }, /parameter 'cells' must be an integer in \[2, 64\], got 1\./);
    usage({ name: 'xor', seed: 0, padding: 2 }, /parameter 'padding' must be a finite number in \[0, 1\], got 2\./);
    usage({ name: 'gauss', seed: 0, std: -1 }, /parameter 'std'/);
    usage({ name: 'blobs', seed: 0, centers: 1 }, /parameter 'centers' must be an integer in \[2, 1000\] or a list of k·features coordinates/);
    usage({ name: 'blobs', seed: 0, centers: [1, 2, 3] }, /parameter 'centers'.*got \[1, 2, 3\]\. With features = 2 the list needs k·2 numbers, k ≥ 2\./);
    usage({ name: 'blobs', seed: 0, centers: 3, clusterStd: [1, 2] }, /parameter 'clusterStd'.*A list needs one value per cluster \(3\)\./);
    usage({ name: 'blobs', seed: 0, centerBox: [1, -1] }, /parameter 'centerBox' must be two finite numbers \[min, max\] with min < max, got \[1, -1\]\./);
    usage({ name: 'blobs', seed: 0, centerBox: [1, 2, 3] }, /parameter 'centerBox'/);
    usage({ name: 'moons', seed: 0, samples: 2, testFraction: 0.6 }, /leaves no training samples \(the test set gets ⌈testFraction·n⌉ = 2\)/);
  });
  it('numbers written as text beyond a double (a link, a config) are refused, not read as Infinity or 0', () => {
    usage({ name: 'moons', seed: 0, noise: '1e400' }, /data set 'moons': parameter 'noise': '1e400' is out of range/);
    usage({ name: 'moons', seed: 0, noise: '1e-400' }, /data set 'moons': parameter 'noise': '1e-400' is out of range/);
    usage({ name: 'blobs', seed: 0, centerBox: '-1,1e999' }, /parameter 'centerBox': '1e999' is out of range/);
    // Text that is a plain number still reads as that number.
    assert.deepEqual(makeDataset({ name: 'moons', seed: 0, noise: ' 0.25 ' }).train.x, makeDataset({ name: 'moons', seed: 0, noise: 0.25 }).train.x);
  });
  it('bad seeds', () => {
    usage({ name: 'moons', seed: -1 }, /data set 'moons': seed must be an integer in \[0, 4294967295\], got -1\./);
    usage({ name: 'moons', seed: 1.5 }, /seed must be an integer/);
    usage({ name: 'moons', seed: 2 ** 32 }, /seed must be an integer/);
  });
  it('file data sets need their paths', () => {
    usage({ name: 'csv', seed: 0 }, /data set 'csv' needs the parameter 'path' \(a non-empty string\)/);
    usage({ name: 'npy', seed: 0, path: 'x.npy' }, /data set 'npy' needs the parameter 'labels'/);
    usage({ name: 'csv', seed: 0, path: 'a.csv', task: 'clasification' }, /parameter 'task' must be one of 'auto', 'classification', 'regression', got 'clasification'\. Did you mean 'classification'\?/);
  });
});

describe('circles through makeDataset', () => {
  it('is makeCircles(samples, noise, factor) on the seed, split on the same stream; the course sets stay in courseCircles', () => {
    const b = makeDataset({ name: 'circles', seed: 1, samples: 400, noise: 0.05 });
    assert.equal(b.train.nSamples, 300);
    assert.equal(b.test.nSamples, 100);
    assert.equal(b.task, 'binary');
    const course = courseCircles();
    assert.equal(course.train.nSamples, 300);
  });
});
