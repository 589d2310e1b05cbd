/**
 * Every data set `makeDataset` knows, with its parameters documented (for the CLI's listings and
 * error messages). Each `DataSpec` also carries `seed` (an integer 0 … 2^32 − 1): a
 * `NumpyRandomState` seeded with it draws the data (generators) and then the train/test split.
 */
import { UsageError, didYouMean } from '../util/errors.js';
import { MAX_SEED } from '../util/seed.js';
import type { ParamSpec } from './params.js';

/** What the labels are: 0/1 classes, 0 … k−1 classes, or real-valued targets. */
export type Task = 'binary' | 'multiclass' | 'regression';

/** A data set initlab can make: its name, where its points come from, its task and its parameters (see DATASETS). */
export interface DataSetInfo {
  readonly name: string;
  /** 'generator': drawn from the seed; 'file': the user's data, split with the seed. */
  readonly kind: 'generator' | 'file';
  /** One line. */
  readonly summary: string;
  /** The task and class count, in words (e.g. "binary", "k classes (k = centers)"). */
  readonly labels: string;
  /** Where the generator comes from / what it reproduces. */
  readonly source: string;
  readonly params: readonly ParamSpec[];
}

const MAX_SAMPLES = 10_000_000;

const SAMPLES: ParamSpec = {
  name: 'samples',
  type: 'integer',
  default: 300,
  min: 2,
  max: MAX_SAMPLES,
  doc: 'Total number of points, train and test together.',
};

const TEST_FRACTION: ParamSpec = {
  name: 'testFraction',
  type: 'number',
  default: 0.25,
  min: 0,
  minOpen: true,
  max: 1,
  maxOpen: true,
  doc:
    'Share of the points held out for testing: after the data are drawn, the same stream draws perm = permutation(n); ' +
    'the first ⌈testFraction·n⌉ samples of perm are the test set, the rest the training set ' +
    "(sklearn's train_test_split(X, y, test_size=testFraction, random_state=<the same RandomState>)).",
};

const STANDARDIZE: ParamSpec = {
  name: 'standardize',
  type: 'boolean',
  default: false,
  doc:
    'Rescale every feature to mean 0 and standard deviation 1, with the mean and (population) standard deviation ' +
    'of the training part only, applied to both parts (a constant feature becomes 0).',
};

const TASK: ParamSpec = {
  name: 'task',
  type: 'string',
  default: 'auto',
  choices: ['auto', 'classification', 'regression'],
  doc:
    'auto: labels that are exactly the integers 0 … k−1 (k ≥ 2, every one present) are classes (k = 2: binary), ' +
    'anything else is a regression target; classification insists on classes; regression takes any finite labels.',
};

function noise(defaultValue: number, doc: string): ParamSpec {
  return { name: 'noise', type: 'number', default: defaultValue, min: 0, doc };
}

/** `samples` / `testSamples` of the IDX sets: a seeded subset (no default: the whole set). */
function subsetParam(name: string, part: string): ParamSpec {
  return {
    name,
    type: 'integer',
    min: 1,
    max: MAX_SAMPLES,
    range: `an integer in [1, ${MAX_SAMPLES}] (default: the whole ${part} set)`,
    doc:
      `A seeded subset of the ${part} set: the first ${name} of rng.permutation(n) (rng = numpy RandomState(seed), ` +
      `drawn ${name === 'samples' ? 'first' : 'after samples'}). Left out: all of it, in file order.`,
  };
}

/** The options every IDX set shares. */
const IDX_OPTIONS: readonly ParamSpec[] = [
  subsetParam('samples', 'training'),
  subsetParam('testSamples', 'test'),
  {
    name: 'scale',
    type: 'string',
    default: 'unit',
    choices: ['unit', 'standardize'],
    doc:
      'unit: pixels / 255, in [0, 1]; standardize: every pixel to mean 0 and standard deviation 1 with the (subset) training ' +
      "set's per-pixel mean and population std, applied to both sets (a constant pixel becomes 0, as in sklearn's StandardScaler).",
  },
  {
    name: 'flatten',
    type: 'boolean',
    default: true,
    doc: 'true: every image is a vector of its pixels (row-major); false: the image shape is kept for layers that use it (conv2d).',
  },
];

const IDX_LABELS = 'k classes 0 … k−1, k = 1 + the largest label in the files';

/** The data sets, in the order the CLI lists them. */
export const DATASETS: readonly DataSetInfo[] = [
  {
    name: 'circles',
    kind: 'generator',
    summary: "Two concentric circles, the course's data set.",
    labels: 'binary (outer circle 0, inner 1)',
    source: 'scikit-learn 1.2.1 make_circles(samples, noise=noise, factor=factor), bit for bit',
    params: [
      SAMPLES,
      noise(0.05, 'Standard deviation of the Gaussian noise added to every coordinate (the course uses 0.05).'),
      { name: 'factor', type: 'number', default: 0.8, min: 0, max: 1, maxOpen: true, doc: 'Inner radius / outer radius.' },
      TEST_FRACTION,
      {
        name: 'testSeed',
        type: 'integer',
        default: -1,
        min: -1,
        max: MAX_SEED,
        doc:
          "The course's split instead of testFraction: when ≥ 0, `samples` training points are drawn with `seed` and " +
          '`testSamples` test points by a second make_circles with this seed (the notebook: seed 1 / 300, testSeed 2 / 100).',
      },
      { name: 'testSamples', type: 'integer', default: 100, min: 2, max: MAX_SAMPLES, doc: 'Test points when testSeed ≥ 0.' },
    ],
  },
  {
    name: 'moons',
    kind: 'generator',
    summary: 'Two interleaving half circles.',
    labels: 'binary (outer moon 0, inner 1)',
    source: 'scikit-learn 1.2.1 make_moons(samples, noise=noise), bit for bit',
    params: [SAMPLES, noise(0.1, 'Standard deviation of the Gaussian noise added to every coordinate.'), TEST_FRACTION],
  },
  {
    name: 'blobs',
    kind: 'generator',
    summary: 'Isotropic Gaussian clusters, one class each.',
    labels: 'k classes 0 … k−1 (binary when k = 2)',
    source: 'scikit-learn 1.2.1 make_blobs(samples, features, centers=, cluster_std=, center_box=), bit for bit',
    params: [
      SAMPLES,
      {
        name: 'centers',
        type: 'integer|number[]',
        default: 3,
        min: 2,
        max: 1000,
        range: 'an integer in [2, 1000] or a list of k·features coordinates (k ≥ 2)',
        doc:
          'The number of clusters k, centred uniformly at random in centerBox; or their positions as a flat list ' +
          '[c0x0, c0x1, …, c1x0, …] of k·features numbers (no draws for centers then).',
      },
      { name: 'features', type: 'integer', default: 2, min: 1, max: 1000, doc: 'Number of features (dimensions).' },
      {
        name: 'clusterStd',
        type: 'number|number[]',
        default: 1.0,
        min: 0,
        doc: "Standard deviation of every cluster, or a list of one per cluster (sklearn's cluster_std).",
      },
      {
        name: 'centerBox',
        type: 'number[]',
        default: [-10, 10],
        range: 'two finite numbers [min, max] with min < max',
        doc: "Bounds of the random centers in every coordinate (sklearn's center_box).",
      },
      TEST_FRACTION,
    ],
  },
  {
    name: 'spiral',
    kind: 'generator',
    summary: 'Interleaved spiral arms, one class each (CS231n-style).',
    labels: 'k classes 0 … k−1, k = arms (binary when arms = 2)',
    source:
      'initlab: arm j, point i of n_j: r = i/(n_j − 1), θ = 2π·j/arms + 2π·turns·r + noise·N(0, 1), (r·cos θ, r·sin θ)',
    params: [
      SAMPLES,
      { name: 'arms', type: 'integer', default: 2, min: 2, max: 100, doc: 'Number of arms = classes.' },
      { name: 'turns', type: 'number', default: 1, min: 0, max: 100, doc: 'Full turns each arm makes from the centre to radius 1.' },
      noise(0.2, 'Standard deviation of the Gaussian noise on each angle, in radians.'),
      TEST_FRACTION,
    ],
  },
  {
    name: 'xor',
    kind: 'generator',
    summary: 'Points in the square [−1, 1]², labelled by the sign of x0·x1 (TensorFlow Playground-like).',
    labels: 'binary (1 where x0·x1 ≥ 0, else 0)',
    source: 'initlab, after the TensorFlow Playground XOR scaled by 1/5',
    params: [
      SAMPLES,
      { name: 'padding', type: 'number', default: 0.06, min: 0, max: 1, doc: 'Gap between the points and the axes (added to |x0| and |x1|).' },
      noise(0, 'Standard deviation of the Gaussian noise added to every coordinate after labelling.'),
      TEST_FRACTION,
    ],
  },
  {
    name: 'gauss',
    kind: 'generator',
    summary: 'Two Gaussian clouds around (−2, −2) and (2, 2) (TensorFlow Playground-like).',
    labels: 'binary (0 around (−2, −2), 1 around (2, 2))',
    source: 'initlab, after the TensorFlow Playground two Gaussians',
    params: [SAMPLES, { name: 'std', type: 'number', default: 1, min: 0, doc: 'Standard deviation of each cloud in each coordinate.' }, TEST_FRACTION],
  },
  {
    name: 'checkerboard',
    kind: 'generator',
    summary: 'A cells × cells checkerboard on [−1, 1]², labelled by cell parity.',
    labels: 'binary ((column + row of the cell) mod 2)',
    source: 'initlab',
    params: [
      SAMPLES,
      { name: 'cells', type: 'integer', default: 4, min: 2, max: 64, doc: 'Cells per side.' },
      noise(0, 'Standard deviation of the Gaussian noise added to every coordinate after labelling.'),
      TEST_FRACTION,
    ],
  },
  {
    name: 'csv',
    kind: 'file',
    summary: 'Your data from a CSV file with a header row.',
    labels: 'classes when the labels are the integers 0 … k−1, else regression (see task)',
    source:
      'comma-separated, header row of column names (row 1), one sample per row, numbers only (no NaN/inf); ' +
      'every column except the label column is a feature',
    params: [
      { name: 'path', type: 'string', required: true, doc: 'The CSV file (relative to the working directory).' },
      { name: 'label', type: 'string', default: 'label', doc: 'Name of the label column in the header.' },
      TEST_FRACTION,
      STANDARDIZE,
      TASK,
    ],
  },
  {
    name: 'npy',
    kind: 'file',
    summary: 'Your data from two NumPy .npy files: features (n, d) and labels (n,).',
    labels: 'classes when the labels are the integers 0 … k−1, else regression (see task)',
    source: 'numpy .npy (float32/64, integer or bool dtypes), no NaN/inf',
    params: [
      { name: 'path', type: 'string', required: true, doc: 'The features, an array of shape (n, d).' },
      { name: 'labels', type: 'string', required: true, doc: 'The labels, an array of shape (n,) (or (n, 1)).' },
      TEST_FRACTION,
      STANDARDIZE,
      TASK,
    ],
  },
  {
    name: 'fashion-mnist',
    kind: 'file',
    summary: 'Fashion-MNIST (Xiao et al. 2017): 28×28 grey images of 10 kinds of clothing, 60,000 train / 10,000 test.',
    labels: '10 classes (0 T-shirt/top … 9 ankle boot)',
    source:
      'the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, ' +
      "each gzipped or not) in dir; Debian's dataset-fashion-mnist package installs them",
    params: [
      { name: 'dir', type: 'string', default: '/usr/share/datasets/fashion-mnist', doc: "The directory with the four IDX files (default: Debian's dataset-fashion-mnist)." },
      ...IDX_OPTIONS,
    ],
  },
  {
    name: 'mnist',
    kind: 'file',
    summary: 'MNIST (LeCun et al. 1998): 28×28 grey images of handwritten digits, 60,000 train / 10,000 test.',
    labels: '10 classes (the digits 0 … 9)',
    source: 'the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each gzipped or not) in dir',
    params: [{ name: 'dir', type: 'string', required: true, doc: 'The directory with the four IDX files.' }, ...IDX_OPTIONS],
  },
  {
    name: 'idx',
    kind: 'file',
    summary: 'Your images and labels in the IDX format of MNIST (unsigned bytes, images of any rank), gzipped or not.',
    labels: IDX_LABELS,
    source: 'IDX files: magic 00 00 08 r, r big-endian uint32 sizes, then the bytes (gzip detected from its magic bytes)',
    params: [
      { name: 'images', type: 'string', required: true, doc: 'The training images, an IDX ubyte file of shape (n, …).' },
      { name: 'labels', type: 'string', required: true, doc: 'The training labels, an IDX ubyte file of shape (n,).' },
      { name: 'testImages', type: 'string', doc: 'The test images (with testLabels); left out, testFraction of the training files is held out.' },
      { name: 'testLabels', type: 'string', doc: 'The test labels (with testImages; left out together with it).' },
      TEST_FRACTION,
      ...IDX_OPTIONS,
    ],
  },
];

/** The known data set names, in listing order. */
export const DATASET_NAMES: readonly string[] = DATASETS.map((d) => d.name);

/**
 * The data set called `name`.
 * @throws UsageError for an unknown name (with the closest names suggested).
 */
export function datasetInfo(name: string): DataSetInfo {
  const info = DATASETS.find((d) => d.name === name);
  if (!info) throw new UsageError(`unknown data set '${name}'.${didYouMean(name, DATASET_NAMES)} Known: ${DATASET_NAMES.join(', ')}.`);
  return info;
}
