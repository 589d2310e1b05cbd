import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { trainTestSplit } from '../../src/data/split.js';
import { encodeNpy } from '../../src/io/npy.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { usage } from '../helpers/dataUsage.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-data-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function file(content: string | Uint8Array, ext: string): string {
  const p = join(dir, `f${counter++}.${ext}`);
  writeFileSync(p, content);
  return p;
}


/** A .npy file of any dtype descr, written by hand (the header layout numpy uses). */
function npy(descr: string, shape: number[], data: Uint8Array, fortran = false): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}
function int64(values: number[]): Uint8Array {
  const b = new Uint8Array(values.length * 8);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setBigInt64(i * 8, BigInt(x), true));
  return b;
}

/** Rows of a 2-feature CSV: x = i, z = 10·i, label i mod k. */
function csvRows(n: number, k: number, header = 'x,label,z'): string {
  const lines = [header];
  for (let i = 0; i < n; i++) lines.push(`${i},${i % k},${10 * i}`);
  return lines.join('\n') + '\n';
}

describe('csv data set', () => {
  it('reads features by header (label column excluded), splits with the seed like the generators', () => {
    const path = file(csvRows(20, 2), 'csv');
    const b = makeDataset({ name: 'csv', seed: 4, path });
    assert.deepEqual(b.featureNames, ['x', 'z']);
    assert.equal(b.task, 'binary');
    assert.equal(b.nClasses, 2);
    assert.equal(b.train.nSamples, 15);
    assert.equal(b.test.nSamples, 5);
    // the split is trainTestSplit on NumpyRandomState(seed) with nothing drawn before it
    const x = new Float64Array(40);
    const y = new Float64Array(20);
    for (let i = 0; i < 20; i++) {
      x[i] = i;
      x[20 + i] = 10 * i;
      y[i] = i % 2;
    }
    const expected = trainTestSplit({ nFeatures: 2, nSamples: 20, x, y }, new NumpyRandomState(4), 0.25);
    assert.deepEqual(b.train, expected.train);
    assert.deepEqual(b.test, expected.test);
    assert.equal(b.standardization, undefined);
  });
  it('CRLF, BOM, quoted names and cells, spaces, trailing blank lines, exponents; label by name', () => {
    const path = file('\ufeff"a", "y" ,b\r\n1.5, 0 ,"2e3"\r\n-0.25,1,+.5\r\n\r\n\n', 'csv');
    const b = makeDataset({ name: 'csv', seed: 0, path, label: 'y', testFraction: 0.5 });
    assert.deepEqual(b.featureNames, ['a', 'b']);
    const all = [...b.train.x, ...b.test.x].sort((p, q) => p - q);
    assert.deepEqual(all, [-0.25, 0.5, 1.5, 2000]);
  });
  it('labels: 0 … k−1 → multiclass; other values → regression; task overrides', () => {
    const multi = makeDataset({ name: 'csv', seed: 0, path: file(csvRows(30, 3), 'csv') });
    assert.equal(multi.task, 'multiclass');
    assert.equal(multi.nClasses, 3);
    const reg = makeDataset({ name: 'csv', seed: 0, path: file('x,label\n1,0.5\n2,1.5\n3,2.5\n4,0\n', 'csv') });
    assert.equal(reg.task, 'regression');
    assert.equal(reg.nClasses, 0);
    const gap = file('x,label\n1,0\n2,2\n3,0\n4,2\n', 'csv'); // class 1 missing
    assert.equal(makeDataset({ name: 'csv', seed: 0, path: gap }).task, 'regression');
    usage({ name: 'csv', seed: 0, path: gap, task: 'classification' }, new RegExp(`file '${escape(gap)}': task 'classification' needs labels 0 … k−1 with k ≥ 2, but class 1 never occurs`));
    const signs = file('x,label\n1,-1\n2,1\n3,-1\n4,1\n', 'csv');
    usage({ name: 'csv', seed: 0, path: signs, task: 'classification' }, /label -1 \(sample 1\) is not an integer class index ≥ 0/);
    assert.equal(makeDataset({ name: 'csv', seed: 0, path: file(csvRows(8, 2), 'csv'), task: 'regression' }).task, 'regression');
    const one = file('x,label\n1,0\n2,0\n3,0\n', 'csv');
    usage({ name: 'csv', seed: 0, path: one, task: 'classification' }, /there is only one class/);
  });
  it('standardize: mean 0, std 1 on the training part, the same transform on the test part', () => {
    const path = file(csvRows(40, 2), 'csv');
    const raw = makeDataset({ name: 'csv', seed: 2, path });
    const b = makeDataset({ name: 'csv', seed: 2, path, standardize: true });
    assert.ok(b.standardization);
    for (let f = 0; f < 2; f++) {
      const n = b.train.nSamples;
      const vals = Array.from(b.train.x.subarray(f * n, (f + 1) * n));
      const mean = vals.reduce((a, v) => a + v, 0) / n;
      const sd = Math.sqrt(vals.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
      assert.ok(Math.abs(mean) < 1e-12);
      assert.ok(Math.abs(sd - 1) < 1e-12);
      const rawN = raw.train.nSamples;
      const rawVals = Array.from(raw.train.x.subarray(f * rawN, (f + 1) * rawN));
      const mu = rawVals.reduce((a, v) => a + v, 0) / rawN;
      assert.equal(b.standardization.mean[f], mu);
      const m = b.test.nSamples;
      for (let s = 0; s < m; s++) {
        assert.equal(b.test.x[f * m + s], (raw.test.x[f * m + s]! - b.standardization.mean[f]!) / b.standardization.std[f]!);
      }
    }
    assert.deepEqual(b.test.y, raw.test.y);
  });
  it('bad files: each error names the file, and the row (header = row 1) and column', () => {
    const missing = join(dir, 'nope.csv');
    usage({ name: 'csv', seed: 0, path: missing }, new RegExp(`data set 'csv': cannot read file '${escape(missing)}': no such file\\.`));
    usage({ name: 'csv', seed: 0, path: dir }, /cannot read file '.*': it is a directory\./);
    const empty = file('', 'csv');
    usage({ name: 'csv', seed: 0, path: empty }, new RegExp(`file '${escape(empty)}' is empty; it needs a header row`));
    usage({ name: 'csv', seed: 0, path: file('x,label\n', 'csv') }, /has a header row but no data rows\./);
    usage({ name: 'csv', seed: 0, path: file('x,lable\n1,0\n', 'csv') }, /has no column 'label' \(the label column\)\. Did you mean 'lable'\? Its columns: x, lable\./);
    usage({ name: 'csv', seed: 0, path: file('x,y\n1,0\n', 'csv'), label: 'class' }, /has no column 'class'/);
    usage({ name: 'csv', seed: 0, path: file('1,0\n2,1\n', 'csv'), label: '0' }, /row 1: the header row is all numbers; the first row must name the columns\./);
    usage({ name: 'csv', seed: 0, path: file('label\n1\n0\n', 'csv') }, /has only the label column 'label'; it needs at least one feature column\./);
    usage({ name: 'csv', seed: 0, path: file('x,,label\n1,2,0\n', 'csv') }, /row 1 \(header\), column 2: the column has no name\./);
    usage({ name: 'csv', seed: 0, path: file('x,x,label\n1,2,0\n', 'csv') }, /row 1 \(header\): the name 'x' is used by columns 1 and 2\./);
    const bad = file('x,label,z\n1,0,2\n3,1,abc\n', 'csv');
    usage({ name: 'csv', seed: 0, path: bad }, new RegExp(`data set 'csv': file '${escape(bad)}', row 3, column 3 \\('z'\\): 'abc' is not a number`));
    usage({ name: 'csv', seed: 0, path: file('x,label,z\n1,0,2\n3,1,0x10\n', 'csv') }, /row 3, column 3 \('z'\): '0x10' is not a number/);
    usage({ name: 'csv', seed: 0, path: file('x,label\n1,0\nNaN,1\n', 'csv') }, /row 3, column 1 \('x'\) is 'NaN'; NaN and infinite values are not allowed/);
    usage({ name: 'csv', seed: 0, path: file('x,label\n1,0\n2,-inf\n', 'csv') }, /row 3, column 2 \('label'\) is '-inf'; NaN and infinite/);
    usage({ name: 'csv', seed: 0, path: file('x,label\n1e999,0\n2,1\n', 'csv') }, /row 2, column 1 \('x'\): '1e999' overflows to infinity\./);
    usage({ name: 'csv', seed: 0, path: file('x,label\n1,0\n2,\n', 'csv') }, /row 3, column 2 \('label'\) is empty; every cell must hold a number\./);
    usage({ name: 'csv', seed: 0, path: file('x,label\n1,0\n2,1,5\n', 'csv') }, /row 3 has 3 cells, but the header has 2 columns\./);
    usage({ name: 'csv', seed: 0, path: file('x,label\n1\n', 'csv') }, /row 2 has 1 cells, but the header has 2 columns\./);
    usage({ name: 'csv', seed: 0, path: file('x,label\n1,0\n\n2,1\n', 'csv') }, /row 3 is empty \(blank lines are only allowed at the end\)\./);
    usage({ name: 'csv', seed: 0, path: file('x,label\n1,0\n', 'csv') }, /'testFraction' = 0\.25 of 1 samples in '.*' leaves no training samples/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('npy data set', () => {
  const n = 12;
  const feats = new Float64Array(n * 3);
  for (let i = 0; i < feats.length; i++) feats[i] = i / 4;
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) labels[i] = i % 3;

  it('features (n, d) float64 and labels (n,) float64 / int64 / (n, 1); sample s = row s', () => {
    const path = file(encodeNpy(feats, [n, 3]), 'npy');
    const lf = file(encodeNpy(labels, [n]), 'npy');
    const li = file(npy('<i8', [n], int64(Array.from(labels))), 'npy');
    const lcol = file(encodeNpy(labels, [n, 1], 'f4'), 'npy');
    const a = makeDataset({ name: 'npy', seed: 1, path, labels: lf, testFraction: 0.5 });
    const b = makeDataset({ name: 'npy', seed: 1, path, labels: li, testFraction: 0.5 });
    const c = makeDataset({ name: 'npy', seed: 1, path, labels: lcol, testFraction: 0.5 });
    assert.deepEqual(b, { ...a, parameters: b.parameters });
    assert.deepEqual(c.train, a.train);
    assert.equal(a.task, 'multiclass');
    assert.equal(a.nClasses, 3);
    assert.deepEqual(a.featureNames, ['x0', 'x1', 'x2']);
    // every training sample is a row of the file with its label
    const m = a.train.nSamples;
    for (let s = 0; s < m; s++) {
      const row = a.train.x[s]! * 4 / 3;
      assert.ok(Number.isInteger(row));
      for (let f = 0; f < 3; f++) assert.equal(a.train.x[f * m + s], feats[row * 3 + f]);
      assert.equal(a.train.y[s], row % 3);
    }
  });
  it('int features, Fortran order, big-endian and bool labels are read too', () => {
    const ints = new Uint8Array(n * 2 * 4);
    const dv = new DataView(ints.buffer);
    // Fortran order: column 0 (values i) then column 1 (values 100 + i), big-endian int32
    for (let i = 0; i < n; i++) {
      dv.setInt32(i * 4, i, false);
      dv.setInt32((n + i) * 4, 100 + i, false);
    }
    const path = file(npy('>i4', [n, 2], ints, true), 'npy');
    const bools = new Uint8Array(n);
    for (let i = 0; i < n; i++) bools[i] = i % 2;
    const lab = file(npy('|b1', [n], bools), 'npy');
    const d = makeDataset({ name: 'npy', seed: 0, path, labels: lab });
    assert.equal(d.task, 'binary');
    const m = d.train.nSamples;
    for (let s = 0; s < m; s++) {
      const i = d.train.x[s]!;
      assert.equal(d.train.x[m + s], 100 + i);
      assert.equal(d.train.y[s], i % 2);
    }
  });
  it('bad files: missing, not .npy, wrong dtype, wrong shapes, empty, count mismatch, NaN/inf with row and column', () => {
    const good = file(encodeNpy(feats, [n, 3]), 'npy');
    const lab = file(encodeNpy(labels, [n]), 'npy');
    const missing = join(dir, 'missing.npy');
    usage({ name: 'npy', seed: 0, path: missing, labels: lab }, new RegExp(`data set 'npy': cannot read file '${escape(missing)}': no such file\\.`));
    usage({ name: 'npy', seed: 0, path: good, labels: missing }, /cannot read file '.*missing\.npy': no such file\./);
    const text = file('x,y\n1,2\n', 'npy');
    usage({ name: 'npy', seed: 0, path: text, labels: lab }, new RegExp(`file '${escape(text)}': not a \\.npy file`));
    usage({ name: 'npy', seed: 0, path: file(new Uint8Array(0), 'npy'), labels: lab }, /file '.*' is empty\./);
    const complex = file(npy('<c16', [2], new Uint8Array(32)), 'npy');
    usage({ name: 'npy', seed: 0, path: complex, labels: lab }, new RegExp(`file '${escape(complex)}': \\.npy dtype '<c16' is not supported`));
    const oneD = file(encodeNpy(feats, [n * 3]), 'npy');
    usage({ name: 'npy', seed: 0, path: oneD, labels: lab }, new RegExp(`file '${escape(oneD)}': the features must have shape \\(n, d\\) \\(samples × features\\), got \\(36,\\)\\.`));
    usage({ name: 'npy', seed: 0, path: file(encodeNpy(feats, [n, 3, 1]), 'npy'), labels: lab }, /got \(12, 3, 1\)/);
    usage({ name: 'npy', seed: 0, path: file(encodeNpy(new Float64Array(0), [0, 3]), 'npy'), labels: lab }, /is empty: shape \(0, 3\); it needs at least one sample and one feature\./);
    const lab2d = file(encodeNpy(feats, [n, 3]), 'npy');
    usage({ name: 'npy', seed: 0, path: good, labels: lab2d }, new RegExp(`file '${escape(lab2d)}': the labels must have shape \\(n,\\) or \\(n, 1\\), got \\(12, 3\\)\\.`));
    const short = file(encodeNpy(labels.subarray(0, 10), [10]), 'npy');
    usage({ name: 'npy', seed: 0, path: good, labels: short }, new RegExp(`file '${escape(short)}': 10 labels for 12 samples in '${escape(good)}'\\.`));
    const withNaN = Float64Array.from(feats);
    withNaN[4 * 3 + 2] = Number.NaN;
    const nanFile = file(encodeNpy(withNaN, [n, 3]), 'npy');
    usage({ name: 'npy', seed: 0, path: nanFile, labels: lab }, new RegExp(`file '${escape(nanFile)}', row 5, column 3 \\(element \\[4, 2\\]\\) is NaN; NaN and infinite values are not allowed\\.`));
    const infLabels = Float64Array.from(labels);
    infLabels[7] = Number.POSITIVE_INFINITY;
    usage({ name: 'npy', seed: 0, path: good, labels: file(encodeNpy(infLabels, [n]), 'npy') }, /row 8 \(element \[7\]\) is Infinity/);
    const truncated = encodeNpy(feats, [n, 3]).subarray(0, 200);
    usage({ name: 'npy', seed: 0, path: file(truncated, 'npy'), labels: lab }, /data truncated/);
    const bigInt = file(npy('<i8', [n], int64([...Array.from(labels.subarray(0, 11)), 0]).map((v, i) => (i === 95 ? 0x40 : v))), 'npy');
    usage({ name: 'npy', seed: 0, path: good, labels: bigInt }, /element 11 .* is beyond ±2\^53/);
  });
});

describe('file names are reported as given', () => {
  it('a relative path appears verbatim', () => {
    usage({ name: 'csv', seed: 0, path: 'definitely/not/here.csv' }, /cannot read file 'definitely\/not\/here\.csv': no such file\./);
  });
});
