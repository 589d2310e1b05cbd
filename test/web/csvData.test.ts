import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvToData, dataToCsv } from '../../web/src/csvData.js';
import { withPoint } from '../../web/src/data.js';
import type { TrainingData } from '../../src/train/trainer.js';

const sample: TrainingData = {
  train: { nFeatures: 2, nSamples: 3, x: Float64Array.from([0.1, -2.5e-7, 1 / 3, 4, 5.5, -6]), y: Float64Array.from([0, 1, 1]) },
  test: { nFeatures: 2, nSamples: 1, x: Float64Array.from([Math.PI, -Math.E]), y: Float64Array.from([0]) },
  nClasses: 2,
  task: 'binary',
};

describe('playground data files', () => {
  it('writes x0,x1,label,split and reads it back bit for bit', () => {
    const text = dataToCsv(sample);
    assert.equal(text.split('\n')[0], 'x0,x1,label,split');
    assert.equal(text.split('\n')[1], '0.1,4,0,train');
    assert.equal(text.split('\n')[4], `${Math.PI},${-Math.E},0,test`);
    assert.deepEqual(csvToData(text, 0), sample);
  });

  it('without a split column, the seed draws a quarter of the points (rounded up) as the test set', () => {
    const rows = ['a,b,label', ...Array.from({ length: 10 }, (_, i) => `${i},${-i},${i % 2}`)];
    const d = csvToData(rows.join('\n'), 3);
    assert.equal(d.test.nSamples, 3);
    assert.equal(d.train.nSamples, 7);
    // Every point lands in exactly one part, unchanged.
    const seen = [...Array.from(d.train.x.subarray(0, 7)), ...Array.from(d.test.x.subarray(0, 3))].sort((p, q) => p - q);
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(csvToData(rows.join('\n'), 3), d, 'same seed, same split');
  });

  it('names the row and column of a bad file', () => {
    assert.throws(() => csvToData('x0,x1,y\n1,2,0\n3,4,1', 0), /no 'label' column/);
    assert.throws(() => csvToData('x0,x1,label\n1,2,0\n3,oops,1', 0), /row 3, column 'x1': 'oops'/);
    assert.throws(() => csvToData('x0,x1,x2,label\n1,2,3,0\n3,4,5,1', 0), /2 features; the CSV has 3/);
    assert.throws(() => csvToData('x0,x1,label\n1,2,0\n3,4,2', 0), /skip class 1/);
    assert.throws(() => csvToData('x0,x1,label\n1,2,0\n3,4', 0), /row 3 has 2 cells/);
    assert.throws(() => csvToData('x0,x1,label,split\n1,2,0,train\n3,4,1,dev', 0), /split 'dev'/);
    // 1e400 would be an Infinity coordinate (Number('1e400')); it is refused as out of range.
    assert.throws(() => csvToData('x0,x1,label\n1,2,0\n3,1e400,1', 0), /row 3, column 'x1': '1e400' is out of range/);
  });

  it('a clicked point joins the training set at the end', () => {
    const d = withPoint(sample.train, 7, 8, 1);
    assert.deepEqual(Array.from(d.x), [0.1, -2.5e-7, 1 / 3, 7, 4, 5.5, -6, 8]);
    assert.deepEqual(Array.from(d.y), [0, 1, 1, 1]);
    assert.equal(d.nSamples, 4);
  });
});
