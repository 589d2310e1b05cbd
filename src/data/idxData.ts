/**
 * Image data sets in the IDX format: `idx` (any pair of files, with an optional test pair) and the
 * named sets `mnist` and `fashion-mnist` (a directory with the four standard files; the test set is
 * the t10k pair). Images are unsigned bytes of any rank ≥ 2 (the first dimension counts the items);
 * each image becomes one sample whose features are its pixels in row-major order.
 *
 * Random draws, all from one `NumpyRandomState` seeded with `data.seed`, in this order (so a numpy
 * script reproduces the subsets: `rng = np.random.RandomState(seed)`):
 *   1. `idx` without a test pair only: the train/test split of makeDataset (perm = rng.permutation(n),
 *      test = the first ⌈testFraction·n⌉ samples of perm);
 *   2. `samples`: rng.permutation(nTrain)[:samples] of the training set;
 *   3. `testSamples`: rng.permutation(nTest)[:testSamples] of the test set.
 * Without `samples` / `testSamples` the whole set is kept in file order and nothing is drawn.
 */
import { NumpyRandomState } from '../random/numpyRandomState.js';
import { UsageError } from '../util/errors.js';
import type { IdxArray } from './idx.js';
import { fileExists, isDirectory, readIdxFile } from './idxFiles.js';
import type { DataBundle } from './bundle.js';
import { bool, num, str } from './params.js';
import type { ResolvedParams } from './params.js';
import { applyStandardization, fitStandardization, testSize } from './split.js';
import type { Standardization } from './split.js';
import type { Dataset } from './types.js';

/** Debian's package of Fashion-MNIST and where it puts the files. */
export const FASHION_MNIST_PACKAGE = 'dataset-fashion-mnist';
/** Where `dataset-fashion-mnist` puts the four IDX files: the default `dir` of the `fashion-mnist` data set. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** The four standard file names of an MNIST-style directory (each may also end in .gz). */
export const IDX_FILE_NAMES = {
  images: 'train-images-idx3-ubyte',
  labels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

interface IdxPaths {
  readonly images: string;
  readonly labels: string;
  readonly testImages?: string;
  readonly testLabels?: string;
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The four files of a named set's directory, or a UsageError naming the directory, the package or the missing files. */
function namedSetPaths(dataset: string, dir: string): IdxPaths {
  const expected = Object.values(IDX_FILE_NAMES).map((n) => `${n}[.gz]`).join(', ');
  if (!isDirectory(dir)) {
    const install =
      dataset === 'fashion-mnist'
        ? `install Debian's copy (into ${FASHION_MNIST_DIR}, the default dir) with: apt-get install -y ${FASHION_MNIST_PACKAGE}, or set dir to a directory holding ${expected}`
        : `set dir to a directory holding ${expected}`;
    throw new UsageError(`data set '${dataset}': directory '${dir}' does not exist; ${install}.`);
  }
  const found: Partial<Record<keyof typeof IDX_FILE_NAMES, string>> = {};
  const missing: string[] = [];
  for (const [key, name] of Object.entries(IDX_FILE_NAMES) as [keyof typeof IDX_FILE_NAMES, string][]) {
    const plain = join(dir, name);
    const gz = `${plain}.gz`;
    if (fileExists(gz)) found[key] = gz;
    else if (fileExists(plain)) found[key] = plain;
    else missing.push(`${name}[.gz]`);
  }
  if (missing.length > 0) {
    throw new UsageError(`data set '${dataset}': directory '${dir}' lacks ${missing.join(', ')}; it must hold the four files ${expected}.`);
  }
  return found as IdxPaths;
}

/** Checks an images/labels pair: ranks, matching counts, at least one image with at least one pixel. */
function checkPair(dataset: string, imagesPath: string, labelsPath: string, images: IdxArray, labels: IdxArray): void {
  const where = (p: string) => `data set '${dataset}': file '${p}'`;
  if (images.dims.length < 2) {
    throw new UsageError(`${where(imagesPath)}, byte 3: the images have ${images.dims.length} dimension; an image file needs at least 2 (the count, then the image's own).`);
  }
  if (!(labels.dims.length === 1 || (labels.dims.length === 2 && labels.dims[1] === 1))) {
    throw new UsageError(`${where(labelsPath)}, byte 3: labels must be a list (1 dimension), got dimensions ${labels.dims.join(' × ')}.`);
  }
  const n = images.dims[0]!;
  if (labels.dims[0] !== n) {
    throw new UsageError(`${where(labelsPath)}, byte 4: it holds ${labels.dims[0]!} labels, but '${imagesPath}' holds ${n} images (its byte 4); the counts must match.`);
  }
  if (n === 0) throw new UsageError(`${where(imagesPath)}, byte 4: it holds no images.`);
  if (images.data.length === 0) throw new UsageError(`${where(imagesPath)}, byte 8: the images have no pixels (dimensions ${images.dims.join(' × ')}).`);
}

/** The images at `indices` (all, in file order, when null) as a feature-major data set of raw byte values. */
function gather(images: IdxArray, labels: IdxArray, indices: ArrayLike<number> | null): Dataset {
  const n = images.dims[0]!;
  const d = images.data.length / n;
  const m = indices === null ? n : indices.length;
  const x = new Float64Array(d * m);
  const y = new Float64Array(m);
  const px = images.data;
  for (let s = 0; s < m; s++) {
    const r = indices === null ? s : indices[s]!;
    const row = r * d;
    for (let f = 0; f < d; f++) x[f * m + s] = px[row + f]!;
    y[s] = labels.data[r]!;
  }
  return { nFeatures: d, nSamples: m, x, y };
}

/** The first `k` of rng.permutation(indices.length), mapped through `indices` (a seeded subset). */
function subset(dataset: string, indices: Uint32Array, rng: NumpyRandomState, k: number | undefined, param: string, part: string): Uint32Array {
  if (k === undefined) return indices;
  if (k > indices.length) {
    throw new UsageError(`data set '${dataset}': parameter '${param}' = ${k} is more than the ${indices.length} samples of the ${part} set; give at most ${indices.length}, or leave it out for all of them.`);
  }
  const perm = rng.permutation(indices.length);
  const out = new Uint32Array(k);
  for (let i = 0; i < k; i++) out[i] = indices[perm[i]!]!;
  return out;
}

function range(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** x / 255 in place (the pixels were bytes). */
function toUnit(d: Dataset): Dataset {
  const x = d.x;
  for (let i = 0; i < x.length; i++) x[i] = x[i]! / 255;
  return d;
}

/**
 * Builds an IDX data set (`idx`, `mnist` or `fashion-mnist`) from its resolved parameters: see the
 * module comment for the order of random draws. Labels are classes 0 … k−1 with k = 1 + the largest
 * label in the files (train and test), so a subset that misses a class still has k outputs.
 * @throws UsageError for a missing directory or file, a malformed file (naming it and the byte
 *   offset), mismatched counts or image sizes, fewer than 2 classes, or a subset larger than its set.
 */
export function makeIdxDataset(dataset: string, p: ResolvedParams, seed: number): DataBundle {
  let paths: IdxPaths;
  if (dataset === 'idx') {
    const testImages = p['testImages'];
    const testLabels = p['testLabels'];
    if ((testImages === undefined) !== (testLabels === undefined)) {
      throw new UsageError(`data set 'idx': give both testImages and testLabels, or neither (then testFraction of the training files is held out).`);
    }
    paths = { images: str(p, 'images'), labels: str(p, 'labels'), ...(typeof testImages === 'string' && typeof testLabels === 'string' ? { testImages, testLabels } : {}) };
  } else {
    paths = namedSetPaths(dataset, str(p, 'dir'));
  }
  const rng = new NumpyRandomState(seed);
  const trainImages = readIdxFile(dataset, paths.images);
  const trainLabels = readIdxFile(dataset, paths.labels);
  checkPair(dataset, paths.images, paths.labels, trainImages, trainLabels);
  const samples = p['samples'] as number | undefined;
  const testSamples = p['testSamples'] as number | undefined;
  let maxLabel = trainLabels.data.reduce((m, v) => (v > m ? v : m), 0);
  let train: Dataset;
  let test: Dataset;
  if (paths.testImages !== undefined && paths.testLabels !== undefined) {
    const testImages = readIdxFile(dataset, paths.testImages);
    const testLabels = readIdxFile(dataset, paths.testLabels);
    checkPair(dataset, paths.testImages, paths.testLabels, testImages, testLabels);
    const shape = (a: IdxArray) => a.dims.slice(1).join(' × ');
    if (shape(testImages) !== shape(trainImages)) {
      throw new UsageError(
        `data set '${dataset}': file '${paths.testImages}', byte 8: its images are ${shape(testImages)}, but those of '${paths.images}' are ${shape(trainImages)}; both sets need the same image size.`,
      );
    }
    maxLabel = testLabels.data.reduce((m, v) => (v > m ? v : m), maxLabel);
    const trainAt = samples === undefined ? null : subset(dataset, range(trainImages.dims[0]!), rng, samples, 'samples', 'training');
    const testAt = testSamples === undefined ? null : subset(dataset, range(testImages.dims[0]!), rng, testSamples, 'testSamples', 'test');
    train = gather(trainImages, trainLabels, trainAt);
    test = gather(testImages, testLabels, testAt);
  } else {
    // makeDataset's split (trainTestSplit): test = the first ⌈testFraction·n⌉ of perm, train = the rest.
    const n = trainImages.dims[0]!;
    const testFraction = num(p, 'testFraction');
    const nTest = testSize(n, testFraction);
    if (nTest < 1 || nTest >= n) {
      throw new UsageError(`data set '${dataset}': parameter 'testFraction' = ${testFraction} of ${n} images leaves ${nTest === 0 ? 'no test' : 'no training'} samples; both parts need at least one.`);
    }
    const perm = rng.permutation(n);
    const trainAt = subset(dataset, perm.subarray(nTest), rng, samples, 'samples', 'training');
    const testAt = subset(dataset, perm.subarray(0, nTest), rng, testSamples, 'testSamples', 'test');
    train = gather(trainImages, trainLabels, trainAt);
    test = gather(trainImages, trainLabels, testAt);
  }
  if (maxLabel < 1) throw new UsageError(`data set '${dataset}': file '${paths.labels}': every label is 0, a single class; there is nothing to classify.`);
  const nClasses = maxLabel + 1;

  let standardization: Standardization | undefined;
  if (str(p, 'scale') === 'standardize') {
    standardization = fitStandardization(train);
    train = applyStandardization(train, standardization);
    test = applyStandardization(test, standardization);
  } else {
    toUnit(train);
    toUnit(test);
  }
  const featureNames: string[] = [];
  for (let f = 0; f < train.nFeatures; f++) featureNames.push(`x${f}`);
  const bundle: DataBundle = {
    train,
    test,
    nClasses,
    task: nClasses === 2 ? 'binary' : 'multiclass',
    featureNames,
    parameters: p,
    ...(bool(p, 'flatten') ? {} : { sampleShape: trainImages.dims.slice(1) }),
  };
  return standardization ? { ...bundle, standardization } : bundle;
}
