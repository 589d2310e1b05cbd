import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { IdxFormatError, parseIdx } from '../../src/data/idx.js';
import { makeDataset } from '../../src/data/makeDataset.js';
import { runCli } from '../helpers/cli.js';
import { usage } from '../helpers/dataUsage.js';

/*
 * IDX files written here by hand from the format's definition (LeCun's MNIST page: bytes 0–1 zero,
 * byte 2 the type 0x08, byte 3 the rank, big-endian uint32 sizes, then the bytes row-major), so the
 * expected values come from the files' construction, not from the parser.
 */
const dir = mkdtempSync(join(tmpdir(), 'initlab-idx-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function idxBytes(dims: number[], data: number[], type = 0x08): Uint8Array {
  const header = [0, 0, type, dims.length];
  for (const d of dims) header.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return Uint8Array.from([...header, ...data]);
}

let counter = 0;
function file(bytes: Uint8Array, gz = false): string {
  const p = join(dir, `f${counter++}${gz ? '.gz' : ''}`);
  writeFileSync(p, gz ? gzipSync(bytes) : bytes);
  return p;
}

/** 5 images of 2×3 pixels: image s, pixel f = 10·s + f; labels 0, 1, 2, 1, 0. */
const N = 5;
const D = 6;
const pixels = Array.from({ length: N * D }, (_, i) => 10 * Math.floor(i / D) + (i % D));
const labels = [0, 1, 2, 1, 0];


describe('parseIdx', () => {
  it('reads dimensions and bytes of any rank', () => {
    const a = parseIdx(idxBytes([2, 1, 3, 2], Array.from({ length: 12 }, (_, i) => 200 + i)));
    assert.deepEqual(a.dims, [2, 1, 3, 2]);
    assert.deepEqual(Array.from(a.data), Array.from({ length: 12 }, (_, i) => 200 + i));
    // sizes ≥ 256 exercise the big-endian byte order: 0x00000102 = 258
    assert.deepEqual(parseIdx(idxBytes([258], new Array<number>(258).fill(7))).dims, [258]);
  });
  const bad: [string, Uint8Array, number, RegExp][] = [
    ['a short magic number', Uint8Array.from([0, 0]), 2, /truncated/],
    ['a wrong magic number', Uint8Array.from([0x1f, 0x8b, 8, 1, 0, 0, 0, 1, 0]), 0, /not an IDX file.*1f 8b 08 01/],
    ['a float32 file', idxBytes([1], [0, 0, 0, 0], 0x0d), 2, /0x0d \(float \(float32\)\) is not supported/],
    ['an unknown type', idxBytes([1], [0], 0x42), 2, /unknown element type 0x42/],
    ['rank 0', Uint8Array.from([0, 0, 8, 0]), 3, /dimensions is 0/],
    ['a cut header', idxBytes([3, 4], []).subarray(0, 9), 9, /truncated in the header/],
    ['a cut body', idxBytes([3, 4], new Array<number>(11).fill(1)), 23, /need 12 data bytes \(bytes 12 … 23\), the data ends at byte 23/],
    ['trailing bytes', idxBytes([2], [1, 2, 3]), 10, /1 bytes after the last element/],
  ];
  for (const [what, bytes, offset, message] of bad) {
    it(`refuses ${what}, naming byte ${offset}`, () => {
      assert.throws(
        () => parseIdx(bytes),
        (e: unknown) => e instanceof IdxFormatError && e.offset === offset && message.test(e.message),
      );
    });
  }
});

describe("data set 'idx'", () => {
  const images = file(idxBytes([N, 2, 3], pixels));
  const labelFile = file(idxBytes([N], labels));
  const imagesGz = file(idxBytes([N, 2, 3], pixels), true);
  const labelsGz = file(idxBytes([N], labels), true);
  // a test pair of 2 images
  const testPixels = Array.from({ length: 2 * D }, (_, i) => 255 - i);
  const testImages = file(idxBytes([2, 2, 3], testPixels), true);
  const testLabels = file(idxBytes([2], [2, 3]));

  it('reads plain and gzipped files alike: features are the pixels / 255, feature-major', () => {
    for (const [im, lb] of [[images, labelFile], [imagesGz, labelsGz]] as const) {
      const b = makeDataset({ name: 'idx', seed: 0, images: im, labels: lb, testImages, testLabels });
      assert.equal(b.train.nFeatures, D);
      assert.equal(b.train.nSamples, N);
      for (let s = 0; s < N; s++) for (let f = 0; f < D; f++) assert.equal(b.train.x[f * N + s], (10 * s + f) / 255);
      assert.deepEqual(Array.from(b.train.y), labels);
      assert.deepEqual(Array.from(b.test.y), [2, 3]);
      assert.equal(b.test.x[0 * 2 + 1], (255 - 6) / 255); // test image 1, pixel 0
      // classes = 1 + the largest label of both files (3 only occurs in the test set)
      assert.equal(b.nClasses, 4);
      assert.equal(b.task, 'multiclass');
      assert.equal(b.sampleShape, undefined);
    }
  });

  it('keeps the image shape with flatten: false, for images of any rank', () => {
    const b = makeDataset({ name: 'idx', seed: 0, images, labels: labelFile, testImages, testLabels, flatten: false });
    assert.deepEqual(b.sampleShape, [2, 3]);
    assert.equal(b.train.nFeatures, 6);
    // 3 images of 2×2×2 (e.g. height × width × channels): 8 features each, row-major
    const cube = file(idxBytes([3, 2, 2, 2], Array.from({ length: 24 }, (_, i) => i)));
    const c = makeDataset({ name: 'idx', seed: 0, images: cube, labels: file(idxBytes([3], [0, 1, 1])), testFraction: 0.3, flatten: false });
    assert.deepEqual(c.sampleShape, [2, 2, 2]);
    assert.equal(c.train.nFeatures, 8);
    assert.equal(c.train.nSamples + c.test.nSamples, 3);
    // every sample is one image's 8 consecutive bytes
    const m = c.train.nSamples;
    for (let s = 0; s < m; s++) {
      const first = Math.round(c.train.x[s]! * 255);
      assert.equal(first % 8, 0);
      for (let f = 0; f < 8; f++) assert.equal(Math.round(c.train.x[f * m + s]! * 255), first + f);
    }
  });

  it('standardize: every pixel to the training set’s mean 0 and population std 1', () => {
    const b = makeDataset({ name: 'idx', seed: 0, images, labels: labelFile, testImages, testLabels, scale: 'standardize' });
    // pixel f over the 5 images is 10·s + f: mean 20 + f, population std √200
    const sd = Math.sqrt(200);
    for (let s = 0; s < N; s++) assert.ok(Math.abs(b.train.x[2 * N + s]! - (10 * s - 20) / sd) < 1e-15);
    // test image 0, pixel 2 = 253: (253 − 22)/√200
    assert.ok(Math.abs(b.test.x[2 * 2 + 0]! - (253 - 22) / sd) < 1e-13);
  });

  it('without a test pair holds out testFraction, and samples draws a subset of what is left', () => {
    const b = makeDataset({ name: 'idx', seed: 4, images, labels: labelFile, testFraction: 0.4 });
    assert.equal(b.test.nSamples, 2); // ⌈0.4·5⌉
    assert.equal(b.train.nSamples, 3);
    // every sample is one of the file's images, once
    const seen = [...Array.from({ length: 3 }, (_, s) => b.train.x[s]! * 255), ...Array.from({ length: 2 }, (_, s) => b.test.x[s]! * 255)].map((v) => Math.round(v) / 10);
    assert.deepEqual(seen.sort(), [0, 1, 2, 3, 4]);
    const c = makeDataset({ name: 'idx', seed: 4, images, labels: labelFile, testFraction: 0.4, samples: 2, testSamples: 1 });
    assert.equal(c.train.nSamples, 2);
    assert.equal(c.test.nSamples, 1);
  });

  it('refuses broken files with the file and the byte offset, on one line', () => {
    const cutBody = file(idxBytes([N, 2, 3], pixels).subarray(0, 20));
    usage({ name: 'idx', seed: 0, images: cutBody, labels: labelFile }, new RegExp(`file '${cutBody}', byte 20: truncated: dimensions 5 × 2 × 3 need 30 data bytes`));
    const cutGz = file(idxBytes([N, 2, 3], pixels).subarray(0, 30), true);
    usage({ name: 'idx', seed: 0, images: cutGz, labels: labelFile }, new RegExp(`file '${cutGz}', byte 30 of the decompressed data: truncated`));
    const magic = file(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    usage({ name: 'idx', seed: 0, images, labels: magic }, new RegExp(`file '${magic}', byte 0: not an IDX file`));
    const fewLabels = file(idxBytes([4], [0, 1, 2, 1]));
    usage({ name: 'idx', seed: 0, images, labels: fewLabels }, new RegExp(`file '${fewLabels}', byte 4: it holds 4 labels, but '${images}' holds 5 images`));
    const damaged = file(gzipSync(idxBytes([N, 2, 3], pixels)).subarray(0, 25));
    usage({ name: 'idx', seed: 0, images: damaged, labels: labelFile }, new RegExp(`file '${damaged}' is a damaged gzip file`));
    usage({ name: 'idx', seed: 0, images: join(dir, 'nope'), labels: labelFile }, /file '.*nope' cannot be read: no such file/);
    const rank1 = file(idxBytes([N], labels));
    usage({ name: 'idx', seed: 0, images: rank1, labels: labelFile }, /byte 3: the images have 1 dimension/);
    const wide = file(idxBytes([2, 3, 2], testPixels));
    usage({ name: 'idx', seed: 0, images, labels: labelFile, testImages: wide, testLabels }, /byte 8: its images are 3 × 2, but those of .* are 2 × 3/);
  });

  it('refuses half a test pair, one class, and subsets larger than the set', () => {
    usage({ name: 'idx', seed: 0, images, labels: labelFile, testImages }, /give both testImages and testLabels, or neither/);
    const zeros = file(idxBytes([N], [0, 0, 0, 0, 0]));
    usage({ name: 'idx', seed: 0, images, labels: zeros, testFraction: 0.4 }, /every label is 0, a single class/);
    usage({ name: 'idx', seed: 0, images, labels: labelFile, testImages, testLabels, samples: 6 }, /'samples' = 6 is more than the 5 samples of the training set/);
    usage({ name: 'idx', seed: 0, images, labels: labelFile, testImages, testLabels, testSamples: 3 }, /'testSamples' = 3 is more than the 2 samples of the test set/);
    usage({ name: 'idx', seed: 0, images, labels: labelFile, scale: 'none' }, /parameter 'scale' must be one of 'unit', 'standardize'/);
  });

  it('the CLI: exit 2, one line on stderr naming the file and the offset, nothing on stdout', async () => {
    const cut = file(idxBytes([N, 2, 3], pixels).subarray(0, 17));
    const r = await runCli(['diagnose', '--data', `idx:images=${cut}:labels=${labelFile}`, '--depth', '2', '--width', '4']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, new RegExp(`file '${cut}', byte 17: truncated`));
  });
});

describe("data sets 'mnist' and 'fashion-mnist'", () => {
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
  it('read the four standard files of a directory, gzipped or not; the test set is the t10k pair', () => {
    const d = join(dir, 'mnist');
    mkdirSync(d);
    writeFileSync(join(d, `${names[0]}.gz`), gzipSync(idxBytes([N, 2, 3], pixels)));
    writeFileSync(join(d, names[1]!), idxBytes([N], labels));
    writeFileSync(join(d, names[2]!), idxBytes([1, 2, 3], [9, 9, 9, 9, 9, 255]));
    writeFileSync(join(d, `${names[3]}.gz`), gzipSync(idxBytes([1], [1])));
    for (const name of ['mnist', 'fashion-mnist']) {
      const b = makeDataset({ name, seed: 0, dir: d });
      assert.equal(b.train.nSamples, N);
      assert.equal(b.test.nSamples, 1);
      assert.equal(b.test.x[5], 1);
      assert.equal(b.nClasses, 3);
    }
  });
  it('name the files a directory lacks, and the apt-get line for Fashion-MNIST', () => {
    const d = join(dir, 'partial');
    mkdirSync(d);
    writeFileSync(join(d, names[0]!), idxBytes([N, 2, 3], pixels));
    usage({ name: 'mnist', seed: 0, dir: d }, /lacks train-labels-idx1-ubyte\[\.gz\], t10k-images-idx3-ubyte\[\.gz\], t10k-labels-idx1-ubyte\[\.gz\]/);
    usage({ name: 'mnist', seed: 0, dir: join(dir, 'absent') }, /directory '.*absent' does not exist; set dir to a directory holding train-images-idx3-ubyte\[\.gz\]/);
    usage({ name: 'fashion-mnist', seed: 0, dir: join(dir, 'absent') }, /does not exist; install Debian's copy .* with: apt-get install -y dataset-fashion-mnist/);
    usage({ name: 'mnist', seed: 0 }, /needs the parameter 'dir'/);
  });
});
